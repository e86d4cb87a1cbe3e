package io.tealdb.server.clickhouse;

import io.tealdb.ValueFormatter;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

/**
 * Writes TealDB vectors in ClickHouse's binary encodings: column-wise for Native ({@link #column}),
 * value by value for the RowBinary family ({@link #value}). The ClickHouse type says the shape
 * (Nullable, Array, Map, Tuple); the vector's TealDB type says where the values are. Primitive
 * columns are copied from the vectors' arrays in bulk, with no per-value objects.
 */
final class BinaryWriter {
    private BinaryWriter() {
    }

    /** The ClickHouse type of a column of a Native block: Nullable exactly when the block holds a NULL. */
    static ChType typeOf(Vector v, int count) {
        ChType base = ChType.of(v.type);
        return shape(base, v, count);
    }

    private static ChType shape(ChType t, Vector v, int count) {
        if (t instanceof ChType.Nothing) return new ChType.Nullable(t);
        if (t instanceof ChType.Array a) {
            return new ChType.Array(shape(a.element(), v.children[0], v.childUsed));
        }
        if (t instanceof ChType.Map m) {
            Vector e = v.children[0];
            return new ChType.Map(shape(m.key(), e.children[0], v.childUsed), shape(m.value(), e.children[1], v.childUsed));
        }
        if (t instanceof ChType.Tuple tu) {
            java.util.List<ChType> el = new java.util.ArrayList<>();
            for (int i = 0; i < tu.elements().size(); i++) el.add(shape(tu.elements().get(i), v.children[i], count));
            return new ChType.Tuple(tu.names(), el);
        }
        return ChType.nullable(t, hasNull(v, count));
    }

    static boolean hasNull(Vector v, int count) {
        long[] valid = v.validity;
        if (valid == null) return false;
        int full = count >>> 6;
        for (int w = 0; w < full && w < valid.length; w++) if (valid[w] != -1L) return true;
        for (int i = full << 6; i < count; i++) if (v.isNull(i)) return true;
        return false;
    }

    /** Native: {@code n} rows of {@code v} ({@code rows} null: rows 0..n-1) as a column of type {@code t}. */
    static void column(ByteSink out, ChType t, Vector v, int[] rows, int n) {
        switch (t) {
            case ChType.Nullable nu -> {
                for (int i = 0; i < n; i++) out.u8(v.isNull(rows == null ? i : rows[i]) ? 1 : 0);
                if (nu.inner() instanceof ChType.Nothing) out.fill('0', n);
                else column(out, nu.inner(), v, rows, n);
            }
            case ChType.Nothing no -> out.fill('0', n);
            case ChType.LowCardinality lc -> throw new IllegalStateException("LowCardinality is not written");
            case ChType.Array a -> {
                int[] entries = entries(out, v, rows, n);
                column(out, a.element(), v.children[0], entries, entries.length);
            }
            case ChType.Map m -> {
                int[] entries = entries(out, v, rows, n);
                Vector e = v.children[0];
                column(out, m.key(), e.children[0], entries, entries.length);
                column(out, m.value(), e.children[1], entries, entries.length);
            }
            case ChType.Tuple tu -> {
                for (int k = 0; k < tu.elements().size(); k++) column(out, tu.elements().get(k), v.children[k], rows, n);
            }
            case ChType.AsText x -> {
                for (int i = 0; i < n; i++) {
                    int r = rows == null ? i : rows[i];
                    out.str(v.isNull(r) ? "" : ValueFormatter.sqlString(v, r));
                }
            }
            default -> scalars(out, v, rows, n);
        }
    }

