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

    SumAggregate(String name, LogicalType arg, boolean average) {
        super(name, List.of(arg), average ? LogicalType.DOUBLE
                : arg.id() == TypeId.DECIMAL ? LogicalType.decimal(38, arg.scale()) : LogicalType.HUGEINT);
        this.average = average;
        this.scale = arg.id() == TypeId.DECIMAL ? arg.scale() : 0;
        this.in = arg.physical();
    }

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
        switch (in) {
            case INT64 -> {
                long[] x = v.longs;
                for (int i = 0; i < count; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    long a = x[i];
                    long l = lo[g];
                    long nl = l + a;
                    // carry out of the unsigned low word, plus sign extension of the addend
                    hi[g] += (a >> 63) + (Long.compareUnsigned(nl, l) < 0 ? 1 : 0);
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
                    hi[g] += (a >> 63) + (Long.compareUnsigned(nl, l) < 0 ? 1 : 0);
                    lo[g] = nl;
                    cnt[g]++;
                }
            }
        }
    }

    private static void add128(State s, int g, long bh, long bl) {
        long l = s.lo[g];
        long h = s.hi[g];
        long nl = l + bl;
        long nh = h + bh + (Long.compareUnsigned(nl, l) < 0 ? 1 : 0);
        if (((h ^ nh) & (bh ^ nh)) < 0) {
            throw new OutOfRangeException("Overflow in HUGEINT addition: " + Int128.toBigInteger(h, l) + " + " + Int128.toBigInteger(bh, bl));
        }
        s.lo[g] = nl;
        s.hi[g] = nh;
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] targetGroups, int sourceGroupCount) {
        State t = (State) target;
        State s = (State) source;
        for (int g = 0; g < sourceGroupCount; g++) {
            if (s.counts[g] == 0) continue;
            int tg = targetGroups[g];
            add128(t, tg, s.hi[g], s.lo[g]);
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
            if (average) {
                long h = s.hi[g], l = s.lo[g];
                double avg;
                if (h == (l >> 63) && Math.abs(l) < (1L << 53)) {
                    avg = (double) l / s.counts[g];
                    if (scale > 0) {
                        avg /= Math.pow(10, scale);
                    }
                } else {
                    avg = new BigDecimal(Int128.toBigInteger(h, l), scale)
                            .divide(BigDecimal.valueOf(s.counts[g]), MathContext.DECIMAL128).doubleValue();
                }
                out.doubles[i] = avg;
            } else {
                out.longs[i] = s.lo[g];
                out.highs[i] = s.hi[g];
            }
        }
    }

    static BigInteger value(State s, int g) {
        return Int128.toBigInteger(s.hi[g], s.lo[g]);
    }
}
