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

    /** A new store whose row i is row {@code perm[i]} of this one, i &lt; n. */
    public ColumnStore permuted(int[] perm, int n) {
        GrowableColumn[] out = new GrowableColumn[columns.length];
        if (n >= PARALLEL_PERMUTE_ROWS && out.length > 1) {
            // random gathers, one column per task: this runs while the build's workers are idle
            java.util.stream.IntStream.range(0, out.length).parallel().forEach(c -> out[c] = columns[c].permuted(perm, n));
        } else {
            for (int c = 0; c < out.length; c++) out[c] = columns[c].permuted(perm, n);
        }
        return new ColumnStore(out, n);
    }

    /** Below this many rows a permutation is not worth splitting across threads. */
    private static final int PARALLEL_PERMUTE_ROWS = 1 << 16;

    public int size() {
        return size;
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

    /** Appends every row of {@code other} (same types); returns the first new row id. */
    public int appendAll(ColumnStore other) {
        int at = size;
        int n = other.size;
        ensureCapacity(at + n);
        for (int c = 0; c < columns.length; c++) {
            columns[c].appendFrom(other.columns[c], 0, n, at);
        }
        size = at + n;
        return at;
    }

    /** Reads rows {@code [from, from+count)} into the first columns of {@code out}, at offset columnOffset. */
    public void scan(int from, int count, Vector[] out, int columnOffset) {
        for (int c = 0; c < columns.length; c++) {
            columns[c].scan(from, count, out[columnOffset + c]);
        }
    }

    public long memoryUsage() {
        long m = 0;
        for (GrowableColumn c : columns) m += c.memoryUsage();
        return m;
    }
}
