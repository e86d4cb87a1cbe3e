package io.tealdb.function.scalar;

import io.tealdb.error.ConversionException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.util.List;

import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.DateTimeUtil.MICROS_PER_DAY;
import static io.tealdb.types.LogicalType.*;

/**
 * {@code time_bucket(width, value[, offset | origin])} for DATE, TIMESTAMP and TIME, as in DuckDB:
 * the value is truncated to the start of its bucket of the given width, counted from an origin
 * (default 2000-01-03 for day/µs widths — a Monday — and 2000-01-01 for month widths). With an
 * offset interval the value is shifted by -offset, bucketed, and shifted back. Widths mixing months
 * with days/µs are not supported. DATE and TIME are bucketed as timestamps (TIME on 1970-01-01).
 */
public final class TimeBucketFunctions {
    private TimeBucketFunctions() {
    }

    /** 2000-01-03 00:00:00 in µs since the epoch. */
    static final long DEFAULT_ORIGIN_MICROS = 10959L * MICROS_PER_DAY;
    /** 2000-01-01 00:00:00 in µs since the epoch. */
    static final long DEFAULT_MONTH_ORIGIN_MICROS = 10957L * MICROS_PER_DAY;

    public static void register(FunctionRegistry r) {
        for (LogicalType t : List.of(DATE, TIMESTAMP, TIME)) {
            reg(r, "time_bucket", List.of(INTERVAL, t), t, t.id() == TypeId.TIMESTAMP ? TimeBucketFunctions::bucketTimestamps
                    : rows((a, i, res) -> store(t, res, i, bucket(a[0], i, load(t, a[1], i), Long.MIN_VALUE))));
            reg(r, "time_bucket", List.of(INTERVAL, t, INTERVAL), t, rows((a, i, res) -> {
                long v = load(t, a[1], i);
                if (isInfinite(v)) {
                    store(t, res, i, v);
                    return;
                }
                Vector o = a[2];
                long shifted = shift(v, -(long) o.ints[i], -(long) o.days[i], negate(o.longs[i]));
                long b = bucket(a[0], i, shifted, Long.MIN_VALUE);
                store(t, res, i, shift(b, o.ints[i], o.days[i], o.longs[i]));
            }));
            reg(r, "time_bucket", List.of(INTERVAL, t, t), t, rows((a, i, res) ->
                    store(t, res, i, bucket(a[0], i, load(t, a[1], i), load(t, a[2], i)))));
        }
    }

    /**
     * time_bucket(width, TIMESTAMP) over a chunk: rows whose width is a fixed number of days and µs (the
     * usual constant width) are bucketed inline with one floor division; others take {@link #bucket}.
     */
    private static void bucketTimestamps(Vector[] a, int count, Vector res) {
        boolean nulls = Kernels.propagateNulls(a, count, res);
        Vector width = a[0];
        long[] ts = a[1].longs;
        long[] out = res.longs;
        int[] months = width.ints;
        int[] days = width.days;
        long[] micros = width.longs;
        long o = DEFAULT_ORIGIN_MICROS;
        long w = 0;
        int wDays = 0;
        long wMicros = 0;
        // time-ordered rows mostly fall into the bucket of the row before: [lo, hi) skips the division
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        try {
            for (int i = 0; i < count; i++) {
                if (nulls && res.isNull(i)) continue;
                long v = ts[i];
                if (months[i] != 0 || isInfinite(v) || days[i] < 0 || micros[i] < 0) {
                    out[i] = bucket(width, i, v, Long.MIN_VALUE);
                    continue;
                }
                if (w == 0 || days[i] != wDays || micros[i] != wMicros) {
                    wDays = days[i];
                    wMicros = micros[i];
                    w = Math.addExact(Math.multiplyExact((long) wDays, MICROS_PER_DAY), wMicros);
                    lo = Long.MAX_VALUE;
                    hi = Long.MIN_VALUE;
                    if (w <= 0) {
                        out[i] = bucket(width, i, v, Long.MIN_VALUE); // the error for a zero width
                        continue;
                    }
                }
                if (v >= lo && v < hi) {
                    out[i] = lo;
                    continue;
                }
                long b = Math.addExact(o, Math.multiplyExact(Math.floorDiv(Math.subtractExact(v, o), w), w));
                out[i] = b;
                lo = b;
                hi = b > Long.MAX_VALUE - w ? Long.MAX_VALUE : b + w;
            }
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Overflow in time_bucket computation");
        }
    }