    /** Writes the cumulative end offsets of list rows; returns the entry indexes in order. */
    private static int[] entries(ByteSink out, Vector v, int[] rows, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            if (!v.isNull(r)) total += v.lengths[r];
            out.u64(total);
        }
        int[] entries = new int[(int) total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            if (v.isNull(r)) continue;
            int off = v.offsets[r];
            for (int j = 0; j < v.lengths[r]; j++) entries[k++] = off + j;
        }
        return entries;
    }

    private static void scalars(ByteSink out, Vector v, int[] rows, int n) {
        LogicalType t = v.type;
        switch (t.id()) {
            case BOOLEAN, TINYINT -> out.bytesOf(v.bytes, rows, n);
            case UTINYINT -> out.shortsAsBytes(v.shorts, rows, n);
            case SMALLINT -> out.shorts(v.shorts, rows, n);
            case USMALLINT -> out.intsAsShorts(v.ints, rows, n);
            case INTEGER, DATE -> out.ints(v.ints, rows, n);
            case UINTEGER, TIMESTAMP_S -> out.longsAsInts(v.longs, rows, n);
            case BIGINT, TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_MS, TIMESTAMP_NS -> out.longs(v.longs, rows, n);
            case UBIGINT -> out.longs(v.longs, rows, n);
            case HUGEINT -> {
                for (int i = 0; i < n; i++) {
                    int r = rows == null ? i : rows[i];
                    out.u64(v.longs[r]);
                    out.u64(v.highs[r]);
                }
            }
            case UHUGEINT -> {
                for (int i = 0; i < n; i++) {
                    int r = rows == null ? i : rows[i];
                    out.u64(v.longs[r]);
                    out.u64(v.highs[r] ^ Long.MIN_VALUE);
                }
            }
            case UUID -> {
                for (int i = 0; i < n; i++) {
                    int r = rows == null ? i : rows[i];
                    out.u64(v.highs[r] ^ Long.MIN_VALUE);
                    out.u64(v.longs[r]);
                }
            }
            case FLOAT -> out.floats(v.floats, rows, n);
            case DOUBLE -> out.doubles(v.doubles, rows, n);
            case DECIMAL -> {
                if (t.precision() <= 9) out.longsAsInts(v.longs, rows, n);
                else if (v.physical == PhysicalType.INT64) out.longs(v.longs, rows, n);
                else {
                    for (int i = 0; i < n; i++) {
                        int r = rows == null ? i : rows[i];
                        out.u64(v.longs[r]);
                        out.u64(v.highs[r]);
                    }
                }
            }
            case VARCHAR, BLOB, JSON -> {
                boolean nulls = v.validity != null;
                for (int i = 0; i < n; i++) {
                    int r = rows == null ? i : rows[i];
                    if (nulls && v.isNull(r)) out.u8(0);
                    else out.bytes(v.heap, v.offsets[r], v.lengths[r]);
                }
            }
            default -> throw new IllegalStateException("no ClickHouse encoding for " + t);
        }
    }

    /** RowBinary: one value of type {@code t}. */
    static void value(ByteSink out, ChType t, Vector v, int r) {
        switch (t) {
            case ChType.Nullable nu -> {
                if (v.isNull(r)) {
                    out.u8(1);
                } else {
                    out.u8(0);
                    value(out, nu.inner(), v, r);
                }
            }
            case ChType.Nothing no -> {
            }
            case ChType.LowCardinality lc -> value(out, lc.inner(), v, r);
            case ChType.Array a -> {
                int len = v.isNull(r) ? 0 : v.lengths[r];
                out.varint(len);
                for (int j = 0; j < len; j++) value(out, a.element(), v.children[0], v.offsets[r] + j);
            }
            case ChType.Map m -> {
                int len = v.isNull(r) ? 0 : v.lengths[r];
                out.varint(len);
                Vector e = v.children[0];
                for (int j = 0; j < len; j++) {
                    value(out, m.key(), e.children[0], v.offsets[r] + j);
                    value(out, m.value(), e.children[1], v.offsets[r] + j);
                }
            }
            case ChType.Tuple tu -> {
                for (int k = 0; k < tu.elements().size(); k++) value(out, tu.elements().get(k), v.children[k], r);
            }
            case ChType.AsText x -> out.str(v.isNull(r) ? "" : ValueFormatter.sqlString(v, r));
            default -> scalar(out, v, r);
        }
    }

    /** One scalar value (RowBinary), from the vector's arrays. */
    private static void scalar(ByteSink out, Vector v, int r) {
        switch (v.type.id()) {
            case BOOLEAN, TINYINT -> out.u8(v.bytes[r]);
            case UTINYINT -> out.u8(v.shorts[r]);
            case SMALLINT -> out.u16(v.shorts[r]);
            case USMALLINT -> out.u16(v.ints[r]);
            case INTEGER, DATE -> out.u32(v.ints[r]);
            case UINTEGER, TIMESTAMP_S -> out.u32((int) v.longs[r]);
            case BIGINT, TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_MS, TIMESTAMP_NS, UBIGINT -> out.u64(v.longs[r]);
            case FLOAT -> out.u32(Float.floatToRawIntBits(v.floats[r]));
            case DOUBLE -> out.u64(Double.doubleToRawLongBits(v.doubles[r]));
            case VARCHAR, BLOB -> {
                if (v.isNull(r)) out.u8(0);
                else out.bytes(v.heap, v.offsets[r], v.lengths[r]);
            }
            case DECIMAL -> {
                if (v.type.precision() <= 9) out.u32((int) v.longs[r]);
                else if (v.physical == PhysicalType.INT64) out.u64(v.longs[r]);
                else {
                    out.u64(v.longs[r]);
                    out.u64(v.highs[r]);
                }
            }
            case HUGEINT -> {
                out.u64(v.longs[r]);
                out.u64(v.highs[r]);
            }
            case UHUGEINT -> {
                out.u64(v.longs[r]);
                out.u64(v.highs[r] ^ Long.MIN_VALUE);
            }
            case UUID -> {
                out.u64(v.highs[r] ^ Long.MIN_VALUE);
                out.u64(v.longs[r]);
            }
            default -> throw new IllegalStateException("no ClickHouse encoding for " + v.type);
        }
    }
}
