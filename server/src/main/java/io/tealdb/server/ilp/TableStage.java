package io.tealdb.server.ilp;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one table staged by a request (or a TCP commit window) until its commit: one column
 * of 2048-row vectors per table column, already in the column's type, so the commit hands whole
 * chunks to the engine's appender. Values are converted on arrival by the column's type and the
 * value's protocol type (QuestDB's cast rules); a column the request adds is back-filled with NULLs.
 */
final class TableStage {
    private static final int CHUNK = DataChunk.CAPACITY;
    // how a value is written into a column, from the column's type
    private static final int S_NONE = 0, S_BIGINT = 1, S_INTEGER = 2, S_SMALLINT = 3, S_TINYINT = 4, S_DOUBLE = 5, S_FLOAT = 6,
            S_VARCHAR = 7, S_BOOLEAN = 8, S_TIMESTAMP = 9, S_ARRAY = 10;

    final String name;
    final List<String> names = new ArrayList<>();
    final List<LogicalType> types = new ArrayList<>();
    private final NameIndex index = new NameIndex();
    private int[] sink = new int[8];
    /** TIMESTAMP-like columns: nanoseconds per unit of the column; arrays: their dimensions. */
    private long[] unitNanos = new long[8];
    private Vector[][] data = new Vector[8][];
    private int[] lastRow = new int[8];
    /** Designated timestamp column, or -1. */
    int tsCol = -1;
    int rows;

    /** The table's generated columns (lower-case names): lines may not write them. */
    final java.util.Set<String> generated;
    /** Per column: generated (see {@link #generated}). */
    private boolean[] isGenerated = new boolean[8];

    TableStage(String name, IlpIngest.Shape shape) {
        this.name = name;
        this.generated = shape.generated();
        for (int i = 0; i < shape.names().size(); i++) addColumn(shape.names().get(i), shape.types().get(i));
        tsCol = designatedTimestamp(names, types, isGenerated);
    }

    /** True when column c is generated. */
    boolean generated(int c) {
        return isGenerated[c];
    }

    /** The column named "timestamp" when it has a timestamp type, else the first timestamp column, else -1. */
    static int designatedTimestamp(List<String> names, List<LogicalType> types, boolean[] generated) {
        int first = -1;
        for (int i = 0; i < names.size(); i++) {
            if (timestampUnitNanos(types.get(i)) == 0 || generated[i]) continue;
            if (names.get(i).equalsIgnoreCase("timestamp")) return i;
            if (first < 0) first = i;
        }
        return first;
    }

    /** Nanoseconds per stored unit of a timestamp type, 0 for other types. */
    static long timestampUnitNanos(LogicalType t) {
        return switch (t.id()) {
            case TIMESTAMP, TIMESTAMP_TZ -> 1000L;
            case TIMESTAMP_NS -> 1L;
            case TIMESTAMP_MS -> 1_000_000L;
            case TIMESTAMP_S -> 1_000_000_000L;
            default -> 0L;
        };
    }

    int column(byte[] b, int off, int len) {
        return index.get(b, off, len);
    }

    /**
     * The column of a line's e-th entry: lines of one table name their columns in the same order, so
     * the column the e-th entry had last time is tried first (a byte comparison, no hashing).
     */
    int column(int e, byte[] b, int off, int len) {
        if (e < predicted.length) {
            int p = predicted[e];
            if (p >= 0 && NameIndex.equal(nameBytes[p], b, off, len)) return p;
        } else {
            int old = predicted.length;
            predicted = Arrays.copyOf(predicted, Math.max(e + 1, old * 2));
            Arrays.fill(predicted, old, predicted.length, -1);
        }
        int c = index.get(b, off, len);
        predicted[e] = c;
        return c;
    }

    private int[] predicted = new int[0];
    private byte[][] nameBytes = new byte[8][];

    int columnCount() {
        return names.size();
    }

