package io.tealdb.server.clickhouse;

import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads ClickHouse's binary encodings into TealDB vectors of the ClickHouse type's TealDB type
 * ({@link ChType#logical()}): whole columns for Native ({@link #prefix} then {@link #column}), one
 * value at a time for RowBinary ({@link #value}). Fixed-width columns go straight into the vector's
 * primitive arrays.
 */
final class BinaryReader {
    private BinaryReader() {
    }

    /** The per-column prefixes (LowCardinality key version) that Native puts before a column's data. */
    static void prefix(ByteSource in, ChType t) {
        switch (t) {
            case ChType.LowCardinality lc -> {
                long version = in.i64();
                if (version != 1) throw ChException.badData("Invalid LowCardinality key serialization version " + version);
            }
            case ChType.Nullable nu -> prefix(in, nu.inner());
            case ChType.Array a -> prefix(in, a.element());
            case ChType.Map m -> {
                prefix(in, m.key());
                prefix(in, m.value());
            }
            case ChType.Tuple tu -> {
                for (ChType e : tu.elements()) prefix(in, e);
            }
            default -> {
            }
        }
    }

    /** Reads {@code n} values of {@code t} into rows [at, at+n) of {@code v} (which has capacity). */
    static void column(ByteSource in, ChType t, Vector v, int at, int n) {
        switch (t) {
            case ChType.Nullable nu -> {
                byte[] map = new byte[n];
                in.read(map, 0, n);
                column(in, nu.inner(), v, at, n);
                for (int i = 0; i < n; i++) if (map[i] != 0) v.setNull(at + i);
            }
            case ChType.Nothing no -> {
                in.skip(n);
                for (int i = 0; i < n; i++) v.setNull(at + i);
            }
            case ChType.LowCardinality lc -> lowCardinality(in, lc, v, at, n);
            case ChType.Array a -> {
                int total = lists(in, v, at, n);
                column(in, a.element(), v.children[0], v.childUsed - total, total);
            }
            case ChType.Map m -> {
                int total = lists(in, v, at, n);
                Vector e = v.children[0];
                column(in, m.key(), e.children[0], v.childUsed - total, total);
                column(in, m.value(), e.children[1], v.childUsed - total, total);
            }
            case ChType.Tuple tu -> {
                for (int k = 0; k < tu.elements().size(); k++) column(in, tu.elements().get(k), v.children[k], at, n);
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    // bulk paths for the common fixed-width types
                    if (i == 0 && bulk(in, t, v, at, n)) return;
                    scalar(in, t, v, at + i);
                }
            }
        }
    }

    /**
     * True when a Native column of {@code t} is its values one after another (so any run of rows can be
     * read on its own): fixed-width scalars, strings, and Nullable of them (after the block's null map).
     */
    static boolean rowContiguous(ChType t) {
        return switch (t) {
            case ChType.Nullable nu -> !(nu.inner() instanceof ChType.Nullable) && rowContiguous(nu.inner());
            case ChType.Scalar s -> true;
            case ChType.FixedString f -> true;
            case ChType.Decimal d -> true;
            case ChType.DateTime d -> true;
            case ChType.DateTime64 d -> true;
            case ChType.Enum e -> true;
            default -> false;
        };
    }

    /** Reads n UInt64 end offsets and reserves the list entries; returns their total. */
    private static int lists(ByteSource in, Vector v, int at, int n) {
        long prev = 0;
        int base = v.childUsed;
        for (int i = 0; i < n; i++) {
            long end = in.i64();
            if (end < prev || end - prev > Integer.MAX_VALUE) throw ChException.badData("Array offsets are not increasing");
            v.offsets[at + i] = base + (int) prev;
            v.lengths[at + i] = (int) (end - prev);
            prev = end;
        }
        if (prev > (1 << 30)) throw ChException.badData("Too many array elements: " + prev);
        v.children[0].reserve(base + (int) prev);
        v.childUsed = base + (int) prev;
        return (int) prev;
    }

    private static boolean bulk(ByteSource in, ChType t, Vector v, int at, int n) {
        if (t instanceof ChType.DateTime64 dt) {
            in.longs(v.longs, at, n);
            int target = switch (v.type.id()) {
                case TIMESTAMP_S -> 0;
                case TIMESTAMP_MS -> 3;
                case TIMESTAMP_NS -> 9;
                default -> 6;
            };
            if (dt.precision() != target) {
                long[] a = v.longs;
                for (int i = at; i < at + n; i++) a[i] = scale(a[i], dt.precision(), target);
            }
            return true;
        }
        if (!(t instanceof ChType.Scalar s)) return false;
        switch (s.kind()) {
            case Int64 -> in.longs(v.longs, at, n);
            case Int32 -> in.ints(v.ints, at, n);
            case Int16 -> in.shorts(v.shorts, at, n);
            case Int8, Bool -> in.read(v.bytes, at, n);
            case Float64 -> in.doubles(v.doubles, at, n);
            case Float32 -> in.floats(v.floats, at, n);
            case Date32 -> in.ints(v.ints, at, n);
            case UInt64 -> {
                in.longs(v.longs, at, n);
                if (v.highs != null) Arrays.fill(v.highs, at, at + n, 0L);
            }
            case String -> in.strings(v, at, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void lowCardinality(ByteSource in, ChType.LowCardinality lc, Vector v, int at, int n) {
        if (n == 0) return;
        long flags = in.i64();
        int width = (int) (flags & 0xFF);
        long dictSize = in.i64();
        if (dictSize < 0 || dictSize > (1 << 28)) throw ChException.badData("Too large LowCardinality dictionary: " + dictSize);
        boolean nullable = lc.inner() instanceof ChType.Nullable;
        ChType inner = ChType.base(lc.inner());
        Vector dict = new Vector(inner.logical(), (int) Math.max(1, dictSize));
        column(in, inner, dict, 0, (int) dictSize);
        long rows = in.i64();
        if (rows != n) throw ChException.badData("LowCardinality has " + rows + " rows, expected " + n);
        for (int i = 0; i < n; i++) {
            long idx = switch (width) {
                case 0 -> in.u8();
                case 1 -> in.i16() & 0xFFFF;
                case 2 -> in.i32() & 0xFFFFFFFFL;
                default -> in.i64();
            };
            if (idx < 0 || idx >= dictSize) throw ChException.badData("LowCardinality index " + idx + " out of range");
            if (nullable && idx == 0) v.setNull(at + i);
            else v.copyRow(dict, (int) idx, at + i);
        }
    }

    /** One value of a fixed-width or string scalar type at {@code row}. */
    static void scalar(ByteSource in, ChType t, Vector v, int row) {
        switch (t) {
            case ChType.Scalar s -> {
                switch (s.kind()) {
                    case UInt8 -> v.shorts[row] = (short) in.u8();
                    case UInt16 -> v.ints[row] = in.i16() & 0xFFFF;
                    case UInt32 -> v.longs[row] = in.i32() & 0xFFFFFFFFL;
                    case IPv4 -> {
                        int ip = in.i32();
                        if (v.type.id() == io.tealdb.types.TypeId.VARCHAR) {
                            v.setString(row, (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF));
                        } else {
                            v.longs[row] = ip & 0xFFFFFFFFL;
                        }
                    }
                    case UInt64 -> {
                        v.longs[row] = in.i64();
                        v.highs[row] = 0;
                    }
                    case UInt128 -> {
                        v.longs[row] = in.i64();
                        v.highs[row] = in.i64() ^ Long.MIN_VALUE;
                    }
                    case Int8, Bool -> v.bytes[row] = (byte) in.u8();
                    case Int16 -> v.shorts[row] = in.i16();
                    case Int32, Date32 -> v.ints[row] = in.i32();
                    case Date -> v.ints[row] = in.i16() & 0xFFFF;
                    case Int64 -> v.longs[row] = in.i64();
                    case Int128 -> {
                        v.longs[row] = in.i64();
                        v.highs[row] = in.i64();
                    }
                    case Float32 -> v.floats[row] = Float.intBitsToFloat(in.i32());
                    case BFloat16 -> v.floats[row] = Float.intBitsToFloat((in.i16() & 0xFFFF) << 16);
                    case Float64 -> v.doubles[row] = Double.longBitsToDouble(in.i64());
                    case UUID -> {
                        v.highs[row] = in.i64() ^ Long.MIN_VALUE;
                        v.longs[row] = in.i64();
                    }
                    case String -> {
                        int len = in.length(1 << 30);
                        byte[] b = new byte[len];
                        in.read(b, 0, len);
                        v.setBytes(row, b, 0, len);
                    }
                    case Int256, UInt256 -> {
                        byte[] le = new byte[32];
                        in.read(le, 0, 32);
                        byte[] be = new byte[33];
                        for (int i = 0; i < 32; i++) be[32 - i] = le[i];
                        if (s.kind() == ChType.Kind.Int256) be[0] = (byte) (le[31] < 0 ? -1 : 0);
                        v.setString(row, new BigInteger(be).toString());
                    }
                    case IPv6 -> {
                        byte[] b = new byte[16];
                        in.read(b, 0, 16);
                        try {
                            v.setString(row, InetAddress.getByAddress(b).getHostAddress());
                        } catch (UnknownHostException e) {
                            throw ChException.badData("bad IPv6 address");
                        }
                    }
                }
            }
            case ChType.FixedString f -> {
                byte[] b = new byte[f.length()];
                in.read(b, 0, b.length);
                v.setBytes(row, b, 0, b.length);
            }
            case ChType.Decimal d -> {
                LogicalType l = v.type;
                long lo, hi;
                switch (d.width()) {
                    case 4 -> {
                        lo = in.i32();
                        hi = lo < 0 ? -1 : 0;
                    }
                    case 8 -> {
                        lo = in.i64();
                        hi = lo < 0 ? -1 : 0;
                    }
                    case 16 -> {
                        lo = in.i64();
                        hi = in.i64();
                    }
                    default -> {
                        lo = in.i64();
                        hi = in.i64();
                        in.skip(16);
                    }
                }
                if (l.id() == io.tealdb.types.TypeId.DOUBLE) {
                    v.doubles[row] = new java.math.BigDecimal(io.tealdb.vector.Int128.toBigInteger(hi, lo), d.scale()).doubleValue();
                } else if (v.physical == PhysicalType.INT64) {
                    v.longs[row] = lo;
                } else {
                    v.longs[row] = lo;
                    v.highs[row] = hi;
                }
            }
            case ChType.DateTime dt -> {
                long secs = in.i32() & 0xFFFFFFFFL;
                v.longs[row] = dt.zone() == null ? secs : secs * 1_000_000L;
            }
            case ChType.DateTime64 dt -> {
                long ticks = in.i64();
                int p = dt.precision();
                int target = switch (v.type.id()) {
                    case TIMESTAMP_S -> 0;
                    case TIMESTAMP_MS -> 3;
                    case TIMESTAMP_NS -> 9;
                    default -> 6;
                };
                v.longs[row] = scale(ticks, p, target);
            }
            case ChType.Enum e -> {
                int code = e.bits() == 8 ? (byte) in.u8() : in.i16();
                if (v.type.id() == io.tealdb.types.TypeId.ENUM) v.ints[row] = e.position(code);
                else v.setString(row, e.label(code));
            }
            default -> throw ChException.badData("Unsupported type " + t.name() + " in the data");
        }
    }

    static long scale(long ticks, int from, int to) {
        if (from == to) return ticks;
        if (from < to) return ticks * POW10[to - from];
        return Math.floorDiv(ticks, POW10[from - to]);
    }

    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** RowBinary: one value of {@code t} into {@code row}. */
    static void value(ByteSource in, ChType t, Vector v, int row) {
        switch (t) {
            case ChType.Nullable nu -> {
                if (in.u8() != 0) v.setNull(row);
                else value(in, nu.inner(), v, row);
            }
            case ChType.Nothing no -> v.setNull(row);
            case ChType.LowCardinality lc -> value(in, lc.inner(), v, row);
            case ChType.Array a -> {
                int len = in.length(1 << 28);
                int start = v.startList(row, len);
                for (int j = 0; j < len; j++) value(in, a.element(), v.children[0], start + j);
            }
            case ChType.Map m -> {
                int len = in.length(1 << 28);
                int start = v.startList(row, len);
                Vector e = v.children[0];
                for (int j = 0; j < len; j++) {
                    value(in, m.key(), e.children[0], start + j);
                    value(in, m.value(), e.children[1], start + j);
                }
            }
            case ChType.Tuple tu -> {
                for (int k = 0; k < tu.elements().size(); k++) value(in, tu.elements().get(k), v.children[k], row);
            }
            default -> scalar(in, t, v, row);
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
