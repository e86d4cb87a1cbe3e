package io.tealdb.function.aggregate;

import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Statistical DOUBLE aggregates with an O(1) state per group, kept column-wise in primitive arrays.
 *
 * <p>Two-argument kinds ({@code f(y, x)}, DuckDB/SQL argument order) only fold rows where both
 * arguments are non-NULL and track means, second moments and the co-moment with Welford's update and
 * Chan et al.'s pairwise merge. One-argument kinds keep power sums (skewness, kurtosis), a Welford
 * variance (sem) or a Kahan-compensated sum (favg/fsum).
 */
final class StatAggregate extends BaseAggregate {
    enum Kind {
        COVAR_POP, COVAR_SAMP, CORR, REGR_AVGX, REGR_AVGY, REGR_COUNT, REGR_SLOPE, REGR_INTERCEPT, REGR_R2,
        REGR_SXX, REGR_SYY, REGR_SXY, WEIGHTED_AVG,
        SEM, SKEWNESS, KURTOSIS, KURTOSIS_POP, FAVG, FSUM;

        boolean binary() {
            return ordinal() <= WEIGHTED_AVG.ordinal();
        }
    }

    private final Kind kind;

    StatAggregate(String name, Kind kind) {
        super(name, kind.binary() ? List.of(LogicalType.DOUBLE, LogicalType.DOUBLE) : List.of(LogicalType.DOUBLE),
                kind == Kind.REGR_COUNT ? LogicalType.INTEGER : LogicalType.DOUBLE);
        this.kind = kind;
    }

    /**
     * Per group: count and up to five doubles whose meaning depends on the kind:
     * binary: a=mean(x) b=mean(y) c=M2(x) d=M2(y) e=co-moment; weighted_avg: a=sum(x*w) b=sum(w);
     * skewness/kurtosis: a..d = sum x, x^2, x^3, x^4; sem: a=mean c=M2; favg/fsum: a=sum b=compensation.
     */
    static final class State implements AggregateState {
        long[] count = new long[0];
        double[] a = new double[0];
        double[] b = new double[0];
        double[] c = new double[0];
        double[] d = new double[0];
        double[] e = new double[0];

