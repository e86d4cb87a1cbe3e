package io.tealdb.function.aggregate;

import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;

/**
 * sum and avg over exact numbers (integers, DECIMAL) with a 128-bit accumulator per group (two
 * longs), so sum(BIGINT) never overflows; sum returns HUGEINT for integers and DECIMAL(38,s) for
 * decimals, avg returns DOUBLE (DuckDB semantics).
 */
final class SumAggregate extends BaseAggregate {
    private final boolean average;
    private final int scale;
    private final PhysicalType in;
    /** avg over partial results: arguments are a sum (this type's 128-bit sum) and a count (BIGINT) */
    private final boolean fromPartials;
    /**
     * avg of a DECIMAL that DuckDB stores in 16 or 32 bits (precision up to 9): it divides in double
     * precision, wider ones in x87 long double (see {@link #decimalAverage}).
     */
    private final boolean narrowDecimal;
    /**
     * avg of a TIME, TIMESTAMP or TIMESTAMPTZ: the 64-bit value's sum divided by the count in
     * integers, rounded up only past the half (DuckDB's discrete average), of the argument's type.
     */
    private final boolean discrete;

    SumAggregate(String name, LogicalType arg, boolean average) {
        this(name, arg, average, false);
    }

    private SumAggregate(String name, LogicalType arg, boolean average, boolean discrete) {
        super(name, List.of(arg), discrete ? arg : average ? LogicalType.DOUBLE
                : arg.id() == TypeId.DECIMAL ? LogicalType.decimal(38, arg.scale()) : LogicalType.HUGEINT);
        this.average = average;
        this.scale = arg.id() == TypeId.DECIMAL ? arg.scale() : 0;
        this.in = arg.physical();
        this.fromPartials = false;
        this.narrowDecimal = arg.id() == TypeId.DECIMAL && arg.precision() <= 9;
        this.discrete = discrete;
    }

    /** avg(TIME | TIMESTAMP | TIMESTAMPTZ), of the argument's type (see {@link #discrete}). */
    static SumAggregate temporalAverage(LogicalType arg) {
        return new SumAggregate("avg", arg, true, true);
    }

    /** The avg that folds partial (sum, count) pairs: the same state and result as avg over the rows. */
    private SumAggregate(LogicalType sumType, int scale, boolean narrowDecimal) {
        super("avg", List.of(sumType, LogicalType.BIGINT), LogicalType.DOUBLE);
        this.average = true;
        this.scale = scale;
        this.in = PhysicalType.INT128;
        this.fromPartials = true;
        this.narrowDecimal = narrowDecimal;
        this.discrete = false;
    }

    /** avg = a sum and a count of the same rows, folded by {@link #partialsCombiner}. */
    @Override
    public List<io.tealdb.function.AggregateFunction> partials() {
        if (!average || fromPartials || discrete) return null;
        LogicalType arg = argumentTypes().get(0);
        SumAggregate sum = new SumAggregate("sum", arg, false);
        return List.of(sum, new CountAggregate("count", List.of(arg), false));
    }

    @Override
    public io.tealdb.function.AggregateFunction partialsCombiner() {
        if (!average || fromPartials || discrete) return null;
        LogicalType arg = argumentTypes().get(0);
        return new SumAggregate(arg.id() == TypeId.DECIMAL ? LogicalType.decimal(38, arg.scale()) : LogicalType.HUGEINT, scale, narrowDecimal);
    }

    /** sum of sums: the 128-bit sum over this one's result type (HUGEINT or DECIMAL(38,s)) returns that type again. */
    @Override
    public io.tealdb.function.AggregateFunction resultCombiner() {
        if (average) return null;
        return argumentTypes().get(0).equals(returnType()) ? this : new SumAggregate(name(), returnType(), false);
    }

    /**
     * Per group: the sum is {@code hi * 2^64 + lo} with {@code lo} read as a SIGNED long, so adding a
     * long is one add plus a rarely taken signed-overflow branch (no carry computation per row); see
     * {@link #hiOf}/{@link #loOf} for the two's complement 128-bit value.
     */
    static final class State implements AggregateState {
        long[] lo = new long[0];
        long[] hi = new long[0];
        long[] counts = new long[0];

        @Override
        public void ensureCapacity(int n) {
            if (lo.length < n) {
                int cap = grow(lo.length, n);
                lo = Arrays.copyOf(lo, cap);
                hi = Arrays.copyOf(hi, cap);
                counts = Arrays.copyOf(counts, cap);
            }
        }
    }

    /** High word of group g's sum in two's complement. */
    static long hiOf(State s, int g) {
        return s.hi[g] + (s.lo[g] >> 63);
    }

