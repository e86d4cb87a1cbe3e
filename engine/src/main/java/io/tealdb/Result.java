package io.tealdb;

import io.tealdb.error.InvalidInputException;
import io.tealdb.session.QueryResult;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The result of an executed statement, read once from the front: row by row ({@link #fetchOne},
 * {@link #fetchMany}, {@link #fetchAll}), column-wise ({@link #fetchColumns}), chunk by chunk
 * ({@link #chunks}) for large results, or printed ({@link #show}). Each fetch continues where the
 * previous one stopped. Not thread-safe; close it to stop a query early.
 */
public final class Result implements AutoCloseable, Iterable<DataChunk> {
    private final QueryResult result;
    private DataChunk chunk;
    private int row;
    private boolean exhausted;

    private final java.time.ZoneId zone;
    private final boolean arrowLossless;

    Result(QueryResult result, java.time.ZoneId zone, boolean arrowLossless) {
        this.result = result;
        this.zone = zone;
        this.arrowLossless = arrowLossless;
    }

    /**
     * The session's {@code arrow_lossless_conversion} when the statement ran: whether an Arrow export
     * of this result keeps types that Arrow has no type for whole (TIME WITH TIME ZONE as DuckDB's
     * {@code arrow.opaque} {@code time_tz}) instead of converting them to the nearest Arrow type.
     */
    public boolean arrowLosslessConversion() {
        return arrowLossless;
    }

    /** The session's TimeZone: TIMESTAMP WITH TIME ZONE values are shown and returned in it. */
    public java.time.ZoneId timeZone() {
        return zone;
    }

    public List<String> columnNames() {
        return result.columnNames();
    }

    public List<LogicalType> columnTypes() {
        return result.columnTypes();
    }

    /** Rows changed by DML, or -1. */
    public long updateCount() {
        return result.updateCount();
    }

    public boolean hasResultSet() {
        return result.hasResultSet();
    }

    /** Positions on a row; returns false at the end. */
    private boolean advance() {
        while (chunk == null || row >= chunk.size()) {
            if (exhausted) {
                return false;
            }
            chunk = result.nextChunk();
            row = 0;
            if (chunk == null) {
                exhausted = true;
                return false;
            }
        }
        return true;
    }

    private Object[] takeRow() {
        int cols = chunk.columnCount();
        Object[] out = new Object[cols];
        for (int c = 0; c < cols; c++) {
            out[c] = JavaValues.toJava(chunk.column(c), row, zone);
        }
        row++;
        return out;
    }

    /** The next row, or null at the end. */
    public Object[] fetchOne() {
        return advance() ? takeRow() : null;
    }

    /** Up to {@code n} next rows. */
    public List<Object[]> fetchMany(int n) {
        List<Object[]> out = new ArrayList<>(Math.min(Math.max(n, 0), 4096));
        while (out.size() < n && advance()) {
            out.add(takeRow());
        }
        return out;
    }

    /** All remaining rows. */
    public List<Object[]> fetchAll() {
        List<Object[]> out = new ArrayList<>();
        while (advance()) {
            out.add(takeRow());
        }
        return out;
    }

    /**
     * The remaining rows chunk by chunk (streaming: at most one chunk is held). The rest of a chunk
     * partly consumed by row fetches comes first, as a copy.
     */
    public DataChunk nextChunk() {
        if (!advance()) {
            return null;
        }
        DataChunk out = chunk;
        if (row > 0) {
            int[] sel = new int[chunk.size() - row];
            for (int i = 0; i < sel.length; i++) {
                sel[i] = row + i;
            }
            out = chunk.gather(sel, sel.length);
        }
        chunk = null;
        return out;
    }

    /**
     * Hands back a chunk {@link #nextChunk} returned once the caller is done with it and keeps no
     * reference to it (e.g. after converting it to Arrow): the running query writes later rows into
     * its memory instead of allocating new vectors for every chunk. Calling it is optional.
     */
    public void recycle(DataChunk done) {
        if (done != null) result.recycle(done);
    }

    /** Iterates the remaining chunks ({@link #nextChunk}). */
    @Override
    public Iterator<DataChunk> iterator() {
        return new Iterator<>() {
            private DataChunk next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = nextChunk();
                }
                return next != null;
            }

            @Override
            public DataChunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                DataChunk c = next;
                next = null;
                return c;
            }
        };
    }

    public Iterable<DataChunk> chunks() {
        return this;
    }

    /** All remaining rows as one array per column plus null masks (see {@link FetchedColumn}). */
    public List<FetchedColumn> fetchColumns() {
        List<DataChunk> chunks = new ArrayList<>();
        long total = 0;
        for (DataChunk c : this) {
            chunks.add(c);
            total += c.size();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("result has " + total + " rows, too many for Java arrays: use chunks()");
        }
        int rows = (int) total;
        List<String> names = columnNames();
        List<LogicalType> types = columnTypes();
        List<FetchedColumn> out = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            out.add(column(names.get(c), types.get(c), chunks, c, rows));
        }
        return out;
    }

    private static FetchedColumn column(String name, LogicalType type, List<DataChunk> chunks, int c, int rows) {
        boolean[] nulls = new boolean[rows];
        Object values = switch (type.id()) {
            case BOOLEAN -> new boolean[rows];
            case TINYINT -> new byte[rows];
            case SMALLINT, UTINYINT -> new short[rows];
            case INTEGER, DATE, USMALLINT -> new int[rows];
            case BIGINT, TIME, TIMESTAMP, UINTEGER, TIMESTAMP_TZ, TIME_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> new long[rows];
            case FLOAT -> new float[rows];
            case DOUBLE -> new double[rows];
            case HUGEINT, UBIGINT, UHUGEINT, BIGNUM -> new BigInteger[rows];
            case UUID -> new java.util.UUID[rows];
            case DECIMAL -> new BigDecimal[rows];
            case VARCHAR, JSON, ENUM, BIT -> new String[rows];
            case BLOB -> new byte[rows][];
            case INTERVAL -> new Interval[rows];
            case SQLNULL, LIST, ARRAY, STRUCT, MAP, UNION -> new Object[rows];
        };
        int at = 0;
        for (DataChunk chunk : chunks) {
            Vector v = chunk.column(c);
            int n = chunk.size();
            switch (type.id()) {
                case BOOLEAN -> {
                    boolean[] dst = (boolean[]) values;
                    for (int i = 0; i < n; i++) dst[at + i] = v.bytes[i] != 0;
                }
                case TINYINT -> System.arraycopy(v.bytes, 0, values, at, n);
                case SMALLINT, UTINYINT -> System.arraycopy(v.shorts, 0, values, at, n);
                case INTEGER, DATE, USMALLINT -> System.arraycopy(v.ints, 0, values, at, n);
                case BIGINT, TIME, TIMESTAMP, UINTEGER, TIMESTAMP_TZ, TIME_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS ->
                        System.arraycopy(v.longs, 0, values, at, n);
                case FLOAT -> System.arraycopy(v.floats, 0, values, at, n);
                case DOUBLE -> System.arraycopy(v.doubles, 0, values, at, n);
                case HUGEINT -> {
                    BigInteger[] dst = (BigInteger[]) values;
                    for (int i = 0; i < n; i++) dst[at + i] = Int128.toBigInteger(v.highs[i], v.longs[i]);
                }
                default -> {
                    Object[] dst = (Object[]) values;
                    for (int i = 0; i < n; i++) dst[at + i] = v.getObject(i);
                }
            }
            if (v.validity != null) {
                for (int i = 0; i < n; i++) {
                    if (v.isNull(i)) {
                        nulls[at + i] = true;
                        clearSlot(values, at + i);
                    }
                }
            } else if (type.id() == io.tealdb.types.TypeId.SQLNULL) {
                java.util.Arrays.fill(nulls, at, at + n, true);
            }
            at += n;
        }
        return new FetchedColumn(name, type, values, nulls);
    }

    private static void clearSlot(Object values, int i) {
        switch (values) {
            case boolean[] a -> a[i] = false;
            case byte[] a -> a[i] = 0;
            case short[] a -> a[i] = 0;
            case int[] a -> a[i] = 0;
            case long[] a -> a[i] = 0;
            case float[] a -> a[i] = 0;
            case double[] a -> a[i] = 0;
            case Object[] a -> a[i] = null;
            default -> {
            }
        }
    }

    /** Renders the remaining rows as a DuckDB-style box. */
    public String toBoxString(BoxRenderer renderer) {
        BoxRenderer.Collector collector = renderer.collector(columnNames(), columnTypes()).withTimeZone(zone);
        for (DataChunk c : this) {
            collector.add(c);
        }
        return collector.render();
    }

    public String toBoxString() {
        return toBoxString(new BoxRenderer());
    }

    public void show(PrintStream out) {
        out.print(toBoxString());
        out.flush();
    }

    public void show() {
        show(System.out);
    }

    @Override
    public void close() {
        result.close();
    }
}
