package io.tealdb.execution.window;

import io.tealdb.function.cast.Casts;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * {@code fill(x [ORDER BY k]) OVER (PARTITION BY … [ORDER BY k])}, DuckDB's gap filling: each NULL
 * {@code x} becomes the linear interpolation, along {@code k}, of the nearest usable values of its
 * partition — or their extrapolation at the ends, or the one value when the partition has only one.
 * The frame plays no part: the series is the whole partition sorted by {@code k} (the layout handed
 * in is sorted that way). A value or key is usable when it is not NULL and finite (no NaN, ±inf or
 * temporal infinity); a row whose key is not usable keeps its NULL, and the search for neighbours
 * stops at such rows.
 *
 * <p>Arithmetic as DuckDB's, so that answers match to the unit: the position {@code d} of the row
 * between its neighbours is computed in doubles from the keys' stored values; DOUBLE is
 * {@code y0 * (1 - d) + y1 * d}; between the neighbours ({@code 0 <= d <= 1}) integers (and the
 * stored values of DECIMAL and temporal types) are {@code y0 + (y1 - y0) * d} in doubles, clamped and
 * truncated; outside, the offset from the smaller neighbour is rounded half to even and added
 * exactly, and an offset or result outside the type's range is NULL.
 */
final class FillWindow {
    private final Vector values;
    private final Vector keys;
    private final LogicalType type;
    private final PartitionLayout layout;
    private final double[] x;
    private final Vector out;
    /**
     * Per input row, set by the parallel tasks (one element each, so no task touches another's):
     * the row whose value it copies, or -2 once it was interpolated. Validity bits are shared by 64
     * rows, so they are set afterwards on one thread, in {@link #result}.
     */
    private final int[] filledFrom;
    private static final int INTERPOLATED = -2;

    private FillWindow(Vector values, Vector keys, LogicalType type, PartitionLayout layout) {
        this.values = values;
        this.keys = keys;
        this.type = type;
        this.layout = layout;
        this.x = Columns.toDoubles(keys, layout.n);
        this.out = new Vector(type, Math.max(1, layout.n));
        out.copyFrom(values, null, 0, layout.n, 0);
        this.filledFrom = new int[layout.n];
        java.util.Arrays.fill(filledFrom, -1);
    }

    /** Starts a fill of {@code values} along {@code keys}; {@link #compute} each range of whole partitions, then {@link #result}. */
    static FillWindow over(Vector values, Vector keys, LogicalType type, PartitionLayout layout) {
        return new FillWindow(values, keys, type, layout);
    }

    Vector result() {
        for (int row = 0; row < filledFrom.length; row++) {
            int from = filledFrom[row];
            if (from == INTERPOLATED) out.setValid(row);
            else if (from >= 0) out.copyRow(values, from, row);
        }
        return out;
    }

    /** Fills the partitions in sorted positions {@code [from, to)} (whole partitions). */
    void compute(int from, int to) {
        int[] idx = layout.idx;
        int[] usable = new int[Math.max(0, to - from)];
        int p = from;
        while (p < to) {
            // one run of consecutive usable keys within one partition
            int part = layout.partOf[p];
            int partEnd = layout.partStart[part + 1];
            if (!usable(keys, idx[p])) {
                p++;
                continue;
            }
            int runEnd = p;
            int count = 0;
            while (runEnd < partEnd && usable(keys, idx[runEnd])) {
                if (usable(values, idx[runEnd])) usable[count++] = runEnd;
                runEnd++;
            }
            if (count > 0) fillRun(p, runEnd, usable, count);
            p = runEnd;
        }
    }

    private void fillRun(int from, int to, int[] usable, int count) {
        int[] idx = layout.idx;
        int before = 0; // usable values at positions < q
        for (int q = from; q < to; q++) {
            while (before < count && usable[before] < q) before++;
            int row = idx[q];
            if (!values.isNull(row)) continue;
            int lo;
            int hi;
            if (before > 0) {
                if (before < count) {
                    lo = usable[before - 1];
                    hi = usable[before];
                } else if (before > 1) {
                    lo = usable[before - 2];
                    hi = usable[before - 1];
                } else {
                    lo = hi = usable[0];
                }
            } else {
                lo = usable[0];
                hi = count > 1 ? usable[1] : lo;
            }
            if (lo == hi) {
                filledFrom[row] = idx[lo];
                continue;
            }
            interpolate(row, idx[lo], idx[hi], position(x[row], x[idx[lo]], x[idx[hi]]));
        }
    }

    /** Where key x lies between x0 (0) and x1 (1); 0 when they are equal (the first neighbour's value). */
    private static double position(double x, double x0, double x1) {
        double den = x1 - x0;
        if (den == 0) return 0;
        if (Double.isInfinite(den)) return (x * 0.5 - x0 * 0.5) / (x1 * 0.5 - x0 * 0.5); // keys across the double range
        return (x - x0) / den;
    }