    static long loOf(State s, int g) {
        return s.lo[g];
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        long[] lo = s.lo, hi = s.hi, cnt = s.counts;
        Vector v = args[0];
        boolean nulls = v.validity != null;
        if (fromPartials) {
            // a NULL sum is a part without values (its count is 0), or an outer row without partner
            long[] partCounts = args[1].longs;
            for (int i = 0; i < count; i++) {
                if (nulls && v.isNull(i)) continue;
                int g = groups[i];
                add128(s, g, v.highs[i], v.longs[i]);
                cnt[g] += partCounts[i];
            }
            return;
        }
        switch (in) {
            case INT64 -> {
                long[] x = v.longs;
                for (int i = 0; i < count; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    long a = x[i];
                    long l = lo[g];
                    long nl = l + a;
                    if (((l ^ nl) & (a ^ nl)) < 0) hi[g] += a < 0 ? -1 : 1;
                    lo[g] = nl;
                    cnt[g]++;
                }
            }
            case INT128 -> {
                for (int i = 0; i < count; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    add128(s, g, v.highs[i], v.longs[i]);
                    cnt[g]++;
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    long a = switch (in) {
                        case INT32 -> v.ints[i];
                        case INT16 -> v.shorts[i];
                        default -> v.bytes[i];
                    };
                    long l = lo[g];
                    long nl = l + a;
                    if (((l ^ nl) & (a ^ nl)) < 0) hi[g] += a < 0 ? -1 : 1;
                    lo[g] = nl;
                    cnt[g]++;
                }
            }
        }
    }

    /**
     * Ungrouped, no NULLs, 64-bit input: sums the low and high 32-bit halves separately (neither can
     * overflow for a chunk, and both loops vectorize), then adds once into the 128-bit state.
     */
    @Override
    public void updateUngrouped(AggregateState state, Vector[] args, int count) {
        Vector v = args[0];
        if (fromPartials || in != PhysicalType.INT64 || v.validity != null || count > (1 << 30)) {
            super.updateUngrouped(state, args, count);
            return;
        }
        State s = (State) state;
        long[] x = v.longs;
        long low = 0;
        long high = 0;
        for (int i = 0; i < count; i++) {
            low += x[i] & 0xFFFFFFFFL;
            high += x[i] >> 32;
        }
        // sum = high * 2^32 + low, as 128 bits: (high >> 32, high << 32) + low
        long bh = high >> 32;
        long bl = high << 32;
        long nl = bl + low;
        bh += Long.compareUnsigned(nl, bl) < 0 ? 1 : 0;
        add128(s, 0, bh, nl);
        s.counts[0] += count;
    }

    /** Adds the two's complement 128-bit value (bh, bl) to group g, failing on HUGEINT overflow. */
    private static void add128(State s, int g, long bh, long bl) {
        long l = s.lo[g];
        long h = hiOf(s, g);
        long nl = l + bl;
        long nh = h + bh + (Long.compareUnsigned(nl, l) < 0 ? 1 : 0);
        if (((h ^ nh) & (bh ^ nh)) < 0) {
            throw new OutOfRangeException("Overflow in HUGEINT addition: " + Int128.toBigInteger(h, l) + " + " + Int128.toBigInteger(bh, bl));
        }
        s.lo[g] = nl;
        s.hi[g] = nh - (nl >> 63);
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            if (s.counts[g] == 0) continue;
            int tg = targetGroups[i];
            add128(t, tg, hiOf(s, g), loOf(s, g));
            t.counts[tg] += s.counts[g];
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            if (g >= s.counts.length || s.counts[g] == 0) {
                out.setNull(i);
                continue;
            }
            long h = hiOf(s, g), l = loOf(s, g);
            if (discrete) {
                out.longs[i] = discreteAverage(h, l, s.counts[g]);
            } else if (average) {
                double avg;
                if (scale > 0) {
                    avg = decimalAverage(h, l, s.counts[g]);
                } else if (h == (l >> 63) && Math.abs(l) < (1L << 53)) {
                    avg = (double) l / s.counts[g];
                } else if (scale == 0) {
                    avg = LongDoubleDivision.divide(Int128.toBigInteger(h, l), s.counts[g]);
                } else {
                    avg = new BigDecimal(Int128.toBigInteger(h, l), scale)
                            .divide(BigDecimal.valueOf(s.counts[g]), MathContext.DECIMAL128).doubleValue();
                }
                out.doubles[i] = avg;
            } else {
                out.longs[i] = l;
                out.highs[i] = h;
            }
        }
    }

    /**
     * DuckDB's avg of a DECIMAL: the unscaled sum divided once by {@code count * 10^scale} — in
     * double precision for precision up to 9 (its 16/32-bit decimals), in x87 long double otherwise
     * — not the sum divided by the count and then by 10^scale, which rounds twice.
     */
    private double decimalAverage(long h, long l, long count) {
        double pow = Math.pow(10, scale);
        if (narrowDecimal) {
            double sum = h == (l >> 63) ? (double) l : Int128.toBigInteger(h, l).doubleValue();
            return sum / ((double) count * pow);
        }
        long p10 = 1;
        for (int i = 0; i < scale && p10 > 0; i++) p10 = p10 <= Long.MAX_VALUE / 10 ? p10 * 10 : -1;
        if (p10 > 0 && count <= Long.MAX_VALUE / p10) {
            return LongDoubleDivision.divide(Int128.toBigInteger(h, l), count * p10);
        }
        return new BigDecimal(Int128.toBigInteger(h, l), scale)
                .divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
    }

    /** The sum {@code (h, l)} divided by {@code count}, truncated, plus one when the remainder exceeds half the count. */
    static long discreteAverage(long h, long l, long count) {
        if (h == (l >> 63)) {
            return l / count + (l % count > count / 2 ? 1 : 0);
        }
        BigInteger[] qr = Int128.toBigInteger(h, l).divideAndRemainder(BigInteger.valueOf(count));
        return qr[0].longValueExact() + (qr[1].longValue() > count / 2 ? 1 : 0);
    }

    static BigInteger value(State s, int g) {
        return Int128.toBigInteger(hiOf(s, g), loOf(s, g));
    }
}
