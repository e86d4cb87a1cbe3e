package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Floating-point aggregates with an O(1) state: sum, avg, product, and the variance family
 * (var_samp, var_pop, stddev_samp, stddev_pop) via Welford's online algorithm with Chan et al.'s
 * pairwise combination. Inputs arrive as DOUBLE (FLOAT is read directly).
 */
final class DoubleAggregate extends BaseAggregate {
    enum Kind { SUM, AVG, PRODUCT, GEOMEAN, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP }

    private final Kind kind;

    DoubleAggregate(String name, LogicalType arg, Kind kind) {
        super(name, List.of(arg), LogicalType.DOUBLE);
        this.kind = kind;
    }

    /** sum of sums. */
    @Override
    public io.tealdb.function.AggregateFunction resultCombiner() {
        if (kind != Kind.SUM) return null;
        return argumentTypes().get(0).equals(LogicalType.DOUBLE) ? this : new DoubleAggregate(name(), LogicalType.DOUBLE, Kind.SUM);
    }

    static final class State implements AggregateState {
        long[] count = new long[0];
        double[] a = new double[0]; // sum / product / mean
        double[] m2 = new double[0];

        @Override
        public void ensureCapacity(int n) {
            if (count.length < n) {
                int cap = grow(count.length, n);
                count = Arrays.copyOf(count, cap);
                a = Arrays.copyOf(a, cap);
                m2 = Arrays.copyOf(m2, cap);
            }
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int n, int[] groups) {
        State s = (State) state;
        Vector v = args[0];
        boolean nulls = v.validity != null;
        boolean isFloat = v.physical == PhysicalType.FLOAT;
        long[] c = s.count;
        double[] a = s.a;
        switch (kind) {
            case SUM, AVG -> {
                if (!isFloat) {
                    double[] x = v.doubles;
                    for (int i = 0; i < n; i++) {
                        if (nulls && v.isNull(i)) continue;
                        int g = groups[i];
                        a[g] += x[i];
                        c[g]++;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        if (nulls && v.isNull(i)) continue;
                        int g = groups[i];
                        a[g] += v.floats[i];
                        c[g]++;
                    }
                }
            }
            case GEOMEAN -> {
                for (int i = 0; i < n; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    a[g] += Math.log(isFloat ? v.floats[i] : v.doubles[i]);
                    c[g]++;
                }
            }
            case PRODUCT -> {
                for (int i = 0; i < n; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    double x = isFloat ? v.floats[i] : v.doubles[i];
                    a[g] = c[g] == 0 ? x : a[g] * x;
                    c[g]++;
                }
            }
            default -> {
                double[] m2 = s.m2;
                for (int i = 0; i < n; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    double x = isFloat ? v.floats[i] : v.doubles[i];
                    long k = ++c[g];
                    double delta = x - a[g];
                    a[g] += delta / k;
                    m2[g] += delta * (x - a[g]);
                }
            }
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            long sc = s.count[g];
            if (sc == 0) continue;
            int tg = targetGroups[i];
            long tc = t.count[tg];
            switch (kind) {
                case SUM, AVG, GEOMEAN -> t.a[tg] += s.a[g];
                case PRODUCT -> t.a[tg] = tc == 0 ? s.a[g] : t.a[tg] * s.a[g];
                default -> {
                    if (tc == 0) {
                        t.a[tg] = s.a[g];
                        t.m2[tg] = s.m2[g];
                    } else {
                        double delta = s.a[g] - t.a[tg];
                        long total = tc + sc;
                        t.a[tg] = t.a[tg] + delta * sc / total;
                        t.m2[tg] = t.m2[tg] + s.m2[g] + delta * delta * ((double) tc * sc / total);
                    }
                }
            }
            t.count[tg] = tc + sc;
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int n, Vector out) {
        State s = (State) state;
        for (int i = 0; i < n; i++) {
            int g = firstGroup + i;
            long c = g < s.count.length ? s.count[g] : 0;
            if (c == 0) {
                out.setNull(i);
                continue;
            }
            double r;
            switch (kind) {
                case SUM, PRODUCT -> r = s.a[g];
                case AVG -> r = s.a[g] / c;
                case GEOMEAN -> r = Math.exp(s.a[g] / c);
                case VAR_POP -> r = s.m2[g] / c;
                case STDDEV_POP -> r = Math.sqrt(s.m2[g] / c);
                case VAR_SAMP, STDDEV_SAMP -> {
                    if (c < 2) {
                        out.setNull(i);
                        continue;
                    }
                    double var = s.m2[g] / (c - 1);
                    r = kind == Kind.VAR_SAMP ? var : Math.sqrt(var);
                }
                default -> throw new IllegalStateException();
            }
            out.doubles[i] = r;
        }
    }
}