    private static long negate(long x) {
        if (x == Long.MIN_VALUE) throw new OutOfRangeException("Overflow in negation of " + x);
        return -x;
    }

    private static boolean isInfinite(long ts) {
        return ts == DateTimeUtil.TS_POS_INF || ts == DateTimeUtil.TS_NEG_INF;
    }

    /** The value of row i as µs since the epoch (TIME: on 1970-01-01). */
    private static long load(LogicalType t, Vector v, int i) {
        if (t.id() == TypeId.DATE) {
            int d = v.ints[i];
            if (d == DateTimeUtil.DATE_POS_INF) return DateTimeUtil.TS_POS_INF;
            if (d == DateTimeUtil.DATE_NEG_INF) return DateTimeUtil.TS_NEG_INF;
            try {
                return Math.multiplyExact((long) d, MICROS_PER_DAY);
            } catch (ArithmeticException e) {
                throw new ConversionException("Date out of range for timestamp: " + DateTimeUtil.formatDate(d));
            }
        }
        return v.longs[i];
    }

    private static void store(LogicalType t, Vector res, int i, long micros) {
        switch (t.id()) {
            case DATE -> {
                if (micros == DateTimeUtil.TS_POS_INF) res.ints[i] = DateTimeUtil.DATE_POS_INF;
                else if (micros == DateTimeUtil.TS_NEG_INF) res.ints[i] = DateTimeUtil.DATE_NEG_INF;
                else res.ints[i] = Math.toIntExact(Math.floorDiv(micros, MICROS_PER_DAY));
            }
            case TIME -> res.longs[i] = Math.floorMod(micros, MICROS_PER_DAY);
            default -> res.longs[i] = micros;
        }
    }

    /** ts + interval with overflow checks (errors instead of silently wrapping). */
    static long shift(long ts, long months, long days, long micros) {
        if (months != 0) {
            long c = DateTimeUtil.civil(DateTimeUtil.timestampDays(ts));
            long totalMonths = Math.addExact((c >> 9) * 12 + ((c >> 5) & 15) - 1, months);
            if (Math.abs(Math.floorDiv(totalMonths, 12)) > 294_247) {
                throw new OutOfRangeException("Overflow in addition of interval to timestamp");
            }
        }
        return DateFunctions.addInterval(ts, months, days, micros);
    }

    /** Start of the bucket holding {@code ts}; {@code origin} is Long.MIN_VALUE for the default origin. */
    static long bucket(Vector width, int i, long ts, long origin) {
        int months = width.ints[i];
        int days = width.days[i];
        long micros = width.longs[i];
        if (months != 0 && (days != 0 || micros != 0)) {
            throw new NotImplementedException("Month intervals cannot have day or time component");
        }
        if (isInfinite(ts)) return ts;
        try {
            if (months != 0) {
                if (months < 0) throw new NotImplementedException("Period must be greater than 0");
                long o = origin == Long.MIN_VALUE ? DEFAULT_MONTH_ORIGIN_MICROS : origin;
                long tm = monthIndex(ts);
                long om = monthIndex(o);
                long bm = om + Math.floorDiv(tm - om, (long) months) * months;
                long y = Math.floorDiv(bm, 12);
                int m = (int) Math.floorMod(bm, 12) + 1;
                if (Math.abs(y) > 294_247) throw new OutOfRangeException("Timestamp out of range");
                return Math.multiplyExact(DateTimeUtil.daysFromCivil(y, m, 1), MICROS_PER_DAY);
            }
            long w = Math.addExact(Math.multiplyExact((long) days, MICROS_PER_DAY), micros);
            if (w <= 0) throw new NotImplementedException("Period must be greater than 0");
            long o = origin == Long.MIN_VALUE ? DEFAULT_ORIGIN_MICROS : origin;
            long diff = Math.subtractExact(ts, o);
            return Math.addExact(o, Math.multiplyExact(Math.floorDiv(diff, w), w));
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Overflow in time_bucket computation");
        }
    }

    private static long monthIndex(long ts) {
        long c = DateTimeUtil.civil(DateTimeUtil.timestampDays(ts));
        return (c >> 9) * 12 + ((c >> 5) & 15) - 1;
    }
}
