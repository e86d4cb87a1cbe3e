package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.UuidText;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Cast kernels between every pair of supported types, with DuckDB's semantics: DOUBLE→integer
 * rounds half to even (nearbyint), DECIMAL→integer and DECIMAL rescaling round half away from
 * zero, out-of-range and malformed input raise ConversionException with DuckDB's wording, and
 * TRY_CAST turns each failure into NULL.
 */
public final class Casts {
    private Casts() {
    }

    /** Per-row conversion used by the generic loop; throws {@link CastFailure} on failure. */
    @FunctionalInterface
    private interface RowCast {
        void convert(Vector in, int row, Vector out);
    }

    /**
     * The kernel casting a vector of {@code from} into {@code to}. Throws ConversionException at bind
     * time for pairs DuckDB does not support ("Unimplemented type for cast (BLOB -> INTEGER)").
     */
    public static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast) {
        return kernel(from, to, tryCast, java.time.ZoneOffset.UTC);
    }

    /** Whether CAST(from AS to) reads or writes a wall clock, so that it needs the session's time zone. */
    public static boolean needsTimeZone(LogicalType from, LogicalType to) {
        return TemporalCasts.zoneSensitive(from, to) && (TemporalCasts.handles(from, to));
    }

    /**
     * Like {@link #kernel(LogicalType, LogicalType, boolean)}, with the session's time zone for casts
     * that read or write TIMESTAMP WITH TIME ZONE / TIME WITH TIME ZONE as wall-clock time.
     */
    public static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast, java.time.ZoneId zone) {
        if (from.equals(to)) {
            return Casts::copy;
        }
        if (from.id() == TypeId.SQLNULL) {
            return (args, count, result) -> {
                long[] v = result.ensureValidity();
                java.util.Arrays.fill(v, 0L);
            };
        }
        if (from.id() == TypeId.ENUM || to.id() == TypeId.ENUM) {
            ScalarKernel e = EnumCasts.kernel(from, to, tryCast, zone);
            if (e == null) throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
            return e;
        }
        if (from.id() == TypeId.BIGNUM || to.id() == TypeId.BIGNUM) {
            ScalarKernel big = BigNumCasts.kernel(from, to, tryCast);
            if (big == null) throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
            return big;
        }
        if (from.id() == TypeId.BIT || to.id() == TypeId.BIT) {
            ScalarKernel bit = BitCasts.kernel(from, to, tryCast);
            if (bit == null) throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
            return bit;
        }
        if (to.id() == TypeId.UNION) {
            return UnionCasts.kernel(from, to, tryCast, zone);
        }
        if (from.id() == TypeId.UNION && to.id() != TypeId.VARCHAR && to.id() != TypeId.JSON) {
            throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
        }
        if (from.id() == TypeId.JSON || to.id() == TypeId.JSON) {
            ScalarKernel json = JsonCasts.kernel(from, to, tryCast, zone);
            if (json != null) return json;
        }
        if ((from.isNested() || to.isNested()) && from.id() != TypeId.VARCHAR && to.id() != TypeId.VARCHAR) {
            return NestedCasts.kernel(from, to, tryCast);
        }
        if (from.id() == TypeId.VARCHAR && to.isNested()) {
            return NestedText.fromVarchar(to, tryCast);
        }
        ScalarKernel fast = fastPath(from, to);
        if (fast != null) {
            return fast;
        }
        RowCast rc;
        if (TemporalCasts.handles(from, to)) {
            TemporalCasts.Row tr = TemporalCasts.row(from, to, zone);
            rc = tr == null ? null : tr::convert;
        } else {
            rc = rowCast(from, to);
        }
        if (rc == null) {
            throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
        }
        return (args, count, result) -> {
            Vector in = args[0];
            boolean nulls = in.validity != null;
            for (int i = 0; i < count; i++) {
                if (nulls && in.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                try {
                    rc.convert(in, i, result);
                } catch (CastFailure f) {
                    if (!tryCast) {
                        throw new ConversionException(f.message.get());
                    }
                    result.setNull(i);
                }
            }
        };
    }

    /** Casts a single value (constant folding, literals). Returns NULL on failure when tryCast. */
    public static io.tealdb.types.Value castValue(io.tealdb.types.Value v, LogicalType to, boolean tryCast) {
        if (v.type().equals(to)) {
            return v;
        }
        Vector in = new Vector(v.type(), 1);
        in.setObject(0, v.object());
        Vector out = new Vector(to, 1);
        kernel(v.type(), to, tryCast).execute(new Vector[]{in}, 1, out);
        return new io.tealdb.types.Value(to, out.getObject(0));
    }

    /**
     * Casts single values to one target type as {@link #castValue} does, for loads that convert row by row
     * (a prepared INSERT's batch of parameter rows): the kernel is looked up once per source type rather
     * than per value, and a signed integer bound for BIGINT is widened directly.
     */
    public static final class ToType {
        private final LogicalType to;
        private LogicalType from;
        private ScalarKernel kernel;

        public ToType(LogicalType to) {
            this.to = to;
        }

        /** The value of {@code v} (not NULL) as {@code to}'s Java object. */
        public Object cast(io.tealdb.types.Value v) {
            LogicalType t = v.type();
            if (t.equals(to)) return v.object();
            if (to.id() == TypeId.BIGINT && (t.id() == TypeId.INTEGER || t.id() == TypeId.SMALLINT || t.id() == TypeId.TINYINT)) {
                return ((Number) v.object()).longValue();
            }
            if (!t.equals(from)) {
                kernel = kernel(t, to, false);
                from = t;
            }
            Vector in = new Vector(t, 1);
            in.setObject(0, v.object());
            Vector out = new Vector(to, 1);
            kernel.execute(new Vector[]{in}, 1, out);
            return out.getObject(0);
        }
    }

    static void copy(Vector[] args, int count, Vector result) {
        result.copyFrom(args[0], null, 0, count, 0);
    }

    private static void propagateNulls(Vector in, Vector out, int count) {
        if (in.validity != null) {
            long[] v = out.ensureValidity();
            System.arraycopy(in.validity, 0, v, 0, Math.min(v.length, (count + 63) >>> 6));
        }
    }

    // ------------------------------------------------------------------ hot specialised casts

    private static ScalarKernel fastPath(LogicalType from, LogicalType to) {
        TypeId f = from.id();
        TypeId t = to.id();
        // UUID and UHUGEINT share the biased INT128 layout: the 128 bits carry over unchanged
        if ((f == TypeId.UUID && t == TypeId.UHUGEINT) || (f == TypeId.UHUGEINT && t == TypeId.UUID)) {
            return Casts::copy;
        }
        // TIMESTAMP_NS -> TIMESTAMP (e.g. line-protocol timestamps under time_bucket): one rounding division per value
        if (f == TypeId.TIMESTAMP_NS && t == TypeId.TIMESTAMP) {
            return (args, count, out) -> {
                long[] src = args[0].longs;
                long[] dst = out.longs;
                for (int i = 0; i < count; i++) dst[i] = TemporalCasts.scaleDown(src[i], 1000L);
                propagateNulls(args[0], out, count);
            };
        }
        // integer widening (every value of the source fits the target; both at most 64-bit physically)
        if (f.isInteger() && t.isInteger() && holdsAll(t, f) && from.physical() != PhysicalType.INT128
                && to.physical() != PhysicalType.INT128) {
            return (args, count, out) -> {
                Vector in = args[0];
                switch (in.physical) {
                    case INT8 -> {
                        for (int i = 0; i < count; i++) storeLong(out, i, in.bytes[i]);
                    }
                    case INT16 -> {
                        for (int i = 0; i < count; i++) storeLong(out, i, in.shorts[i]);
                    }
                    case INT32 -> {
                        if (out.physical == PhysicalType.INT64) {
                            int[] src = in.ints;
                            long[] dst = out.longs;
                            for (int i = 0; i < count; i++) dst[i] = src[i];
                        } else {
                            for (int i = 0; i < count; i++) storeLong(out, i, in.ints[i]);
                        }
                    }
                    default -> {
                        for (int i = 0; i < count; i++) storeLong(out, i, in.longs[i]);
                    }
                }
                propagateNulls(in, out, count);
            };
        }
        if (f.isInteger() && from.physical() != PhysicalType.INT128 && t == TypeId.DOUBLE) {
            return (args, count, out) -> {
                Vector in = args[0];
                double[] dst = out.doubles;
                switch (in.physical) {
                    case INT8 -> {
                        for (int i = 0; i < count; i++) dst[i] = in.bytes[i];
                    }
                    case INT16 -> {
                        for (int i = 0; i < count; i++) dst[i] = in.shorts[i];
                    }
                    case INT32 -> {
                        for (int i = 0; i < count; i++) dst[i] = in.ints[i];
                    }
                    default -> {
                        for (int i = 0; i < count; i++) dst[i] = in.longs[i];
                    }
                }
                propagateNulls(in, out, count);
            };
        }
        if (f == TypeId.FLOAT && t == TypeId.DOUBLE) {
            return (args, count, out) -> {
                float[] src = args[0].floats;
                double[] dst = out.doubles;
                for (int i = 0; i < count; i++) dst[i] = src[i];
                propagateNulls(args[0], out, count);
            };
        }
        if (f == TypeId.DECIMAL && t == TypeId.DOUBLE && from.physical() == PhysicalType.INT64) {
            double div = POW10_D[from.scale()];
            return (args, count, out) -> {
                long[] src = args[0].longs;
                double[] dst = out.doubles;
                for (int i = 0; i < count; i++) dst[i] = src[i] / div;
                propagateNulls(args[0], out, count);
            };
        }
        if (f == TypeId.DECIMAL && t == TypeId.DECIMAL && from.physical() == PhysicalType.INT64
                && to.physical() == PhysicalType.INT64 && to.scale() >= from.scale()
                && to.precision() - to.scale() >= from.precision() - from.scale()) {
            // widening (no digits lost, no overflow possible): same scale copies, larger scale multiplies
            long factor = POW10[to.scale() - from.scale()];
            return (args, count, out) -> {
                long[] src = args[0].longs;
                long[] dst = out.longs;
                if (factor == 1) {
                    System.arraycopy(src, 0, dst, 0, count);
                } else {
                    for (int i = 0; i < count; i++) dst[i] = src[i] * factor;
                }
                propagateNulls(args[0], out, count);
            };
        }
        return null;
    }

    /** Whether integer type {@code to} holds every value of integer type {@code from}. */
    private static boolean holdsAll(TypeId to, TypeId from) {
        int rt = CastRules.integerRank(to);
        int rf = CastRules.integerRank(from);
        if (from.isUnsigned()) {
            return to.isUnsigned() ? rf <= rt : rf < rt;
        }
        return !to.isUnsigned() && rf <= rt;
    }

    /** Stores an integer (or DECIMAL unscaled, temporal) value in a vector of any integer width. */
    public static void storeLong(Vector out, int i, long v) {
        switch (out.physical) {
            case INT8, BOOL -> out.bytes[i] = (byte) v;
            case INT16 -> out.shorts[i] = (short) v;
            case INT32 -> out.ints[i] = (int) v;
            case INT64 -> out.longs[i] = v;
            case INT128 -> {
                out.longs[i] = v;
                out.highs[i] = v >> 63;
            }
            default -> throw new IllegalStateException();
        }
    }

    // ------------------------------------------------------------------ generic per-row casts

    static final long[] POW10 = new long[19];
    static final double[] POW10_D = new double[39];
    static final BigInteger[] POW10_BIG = new BigInteger[39];

    static {
        long p = 1;
        for (int i = 0; i < 19; i++) {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < 39; i++) {
            POW10_D[i] = Math.pow(10, i);
            POW10_BIG[i] = BigInteger.TEN.pow(i);
        }
    }

    private enum Cat { INT, BIG, FP, BOOL }

    private static Cat numCat(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN -> Cat.BOOL;
            case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER -> Cat.INT;
            case HUGEINT, UBIGINT, UHUGEINT -> Cat.BIG;
            case DECIMAL -> t.physical() == PhysicalType.INT64 ? Cat.INT : Cat.BIG;
            case FLOAT, DOUBLE -> Cat.FP;
            default -> null;
        };
    }

    /** An integer (or DECIMAL unscaled, temporal) value of a vector of any integer width (low 64 bits of 128). */
    public static long readLong(Vector v, int row) {
        return switch (v.physical) {
            case BOOL, INT8 -> v.bytes[row];
            case INT16 -> v.shorts[row];
            case INT32 -> v.ints[row];
            case INT64 -> v.longs[row];
            case INT128 -> v.longs[row];
            default -> throw new IllegalStateException();
        };
    }

    /** An integer or DECIMAL (unscaled) value of any width, UHUGEINT included. */
    public static BigInteger readBig(Vector v, int row) {
        if (v.physical != PhysicalType.INT128) {
            return BigInteger.valueOf(readLong(v, row));
        }
        return v.type.id() == TypeId.UHUGEINT ? Int128.uhugeToBigInteger(v.highs[row], v.longs[row])
                : Int128.toBigInteger(v.highs[row], v.longs[row]);
    }

    static double readDouble(Vector v, int row) {
        return v.physical == PhysicalType.FLOAT ? v.floats[row] : v.doubles[row];
    }

    /** Stores an integer or DECIMAL (unscaled) value in a 128-bit vector, UHUGEINT included. */
    public static void storeBig(Vector out, int row, BigInteger v) {
        out.longs[row] = v.longValue();
        out.highs[row] = out.type.id() == TypeId.UHUGEINT ? Int128.uhugeHigh(v) : v.shiftRight(64).longValue();
    }

    /** Smallest value of an integer or DECIMAL type stored in a long (Long.MIN_VALUE for the others). */
    public static long minOf(LogicalType t) {
        return switch (t.id()) {
            case TINYINT -> Byte.MIN_VALUE;
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            case UTINYINT, USMALLINT, UINTEGER -> 0;
            case DECIMAL -> -(POW10[t.precision()] - 1);
            default -> Long.MIN_VALUE;
        };
    }

    /** Largest value of an integer or DECIMAL type stored in a long (Long.MAX_VALUE for the others). */
    public static long maxOf(LogicalType t) {
        return switch (t.id()) {
            case TINYINT -> Byte.MAX_VALUE;
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            case UTINYINT -> 255;
            case USMALLINT -> 65535;
            case UINTEGER -> 4294967295L;
            case DECIMAL -> POW10[t.precision()] - 1;
            default -> Long.MAX_VALUE;
        };
    }

    private static final BigInteger UBIGINT_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger UHUGEINT_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** Largest value of any integer or DECIMAL type, 128-bit ones included. */
    public static BigInteger bigMax(LogicalType t) {
        if (t.id() == TypeId.UBIGINT) {
            return UBIGINT_MAX;
        }
        if (t.id() == TypeId.UHUGEINT) {
            return UHUGEINT_MAX;
        }
        return t.id() == TypeId.DECIMAL ? POW10_BIG[t.precision()].subtract(BigInteger.ONE)
                : t.id() == TypeId.HUGEINT ? BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE) : BigInteger.valueOf(maxOf(t));
    }

    /** Smallest value of any integer or DECIMAL type, 128-bit ones included. */
    public static BigInteger bigMin(LogicalType t) {
        if (t.id().isUnsigned()) {
            return BigInteger.ZERO;
        }
        return t.id() == TypeId.DECIMAL ? POW10_BIG[t.precision()].negate().add(BigInteger.ONE)
                : t.id() == TypeId.HUGEINT ? BigInteger.ONE.shiftLeft(127).negate() : BigInteger.valueOf(minOf(t));
    }

    private static int scaleOf(LogicalType t) {
        return t.id() == TypeId.DECIMAL ? t.scale() : 0;
    }

    private static String outOfRange(LogicalType from, String value, LogicalType to) {
        return "Type " + CastRules.internalName(from) + " with value " + value
                + " can't be cast because the value is out of range for the destination type " + CastRules.internalName(to);
    }

    /** Divides by {@code div} (a power of ten) rounding half away from zero. */
    public static long divRound(long v, long div) {
        long q = v / div;
        long r = v % div;
        if (Math.abs(r) * 2 >= div) {
            q += v < 0 ? -1 : 1;
        }
        return q;
    }

    static BigInteger divRound(BigInteger v, BigInteger div) {
        BigInteger[] qr = v.divideAndRemainder(div);
        if (qr[1].abs().shiftLeft(1).compareTo(div) >= 0) {
            return qr[0].add(BigInteger.valueOf(v.signum()));
        }
        return qr[0];
    }

    private static RowCast rowCast(LogicalType from, LogicalType to) {
        TypeId f = from.id();
        TypeId t = to.id();
        if (t == TypeId.VARCHAR) {
            return toVarchar(from);
        }
        if (f == TypeId.VARCHAR) {
            return fromVarchar(to);
        }
        Cat cf = numCat(from);
        Cat ct = numCat(to);
        if (cf != null && ct != null) {
            return numeric(from, to, cf, ct);
        }
        return switch (f) {
            case DATE -> t == TypeId.TIMESTAMP ? (in, r, out) -> {
                int d = in.ints[r];
                long ts = DateTimeUtil.dateToTimestamp(d);
                // DuckDB reports the overflow in terms of its physical types
                if (ts == DateTimeUtil.INVALID) {
                    throw new CastFailure(() -> "Type INT32 with value " + DateTimeUtil.formatDate(d)
                            + " can't be cast to the destination type INT64");
                }
                out.longs[r] = ts;
            } : null;
            case TIMESTAMP -> switch (t) {
                case DATE -> (in, r, out) -> {
                    long ts = in.longs[r];
                    out.ints[r] = ts == DateTimeUtil.TS_POS_INF ? DateTimeUtil.DATE_POS_INF
                            : ts == DateTimeUtil.TS_NEG_INF ? DateTimeUtil.DATE_NEG_INF : (int) DateTimeUtil.timestampDays(ts);
                };
                case TIME -> (in, r, out) -> out.longs[r] = DateTimeUtil.timestampTimeOfDay(in.longs[r]);
                default -> null;
            };
            case BLOB -> t == TypeId.UUID ? (in, r, out) -> {
                // 16 bytes, big-endian
                if (in.lengths[r] != 16) {
                    throw new CastFailure(() -> "Could not convert blob of " + in.lengths[r] + " bytes to UUID (expected 16)");
                }
                int o = in.offsets[r];
                out.highs[r] = bigEndianLong(in.heap, o) ^ Long.MIN_VALUE;
                out.longs[r] = bigEndianLong(in.heap, o + 8);
            } : null;
            case UUID -> t == TypeId.BLOB ? (in, r, out) -> {
                byte[] b = new byte[16];
                long hi = in.highs[r] ^ Long.MIN_VALUE;
                long lo = in.longs[r];
                for (int k = 0; k < 8; k++) {
                    b[k] = (byte) (hi >>> (56 - 8 * k));
                    b[8 + k] = (byte) (lo >>> (56 - 8 * k));
                }
                out.setBytes(r, b);
            } : null;
            default -> null;
        };
    }

    private static long bigEndianLong(byte[] b, int off) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (b[off + k] & 0xFF);
        }
        return v;
    }

    private static RowCast numeric(LogicalType from, LogicalType to, Cat cf, Cat ct) {
        int sf = scaleOf(from);
        int st = scaleOf(to);
        boolean decTo = to.id() == TypeId.DECIMAL;
        if (ct == Cat.BOOL) {
            return switch (cf) {
                case INT, BOOL -> (in, r, out) -> out.bytes[r] = (byte) (readLong(in, r) != 0 ? 1 : 0);
                case BIG -> (in, r, out) -> out.bytes[r] = (byte) (readBig(in, r).signum() != 0 ? 1 : 0);
                case FP -> (in, r, out) -> out.bytes[r] = (byte) (readDouble(in, r) != 0 ? 1 : 0);
            };
        }
        if (cf == Cat.BOOL) {
            cf = Cat.INT;
        }
        if (ct == Cat.FP) {
            boolean toFloat = to.id() == TypeId.FLOAT;
            return switch (cf) {
                case INT, BOOL -> (in, r, out) -> {
                    long v = readLong(in, r);
                    double d = sf == 0 ? (double) v : (Math.abs(v) < (1L << 53) ? v / POW10_D[sf] : BigDecimal.valueOf(v, sf).doubleValue());
                    storeFp(out, r, d, toFloat, from);
                };
                case BIG -> (in, r, out) -> {
                    BigInteger v = readBig(in, r);
                    double d = new BigDecimal(v, sf).doubleValue();
                    storeFp(out, r, d, toFloat, from);
                };
                case FP -> (in, r, out) -> {
                    double d = readDouble(in, r);
                    if (toFloat && !Double.isInfinite(d) && !Double.isNaN(d) && Math.abs(d) > Float.MAX_VALUE) {
                        throw new CastFailure(() -> outOfRange(from, ValueFormatter.formatDouble(d), to));
                    }
                    storeFp(out, r, d, toFloat, from);
                };
            };
        }
        if (cf == Cat.FP) {
            if (!decTo) {
                if (ct == Cat.BIG) {
                    BigInteger lo = bigMin(to);
                    BigInteger hi = bigMax(to);
                    return (in, r, out) -> {
                        double d = readDouble(in, r);
                        BigInteger x = Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(Math.rint(d)).toBigInteger();
                        if (x == null || x.compareTo(lo) < 0 || x.compareTo(hi) > 0) {
                            throw new CastFailure(() -> outOfRange(from, ValueFormatter.formatDouble(d), to));
                        }
                        storeBig(out, r, x);
                    };
                }
                long min = minOf(to);
                long max = maxOf(to);
                return (in, r, out) -> {
                    double d = Math.rint(readDouble(in, r));
                    // 2^63 is the first double above Long.MAX_VALUE
                    if (!(d >= min && d <= max) || d >= 0x1p63) {
                        double orig = readDouble(in, r);
                        throw new CastFailure(() -> outOfRange(from, ValueFormatter.formatDouble(orig), to));
                    }
                    storeLong(out, r, (long) d);
                };
            }
            // double -> decimal: scale, round half away from zero, range check
            double limit = POW10_D[to.precision()];
            return (in, r, out) -> {
                double d = readDouble(in, r);
                double scaled = d * POW10_D[st];
                double rounded = scaled < 0 ? -Math.floor(-scaled + 0.5) : Math.floor(scaled + 0.5);
                if (!(Math.abs(rounded) < limit)) {
                    throw new CastFailure(() -> "Could not cast value " + String.format(java.util.Locale.ROOT, "%f", d) + " to " + to);
                }
                if (ct == Cat.INT) {
                    out.longs[r] = (long) rounded;
                } else {
                    storeBig(out, r, new BigDecimal(rounded).toBigInteger());
                }
            };
        }
        // exact numeric -> exact numeric (integers and decimals, 64 or 128 bit)
        if (cf == Cat.INT && ct == Cat.INT) {
            long min = minOf(to);
            long max = maxOf(to);
            if (sf == st) {
                return (in, r, out) -> {
                    long v = readLong(in, r);
                    if (v < min || v > max) {
                        throw new CastFailure(() -> narrowingMessage(from, to, BigInteger.valueOf(v), sf, BigInteger.valueOf(v)));
                    }
                    storeLong(out, r, v);
                };
            }
            if (st < sf) {
                long div = POW10[sf - st];
                return (in, r, out) -> {
                    long v = readLong(in, r);
                    long q = divRound(v, div);
                    if (q < min || q > max) {
                        throw new CastFailure(() -> narrowingMessage(from, to, BigInteger.valueOf(v), sf, BigInteger.valueOf(q)));
                    }
                    storeLong(out, r, q);
                };
            }
            // scale up; use exact multiply to catch overflow
            long mul = st - sf <= 18 ? POW10[st - sf] : 0;
            return (in, r, out) -> {
                long v = readLong(in, r);
                long x;
                try {
                    x = Math.multiplyExact(v, mul);
                    if (mul == 0 && v != 0) {
                        throw new ArithmeticException();
                    }
                } catch (ArithmeticException e) {
                    throw new CastFailure(() -> rangeMessage(from, to, BigInteger.valueOf(v), sf));
                }
                if (x < min || x > max) {
                    throw new CastFailure(() -> rangeMessage(from, to, BigInteger.valueOf(v), sf));
                }
                storeLong(out, r, x);
            };
        }
        // a 64-bit value scaled into a 128-bit type it always fits (BIGINT -> DECIMAL(19,0) for
        // decimal arithmetic, DECIMAL(15,2) -> DECIMAL(38,2)): the exact product, no BigInteger
        if (cf == Cat.INT && from.physical() == PhysicalType.INT64 && st >= sf && st - sf <= 18
                && (to.id() == TypeId.HUGEINT || (decTo && to.physical() == PhysicalType.INT128 && to.precision() >= 19 + st - sf))) {
            long mul = POW10[st - sf];
            return (in, r, out) -> {
                long v = in.longs[r];
                out.longs[r] = v * mul;
                out.highs[r] = Math.multiplyHigh(v, mul);
            };
        }
        // any 128-bit side: BigInteger path
        BigInteger bmin = bigMin(to);
        BigInteger bmax = bigMax(to);
        boolean bigOut = to.physical() == PhysicalType.INT128;
        return (in, r, out) -> {
            BigInteger v = readBig(in, r);
            BigInteger x;
            if (st < sf) {
                x = divRound(v, POW10_BIG[sf - st]);
            } else if (st > sf) {
                x = v.multiply(POW10_BIG[st - sf]);
            } else {
                x = v;
            }
            if (x.compareTo(bmin) < 0 || x.compareTo(bmax) > 0) {
                throw new CastFailure(() -> narrowingMessage(from, to, v, sf, x));
            }
            if (bigOut) {
                storeBig(out, r, x);
            } else {
                storeLong(out, r, x.longValue());
            }
        };
    }

    /** The error of an exact numeric cast whose result {@code result} does not fit {@code to}: DuckDB's words for DECIMAL to an integer, else {@link #rangeMessage}. */
    private static String narrowingMessage(LogicalType from, LogicalType to, BigInteger unscaled, int scale, BigInteger result) {
        return from.id() == TypeId.DECIMAL && to.id() != TypeId.DECIMAL
                ? "Failed to cast decimal value " + result + " to type " + CastRules.internalName(to)
                : rangeMessage(from, to, unscaled, scale);
    }

    private static String rangeMessage(LogicalType from, LogicalType to, BigInteger unscaled, int scale) {
        if (to.id() == TypeId.DECIMAL) {
            if (from.id() == TypeId.DECIMAL) {
                return "Casting value \"" + ValueFormatter.formatDecimal(unscaled, scale) + "\" to type " + to + " failed: value is out of range!";
            }
            return "Could not cast value " + unscaled + " to " + to;
        }
        return outOfRange(from, ValueFormatter.formatDecimal(unscaled, scale), to);
    }

    private static void storeFp(Vector out, int r, double d, boolean toFloat, LogicalType from) {
        if (toFloat) {
            out.floats[r] = (float) d;
        } else {
            out.doubles[r] = d;
        }
    }

    // ------------------------------------------------------------------ to VARCHAR

    private static RowCast toVarchar(LogicalType from) {
        return switch (from.id()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER -> (in, r, out) -> writeLongText(out, r, readLong(in, r));
            case UBIGINT -> (in, r, out) -> writeUnsignedLongText(out, r, in.longs[r]);
            case UUID -> (in, r, out) -> {
                byte[] buf = UUID_TEXT.get();
                UuidText.format(in.highs[r], in.longs[r], buf, 0);
                out.setBytes(r, buf, 0, UuidText.LENGTH);
            };
            case BOOLEAN -> (in, r, out) -> setAscii(out, r, in.bytes[r] != 0 ? "true" : "false");
            case BLOB -> (in, r, out) -> setAscii(out, r, ValueFormatter.formatBlob(in.heap, in.offsets[r], in.lengths[r]));
            default -> (in, r, out) -> out.setString(r, ValueFormatter.format(in, r));
        };
    }

    private static void setAscii(Vector out, int row, String s) {
        out.setBytes(row, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final ThreadLocal<byte[]> DIGITS = ThreadLocal.withInitial(() -> new byte[20]);
    private static final ThreadLocal<byte[]> UUID_TEXT = ThreadLocal.withInitial(() -> new byte[UuidText.LENGTH]);
    private static final ThreadLocal<long[]> UUID_WORDS = ThreadLocal.withInitial(() -> new long[2]);

    /** Writes the decimal text of {@code v} straight into the heap (no String). */
    static void writeLongText(Vector out, int row, long v) {
        byte[] buf = DIGITS.get();
        int pos = 20;
        boolean neg = v < 0;
        if (v == Long.MIN_VALUE) {
            out.setBytes(row, "-9223372036854775808".getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        if (neg) {
            v = -v;
        }
        do {
            buf[--pos] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        if (neg) {
            buf[--pos] = '-';
        }
        out.setBytes(row, buf, pos, 20 - pos);
    }

    /** Writes the decimal text of {@code v} read as unsigned (UBIGINT's low word) into the heap. */
    static void writeUnsignedLongText(Vector out, int row, long v) {
        if (v >= 0) {
            writeLongText(out, row, v);
            return;
        }
        byte[] buf = DIGITS.get();
        int pos = 20;
        long q = (v >>> 1) / 5; // unsigned divide by 10
        buf[--pos] = (byte) ('0' + (v - q * 10));
        v = q;
        do {
            buf[--pos] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        out.setBytes(row, buf, pos, 20 - pos);
    }

    // ------------------------------------------------------------------ from VARCHAR

    private static RowCast fromVarchar(LogicalType to) {
        return switch (to.id()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER -> {
                long min = minOf(to);
                long max = maxOf(to);
                yield (in, r, out) -> {
                    long v = parseLongFast(in.heap, in.offsets[r], in.lengths[r]);
                    if (v == Long.MIN_VALUE || v < min || v > max) {
                        // slow path: exponents, decimals, hex, underscores, MIN_VALUE
                        String s = in.getString(r);
                        BigInteger b = parseIntegerSlow(s);
                        if (b == null || b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
                            throw new CastFailure(() -> "Could not convert string '" + s + "' to " + CastRules.internalName(to));
                        }
                        v = b.longValue();
                    }
                    storeLong(out, r, v);
                };
            }
            case HUGEINT -> (in, r, out) -> {
                String s = in.getString(r);
                BigInteger b = parseIntegerSlow(s);
                if (b == null || b.bitLength() > 127) {
                    throw new CastFailure(() -> "Could not convert string '" + s + "' to INT128");
                }
                storeBig(out, r, b);
            };
            case UBIGINT, UHUGEINT -> {
                BigInteger max = bigMax(to);
                yield (in, r, out) -> {
                    long v = parseLongFast(in.heap, in.offsets[r], in.lengths[r]);
                    if (v >= 0) {
                        // up to 18 digits: no BigInteger, no String
                        out.longs[r] = v;
                        out.highs[r] = to.id() == TypeId.UHUGEINT ? Long.MIN_VALUE : 0;
                        return;
                    }
                    String s = in.getString(r);
                    BigInteger b = parseIntegerSlow(s);
                    if (b == null || b.signum() < 0 || b.compareTo(max) > 0) {
                        throw new CastFailure(() -> "Could not convert string '" + s + "' to " + CastRules.internalName(to));
                    }
                    storeBig(out, r, b);
                };
            }
            case BOOLEAN -> (in, r, out) -> {
                String s = in.getString(r).trim().toLowerCase(java.util.Locale.ROOT);
                out.bytes[r] = switch (s) {
                    case "true", "t", "yes", "y", "1" -> 1;
                    case "false", "f", "no", "n", "0" -> 0;
                    default -> throw new CastFailure(() -> "Could not convert string '" + in.getString(r) + "' to BOOL");
                };
            };
            case FLOAT, DOUBLE -> (in, r, out) -> {
                String s = in.getString(r);
                double d = parseDouble(s);
                if (Double.isNaN(d) && !isNanText(s)) {
                    throw new CastFailure(() -> "Could not convert string '" + s + "' to " + to.id());
                }
                if (to.id() == TypeId.FLOAT) {
                    out.floats[r] = (float) d;
                } else {
                    out.doubles[r] = d;
                }
            };
            case DECIMAL -> (in, r, out) -> {
                String s = in.getString(r);
                BigDecimal bd = parseDecimalText(s);
                BigInteger unscaled = bd == null ? null : bd.setScale(to.scale(), RoundingMode.HALF_UP).unscaledValue();
                if (unscaled == null || unscaled.abs().compareTo(POW10_BIG[to.precision()]) >= 0) {
                    throw new CastFailure(() -> "Could not convert string \"" + s + "\" to " + to);
                }
                if (to.physical() == PhysicalType.INT64) {
                    out.longs[r] = unscaled.longValue();
                } else {
                    storeBig(out, r, unscaled);
                }
            };
            case DATE -> (in, r, out) -> {
                String s = in.getString(r);
                long d = DateTimeUtil.parseDate(s);
                // DuckDB also accepts a full timestamp and keeps its date
                if (d == DateTimeUtil.INVALID) d = DateTimeUtil.parseDateOfTimestamp(s);
                if (d == DateTimeUtil.INVALID) {
                    throw new CastFailure(() -> DateTimeUtil.looksLikeDate(s)
                            ? "date field value out of range: \"" + s + "\""
                            : "invalid date field format: \"" + s + "\", expected format is (YYYY-MM-DD)");
                }
                out.ints[r] = (int) d;
            };
            case TIME -> (in, r, out) -> {
                String s = in.getString(r);
                long t = DateTimeUtil.parseTime(s);
                if (t == DateTimeUtil.INVALID) {
                    // DuckDB also accepts a full timestamp and keeps its time part
                    long ts = DateTimeUtil.parseTimestamp(s);
                    if (ts == DateTimeUtil.INVALID || ts == DateTimeUtil.TS_POS_INF || ts == DateTimeUtil.TS_NEG_INF) {
                        throw new CastFailure(() -> "time field value out of range: \"" + s + "\", expected format is ([YYYY-MM-DD ]HH:MM:SS[.MS])");
                    }
                    t = DateTimeUtil.timestampTimeOfDay(ts);
                }
                out.longs[r] = t;
            };
            case TIMESTAMP -> (in, r, out) -> {
                String s = in.getString(r);
                long t = DateTimeUtil.parseTimestamp(s);
                if (t == DateTimeUtil.INVALID) {
                    throw new CastFailure(() -> DateTimeUtil.looksLikeTimestamp(s)
                            ? "timestamp field value out of range: \"" + s + "\""
                            : "invalid timestamp field format: \"" + s + "\", expected format is (YYYY-MM-DD HH:MM[:SS[.US]][±HH[:MM[:SS]]| ZONE])");
                }
                out.longs[r] = t;
            };
            case INTERVAL -> (in, r, out) -> {
                String s = in.getString(r);
                Interval iv = DateTimeUtil.parseInterval(s);
                if (iv == null) {
                    throw new CastFailure(() -> "Could not convert string '" + s + "' to INTERVAL");
                }
                out.ints[r] = iv.months();
                out.days[r] = iv.days();
                out.longs[r] = iv.micros();
            };
            case BLOB -> (in, r, out) -> {
                byte[] b = parseBlob(in.heap, in.offsets[r], in.lengths[r]);
                out.setBytes(r, b);
            };
            case UUID -> (in, r, out) -> {
                long[] w = UUID_WORDS.get();
                if (!UuidText.parse(in.heap, in.offsets[r], in.lengths[r], w)) {
                    throw new CastFailure(() -> "Could not convert string '" + in.getString(r) + "' to UUID");
                }
                out.highs[r] = w[0];
                out.longs[r] = w[1];
            };
            default -> null;
        };
    }

    /** Parses [ws][+-]digits[ws]; returns Long.MIN_VALUE when anything else is present (caller falls back). */
    static long parseLongFast(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && b[i] == ' ') i++;
        while (end > i && b[end - 1] == ' ') end--;
        if (i >= end) {
            return Long.MIN_VALUE;
        }
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        if (i >= end || end - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + c;
        }
        return neg ? -v : v;
    }

    /** DuckDB-accepted integer text: decimals/exponents round half away, 0x/0b prefixes, '_' separators. */
    static BigInteger parseIntegerSlow(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        String body = s;
        if (body.startsWith("-") || body.startsWith("+")) {
            neg = body.charAt(0) == '-';
            body = body.substring(1);
        }
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        try {
            if (lower.startsWith("0x") || lower.startsWith("0b")) {
                String digits = body.substring(2).replace("_", "");
                if (digits.isEmpty() || digits.startsWith("-") || digits.startsWith("+")) {
                    return null;
                }
                BigInteger v = new BigInteger(digits, lower.charAt(1) == 'x' ? 16 : 2);
                return neg ? v.negate() : v;
            }
            BigDecimal bd = parseDecimalText((neg ? "-" : "") + body);
            if (bd == null) {
                return null;
            }
            return bd.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Plain decimal text with optional exponent and '_' digit separators; null when malformed. */
    static BigDecimal parseDecimalText(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                // separators only between digits
                if (i == 0 || i == n - 1 || !Character.isDigit(s.charAt(i - 1)) || !Character.isDigit(s.charAt(i + 1))) {
                    return null;
                }
            } else if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                return null;
            }
        }
        try {
            String cleaned = s.replace("_", "");
            if (cleaned.startsWith("+")) {
                cleaned = cleaned.substring(1);
            }
            if (cleaned.endsWith(".")) {
                cleaned = cleaned.substring(0, cleaned.length() - 1);
            }
            if (cleaned.isEmpty() || cleaned.equals("-")) {
                return null;
            }
            return new BigDecimal(cleaned);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isNanText(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        return t.equals("nan") || t.equals("-nan") || t.equals("+nan");
    }

    /** DuckDB double text: decimal/exponent forms, inf/infinity/nan in any case; returns NaN when malformed. */
    public static double parseDouble(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan":
                return Double.NaN;
            default:
                break;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' || c == '_')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** DuckDB's reading of a string as BLOB ({@link #parseBlob}), or null where DuckDB would refuse it. */
    public static byte[] tryParseBlob(byte[] heap, int off, int len) {
        try {
            return parseBlob(heap, off, len);
        } catch (CastFailure e) {
            return null;
        }
    }

    /** STRING -> BLOB: ASCII as is, {@code \xNN} escapes; other bytes rejected as in DuckDB. */
    static byte[] parseBlob(byte[] heap, int off, int len) {
        byte[] out = new byte[len];
        int n = 0;
        for (int i = off; i < off + len; i++) {
            int c = heap[i] & 0xFF;
            if (c == '\\') {
                if (i + 3 < off + len + 0 && (heap[i + 1] == 'x' || heap[i + 1] == 'X')) {
                    int hi = Character.digit(heap[i + 2], 16);
                    int lo = Character.digit(heap[i + 3], 16);
                    if (hi < 0 || lo < 0) {
                        throw blobError(heap, off, len);
                    }
                    out[n++] = (byte) (hi * 16 + lo);
                    i += 3;
                    continue;
                }
                throw blobError(heap, off, len);
            }
            if (c >= 128) {
                String s = new String(heap, off, len, StandardCharsets.UTF_8);
                throw new CastFailure(() -> "Invalid byte encountered in STRING -> BLOB conversion of string \"" + s
                        + "\". All non-ascii characters must be escaped with hex codes (e.g. \\xAA)");
            }
            out[n++] = (byte) c;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static CastFailure blobError(byte[] heap, int off, int len) {
        String s = new String(heap, off, len, StandardCharsets.UTF_8);
        return new CastFailure(() -> "Invalid hex escape code encountered in string -> blob conversion of string \"" + s
                + "\": \\x must be followed by two hex characters");
    }
}