    /** Adds a column (existing in the table or just added to it); earlier staged rows read NULL. */
    int addColumn(String colName, LogicalType type) {
        int c = names.size();
        names.add(colName);
        types.add(type);
        index.put(colName, c);
        if (c == sink.length) {
            int n = c * 2;
            sink = Arrays.copyOf(sink, n);
            unitNanos = Arrays.copyOf(unitNanos, n);
            data = Arrays.copyOf(data, n);
            lastRow = Arrays.copyOf(lastRow, n);
            isGenerated = Arrays.copyOf(isGenerated, n);
        }
        isGenerated[c] = !generated.isEmpty() && generated.contains(colName.toLowerCase(java.util.Locale.ROOT));
        if (c == nameBytes.length) nameBytes = Arrays.copyOf(nameBytes, c * 2);
        nameBytes[c] = colName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sink[c] = sinkOf(type);
        unitNanos[c] = sink[c] == S_ARRAY ? arrayDims(type) : timestampUnitNanos(type);
        lastRow[c] = -1;
        int chunks = (rows + CHUNK) / CHUNK;
        data[c] = new Vector[Math.max(4, chunks)];
        for (int k = 0; k < chunks; k++) {
            Vector v = new Vector(type, CHUNK);
            int upto = Math.min(CHUNK, rows - k * CHUNK);
            for (int r = 0; r < upto; r++) v.setNull(r);
            data[c][k] = v;
        }
        return c;
    }

    private static int sinkOf(LogicalType t) {
        return switch (t.id()) {
            case BIGINT -> S_BIGINT;
            case INTEGER -> S_INTEGER;
            case SMALLINT -> S_SMALLINT;
            case TINYINT -> S_TINYINT;
            case DOUBLE -> S_DOUBLE;
            case FLOAT -> S_FLOAT;
            case VARCHAR -> S_VARCHAR;
            case BOOLEAN -> S_BOOLEAN;
            case TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_NS, TIMESTAMP_MS, TIMESTAMP_S -> S_TIMESTAMP;
            case LIST -> arrayDims(t) > 0 ? S_ARRAY : S_NONE;
            default -> S_NONE;
        };
    }

    /** Dimensions of a DOUBLE[]...[] type (nested lists of DOUBLE), 0 for anything else. */
    static int arrayDims(LogicalType t) {
        int d = 0;
        while (t.id() == TypeId.LIST) {
            t = t.childType();
            d++;
        }
        return t.id() == TypeId.DOUBLE ? d : 0;
    }

    /** Makes sure the current row has a slot in every column. */
    void beginRow() {
        if ((rows & (CHUNK - 1)) != 0) return;
        int k = rows / CHUNK;
        for (int c = 0; c < names.size(); c++) {
            if (k == data[c].length) data[c] = Arrays.copyOf(data[c], k * 2);
            if (data[c][k] == null) data[c][k] = new Vector(types.get(c), CHUNK);
        }
    }

    /** True the first time a column is named in the current row (QuestDB: the first occurrence wins). */
    boolean claim(int c) {
        if (lastRow[c] == rows) return false;
        lastRow[c] = rows;
        return true;
    }

    void endRow() {
        int k = rows / CHUNK, r = rows & (CHUNK - 1);
        for (int c = 0; c < names.size(); c++) {
            if (lastRow[c] != rows) data[c][k].setNull(r);
        }
        rows++;
    }

    /** Forgets a row that failed half-way (its slot is reused by the next row). */
    void abortRow() {
        int k = rows / CHUNK, r = rows & (CHUNK - 1);
        for (int c = 0; c < names.size(); c++) {
            if (lastRow[c] == rows) {
                lastRow[c] = -1;
                data[c][k].setValid(r);
            }
        }
    }

    private Vector slot(int c) {
        return data[c][rows / CHUNK];
    }

    /** Writes the designated timestamp (value in {@code nanosPerUnit} units) into column c. */
    void writeTimestamp(int c, long value, long nanosPerUnit) {
        Vector v = slot(c);
        int r = rows & (CHUNK - 1);
        v.longs[r] = convertUnit(value, nanosPerUnit, unitNanos[c]);
        v.setValid(r);
    }

    static long convertUnit(long v, long fromNanos, long toNanos) {
        if (fromNanos == toNanos) return v;
        if (fromNanos > toNanos) {
            try {
                return Math.multiplyExact(v, fromNanos / toNanos);
            } catch (ArithmeticException e) {
                throw IlpException.invalid("timestamp out of range: " + v);
            }
        }
        return Math.floorDiv(v, toNanos / fromNanos);
    }

