package io.tealdb.function.scalar;

import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.vector.Vector;

import java.util.List;
import java.util.Locale;

import static io.tealdb.function.scalar.Kernels.propagateNulls;
import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.regNonDeterministic;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.DateTimeUtil.MICROS_PER_DAY;
import static io.tealdb.types.LogicalType.*;

/**
 * Date/time arithmetic and functions: date ± integer/interval, timestamp ± interval, differences,
 * date_part/extract and its shorthands (year(), month(), ...), date_trunc, date_diff, date_sub,
 * last_day, dayname/monthname, strftime/strptime, make_date/make_timestamp, epoch conversions,
 * current_date/now.
 */
public final class DateFunctions {
    private DateFunctions() {
    }

    static final String[] DAY_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};

    /**
     * The operators on dates, times, timestamps and intervals (+, -, *, /): a family of their own
     * (see {@link BuiltinScalars#FAMILIES}), registered just before the other date functions, so that
     * arithmetic on numbers does not register every date function.
     */
    static void registerOperators(FunctionRegistry r) {
        reg(r, "+", List.of(DATE, INTEGER), DATE, (a, n, res) -> {
            int[] d = a[0].ints, k = a[1].ints, o = res.ints;
            for (int i = 0; i < n; i++) o[i] = addDays(d[i], k[i]);
            propagateNulls(a, n, res);
        });
        reg(r, "+", List.of(INTEGER, DATE), DATE, (a, n, res) -> {
            int[] d = a[1].ints, k = a[0].ints, o = res.ints;
            for (int i = 0; i < n; i++) o[i] = addDays(d[i], k[i]);
            propagateNulls(a, n, res);
        });
        reg(r, "-", List.of(DATE, INTEGER), DATE, (a, n, res) -> {
            int[] d = a[0].ints, k = a[1].ints, o = res.ints;
            for (int i = 0; i < n; i++) o[i] = addDays(d[i], -(long) k[i]);
            propagateNulls(a, n, res);
        });
        reg(r, "-", List.of(DATE, DATE), BIGINT, (a, n, res) -> {
            int[] x = a[0].ints, y = a[1].ints;
            long[] o = res.longs;
            for (int i = 0; i < n; i++) o[i] = (long) x[i] - y[i];
            propagateNulls(a, n, res);
        });
        reg(r, "+", List.of(DATE, INTERVAL), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addDateInterval(a[0].ints[i], a[1].ints[i], a[1].days[i], a[1].longs[i])));
        reg(r, "+", List.of(INTERVAL, DATE), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addDateInterval(a[1].ints[i], a[0].ints[i], a[0].days[i], a[0].longs[i])));
        reg(r, "-", List.of(DATE, INTERVAL), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addDateInterval(a[0].ints[i], -(long) a[1].ints[i], -(long) a[1].days[i], negateMicros(a[1].longs[i]))));
        reg(r, "+", List.of(TIMESTAMP, INTERVAL), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addInterval(a[0].longs[i], a[1].ints[i], a[1].days[i], a[1].longs[i])));
        reg(r, "+", List.of(INTERVAL, TIMESTAMP), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addInterval(a[1].longs[i], a[0].ints[i], a[0].days[i], a[0].longs[i])));
        reg(r, "-", List.of(TIMESTAMP, INTERVAL), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addInterval(a[0].longs[i], -(long) a[1].ints[i], -(long) a[1].days[i], -a[1].longs[i])));
        reg(r, "-", List.of(TIMESTAMP, TIMESTAMP), INTERVAL, rows((a, i, res) -> {
            long diff = subtractInt64(a[0].longs[i], a[1].longs[i]);
            res.ints[i] = 0;
            res.days[i] = (int) (diff / MICROS_PER_DAY);
            res.longs[i] = diff % MICROS_PER_DAY;
        }));
        reg(r, "+", List.of(DATE, TIME), TIMESTAMP, rows((a, i, res) -> res.longs[i] = a[0].ints[i] * MICROS_PER_DAY + a[1].longs[i]));
        reg(r, "+", List.of(TIME, DATE), TIMESTAMP, rows((a, i, res) -> res.longs[i] = a[1].ints[i] * MICROS_PER_DAY + a[0].longs[i]));
        reg(r, "+", List.of(TIME, INTERVAL), TIME, rows((a, i, res) -> res.longs[i] = Math.floorMod(a[0].longs[i] + a[1].longs[i], MICROS_PER_DAY)));
        reg(r, "-", List.of(TIME, INTERVAL), TIME, rows((a, i, res) -> res.longs[i] = Math.floorMod(a[0].longs[i] - a[1].longs[i], MICROS_PER_DAY)));
        reg(r, "-", List.of(TIME, TIME), INTERVAL, rows((a, i, res) -> {
            res.ints[i] = 0;
            res.days[i] = 0;
            res.longs[i] = a[0].longs[i] - a[1].longs[i];
        }));
        reg(r, "+", List.of(INTERVAL, INTERVAL), INTERVAL, rows((a, i, res) -> {
            res.ints[i] = addInt32(a[0].ints[i], a[1].ints[i]);
            res.days[i] = addInt32(a[0].days[i], a[1].days[i]);
            res.longs[i] = addInt64(a[0].longs[i], a[1].longs[i]);
        }));
        reg(r, "-", List.of(INTERVAL, INTERVAL), INTERVAL, rows((a, i, res) -> {
            res.ints[i] = subtractInt32(a[0].ints[i], a[1].ints[i]);
            res.days[i] = subtractInt32(a[0].days[i], a[1].days[i]);
            res.longs[i] = subtractInt64(a[0].longs[i], a[1].longs[i]);
        }));
        reg(r, "-", List.of(INTERVAL), INTERVAL, rows((a, i, res) -> {
            res.ints[i] = -a[0].ints[i];
            res.days[i] = -a[0].days[i];
            res.longs[i] = -a[0].longs[i];
        }));
        reg(r, "*", List.of(INTERVAL, BIGINT), INTERVAL, rows((a, i, res) -> multiplyInterval(a[0], i, a[1].longs[i], res)));
        reg(r, "*", List.of(BIGINT, INTERVAL), INTERVAL, rows((a, i, res) -> multiplyInterval(a[1], i, a[0].longs[i], res)));
        reg(r, "*", List.of(INTERVAL, DOUBLE), INTERVAL, rows((a, i, res) -> scaleInterval(a[0], i, a[1].doubles[i], false, res)));
        reg(r, "*", List.of(DOUBLE, INTERVAL), INTERVAL, rows((a, i, res) -> scaleInterval(a[1], i, a[0].doubles[i], false, res)));
        reg(r, "/", List.of(INTERVAL, DOUBLE), INTERVAL, rows((a, i, res) -> {
            double d = a[1].doubles[i];
            if (d == 0) {
                throw new OutOfRangeException("Division by zero");
            }
            scaleInterval(a[0], i, d, true, res);
        }));
    }

    public static void register(FunctionRegistry r) {
        // ---- to_years(n) .. to_microseconds(n): an interval of n units
        for (String[] u : new String[][]{{"years", "12"}, {"months", "1"}, {"quarters", "3"}, {"decades", "120"},
                {"centuries", "1200"}, {"millennia", "12000"}}) {
            long factor = Long.parseLong(u[1]);
            String unit = u[0];
            reg(r, "to_" + unit, List.of(BIGINT), INTERVAL, rows((a, i, res) -> {
                res.ints[i] = (int) scaledUnits(a[0].longs[i], factor, Integer.MAX_VALUE, unit);
                res.days[i] = 0;
                res.longs[i] = 0;
            }));
        }
        for (String[] u : new String[][]{{"days", "1"}, {"weeks", "7"}}) {
            long factor = Long.parseLong(u[1]);
            String unit = u[0];
            reg(r, "to_" + unit, List.of(BIGINT), INTERVAL, rows((a, i, res) -> {
                res.ints[i] = 0;
                res.days[i] = (int) scaledUnits(a[0].longs[i], factor, Integer.MAX_VALUE, unit);
                res.longs[i] = 0;
            }));
        }
        for (String[] u : new String[][]{{"hours", "3600000000"}, {"minutes", "60000000"}, {"microseconds", "1"}}) {
            long factor = Long.parseLong(u[1]);
            String unit = u[0];
            reg(r, "to_" + unit, List.of(BIGINT), INTERVAL, rows((a, i, res) -> {
                res.ints[i] = 0;
                res.days[i] = 0;
                res.longs[i] = scaledUnits(a[0].longs[i], factor, Long.MAX_VALUE, unit);
            }));
        }
        for (String[] u : new String[][]{{"seconds", "1000000"}, {"milliseconds", "1000"}}) {
            double factor = Double.parseDouble(u[1]);
            String unit = u[0];
            reg(r, "to_" + unit, List.of(DOUBLE), INTERVAL, rows((a, i, res) -> {
                double micros = Math.rint(a[0].doubles[i] * factor);
                // the double nearest Long.MAX_VALUE is 2^63 itself, already out of range
                if (!(micros >= -0x1p63 && micros < 0x1p63)) {
                    throw new OutOfRangeException("Interval value " + String.format(Locale.ROOT, "%f", a[0].doubles[i]) + " " + unit + " out of range");
                }
                res.ints[i] = 0;
                res.days[i] = 0;
                res.longs[i] = (long) micros;
            }));
        }

        // ---- date_part and shorthands
        for (String part : List.of("year", "month", "day", "hour", "minute", "second", "millisecond", "microsecond", "quarter",
                "dayofweek", "isodow", "dayofyear", "week", "weekofyear", "yearweek", "decade", "century", "millennium", "dayofmonth", "isoyear", "era")) {
            String p = part;
            reg(r, part, List.of(DATE), BIGINT, rows((a, i, res) -> res.longs[i] = datePart(p, a[0].ints[i] * MICROS_PER_DAY)));
            reg(r, part, List.of(TIMESTAMP), BIGINT, rows((a, i, res) -> res.longs[i] = datePart(p, a[0].longs[i])));
            reg(r, part, List.of(INTERVAL), BIGINT, rows((a, i, res) -> res.longs[i] = intervalPart(p, a[0].ints[i], a[0].days[i], a[0].longs[i])));
            if (List.of("hour", "minute", "second", "millisecond", "microsecond").contains(part)) {
                reg(r, part, List.of(TIME), BIGINT, rows((a, i, res) -> res.longs[i] = datePart(p, a[0].longs[i])));
            }
        }
        r.aliasScalar("dow", "dayofweek");
        r.aliasScalar("doy", "dayofyear");
        reg(r, "date_part", List.of(VARCHAR, DATE), BIGINT, rows((a, i, res) -> res.longs[i] = datePart(a[0].getString(i), a[1].ints[i] * MICROS_PER_DAY)));
        reg(r, "date_part", List.of(VARCHAR, TIMESTAMP), BIGINT, rows((a, i, res) -> res.longs[i] = datePart(a[0].getString(i), a[1].longs[i])));
        reg(r, "date_part", List.of(VARCHAR, TIME), BIGINT, rows((a, i, res) -> res.longs[i] = timePart(a[0].getString(i), a[1].longs[i])));
        reg(r, "date_part", List.of(VARCHAR, INTERVAL), BIGINT, rows((a, i, res) ->
                res.longs[i] = intervalPart(a[0].getString(i).toLowerCase(Locale.ROOT), a[1].ints[i], a[1].days[i], a[1].longs[i])));
        r.aliasScalar("datepart", "date_part");
        r.aliasScalar("extract", "date_part");
        reg(r, "epoch", List.of(TIMESTAMP), DOUBLE, rows((a, i, res) -> {
            if (infinite(a[0].longs[i], res, i)) return;
            res.doubles[i] = a[0].longs[i] / 1e6;
        }));
        reg(r, "epoch", List.of(DATE), DOUBLE, rows((a, i, res) -> res.doubles[i] = a[0].ints[i] * 86400.0));
        reg(r, "epoch", List.of(TIME), DOUBLE, rows((a, i, res) -> res.doubles[i] = a[0].longs[i] / 1e6));
        reg(r, "epoch", List.of(INTERVAL), DOUBLE, rows((a, i, res) ->
                res.doubles[i] = intervalEpochSeconds(a[0].ints[i], a[0].days[i]) + a[0].longs[i] / 1e6));
        reg(r, "epoch_ms", List.of(TIMESTAMP), BIGINT, rows((a, i, res) -> {
            if (!infinite(a[0].longs[i], res, i)) res.longs[i] = io.tealdb.function.cast.Casts.divRound(a[0].longs[i], 1000);
        }));
        reg(r, "epoch_us", List.of(TIMESTAMP), BIGINT, rows((a, i, res) -> {
            if (!infinite(a[0].longs[i], res, i)) res.longs[i] = a[0].longs[i];
        }));
        reg(r, "epoch_ns", List.of(TIMESTAMP), BIGINT, rows((a, i, res) -> {
            if (!infinite(a[0].longs[i], res, i)) res.longs[i] = epochNanos(a[0].longs[i]);
        }));
        ScalarKernel fromEpochMs = rows((a, i, res) -> {
            long ms = a[0].longs[i];
            if (ms > Long.MAX_VALUE / 1000 || ms < Long.MIN_VALUE / 1000) {
                throw new ConversionException("Could not convert Timestamp(MS) to Timestamp(US)");
            }
            res.longs[i] = ms * 1000L;
        });
        reg(r, "epoch_ms", List.of(BIGINT), TIMESTAMP, fromEpochMs);
        reg(r, "make_timestamp_ms", List.of(BIGINT), TIMESTAMP, fromEpochMs);
        // an interval's length in ms / µs / ns with a month of 30 days: the days part exactly, the
        // µs part converted on its own (toward zero for ms), as DuckDB sums them
        // a TIME's epoch parts count from midnight
        reg(r, "epoch_ms", List.of(TIME), BIGINT, (a, count, res) -> {
            for (int i = 0; i < count; i++) res.longs[i] = Math.floorDiv(a[0].longs[i], 1000);
            propagateNulls(a, count, res);
        });
        reg(r, "epoch_us", List.of(TIME), BIGINT, (a, count, res) -> {
            System.arraycopy(a[0].longs, 0, res.longs, 0, count);
            propagateNulls(a, count, res);
        });
        reg(r, "epoch_ns", List.of(TIME), BIGINT, (a, count, res) -> {
            for (int i = 0; i < count; i++) res.longs[i] = a[0].longs[i] * 1000;
            propagateNulls(a, count, res);
        });
        reg(r, "epoch_ms", List.of(INTERVAL), BIGINT, rows((a, i, res) ->
                res.longs[i] = intervalEpoch(a[0], i, 86_400_000L, 1, 1000, "Could not convert Interval to Milliseconds")));
        reg(r, "epoch_us", List.of(INTERVAL), BIGINT, rows((a, i, res) ->
                res.longs[i] = intervalEpoch(a[0], i, MICROS_PER_DAY, 1, 1, "Could not convert Month to Microseconds")));
        reg(r, "epoch_ns", List.of(INTERVAL), BIGINT, rows((a, i, res) ->
                res.longs[i] = intervalEpoch(a[0], i, MICROS_PER_DAY * 1000, 1000, 1, "Could not convert Interval to Nanoseconds")));
        // nanosecond(x): the seconds of the minute in ns (µs precision times 1000)
        reg(r, "nanosecond", List.of(TIMESTAMP), BIGINT, rows((a, i, res) -> res.longs[i] = datePart("microsecond", a[0].longs[i]) * 1000));
        reg(r, "nanosecond", List.of(DATE), BIGINT, rows((a, i, res) -> res.longs[i] = 0));
        reg(r, "nanosecond", List.of(TIME), BIGINT, rows((a, i, res) -> res.longs[i] = datePart("microsecond", a[0].longs[i]) * 1000));
        reg(r, "nanosecond", List.of(INTERVAL), BIGINT, rows((a, i, res) ->
                res.longs[i] = intervalPart("microsecond", a[0].ints[i], a[0].days[i], a[0].longs[i]) * 1000));
        // make_date(days since 1970-01-01)
        reg(r, "make_date", List.of(INTEGER), DATE, rows((a, i, res) -> res.ints[i] = a[0].ints[i]));
        reg(r, "make_date", List.of(BIGINT, BIGINT, BIGINT), DATE, rows((a, i, res) ->
                res.ints[i] = makeDate(a[0].longs[i], a[1].longs[i], a[2].longs[i])));
        // make_date(date_part(['year', 'month', 'day'], d)): the struct's fields; a NULL field is a NULL date
        reg(r, "make_date", List.of(LogicalType.struct(List.of(new TypeField("year", BIGINT), new TypeField("month", BIGINT),
                new TypeField("day", BIGINT)))), DATE, rows((a, i, res) -> {
            Vector[] f = a[0].children;
            if (f[0].isNull(i) || f[1].isNull(i) || f[2].isNull(i)) {
                res.setNull(i);
                return;
            }
            res.ints[i] = makeDate(f[0].longs[i], f[1].longs[i], f[2].longs[i]);
        }));
        reg(r, "make_timestamp", List.of(BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, DOUBLE), TIMESTAMP, rows((a, i, res) -> {
            long days = makeDate(a[0].longs[i], a[1].longs[i], a[2].longs[i]);
            long h = a[3].longs[i], m = a[4].longs[i];
            double s = a[5].doubles[i];
            long ts;
            try {
                ts = Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), h * DateTimeUtil.MICROS_PER_HOUR + m * DateTimeUtil.MICROS_PER_MINUTE + Math.round(s * 1e6));
            } catch (ArithmeticException e) {
                ts = DateTimeUtil.TS_POS_INF;
            }
            if (ts == DateTimeUtil.TS_POS_INF || ts == DateTimeUtil.TS_NEG_INF) {
                throw new ConversionException("Date and time not in timestamp range");
            }
            res.longs[i] = ts;
        }));
        // make_timestamp / make_timestamp_ns (epoch µs / ns; the infinities are not epochs), make_timestamp_ms
        reg(r, "make_timestamp", List.of(BIGINT), TIMESTAMP, rows((a, i, res) -> res.longs[i] = finiteEpoch(a[0].longs[i])));
        reg(r, "make_timestamp_ns", List.of(BIGINT), TIMESTAMP_NS, rows((a, i, res) -> res.longs[i] = finiteEpoch(a[0].longs[i])));

        reg(r, "make_time", List.of(BIGINT, BIGINT, DOUBLE), TIME, rows((a, i, res) ->
                res.longs[i] = a[0].longs[i] * DateTimeUtil.MICROS_PER_HOUR + a[1].longs[i] * DateTimeUtil.MICROS_PER_MINUTE + Math.round(a[2].doubles[i] * 1e6)));

        // ---- truncation and differences
        reg(r, "date_trunc", List.of(VARCHAR, TIMESTAMP), TIMESTAMP, rows((a, i, res) -> res.longs[i] = trunc(a[0].getString(i), a[1].longs[i])));
        reg(r, "date_trunc", List.of(VARCHAR, DATE), TIMESTAMP, rows((a, i, res) -> res.longs[i] = trunc(a[0].getString(i), dateInTimestampRange(a[1].ints[i]))));
        r.aliasScalar("datetrunc", "date_trunc");
        reg(r, "date_diff", List.of(VARCHAR, DATE, DATE), BIGINT, rows((a, i, res) ->
                res.longs[i] = dateDiffDates(a[0].getString(i), a[1].ints[i], a[2].ints[i])));
        reg(r, "date_diff", List.of(VARCHAR, TIMESTAMP, TIMESTAMP), BIGINT, rows((a, i, res) ->
                res.longs[i] = dateDiff(a[0].getString(i), a[1].longs[i], a[2].longs[i])));
        r.aliasScalar("datediff", "date_diff");
        reg(r, "date_sub", List.of(VARCHAR, DATE, DATE), BIGINT, rows((a, i, res) ->
                res.longs[i] = dateSub(a[0].getString(i), a[1].ints[i] * MICROS_PER_DAY, a[2].ints[i] * MICROS_PER_DAY)));
        reg(r, "date_sub", List.of(VARCHAR, TIMESTAMP, TIMESTAMP), BIGINT, rows((a, i, res) ->
                res.longs[i] = dateSub(a[0].getString(i), a[1].longs[i], a[2].longs[i])));
        r.aliasScalar("datesub", "date_sub");
        reg(r, "date_add", List.of(DATE, INTERVAL), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addInterval(a[0].ints[i] * MICROS_PER_DAY, a[1].ints[i], a[1].days[i], a[1].longs[i])));
        reg(r, "date_add", List.of(TIMESTAMP, INTERVAL), TIMESTAMP, rows((a, i, res) ->
                res.longs[i] = addInterval(a[0].longs[i], a[1].ints[i], a[1].days[i], a[1].longs[i])));
        reg(r, "age", List.of(TIMESTAMP, TIMESTAMP), INTERVAL, rows((a, i, res) -> age(a[0].longs[i], a[1].longs[i], res, i)));
        reg(r, "last_day", List.of(DATE), DATE, rows((a, i, res) -> res.ints[i] = lastDay(a[0].ints[i])));
        reg(r, "last_day", List.of(TIMESTAMP), DATE, rows((a, i, res) -> res.ints[i] = lastDay((int) DateTimeUtil.timestampDays(a[0].longs[i]))));
        reg(r, "dayname", List.of(DATE), VARCHAR, rows((a, i, res) -> res.setString(i, DAY_NAMES[DateTimeUtil.isoDayOfWeek(a[0].ints[i]) - 1])));
        reg(r, "dayname", List.of(TIMESTAMP), VARCHAR, rows((a, i, res) ->
                res.setString(i, DAY_NAMES[DateTimeUtil.isoDayOfWeek(DateTimeUtil.timestampDays(a[0].longs[i])) - 1])));
        reg(r, "monthname", List.of(DATE), VARCHAR, rows((a, i, res) -> res.setString(i, MONTH_NAMES[DateTimeUtil.month(a[0].ints[i]) - 1])));
        reg(r, "monthname", List.of(TIMESTAMP), VARCHAR, rows((a, i, res) ->
                res.setString(i, MONTH_NAMES[DateTimeUtil.month(DateTimeUtil.timestampDays(a[0].longs[i])) - 1])));
        // strftime(ts, format) and strftime(format, ts); the format must be a constant (checked once here)
        for (LogicalType t : List.of(TIMESTAMP, TIMESTAMP_NS, DATE)) {
            for (int fmtAt : new int[]{1, 0}) {
                int tsAt = 1 - fmtAt;
                List<io.tealdb.function.ArgSpec> params = fmtAt == 1 ? List.of(io.tealdb.function.ArgSpec.of(t), io.tealdb.function.ArgSpec.of(VARCHAR))
                        : List.of(io.tealdb.function.ArgSpec.of(VARCHAR), io.tealdb.function.ArgSpec.of(t));
                boolean date = t.equals(DATE);
                boolean nanos = t.equals(TIMESTAMP_NS);
                Kernels.regWithConstants(r, "strftime", params, (types, consts) -> {
                    io.tealdb.types.Value f = consts.size() > fmtAt ? consts.get(fmtAt) : null;
                    if (f == null) throw new io.tealdb.error.BinderException("strftime format must be a constant");
                    if (!f.isNull()) DateFormat.format(0, f.object().toString());
                    return new io.tealdb.function.ScalarFunction("strftime", fmtAt == 1 ? List.of(t, VARCHAR) : List.of(VARCHAR, t), VARCHAR,
                            rows((a, i, res) -> res.setString(i, (date ? DateFormat.formatDate(a[tsAt].ints[i], a[fmtAt].getString(i))
                                    : nanos ? DateFormat.formatNanos(a[tsAt].longs[i], a[fmtAt].getString(i))
                                    : DateFormat.format(a[tsAt].longs[i], a[fmtAt].getString(i))))));
                });
            }
        }
        // strptime(text, format) and strptime(text, [format, ...]): the formats are constants, compiled
        // once here (their specifiers decide the result type); try_strptime gives NULL where strptime fails
        for (boolean lenient : new boolean[]{false, true}) {
            String name = lenient ? "try_strptime" : "strptime";
            for (LogicalType fmtType : List.of(VARCHAR, LogicalType.list(VARCHAR))) {
                Kernels.regWithConstants(r, name, List.of(io.tealdb.function.ArgSpec.of(VARCHAR), io.tealdb.function.ArgSpec.of(fmtType)),
                        (types, consts) -> strptime(name, fmtType, consts.size() > 1 ? consts.get(1) : null, lenient));
            }
        }

        // ---- clock (non-deterministic: never constant-folded)
        regNonDeterministic(r, "current_date", List.of(), DATE, (a, n, res) -> {
            int today = (int) Math.floorDiv(System.currentTimeMillis(), 86_400_000L);
            for (int i = 0; i < n; i++) res.ints[i] = today;
        });
        regNonDeterministic(r, "today", List.of(), DATE, (a, n, res) -> {
            int today = (int) Math.floorDiv(System.currentTimeMillis(), 86_400_000L);
            for (int i = 0; i < n; i++) res.ints[i] = today;
        });
        ScalarKernel now = (a, n, res) -> {
            java.time.Instant t = java.time.Instant.now();
            long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
            for (int i = 0; i < n; i++) res.longs[i] = micros;
        };
        // an instant: TIMESTAMP WITH TIME ZONE, as in DuckDB
        regNonDeterministic(r, "now", List.of(), TIMESTAMP_TZ, now);
        regNonDeterministic(r, "current_timestamp", List.of(), TIMESTAMP_TZ, now);
        regNonDeterministic(r, "get_current_timestamp", List.of(), TIMESTAMP_TZ, now);
        regNonDeterministic(r, "transaction_timestamp", List.of(), TIMESTAMP_TZ, now);
    }

    // ------------------------------------------------------------------ helpers

    /** An epoch count as a timestamp; the values that mean ±infinity are out of range (DuckDB's make_timestamp). */
    private static long finiteEpoch(long v) {
        if (v == DateTimeUtil.TS_POS_INF || v == DateTimeUtil.TS_NEG_INF) {
            throw new ConversionException("Timestamp microseconds out of range: " + v);
        }
        return v;
    }

    static int makeDate(long y, long m, long d) {
        if (m < 1 || m > 12 || d < 1 || d > DateTimeUtil.daysInMonth(y, (int) m)) {
            throw new ConversionException("Date out of range: " + y + "-" + m + "-" + d);
        }
        return (int) DateTimeUtil.daysFromCivil(y, (int) m, (int) d);
    }

    static int lastDay(int days) {
        long c = DateTimeUtil.civil(days);
        long y = c >> 9;
        int m = (int) ((c >> 5) & 15);
        return (int) DateTimeUtil.daysFromCivil(y, m, DateTimeUtil.daysInMonth(y, m));
    }

    /** timestamp + interval: months first (clamping the day to the month's end), then days and µs. */
    /** date ± days; DuckDB keeps results within its finite DATE range and errors otherwise. */
    static int addDays(int date, long days) {
        if (date == DateTimeUtil.DATE_POS_INF || date == DateTimeUtil.DATE_NEG_INF) return date;
        long r = date + days;
        if (r >= DateTimeUtil.DATE_POS_INF || r <= DateTimeUtil.DATE_NEG_INF) throw new OutOfRangeException("Date out of range");
        return (int) r;
    }

    /** date + interval as TIMESTAMP; the date is taken at midnight, overflow is a conversion error as in DuckDB. */
    static long addDateInterval(int date, long months, long days, long micros) {
        long ts = dateInTimestampRange(date);
        try {
            return addInterval(ts, months, days, micros);
        } catch (OutOfRangeException e) {
            throw new ConversionException("Date and time not in timestamp range");
        }
    }

    private static long negateMicros(long micros) {
        if (micros == Long.MIN_VALUE) throw new OutOfRangeException("Overflow in negation of INT64");
        return -micros;
    }

    // DuckDB's overflow messages for the fields of intervals and timestamps
    private static int addInt32(int x, int y) {
        int r = x + y;
        if (((x ^ r) & (y ^ r)) < 0) throw new OutOfRangeException("Overflow in addition of INT32 (" + x + " + " + y + ")!");
        return r;
    }

    private static int subtractInt32(int x, int y) {
        int r = x - y;
        if (((x ^ y) & (x ^ r)) < 0) throw new OutOfRangeException("Overflow in subtraction of INT32 (" + x + " - " + y + ")!");
        return r;
    }

    private static long addInt64(long x, long y) {
        long r = x + y;
        if (((x ^ r) & (y ^ r)) < 0) throw new OutOfRangeException("Overflow in addition of INT64 (" + x + " + " + y + ")!");
        return r;
    }

    private static long subtractInt64(long x, long y) {
        long r = x - y;
        if (((x ^ y) & (x ^ r)) < 0) throw new OutOfRangeException("Overflow in subtraction of INT64 (" + x + " - " + y + ")!");
        return r;
    }

    static long addInterval(long ts, long months, long days, long micros) {
        if (ts == DateTimeUtil.TS_POS_INF || ts == DateTimeUtil.TS_NEG_INF) return ts;
        if (months != 0) {
            long d = DateTimeUtil.timestampDays(ts);
            long tod = DateTimeUtil.timestampTimeOfDay(ts);
            long c = DateTimeUtil.civil(d);
            long y = c >> 9;
            long m = ((c >> 5) & 15) - 1 + months;
            long day = c & 31;
            y += Math.floorDiv(m, 12);
            m = Math.floorMod(m, 12) + 1;
            day = Math.min(day, DateTimeUtil.daysInMonth(y, (int) m));
            try {
                ts = Math.addExact(Math.multiplyExact(DateTimeUtil.daysFromCivil(y, (int) m, (int) day), MICROS_PER_DAY), tod);
            } catch (ArithmeticException e) {
                throw new OutOfRangeException("Timestamp out of range");
            }
        }
        long r;
        try {
            r = Math.addExact(Math.addExact(ts, Math.multiplyExact(days, MICROS_PER_DAY)), micros);
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Timestamp out of range");
        }
        if (r == DateTimeUtil.TS_POS_INF || r <= DateTimeUtil.TS_NEG_INF) throw new OutOfRangeException("Timestamp out of range");
        return r;
    }

    private static void multiplyInterval(Vector iv, int i, long k, Vector res) {
        try {
            res.ints[i] = Math.toIntExact(Math.multiplyExact((long) iv.ints[i], k));
            res.days[i] = Math.toIntExact(Math.multiplyExact((long) iv.days[i], k));
            res.longs[i] = Math.multiplyExact(iv.longs[i], k);
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Interval multiplication out of range");
        }
    }

    /**
     * interval × double or ÷ double, PostgreSQL's interval_mul/interval_div (which DuckDB follows):
     * each field is scaled, the fractional months cascade into days (30 per month) and the fractional
     * days into the time, both rounded to microseconds so that 0.3 × 9 months stays 21 days, not
     * 20 days 23:59:59.999999.
     */
    private static void scaleInterval(Vector iv, int i, double k, boolean divide, Vector res) {
        double monthsExact = divide ? iv.ints[i] / k : iv.ints[i] * k;
        double daysExact = divide ? iv.days[i] / k : iv.days[i] * k;
        double micros = divide ? iv.longs[i] / k : iv.longs[i] * k;
        long months = (long) monthsExact;
        long days = (long) daysExact;
        double monthRemainderDays = roundToMicros((monthsExact - months) * 30);
        double secRemainder = roundToMicros((daysExact - days + monthRemainderDays - (long) monthRemainderDays) * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            long wholeDays = (long) (secRemainder / 86400);
            days += wholeDays;
            secRemainder -= wholeDays * 86400;
        }
        days += (long) monthRemainderDays;
        if (months != (int) months || days != (int) days || Double.isNaN(micros) || Math.abs(micros) >= 9.2e18) {
            throw new OutOfRangeException("Interval value out of range");
        }
        res.ints[i] = (int) months;
        res.days[i] = (int) days;
        res.longs[i] = Math.round(Math.rint(micros + secRemainder * 1e6));
    }

    private static double roundToMicros(double v) {
        return Math.rint(v * 1e6) / 1e6;
    }

    /** n × factor for to_years() and friends, within {@code max} in magnitude. */
    private static long scaledUnits(long n, long factor, long max, String unit) {
        long v;
        try {
            v = Math.multiplyExact(n, factor);
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("Interval value " + n + " " + unit + " out of range");
        }
        if (v > max || v < -max) throw new OutOfRangeException("Interval value " + n + " " + unit + " out of range");
        return v;
    }

    /** A DATE as TIMESTAMP for functions computing on timestamps (date_trunc). */
    private static long dateInTimestampRange(int date) {
        long ts = DateTimeUtil.dateToTimestamp(date);
        if (ts == DateTimeUtil.INVALID) throw new ConversionException("Date and time not in timestamp range");
        return ts;
    }

    static NotImplementedException unknownPart(String part) {
        return new NotImplementedException("\"" + part + "\" is not a recognized date part");
    }

    static long datePart(String part, long ts) {
        long days = DateTimeUtil.timestampDays(ts);
        long tod = DateTimeUtil.timestampTimeOfDay(ts);
        String p = part.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "year", "years", "y", "yr", "yrs" -> DateTimeUtil.year(days);
            case "month", "months", "mon", "mons" -> DateTimeUtil.month(days);
            case "day", "days", "d", "dayofmonth" -> DateTimeUtil.day(days);
            case "hour", "hours", "h", "hr", "hrs" -> tod / DateTimeUtil.MICROS_PER_HOUR;
            case "minute", "minutes", "m", "min", "mins" -> (tod / DateTimeUtil.MICROS_PER_MINUTE) % 60;
            case "second", "seconds", "s", "sec", "secs" -> (tod / DateTimeUtil.MICROS_PER_SECOND) % 60;
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> (tod / 1000) % 60_000;
            case "microsecond", "microseconds", "us", "usec", "usecs" -> tod % 60_000_000;
            case "quarter", "quarters" -> (DateTimeUtil.month(days) - 1) / 3 + 1;
            case "dayofweek", "dow", "weekday" -> DateTimeUtil.isoDayOfWeek(days) % 7;
            case "isodow" -> DateTimeUtil.isoDayOfWeek(days);
            case "dayofyear", "doy" -> DateTimeUtil.dayOfYear(days);
            case "week", "weeks", "w", "weekofyear" -> isoWeek(days);
            case "isoyear" -> isoYear(days);
            case "yearweek" -> isoYear(days) * 100L + isoWeek(days);
            case "decade", "decades", "dec" -> Math.floorDiv(DateTimeUtil.year(days), 10);
            case "century", "centuries" -> {
                long y = DateTimeUtil.year(days);
                yield y > 0 ? (y - 1) / 100 + 1 : -((-y) / 100 + 1);
            }
            case "millennium", "millennia", "mil" -> {
                long y = DateTimeUtil.year(days);
                yield y > 0 ? (y - 1) / 1000 + 1 : -((-y) / 1000 + 1);
            }
            case "era" -> DateTimeUtil.year(days) > 0 ? 1 : 0;
            case "epoch" -> Math.floorDiv(ts, DateTimeUtil.MICROS_PER_SECOND);
            default -> throw unknownPart(part);
        };
    }

    /**
     * A part of a TIME (microseconds of the day): the clock parts, epoch, and the time zone parts
     * (0: a TIME has no zone); a date part is DuckDB's Not implemented Error.
     */
    static long timePart(String part, long micros) {
        String p = part.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "hour", "hours", "h", "hr", "hrs", "minute", "minutes", "m", "min", "mins", "second", "seconds", "s", "sec", "secs",
                 "millisecond", "milliseconds", "ms", "msec", "msecs", "microsecond", "microseconds", "us", "usec", "usecs", "epoch" ->
                    datePart(p, micros);
            case "timezone", "timezone_hour", "timezone_minute" -> 0;
            default -> {
                datePart(p, micros); // an unknown part keeps its own error
                throw new io.tealdb.error.NotImplementedException("\"time\" units \"" + part + "\" not recognized");
            }
        };
    }

    static long intervalPart(String p, int months, int days, long micros) {
        return switch (p) {
            case "year", "years", "y", "yr", "yrs" -> months / 12;
            case "month", "months", "mon", "mons" -> months % 12;
            case "day", "days", "d" -> days;
            case "hour", "hours", "h" -> micros / DateTimeUtil.MICROS_PER_HOUR;
            case "minute", "minutes", "m", "min" -> (micros / DateTimeUtil.MICROS_PER_MINUTE) % 60;
            case "second", "seconds", "s", "sec" -> (micros / DateTimeUtil.MICROS_PER_SECOND) % 60;
            case "millisecond", "milliseconds", "ms" -> (micros / 1000) % 60_000;
            case "microsecond", "microseconds", "us" -> micros % 60_000_000;
            case "quarter" -> (months % 12) / 3 + 1;
            case "decade" -> months / 120;
            case "century" -> months / 1200;
            case "millennium" -> months / 12000;
            case "epoch" -> intervalEpochSeconds(months, days) + micros / 1_000_000;
            default -> throw unknownPart(p);
        };
    }

    /**
     * An interval's length in a unit of {@code perDay} per day, a month counting 30 days, plus its
     * µs part times {@code microMul} divided (toward zero) by {@code microDiv} (DuckDB's
     * epoch_ms/us/ns of an interval); beyond BIGINT a conversion error.
     */
    private static long intervalEpoch(Vector v, int i, long perDay, long microMul, long microDiv, String overflow) {
        try {
            return Math.addExact(Math.multiplyExact(v.ints[i] * 30L + v.days[i], perDay), Math.multiplyExact(v.longs[i], microMul) / microDiv);
        } catch (ArithmeticException e) {
            throw new ConversionException(overflow);
        }
    }

    /** Whole seconds of an interval's months and days; a year counts 365.25 days, a month 30 (DuckDB's rule). */
    static long intervalEpochSeconds(long months, long days) {
        long years = months / 12;
        long d = years * 365 + (months % 12) * 30 + days;
        return d * 86400 + years * (86400 / 4);
    }

    private static io.tealdb.function.ScalarFunction strptime(String name, LogicalType fmtType, io.tealdb.types.Value fmt,
                                                             boolean lenient) {
        if (fmt == null) throw new io.tealdb.error.BinderException(name + " format must be a constant expression");
        List<LogicalType> params = List.of(VARCHAR, fmtType);
        List<StrpTimeFormat> formats = new java.util.ArrayList<>();
        if (!fmt.isNull()) {
            if (fmt.object() instanceof List<?> list) {
                for (Object f : list) {
                    if (f == null) throw new io.tealdb.error.BinderException(name + " format must not be NULL");
                    formats.add(StrpTimeFormat.compile(f.toString()));
                }
                if (formats.isEmpty()) throw new io.tealdb.error.BinderException(name + " needs at least one format");
            } else {
                formats.add(StrpTimeFormat.compile(fmt.object().toString()));
            }
        }
        if (formats.isEmpty()) {
            return new io.tealdb.function.ScalarFunction(name, params, TIMESTAMP, (a, n, res) -> {
                for (int i = 0; i < n; i++) res.setNull(i);
            });
        }
        LogicalType type = formats.get(0).type();
        for (StrpTimeFormat f : formats) {
            if (!f.type().equals(type)) {
                throw new io.tealdb.error.BinderException(name + " formats must all give one type: '" + formats.get(0).text()
                        + "' gives " + type + ", '" + f.text() + "' gives " + f.type());
            }
        }
        StrpTimeFormat[] fs = formats.toArray(new StrpTimeFormat[0]);
        return new io.tealdb.function.ScalarFunction(name, params, type, (a, n, res) -> {
            StrpTimeFormat.Failure failure = new StrpTimeFormat.Failure();
            Vector text = a[0];
            for (int i = 0; i < n; i++) {
                if (text.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                String s = text.getString(i);
                long v = DateTimeUtil.INVALID;
                for (int k = 0; k < fs.length && v == DateTimeUtil.INVALID; k++) v = fs[k].parse(s, failure);
                if (v != DateTimeUtil.INVALID) {
                    res.longs[i] = v;
                } else if (lenient) {
                    res.setNull(i);
                } else {
                    // DuckDB names the first format and the last one's cause
                    throw StrpTimeFormat.error(s, fs[0].text(), failure);
                }
            }
        });
    }

    static int isoYear(long days) {
        int y = DateTimeUtil.year(days);
        int w = isoWeek(days);
        int m = DateTimeUtil.month(days);
        if (w >= 52 && m == 1) return y - 1;
        if (w == 1 && m == 12) return y + 1;
        return y;
    }

    /** ISO-8601 week number (weeks start Monday; week 1 contains the year's first Thursday). */
    static int isoWeek(long days) {
        long thursday = days - DateTimeUtil.isoDayOfWeek(days) + 4;
        int y = DateTimeUtil.year(thursday);
        long jan1 = DateTimeUtil.daysFromCivil(y, 1, 1);
        return (int) ((thursday - jan1) / 7 + 1);
    }

    static long trunc(String part, long ts) {
        long days = DateTimeUtil.timestampDays(ts);
        long tod = DateTimeUtil.timestampTimeOfDay(ts);
        long c = DateTimeUtil.civil(days);
        long y = c >> 9;
        int m = (int) ((c >> 5) & 15);
        return switch (part.toLowerCase(Locale.ROOT)) {
            case "millennium", "mil" -> DateTimeUtil.daysFromCivil(Math.floorDiv(y - 1, 1000) * 1000 + 1, 1, 1) * MICROS_PER_DAY;
            case "century", "centuries" -> DateTimeUtil.daysFromCivil(Math.floorDiv(y - 1, 100) * 100 + 1, 1, 1) * MICROS_PER_DAY;
            case "decade", "dec" -> DateTimeUtil.daysFromCivil(Math.floorDiv(y, 10) * 10, 1, 1) * MICROS_PER_DAY;
            case "year", "years", "y", "yr" -> DateTimeUtil.daysFromCivil(y, 1, 1) * MICROS_PER_DAY;
            case "quarter" -> DateTimeUtil.daysFromCivil(y, ((m - 1) / 3) * 3 + 1, 1) * MICROS_PER_DAY;
            case "month", "months", "mon" -> DateTimeUtil.daysFromCivil(y, m, 1) * MICROS_PER_DAY;
            case "week", "weeks", "w" -> (days - DateTimeUtil.isoDayOfWeek(days) + 1) * MICROS_PER_DAY;
            case "day", "days", "d" -> days * MICROS_PER_DAY;
            case "hour", "hours", "h" -> ts - tod % DateTimeUtil.MICROS_PER_HOUR;
            case "minute", "minutes", "m", "min" -> ts - tod % DateTimeUtil.MICROS_PER_MINUTE;
            case "second", "seconds", "s", "sec" -> ts - tod % DateTimeUtil.MICROS_PER_SECOND;
            case "millisecond", "milliseconds", "ms" -> ts - tod % 1000;
            case "microsecond", "microseconds", "us" -> ts;
            default -> throw unknownPart(part);
        };
    }

    /** DuckDB date_diff: difference of the truncated parts (boundaries crossed). */
    static long dateDiff(String part, long a, long b) {
        String p = part.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "hour", "hours", "h" -> Math.floorDiv(b, DateTimeUtil.MICROS_PER_HOUR) - Math.floorDiv(a, DateTimeUtil.MICROS_PER_HOUR);
            case "minute", "minutes", "m", "min" -> Math.floorDiv(b, DateTimeUtil.MICROS_PER_MINUTE) - Math.floorDiv(a, DateTimeUtil.MICROS_PER_MINUTE);
            case "second", "seconds", "s", "sec", "epoch" -> Math.floorDiv(b, DateTimeUtil.MICROS_PER_SECOND) - Math.floorDiv(a, DateTimeUtil.MICROS_PER_SECOND);
            case "millisecond", "milliseconds", "ms" -> Math.floorDiv(b, 1000) - Math.floorDiv(a, 1000);
            case "microsecond", "microseconds", "us" -> b - a;
            default -> calendarDiff(part, p, DateTimeUtil.timestampDays(a), DateTimeUtil.timestampDays(b));
        };
    }

    /**
     * date_diff on DATEs, from the day numbers so that the whole DATE range (wider than TIMESTAMP's)
     * works; only the sub-second parts need the dates as microseconds, which may not fit.
     */
    static long dateDiffDates(String part, int a, int b) {
        String p = part.toLowerCase(Locale.ROOT);
        long days = (long) b - a;
        return switch (p) {
            case "hour", "hours", "h" -> days * 24;
            case "minute", "minutes", "m", "min" -> days * 24 * 60;
            case "second", "seconds", "s", "sec", "epoch" -> days * 24 * 60 * 60;
            case "millisecond", "milliseconds", "ms" -> epochMicros(b) / 1000 - epochMicros(a) / 1000;
            case "microsecond", "microseconds", "us" -> {
                long mb = epochMicros(b), ma = epochMicros(a);
                try {
                    yield Math.subtractExact(mb, ma);
                } catch (ArithmeticException e) {
                    throw new OutOfRangeException("Overflow in subtraction of INT64 (" + mb + " - " + ma + ")!");
                }
            }
            default -> calendarDiff(part, p, a, b);
        };
    }

    private static long epochMicros(int date) {
        long ts = DateTimeUtil.dateToTimestamp(date);
        if (ts == DateTimeUtil.INVALID) {
            throw new ConversionException("Could not convert DATE (" + DateTimeUtil.formatDate(date) + ") to microseconds");
        }
        return ts;
    }

    /** The date_diff parts of a day or coarser, from day numbers. */
    private static long calendarDiff(String part, String p, long da, long db) {
        return switch (p) {
            case "year", "years", "y", "yr" -> DateTimeUtil.year(db) - DateTimeUtil.year(da);
            case "quarter" -> (DateTimeUtil.year(db) * 4L + (DateTimeUtil.month(db) - 1) / 3) - (DateTimeUtil.year(da) * 4L + (DateTimeUtil.month(da) - 1) / 3);
            case "month", "months", "mon" -> (DateTimeUtil.year(db) * 12L + DateTimeUtil.month(db)) - (DateTimeUtil.year(da) * 12L + DateTimeUtil.month(da));
            case "decade" -> Math.floorDiv(DateTimeUtil.year(db), 10) - Math.floorDiv(DateTimeUtil.year(da), 10);
            case "century" -> Math.floorDiv(DateTimeUtil.year(db) - 1, 100) - Math.floorDiv(DateTimeUtil.year(da) - 1, 100);
            case "millennium" -> Math.floorDiv(DateTimeUtil.year(db) - 1, 1000) - Math.floorDiv(DateTimeUtil.year(da) - 1, 1000);
            case "week", "weeks", "w" -> Math.floorDiv(db - DateTimeUtil.isoDayOfWeek(db) + 1 - (da - DateTimeUtil.isoDayOfWeek(da) + 1), 7);
            case "day", "days", "d", "dayofyear", "doy", "dow", "isodow" -> db - da;
            default -> throw unknownPart(part);
        };
    }

    /** DuckDB date_sub: number of complete parts between the two values. */
    static long dateSub(String part, long a, long b) {
        String p = part.toLowerCase(Locale.ROOT);
        switch (p) {
            case "year", "years", "y", "yr", "quarter", "month", "months", "mon", "decade", "century", "millennium" -> {
                boolean neg = b < a;
                long lo = neg ? b : a;
                long hi = neg ? a : b;
                long dl = DateTimeUtil.timestampDays(lo), dh = DateTimeUtil.timestampDays(hi);
                long months = (DateTimeUtil.year(dh) * 12L + DateTimeUtil.month(dh)) - (DateTimeUtil.year(dl) * 12L + DateTimeUtil.month(dl));
                // not a complete month if the end's day/time-of-day precedes the start's
                long endRest = DateTimeUtil.day(dh) * MICROS_PER_DAY + DateTimeUtil.timestampTimeOfDay(hi);
                long startRest = DateTimeUtil.day(dl) * MICROS_PER_DAY + DateTimeUtil.timestampTimeOfDay(lo);
                boolean endIsMonthEnd = DateTimeUtil.day(dh) == DateTimeUtil.daysInMonth(DateTimeUtil.year(dh), DateTimeUtil.month(dh));
                if (endRest < startRest && !(endIsMonthEnd && DateTimeUtil.timestampTimeOfDay(hi) >= DateTimeUtil.timestampTimeOfDay(lo))) {
                    months--;
                }
                long div = switch (p) {
                    case "quarter" -> 3;
                    case "year", "years", "y", "yr" -> 12;
                    case "decade" -> 120;
                    case "century" -> 1200;
                    case "millennium" -> 12000;
                    default -> 1;
                };
                long r = months / div;
                return neg ? -r : r;
            }
            case "week", "weeks", "w" -> {
                return (b - a) / (7 * MICROS_PER_DAY);
            }
            case "day", "days", "d", "dayofyear", "doy", "dow", "isodow" -> {
                return (b - a) / MICROS_PER_DAY;
            }
            case "hour", "hours", "h" -> {
                return (b - a) / DateTimeUtil.MICROS_PER_HOUR;
            }
            case "minute", "minutes", "m", "min" -> {
                return (b - a) / DateTimeUtil.MICROS_PER_MINUTE;
            }
            case "second", "seconds", "s", "sec", "epoch" -> {
                return (b - a) / DateTimeUtil.MICROS_PER_SECOND;
            }
            case "millisecond", "milliseconds", "ms" -> {
                return (b - a) / 1000;
            }
            case "microsecond", "microseconds", "us" -> {
                return b - a;
            }
            default -> throw unknownPart(part);
        }
    }

    /** age(a, b): symbolic difference in years/months/days and time (PostgreSQL/DuckDB style). */
    static void age(long a, long b, Vector res, int row) {
        boolean neg = a < b;
        long hi = neg ? b : a;
        long lo = neg ? a : b;
        long dh = DateTimeUtil.timestampDays(hi), dl = DateTimeUtil.timestampDays(lo);
        long th = DateTimeUtil.timestampTimeOfDay(hi), tl = DateTimeUtil.timestampTimeOfDay(lo);
        long years = DateTimeUtil.year(dh) - DateTimeUtil.year(dl);
        long months = DateTimeUtil.month(dh) - DateTimeUtil.month(dl);
        long days = DateTimeUtil.day(dh) - DateTimeUtil.day(dl);
        long micros = th - tl;
        if (micros < 0) {
            micros += MICROS_PER_DAY;
            days--;
        }
        if (days < 0) {
            // borrow the length of the earlier value's month (as DuckDB does)
            days += DateTimeUtil.daysInMonth(DateTimeUtil.year(dl), DateTimeUtil.month(dl));
            months--;
        }
        if (months < 0) {
            months += 12;
            years--;
        }
        int sign = neg ? -1 : 1;
        res.ints[row] = (int) (sign * (years * 12 + months));
        res.days[row] = (int) (sign * days);
        res.longs[row] = sign * micros;
    }

    /**
     * For the epoch functions: an infinite timestamp has no epoch, which DuckDB answers with NULL
     * (the row is set NULL and true returned).
     */
    static boolean infinite(long micros, io.tealdb.vector.Vector res, int i) {
        if (micros != DateTimeUtil.TS_POS_INF && micros != DateTimeUtil.TS_NEG_INF) return false;
        res.setNull(i);
        return true;
    }

    /** Microseconds as nanoseconds since the epoch; beyond BIGINT (after 2262) it is DuckDB's conversion error. */
    static long epochNanos(long micros) {
        if (micros > Long.MAX_VALUE / 1000 || micros < Long.MIN_VALUE / 1000) {
            throw new ConversionException("Could not convert Timestamp(US) to Timestamp(NS)");
        }
        return micros * 1000L;
    }

}
