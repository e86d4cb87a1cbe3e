package io.tealdb.execution.hash;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Rows of several columns materialised column-wise ({@link GrowableColumn} each), addressed by a
 * dense row id {@code [0, size)}. Not thread-safe: each thread fills its own store.
 */
public final class ColumnStore {
    private final GrowableColumn[] columns;
    private int size;

    public ColumnStore(List<LogicalType> types, int initialCapacity) {
        columns = new GrowableColumn[types.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new GrowableColumn(types.get(i), initialCapacity);
        }
    }

    private ColumnStore(GrowableColumn[] columns, int size) {
        this.columns = columns;
        this.size = size;
    }

    /**
     * A new store of {@code n} rows gathered from several stores of the same types: row {@code i}
     * of {@code sources[s]} becomes row {@code dest[s][i]} ({@code i < counts[s]}).
     */
    public static ColumnStore scattered(ColumnStore[] sources, int[][] dest, int[] counts, int n) {
        int columnCount = sources[0].columns.length;
        GrowableColumn[] out = new GrowableColumn[columnCount];
        // the pool's threads do not inherit the statement: bind it, so that the copy is reserved too
        io.tealdb.memory.StatementGuard.Statement statement = io.tealdb.memory.StatementGuard.current();
        java.util.function.IntConsumer column = c -> io.tealdb.memory.StatementGuard.within(statement, () -> {
            GrowableColumn[] from = new GrowableColumn[sources.length];
            for (int s = 0; s < sources.length; s++) from[s] = sources[s].columns[c];
            out[c] = GrowableColumn.scattered(from, dest, counts, n);
            return null;
        });
        if (n >= PARALLEL_SCATTER_ROWS && columnCount > 1) {
            // random writes, one column per task: this runs while the build's workers are idle
            java.util.stream.IntStream.range(0, columnCount).parallel().forEach(column);
        } else {
            for (int c = 0; c < columnCount; c++) column.accept(c);
        }
        return new ColumnStore(out, n);
    }

    /** Below this many rows a scatter is not worth splitting across threads. */
    private static final int PARALLEL_SCATTER_ROWS = 1 << 16;

    public int size() {
        return size;
    }

    public List<LogicalType> types() {
        List<LogicalType> types = new java.util.ArrayList<>(columns.length);
        for (GrowableColumn c : columns) types.add(c.type);
        return types;
    }

    public int columnCount() {
        return columns.length;
    }

    public GrowableColumn column(int i) {
        return columns[i];
    }

    public GrowableColumn[] columns() {
        return columns;
    }

    public void ensureCapacity(int rows) {
        for (GrowableColumn c : columns) c.ensureCapacity(rows);
    }

    /** Appends rows {@code sel[0..count)} (or {@code [0,count)}) of {@code src}; returns the first new row id. */
    public int append(Vector[] src, int[] sel, int count) {
        int at = size;
        ensureCapacity(at + count);
        for (int c = 0; c < columns.length; c++) {
            columns[c].append(src[c], sel, count, at);
        }
        size = at + count;
        return at;
    }

    /** Reads rows {@code [from, from+count)} into the first columns of {@code out}, at offset columnOffset. */
    public void scan(int from, int count, Vector[] out, int columnOffset) {
        for (int c = 0; c < columns.length; c++) {
            columns[c].scan(from, count, out[columnOffset + c]);
        }
    }

    /** Reads rows {@code rows[0..count)} into the first columns of {@code out} (reset), at offset columnOffset. */
    public void gather(int[] rows, int count, Vector[] out, int columnOffset) {
        for (int c = 0; c < columns.length; c++) {
            columns[c].gather(rows, count, out[columnOffset + c], 0);
        }
    }

    public long memoryUsage() {
        long m = 0;
        for (GrowableColumn c : columns) m += c.memoryUsage();
        return m;
    }
}
