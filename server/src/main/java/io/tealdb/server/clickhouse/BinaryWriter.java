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
            default -> {
                if (converted(t, v)) {
                    for (int i = 0; i < n; i++) converted(out, t, v, rows == null ? i : rows[i]);
                } else {
                    scalars(out, v, rows, n);
                }
            }
        }
    }

    /**
     * True when the ClickHouse type's encoding is not the vector's own: a column declared as Enum,
     * FixedString(N), Date, IPv6, (U)Int256, a zoned or finer DateTime64, or a Decimal wider than TealDB's,
     * whose values TealDB keeps in another type (see {@link ChType#logical()} and ChColumnTypes).
     */
    private static boolean converted(ChType t, Vector v) {
        return switch (t) {
            case ChType.Enum e -> true;
            case ChType.FixedString f -> true;
            case ChType.DateTime dt -> v.type.id() != io.tealdb.types.TypeId.TIMESTAMP_S;
            case ChType.DateTime64 dt -> ticksPrecision(v.type) != dt.precision();
            case ChType.Decimal d -> v.type.id() != io.tealdb.types.TypeId.DECIMAL || d.width() == 32;
            case ChType.Scalar sc -> switch (sc.kind()) {
                case Date, IPv6, Int256, UInt256 -> true;
                case IPv4 -> v.type.id() != io.tealdb.types.TypeId.UINTEGER;
                default -> false;
            };
            default -> false;
        };
    }

    /** Digits of a second in a TealDB timestamp's ticks. */
    private static int ticksPrecision(LogicalType t) {
        return switch (t.id()) {
            case TIMESTAMP_S -> 0;
            case TIMESTAMP_MS -> 3;
            case TIMESTAMP_NS -> 9;
            case DATE -> -1;
            default -> 6;
        };
    }

    /** One value of a {@link #converted} type; a NULL row as zero bytes of the type's width. */
    private static void converted(ByteSink out, ChType t, Vector v, int r) {
        boolean isNull = v.isNull(r);
        switch (t) {
            case ChType.Enum e -> {
                int code = isNull ? e.values().get(0) : v.type.id() == io.tealdb.types.TypeId.ENUM ? e.values().get(v.ints[r])
                        : e.code(ValueFormatter.sqlString(v, r));
                if (e.bits() == 8) out.u8(code);
                else out.u16(code);
            }
            case ChType.FixedString f -> {
                int len = isNull ? 0 : Math.min(f.length(), v.lengths[r]);
                for (int i = 0; i < len; i++) out.u8(v.heap[v.offsets[r] + i]);
                for (int i = len; i < f.length(); i++) out.u8(0);
            }
            case ChType.DateTime dt -> out.u32(isNull ? 0 : (int) BinaryReader.scale(v.longs[r], ticksPrecision(v.type), 0));
            case ChType.DateTime64 dt -> out.u64(isNull ? 0 : BinaryReader.scale(v.longs[r], ticksPrecision(v.type), dt.precision()));
            case ChType.Decimal d -> {
                java.math.BigInteger unscaled = java.math.BigInteger.ZERO;
                if (!isNull) {
                    java.math.BigDecimal x = v.type.id() == io.tealdb.types.TypeId.DOUBLE ? new java.math.BigDecimal(v.doubles[r])
                            : new java.math.BigDecimal(ValueFormatter.sqlString(v, r));
                    unscaled = x.setScale(d.scale(), java.math.RoundingMode.HALF_EVEN).unscaledValue();
                }
                littleEndian(out, unscaled, d.width());
            }
            case ChType.Scalar sc -> {
                switch (sc.kind()) {
                    case Date -> out.u16(isNull ? 0 : v.ints[r]);
                    case IPv4 -> out.u32(isNull ? 0 : ipv4(ValueFormatter.sqlString(v, r)));
                    case IPv6 -> {
                        byte[] b = isNull ? new byte[16] : ipv6(ValueFormatter.sqlString(v, r));
                        out.write(b, 0, 16);
                    }
                    default -> littleEndian(out, isNull ? java.math.BigInteger.ZERO : new java.math.BigInteger(ValueFormatter.sqlString(v, r).strip()), 32);
                }
            }
            default -> throw new IllegalStateException("no conversion to " + t.name());
        }
    }

    private static void littleEndian(ByteSink out, java.math.BigInteger x, int width) {
        byte[] be = x.toByteArray();
        byte fill = (byte) (x.signum() < 0 ? -1 : 0);
        for (int i = 0; i < width; i++) out.u8(i < be.length ? be[be.length - 1 - i] : fill);
    }

    /** An IPv4 address in dotted text as its 32-bit number. */
    static int ipv4(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) throw ChException.badData("Cannot parse IPv4 " + text);
        int ip = 0;
        for (String p : parts) {
            int b;
            try {
                b = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                b = -1;
            }
            if (b < 0 || b > 255 || p.isEmpty() || p.length() > 3) throw ChException.badData("Cannot parse IPv4 " + text);
            ip = ip << 8 | b;
        }
        return ip;
    }

    /** The 16 bytes of an IPv6 address in text (an IPv4 address becomes ::ffff:a.b.c.d, as in ClickHouse). */
    static byte[] ipv6(String text) {
        String s = text.strip();
        // only literal addresses: never a name lookup
        if (s.isEmpty() || !(s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw ChException.badData("Cannot parse IPv6 " + text);
        }
        try {
            byte[] b = java.net.InetAddress.getByName(s).getAddress();
            if (b.length == 16) return b;
            byte[] m = new byte[16];
            m[10] = m[11] = (byte) 0xFF;
            System.arraycopy(b, 0, m, 12, 4);
            return m;
        } catch (java.net.UnknownHostException e) {
            throw ChException.badData("Cannot parse IPv6 " + text);
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
            case INTEGER, DATE, ENUM -> out.ints(v.ints, rows, n);
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
            default -> {
                if (converted(t, v)) converted(out, t, v, r);
                else scalar(out, v, r);
            }
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