    /** Writes entry e of the line into column c, converting by QuestDB's rules. */
    void write(int c, ParsedLine line, int e) {
        Vector v = slot(c);
        int r = rows & (CHUNK - 1);
        byte kind = line.kind[e];
        if (kind == ParsedLine.NULL || (kind == ParsedLine.TAG && line.valLen[e] == 0)) {
            v.setNull(r);
            return;
        }
        switch (sink[c]) {
            case S_DOUBLE -> {
                switch (kind) {
                    case ParsedLine.DOUBLE -> v.doubles[r] = line.doubles[e];
                    case ParsedLine.LONG, ParsedLine.BOOL -> v.doubles[r] = line.longs[e];
                    default -> throw castError(line, e, c);
                }
            }
            case S_VARCHAR -> {
                if (kind == ParsedLine.TAG) {
                    setSymbol(c, v, r, line.valueBytes(e), line.valOff[e], line.valLen[e]);
                } else {
                    if (kind != ParsedLine.STRING) throw castError(line, e, c);
                    v.setBytes(r, line.valueBytes(e), line.valOff[e], line.valLen[e]);
                }
            }
            case S_BIGINT, S_INTEGER, S_SMALLINT, S_TINYINT -> {
                if (kind != ParsedLine.LONG && kind != ParsedLine.BOOL) throw castError(line, e, c);
                long x = line.longs[e];
                switch (sink[c]) {
                    case S_BIGINT -> v.longs[r] = x;
                    case S_INTEGER -> v.ints[r] = (int) bounded(x, Integer.MIN_VALUE, Integer.MAX_VALUE, line, e, c);
                    case S_SMALLINT -> v.shorts[r] = (short) bounded(x, Short.MIN_VALUE, Short.MAX_VALUE, line, e, c);
                    default -> v.bytes[r] = (byte) bounded(x, Byte.MIN_VALUE, Byte.MAX_VALUE, line, e, c);
                }
            }
            case S_FLOAT -> {
                switch (kind) {
                    case ParsedLine.DOUBLE -> v.floats[r] = (float) line.doubles[e];
                    case ParsedLine.LONG, ParsedLine.BOOL -> v.floats[r] = line.longs[e];
                    default -> throw castError(line, e, c);
                }
            }
            case S_BOOLEAN -> {
                if (kind != ParsedLine.BOOL) throw castError(line, e, c);
                v.bytes[r] = (byte) line.longs[e];
            }
            case S_TIMESTAMP -> {
                switch (kind) {
                    case ParsedLine.TIMESTAMP -> v.longs[r] = convertUnit(line.longs[e], fieldUnitNanos(line.unit[e]), unitNanos[c]);
                    case ParsedLine.LONG -> v.longs[r] = line.longs[e];
                    default -> throw castError(line, e, c);
                }
            }
            case S_ARRAY -> {
                if (kind != ParsedLine.ARRAY) throw castError(line, e, c);
                if (line.valLen[e] != unitNanos[c]) {
                    throw IlpException.invalid("table: " + name + ", column: " + names.get(c) + "; array has "
                            + line.valLen[e] + " dimensions, the column " + unitNanos[c]);
                }
                writeArray(v, r, line.input, (int) line.longs[e], line.valLen[e], line.valOff[e]);
            }
            default -> throw castError(line, e, c);
        }
        v.setValid(r);
    }

    /** Symbol values at most this long are stored once per chunk (longer ones are copied per row). */
    private static final int SYMBOL_MAX_LENGTH = 64;
    /** Entries of a column's symbol cache (a power of two). */
    private static final int SYMBOLS = 64;
    /** Per column: heap offset and length of recent symbol values in the chunk vector {@link #symbolOwner} (lazily made). */
    private int[][] symbolCache = new int[8][];
    private Vector[] symbolOwner = new Vector[8];