    private void interpolate(int row, int loRow, int hiRow, double d) {
        switch (values.physical) {
            case FLOAT -> {
                double y0 = values.floats[loRow];
                out.floats[row] = (float) (y0 + (values.floats[hiRow] - y0) * d);
                filledFrom[row] = INTERPOLATED;
            }
            case DOUBLE -> {
                out.doubles[row] = values.doubles[loRow] * (1 - d) + values.doubles[hiRow] * d;
                filledFrom[row] = INTERPOLATED;
            }
            case INT128 -> interpolateBig(row, loRow, hiRow, d);
            default -> interpolateLong(row, Casts.readLong(values, loRow), Casts.readLong(values, hiRow), d);
        }
    }

    private void interpolateLong(int row, long y0, long y1, double d) {
        long min = min();
        long max = max();
        long r;
        if (d >= 0 && d <= 1) {
            double v = (double) y0 + ((double) y1 - (double) y0) * d;
            r = v >= (double) max ? max : v <= (double) min ? min : (long) v;
        } else {
            if (y0 > y1) {
                long t = y0;
                y0 = y1;
                y1 = t;
                d = 1 - d;
            }
            double offset = Math.rint(((double) y1 - (double) y0) * Math.abs(d));
            if (offset > (double) max) return; // DuckDB casts the offset to the type first
            try {
                r = d < 0 ? Math.subtractExact(y0, (long) offset) : Math.addExact(y0, (long) offset);
            } catch (ArithmeticException overflow) {
                return; // stays NULL, as DuckDB leaves a value it cannot represent
            }
            if (r < min || r > max) return;
        }
        Casts.storeLong(out, row, r);
        filledFrom[row] = INTERPOLATED;
    }

    /**
     * 128-bit storage. HUGEINT, UHUGEINT and wide DECIMAL as DuckDB computes them: between the neighbours
     * the difference times d is truncated and added, outside them the result is computed in doubles and
     * truncated; UBIGINT (64 bits in DuckDB) follows the integer rules of {@link #interpolateLong}.
     */
    private void interpolateBig(int row, int loRow, int hiRow, double d) {
        BigInteger y0 = Casts.readBig(values, loRow);
        BigInteger y1 = Casts.readBig(values, hiRow);
        BigInteger r;
        if (type.id() != TypeId.UBIGINT && d >= 0 && d <= 1) {
            r = y0.add(truncate(y1.subtract(y0).doubleValue() * d));
        } else if (type.id() != TypeId.UBIGINT) {
            double v = y0.doubleValue() * (1 - d) + y1.doubleValue() * d;
            if (!Double.isFinite(v)) return;
            r = truncate(v);
        } else if (d >= 0 && d <= 1) {
            double v = y0.doubleValue() + (y1.doubleValue() - y0.doubleValue()) * d;
            r = truncate(v).max(Casts.bigMin(type)).min(Casts.bigMax(type));
        } else {
            if (y0.compareTo(y1) > 0) {
                BigInteger t = y0;
                y0 = y1;
                y1 = t;
                d = 1 - d;
            }
            BigInteger off = new BigDecimal(Math.rint((y1.doubleValue() - y0.doubleValue()) * Math.abs(d))).toBigIntegerExact();
            if (off.compareTo(Casts.bigMax(type)) > 0) return;
            r = d < 0 ? y0.subtract(off) : y0.add(off);
        }
        if (r.compareTo(Casts.bigMin(type)) < 0 || r.compareTo(Casts.bigMax(type)) > 0) return;
        Casts.storeBig(out, row, r);
        filledFrom[row] = INTERPOLATED;
    }

    private static BigInteger truncate(double v) {
        return new BigDecimal(v).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }

    private long min() {
        return switch (type.id()) {
            case TIME -> 0;
            case DATE -> Integer.MIN_VALUE;
            default -> Casts.minOf(type);
        };
    }

    private long max() {
        return switch (type.id()) {
            case TIME -> DateTimeUtil.MICROS_PER_DAY;
            case DATE -> Integer.MAX_VALUE;
            default -> Casts.maxOf(type);
        };
    }

    /** Not NULL and finite: no NaN or ±inf, no DATE/TIMESTAMP infinity. */
    private static boolean usable(Vector v, int row) {
        if (v.isNull(row)) return false;
        return switch (v.physical) {
            case FLOAT -> Float.isFinite(v.floats[row]);
            case DOUBLE -> Double.isFinite(v.doubles[row]);
            case INT32 -> v.type.id() != TypeId.DATE
                    || (v.ints[row] != DateTimeUtil.DATE_POS_INF && v.ints[row] != DateTimeUtil.DATE_NEG_INF);
            case INT64 -> !v.type.id().isTimestamp()
                    || (v.longs[row] != DateTimeUtil.TS_POS_INF && v.longs[row] != DateTimeUtil.TS_NEG_INF);
            default -> true;
        };
    }
}
