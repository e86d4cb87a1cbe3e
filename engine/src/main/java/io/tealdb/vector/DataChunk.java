package io.tealdb.vector;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A horizontal slice of a result or intermediate: one {@link Vector} per column, {@link #size}
 * rows (at most {@link #CAPACITY} for chunks flowing between operators). Operators pass chunks
 * by reference; a received chunk is read-only.
 */
public final class DataChunk {
    /** Rows per chunk flowing through pipelines (DuckDB's STANDARD_VECTOR_SIZE). */
    public static final int CAPACITY = 2048;

    private final Vector[] columns;
    private int size;
    /** Per column: see {@link #handsOver(int)}; null while no column is handed over. */
    private boolean[] handsOver;

    public DataChunk(Vector[] columns, int size) {
        this.columns = columns;
        this.size = size;
    }

    public DataChunk(List<LogicalType> types, int capacity) {
        this.columns = new Vector[types.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new Vector(types.get(i), capacity);
        }
    }

    public DataChunk(List<LogicalType> types) {
        this(types, CAPACITY);
    }

    /**
     * The capacity a chunk needs to carry the output of an operator that outputs at most
     * {@code maxRows} rows in all (-1: unknown): a query over a handful of rows then allocates and
     * zeroes a handful of slots per column instead of {@link #CAPACITY}.
     */
    public static int capacityFor(long maxRows) {
        return maxRows >= 0 && maxRows < CAPACITY ? (int) Math.max(1, maxRows) : CAPACITY;
    }

    public int size() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public int columnCount() {
        return columns.length;
    }

    public Vector column(int i) {
        return columns[i];
    }

    public Vector[] columns() {
        return columns;
    }

    public void setColumn(int i, Vector v) {
        columns[i] = v;
    }

    /**
     * Whether the producer of this chunk hands column {@code c}'s vector over: it refills that vector
     * from scratch the next time it is asked for rows (writing every array before reading it, keeping
     * no reference to its arrays in between), and nothing reads the vector before then. The consumer
     * of the chunk may then take the vector's memory ({@link Vector#swapStorage}) instead of copying
     * the rows out, handing the producer empty memory of the same type in exchange. Set by the
     * producer each time it fills the chunk (a scan of stored rows); passed on by operators that pass
     * the vector itself on (a projection's column references); false unless said.
     */
    public boolean handsOver(int c) {
        return handsOver != null && handsOver[c];
    }

    /** Sets {@link #handsOver(int)} for every column. */
    public void setHandsOver(boolean all) {
        if (!all && handsOver == null) return;
        if (handsOver == null) handsOver = new boolean[columns.length];
        java.util.Arrays.fill(handsOver, all);
    }

    public void setHandsOver(int c, boolean handedOver) {
        if (!handedOver && handsOver == null) return;
        if (handsOver == null) handsOver = new boolean[columns.length];
        handsOver[c] = handedOver;
    }

    /** Resets every column for reuse as an output chunk. */
    public void reset() {
        size = 0;
        for (Vector v : columns) {
            v.reset();
        }
    }

    /** A new chunk holding rows {@code sel[0..count)} of this one (copied). */
    public DataChunk gather(int[] sel, int count) {
        Vector[] out = new Vector[columns.length];
        for (int c = 0; c < columns.length; c++) {
            Vector v = new Vector(columns[c].type, Math.max(count, 1));
            v.copyFrom(columns[c], sel, 0, count, 0);
            out[c] = v;
        }
        return new DataChunk(out, count);
    }

    /** Boxed access for non-hot paths (results, tests). */
    public Object getObject(int column, int row) {
        return columns[column].getObject(row);
    }
}