        @Override
        public void ensureCapacity(int n) {
            if (count.length < n) {
                int cap = grow(count.length, n);
                count = Arrays.copyOf(count, cap);
                a = Arrays.copyOf(a, cap);
                b = Arrays.copyOf(b, cap);
                c = Arrays.copyOf(c, cap);
                d = Arrays.copyOf(d, cap);
                e = Arrays.copyOf(e, cap);
            }
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    private static double[] doublesOf(Vector v, int n) {
        if (v.physical == PhysicalType.DOUBLE) return v.doubles;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = v.floats[i];
        return r;
    }

    @Override
    public void update(AggregateState state, Vector[] args, int n, int[] groups) {
        State s = (State) state;
        if (kind.binary()) {
            updateBinary(s, args[0], args[1], n, groups);
        } else {
            updateUnary(s, args[0], n, groups);
        }
    }

    private void updateBinary(State s, Vector yv, Vector xv, int n, int[] groups) {
        boolean nulls = yv.validity != null || xv.validity != null;
        double[] ys = doublesOf(yv, n), xs = doublesOf(xv, n);
        long[] cnt = s.count;
        double[] a = s.a, b = s.b, c = s.c, d = s.d, e = s.e;
        if (kind == Kind.WEIGHTED_AVG) {
            // weighted_avg(value, weight): the first argument is the value
            for (int i = 0; i < n; i++) {
                if (nulls && (yv.isNull(i) || xv.isNull(i))) continue;
                int g = groups[i];
                a[g] += ys[i] * xs[i];
                b[g] += xs[i];
                cnt[g]++;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (nulls && (yv.isNull(i) || xv.isNull(i))) continue;
            int g = groups[i];
            double x = xs[i], y = ys[i];
            long k = ++cnt[g];
            double dx = x - a[g];
            double dy = y - b[g];
            a[g] += dx / k;
            b[g] += dy / k;
            c[g] += dx * (x - a[g]);
            d[g] += dy * (y - b[g]);
            e[g] += dx * (y - b[g]);
        }
    }

    private void updateUnary(State s, Vector v, int n, int[] groups) {
        boolean nulls = v.validity != null;
        double[] xs = doublesOf(v, n);
        long[] cnt = s.count;
        double[] a = s.a, b = s.b, c = s.c, d = s.d;
        switch (kind) {
            case SKEWNESS, KURTOSIS, KURTOSIS_POP -> {
                for (int i = 0; i < n; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    double x = xs[i], x2 = x * x;
                    a[g] += x;
                    b[g] += x2;
                    c[g] += x2 * x;
                    d[g] += x2 * x2;
                    cnt[g]++;
                }
            }
            case SEM -> {
                for (int i = 0; i < n; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    double x = xs[i];
                    long k = ++cnt[g];
                    double delta = x - a[g];
                    a[g] += delta / k;
                    c[g] += delta * (x - a[g]);
                }
            }
            default -> { // FAVG, FSUM: Kahan-Babuska (Neumaier) summation
                for (int i = 0; i < n; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    kahanAdd(a, b, g, xs[i]);
                    cnt[g]++;
                }
            }
        }
    }

    private static void kahanAdd(double[] sum, double[] err, int g, double x) {
        double t = sum[g] + x;
        if (Math.abs(sum[g]) >= Math.abs(x)) {
            err[g] += (sum[g] - t) + x;
        } else {
            err[g] += (x - t) + sum[g];
        }
        sum[g] = t;
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
            if (tc == 0) {
                t.a[tg] = s.a[g];
                t.b[tg] = s.b[g];
                t.c[tg] = s.c[g];
                t.d[tg] = s.d[g];
                t.e[tg] = s.e[g];
                t.count[tg] = sc;
                continue;
            }
            long total = tc + sc;
            switch (kind) {
                case WEIGHTED_AVG, SKEWNESS, KURTOSIS, KURTOSIS_POP -> {
                    t.a[tg] += s.a[g];
                    t.b[tg] += s.b[g];
                    t.c[tg] += s.c[g];
                    t.d[tg] += s.d[g];
                }
                case FAVG, FSUM -> {
                    kahanAdd(t.a, t.b, tg, s.a[g]);
                    t.b[tg] += s.b[g];
                }
                default -> {
                    double f = (double) tc * sc / total;
                    double dx = s.a[g] - t.a[tg];
                    double dy = s.b[g] - t.b[tg];
                    t.a[tg] += dx * sc / total;
                    t.b[tg] += dy * sc / total;
                    t.c[tg] += s.c[g] + dx * dx * f;
                    t.d[tg] += s.d[g] + dy * dy * f;
                    t.e[tg] += s.e[g] + dx * dy * f;
                }
            }
            t.count[tg] = total;
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int n, Vector out) {
        State s = (State) state;
        for (int i = 0; i < n; i++) {
            int g = firstGroup + i;
            long cnt = g < s.count.length ? s.count[g] : 0;
            if (kind == Kind.REGR_COUNT) {
                out.ints[i] = (int) cnt;
                continue;
            }
            if (cnt == 0) {
                out.setNull(i);
                continue;
            }
            double r = result(s, g, cnt);
            if (isNullMark(r)) {
                out.setNull(i);
                continue;
            }
            out.doubles[i] = r;
        }
    }

    /** A sentinel meaning "SQL NULL" (a NaN payload that arithmetic never produces). */
    private static final double NULL_MARK = Double.longBitsToDouble(0x7ff8dead0000beefL);

    private static boolean isNullMark(double r) {
        return Double.doubleToRawLongBits(r) == Double.doubleToRawLongBits(NULL_MARK);
    }

    private double result(State s, int g, long cnt) {
        double n = cnt;
        double meanX = s.a[g], meanY = s.b[g], m2x = s.c[g], m2y = s.d[g], co = s.e[g];
        return switch (kind) {
            case COVAR_POP -> co / n;
            case COVAR_SAMP -> cnt < 2 ? NULL_MARK : co / (n - 1);
            case CORR -> {
                double sx = cnt > 1 ? Math.sqrt(m2x / n) : 0;
                double sy = cnt > 1 ? Math.sqrt(m2y / n) : 0;
                yield (co / n) / (sx * sy);
            }
            case REGR_AVGX -> meanX;
            case REGR_AVGY -> meanY;
            case REGR_SLOPE -> slope(cnt, m2x, co);
            case REGR_INTERCEPT -> {
                double slope = slope(cnt, m2x, co);
                yield Double.isNaN(slope) ? NULL_MARK : meanY - slope * meanX;
            }
            case REGR_R2 -> {
                double varX = cnt > 1 ? m2x / n : 0;
                if (varX == 0) yield NULL_MARK;
                double varY = cnt > 1 ? m2y / n : 0;
                if (varY == 0) yield 1.0;
                double corr = (co / n) / (Math.sqrt(varX) * Math.sqrt(varY));
                yield corr * corr;
            }
            case REGR_SXX -> cnt > 1 ? m2x : 0;
            case REGR_SYY -> cnt > 1 ? m2y : 0;
            case REGR_SXY -> co;
            case WEIGHTED_AVG -> s.a[g] / s.b[g];
            case SEM -> Math.sqrt(s.c[g] / n) / Math.sqrt(n);
            case SKEWNESS -> skewness(s, g, n);
            case KURTOSIS, KURTOSIS_POP -> kurtosis(s, g, n);
            case FAVG -> (s.a[g] + s.b[g]) / n;
            case FSUM -> s.a[g] + s.b[g];
            case REGR_COUNT -> n;
        };
    }

    private static double slope(long cnt, double m2x, double co) {
        double n = cnt;
        double varX = cnt > 1 ? m2x / n : 0;
        return (co / n) / varX;
    }

    private static double skewness(State s, int g, double n) {
        if (n <= 2) return NULL_MARK;
        double sum = s.a[g], sumSq = s.b[g], sumCub = s.c[g];
        double temp = 1 / n;
        double p = Math.pow(temp * (sumSq - sum * sum * temp), 3);
        if (p < 0) return NULL_MARK;
        double div = Math.sqrt(p);
        if (div == 0) return NULL_MARK;
        double temp1 = Math.sqrt(n * (n - 1)) / (n - 2);
        double r = temp1 * temp * (sumCub - 3 * sumSq * sum * temp + 2 * Math.pow(sum, 3) * temp * temp) / div;
        if (!Double.isFinite(r)) throw new OutOfRangeException("SKEWNESS is out of range!");
        return r;
    }

    private double kurtosis(State s, int g, double n) {
        boolean pop = kind == Kind.KURTOSIS_POP;
        if (n <= (pop ? 1 : 3)) return NULL_MARK;
        double sum = s.a[g], sumSq = s.b[g], sumCub = s.c[g], sumFour = s.d[g];
        double temp = 1 / n;
        if (sumSq - sum * sum * temp == 0) return NULL_MARK;
        double m4 = temp * (sumFour - 4 * sumCub * sum * temp + 6 * sumSq * sum * sum * temp * temp
                - 3 * Math.pow(sum, 4) * Math.pow(temp, 3));
        double m2 = temp * (sumSq - sum * sum * temp);
        if (m2 <= 0) return NULL_MARK;
        double r = pop ? m4 / (m2 * m2) - 3
                : (n - 1) * ((n + 1) * m4 / (m2 * m2) - 3 * (n - 1)) / ((n - 2) * (n - 3));
        if (!Double.isFinite(r)) throw new OutOfRangeException("Kurtosis is out of range!");
        return r;
    }
}