    /**
     * Writes a symbol (tag) value: a value the column's current chunk already holds is not copied again,
     * the row points at the earlier copy. Rows of one value then share a heap slot, which the segment's
     * append, its distinct-value sketch and the WAL's dictionary encoding recognise without hashing bytes.
     */
    private void setSymbol(int c, Vector v, int r, byte[] in, int off, int len) {
        if (len > SYMBOL_MAX_LENGTH) {
            v.setBytes(r, in, off, len);
            return;
        }
        if (c >= symbolCache.length) {
            symbolCache = Arrays.copyOf(symbolCache, Math.max(c + 1, symbolCache.length * 2));
            symbolOwner = Arrays.copyOf(symbolOwner, symbolCache.length);
        }
        int[] cache = symbolCache[c];
        if (cache == null) cache = symbolCache[c] = new int[2 * SYMBOLS];
        if (symbolOwner[c] != v) { // a new chunk: its heap holds none of the remembered values
            Arrays.fill(cache, -1);
            symbolOwner[c] = v;
        }
        int h = len;
        for (int k = off, end = off + len; k < end; k++) h = 31 * h + in[k];
        int slot = 2 * ((h ^ (h >>> 11)) & (SYMBOLS - 1));
        int at = cache[slot];
        if (at >= 0 && cache[slot + 1] == len) {
            byte[] heap = v.heap;
            int k = 0;
            while (k < len && heap[at + k] == in[off + k]) k++;
            if (k == len) {
                v.offsets[r] = at;
                v.lengths[r] = len;
                return;
            }
        }
        v.setBytes(r, in, off, len);
        cache[slot] = v.offsets[r];
        cache[slot + 1] = len;
    }

    static long fieldUnitNanos(byte unit) {
        return switch (unit) {
            case ParsedLine.UNIT_NANOS -> 1L;
            case ParsedLine.UNIT_MILLIS -> 1_000_000L;
            default -> 1000L;
        };
    }

    private long bounded(long x, long lo, long hi, ParsedLine line, int e, int c) {
        if (x < lo || x > hi) {
            throw IlpException.invalid("table: " + name + ", column: " + names.get(c) + "; line protocol value: " + x
                    + " is out bounds of column type: " + types.get(c));
        }
        return x;
    }

    private IlpException castError(ParsedLine line, int e, int c) {
        return IlpException.invalid("table: " + name + ", column: " + names.get(c) + "; cast error from protocol type: "
                + ParsedLine.protocolTypeName(line.kind[e]) + " to column type: " + types.get(c));
    }

    /**
     * A row-major N-dimensional double array into nested LIST vectors: the row's outer list holds
     * the first dimension, each entry a list of the second, and so on down to the doubles.
     */
    private static void writeArray(Vector v, int row, byte[] in, int dimsAt, int dims, int dataAt) {
        int[] lens = new int[dims];
        for (int d = 0; d < dims; d++) lens[d] = LineParser.le32(in, dimsAt + 4 * d);
        for (int d = 0; d < dims; d++) {
            if (lens[d] == 0) { // an empty array: no entries at any level
                v.startList(row, 0);
                return;
            }
        }
        // fill level by level: `first` is the first entry of the current level in its vector
        Vector level = v;
        int first = v.startList(row, lens[0]);
        int count = lens[0];
        for (int d = 1; d < dims; d++) {
            Vector child = level.child();
            int start = -1;
            for (int i = 0; i < count; i++) {
                int s = child.startList(first + i, lens[d]);
                if (start < 0) start = s;
            }
            level = child;
            first = start;
            count *= lens[d];
        }
        Vector doubles = level.child();
        for (int i = 0; i < count; i++) {
            doubles.doubles[first + i] = Double.longBitsToDouble(LineParser.le64(in, dataAt + 8 * i));
        }
    }

    int chunkCount() {
        return (rows + CHUNK - 1) / CHUNK;
    }

    /**
     * Chunk k in the table's current column order ({@code tableNames}/{@code tableTypes}, read at
     * commit): staged columns by name, NULL for columns this stage never saw.
     */
    DataChunk chunk(int k, List<String> tableNames, List<LogicalType> tableTypes, Vector[] nulls) {
        int size = Math.min(CHUNK, rows - k * CHUNK);
        Vector[] cols = new Vector[tableNames.size()];
        for (int i = 0; i < cols.length; i++) {
            String n = tableNames.get(i);
            byte[] nb = n.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int c = index.get(nb, 0, nb.length);
            if (c >= 0 && types.get(c).equals(tableTypes.get(i))) {
                cols[i] = data[c][k];
            } else if (c >= 0) {
                throw new IlpException(503, "retry operation", "table: " + name + ", column: " + n
                        + "; the column's type changed during the request", 0);
            } else {
                if (nulls[i] == null) nulls[i] = Vector.constant(tableTypes.get(i), null, CHUNK);
                cols[i] = nulls[i];
            }
        }
        return new DataChunk(cols, size);
    }
}
