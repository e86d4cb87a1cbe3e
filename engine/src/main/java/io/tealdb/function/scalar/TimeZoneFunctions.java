package io.tealdb.function.scalar;

import io.tealdb.error.BinderException;
import io.tealdb.error.ConversionException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.Casts;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TimeZones;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static io.tealdb.function.scalar.Kernels.propagateNulls;
import static io.tealdb.types.LogicalType.*;

/**
 * Functions whose answer depends on a time zone: TIMESTAMP WITH TIME ZONE arithmetic and calendar
 * functions (date_trunc, date_part and its shorthands, strftime, date_diff, + and - INTERVAL),
 * timezone() / AT TIME ZONE, and the zone-aware casts.
 *
 * <p>The session's TimeZone reaches these functions as a trailing constant VARCHAR argument that
 * the binder appends ({@link #ZONED}, {@link #ZONE_CAST}); the zone is resolved once at bind time,
 * and the kernels convert each UTC µs value to wall-clock µs of that zone, reuse the TIMESTAMP
 * computation, and convert back where the result is a TIMESTAMPTZ.
 */
public final class TimeZoneFunctions {
    private TimeZoneFunctions() {
    }

    /** Internal function the binder uses for casts that read or write a session-zone wall clock. */
    public static final String ZONE_CAST = "__cast_tz";

    /** Functions that take the session zone as a hidden last argument when given a TIMESTAMPTZ. */
    public static final Set<String> ZONED = Set.of("date_trunc", "datetrunc", "date_part", "datepart", "extract", "strftime",
            "date_diff", "datediff", "date_sub", "datesub", "+", "-", "add", "subtract", "dayname", "monthname", "last_day",
            "year", "month", "day", "hour", "minute", "second", "millisecond", "microsecond", "quarter", "dayofweek", "dow",
            "isodow", "dayofyear", "doy", "week", "weekofyear", "yearweek", "decade", "century", "millennium", "dayofmonth",
            "isoyear", "era");

    private static final List<String> PARTS = List.of("year", "month", "day", "hour", "minute", "second", "millisecond",
            "microsecond", "quarter", "dayofweek", "isodow", "dayofyear", "week", "weekofyear", "yearweek", "decade", "century",
            "millennium", "dayofmonth", "isoyear", "era");

    /**
     * TIMESTAMPTZ ± INTERVAL and TIMESTAMPTZ - TIMESTAMPTZ (+, add, -, subtract): a family of their
     * own (see {@link BuiltinScalars#FAMILIES}), so that arithmetic on numbers does not register every
     * time zone function.
     */
    static void registerOperators(FunctionRegistry r) {
        LogicalType tz = TIMESTAMP_TZ;
        // TIMESTAMPTZ ± INTERVAL: months and days move the wall clock of the zone, µs move the instant
        for (String plus : List.of("+", "add")) {
            Kernels.regWithConstants(r, plus, List.of(ArgSpec.of(tz), ArgSpec.of(INTERVAL), ArgSpec.of(VARCHAR)), (types, consts) ->
                    new ScalarFunction(plus, types, tz, addInterval(zoneOf(consts.get(2)), 0, 1, false)));
            Kernels.regWithConstants(r, plus, List.of(ArgSpec.of(INTERVAL), ArgSpec.of(tz), ArgSpec.of(VARCHAR)), (types, consts) ->
                    new ScalarFunction(plus, types, tz, addInterval(zoneOf(consts.get(2)), 1, 0, false)));
        }
        for (String minus : List.of("-", "subtract")) {
            Kernels.regWithConstants(r, minus, List.of(ArgSpec.of(tz), ArgSpec.of(INTERVAL), ArgSpec.of(VARCHAR)), (types, consts) ->
                    new ScalarFunction(minus, types, tz, addInterval(zoneOf(consts.get(2)), 0, 1, true)));
            // DuckDB (ICU): whole calendar days in the session zone, then the remaining µs
            Kernels.regWithConstants(r, minus, List.of(ArgSpec.of(tz), ArgSpec.of(tz), ArgSpec.of(VARCHAR)), (types, consts) -> {
                ZoneId zone = zoneOf(consts.get(2));
                return new ScalarFunction(minus, types, INTERVAL, Kernels.rows((a, i, res) -> {
                    long x = a[0].longs[i];
                    long y = a[1].longs[i];
                    if (TimeZones.isInfinite(x) || TimeZones.isInfinite(y)) {
                        throw new io.tealdb.error.OutOfRangeException("Cannot subtract infinite timestamps");
                    }
                    long[] d = TimeZones.difference(zone, x, y);
                    res.ints[i] = 0;
                    res.days[i] = Math.toIntExact(d[0]);
                    res.longs[i] = d[1];
                }));
            });
        }
    }

    public static void register(FunctionRegistry r) {
        LogicalType tz = TIMESTAMP_TZ;
        Kernels.regWithConstants(r, ZONE_CAST, List.of(ArgSpec.ANY, ArgSpec.of(VARCHAR), ArgSpec.of(VARCHAR), ArgSpec.of(BOOLEAN)),
                TimeZoneFunctions::bindCast);

        // AT TIME ZONE / timezone(zone, x): TIMESTAMPTZ → wall clock there; TIMESTAMP read as wall clock there
        Kernels.regWithConstants(r, "timezone", List.of(ArgSpec.of(VARCHAR), ArgSpec.of(tz)), (types, consts) ->
                new ScalarFunction("timezone", types, TIMESTAMP, zoneKernel(consts.get(0), (zone, v) -> TimeZones.toLocal(zone, v))));
        Kernels.regWithConstants(r, "timezone", List.of(ArgSpec.of(VARCHAR), ArgSpec.of(TIMESTAMP)), (types, consts) ->
                new ScalarFunction("timezone", types, tz, zoneKernel(consts.get(0), (zone, v) -> TimeZones.toUtc(zone, v))));

        for (String name : List.of("date_trunc", "datetrunc")) {
            Kernels.regWithConstants(r, name, List.of(ArgSpec.of(VARCHAR), ArgSpec.of(tz), ArgSpec.of(VARCHAR)), (types, consts) -> {
                ZoneId zone = zoneOf(consts.get(2));
                String part = text(consts.get(0));
                return new ScalarFunction(name, types, tz, Kernels.rows((a, i, res) -> {
                    long v = a[1].longs[i];
                    res.longs[i] = TimeZones.isInfinite(v) ? v
                            : TimeZones.toUtc(zone, DateFunctions.trunc(part != null ? part : a[0].getString(i), TimeZones.toLocal(zone, v)));
                }));
            });
        }
        for (String name : List.of("date_part", "datepart", "extract")) {
            Kernels.regWithConstants(r, name, List.of(ArgSpec.of(VARCHAR), ArgSpec.of(tz), ArgSpec.of(VARCHAR)), (types, consts) -> {
                ZoneId zone = zoneOf(consts.get(2));
                String part = text(consts.get(0));
                return new ScalarFunction(name, types, BIGINT, Kernels.rows((a, i, res) ->
                        res.longs[i] = DateFunctions.datePart(part != null ? part : a[0].getString(i), TimeZones.toLocal(zone, a[1].longs[i]))));
            });
        }
        for (String p : PARTS) {
            List<String> names = p.equals("dayofweek") ? List.of(p, "dow") : p.equals("dayofyear") ? List.of(p, "doy") : List.of(p);
            for (String name : names) {
                Kernels.regWithConstants(r, name, List.of(ArgSpec.of(tz), ArgSpec.of(VARCHAR)), (types, consts) -> {
                    ZoneId zone = zoneOf(consts.get(1));
                    return new ScalarFunction(name, types, BIGINT, Kernels.rows((a, i, res) ->
                            res.longs[i] = DateFunctions.datePart(p, TimeZones.toLocal(zone, a[0].longs[i]))));
                });
            }
        }
        Kernels.regWithConstants(r, "strftime", List.of(ArgSpec.of(tz), ArgSpec.of(VARCHAR), ArgSpec.of(VARCHAR)), (types, consts) -> {
            ZoneId zone = zoneOf(consts.get(2));
            return new ScalarFunction("strftime", types, VARCHAR, Kernels.rows((a, i, res) -> {
                long v = a[0].longs[i];
                String fmt = a[1].getString(i);
                if (fmt.contains("%Z") || fmt.contains("%z")) {
                    int offset = TimeZones.offsetSeconds(zone, v);
                    StringBuilder off = new StringBuilder();
                    TimeZones.appendOffset(off, offset);
                    fmt = fmt.replace("%Z", TimeZones.displayName(zone).replace("%", "%%")).replace("%z", off.toString());
                }
                res.setString(i, DateFormat.format(TimeZones.toLocal(zone, v), fmt));
            }));
        });
        for (String name : List.of("date_diff", "date_sub", "datediff", "datesub")) {
            Kernels.regWithConstants(r, name, List.of(ArgSpec.of(VARCHAR), ArgSpec.of(tz), ArgSpec.of(tz), ArgSpec.of(VARCHAR)), (types, consts) -> {
                ZoneId zone = zoneOf(consts.get(3));
                ScalarFunction local = r.bindScalar(name.startsWith("date_") ? name : name.replace("date", "date_"),
                        List.of(VARCHAR, TIMESTAMP, TIMESTAMP));
                String constPart = text(consts.get(0));
                long unit = constPart == null ? 0 : subDayUnit(constPart);
                if (unit > 0 && name.contains("diff")) {
                    // hours and finer (ICU): whole units between the instants of the truncated wall-clock times
                    return new ScalarFunction(name, types, BIGINT, Kernels.rows((a, i, res) -> {
                        long x = TimeZones.toUtc(zone, DateFunctions.trunc(constPart, TimeZones.toLocal(zone, a[1].longs[i])));
                        long y = TimeZones.toUtc(zone, DateFunctions.trunc(constPart, TimeZones.toLocal(zone, a[2].longs[i])));
                        res.longs[i] = (y - x) / unit;
                    }));
                }
                return new ScalarFunction(name, types, BIGINT, (args, count, result) -> {
                    Vector a = localCopy(args[1], count, zone);
                    Vector b = localCopy(args[2], count, zone);
                    local.kernel().execute(new Vector[]{args[0], a, b}, count, result);
                });
            });
        }
        Kernels.reg(r, "epoch", List.of(tz), DOUBLE, Kernels.rows((a, i, res) -> {
            if (!DateFunctions.infinite(a[0].longs[i], res, i)) res.doubles[i] = a[0].longs[i] / 1e6;
        }));
        Kernels.reg(r, "epoch_ms", List.of(tz), BIGINT, Kernels.rows((a, i, res) -> {
            if (!DateFunctions.infinite(a[0].longs[i], res, i)) res.longs[i] = Casts.divRound(a[0].longs[i], 1000);
        }));
        Kernels.reg(r, "epoch_us", List.of(tz), BIGINT, Kernels.rows((a, i, res) -> {
            if (!DateFunctions.infinite(a[0].longs[i], res, i)) res.longs[i] = a[0].longs[i];
        }));
        Kernels.reg(r, "epoch_ns", List.of(tz), BIGINT, Kernels.rows((a, i, res) -> {
            if (!DateFunctions.infinite(a[0].longs[i], res, i)) res.longs[i] = DateFunctions.epochNanos(a[0].longs[i]);
        }));
        Kernels.reg(r, "to_timestamp", List.of(DOUBLE), tz, Kernels.rows((a, i, res) -> {
            double micros = Math.rint(a[0].doubles[i] * 1e6);
            // NaN and the infinities fail the range test too
            if (!(Math.abs(micros) < 9.2233720368547748E18) || (long) micros == DateTimeUtil.TS_POS_INF || (long) micros == DateTimeUtil.TS_NEG_INF) {
                throw new ConversionException("Epoch seconds out of range for TIMESTAMP WITH TIME ZONE");
            }
            res.longs[i] = (long) micros;
        }));
    }

    /** µs of an hour-or-finer date part, 0 for day and coarser parts. */
    private static long subDayUnit(String part) {
        return switch (part.toLowerCase(java.util.Locale.ROOT)) {
            case "hour", "hours", "h", "hr", "hrs" -> 3_600_000_000L;
            case "minute", "minutes", "m", "min", "mins" -> 60_000_000L;
            case "second", "seconds", "s", "sec", "secs" -> 1_000_000L;
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> 1_000L;
            case "microsecond", "microseconds", "us", "usec", "usecs" -> 1L;
            default -> 0;
        };
    }

    /** The zone named by a constant argument (the session's, appended by the binder). */
    static ZoneId zoneOf(Value v) {
        if (v == null || v.isNull()) {
            throw new BinderException("time zone argument must be a constant");
        }
        return TimeZones.resolve(String.valueOf(v.object()));
    }

    private static String text(Value v) {
        return v == null || v.isNull() ? null : String.valueOf(v.object());
    }

    @FunctionalInterface
    private interface ZoneOp {
        long apply(ZoneId zone, long v);
    }

    /** timezone(zone, x): a constant zone is resolved once, a per-row zone per row. */
    private static ScalarKernel zoneKernel(Value constantZone, ZoneOp op) {
        ZoneId fixed = constantZone == null || constantZone.isNull() ? null : TimeZones.resolve(String.valueOf(constantZone.object()));
        return Kernels.rows((a, i, res) -> {
            ZoneId zone = fixed != null ? fixed : TimeZones.resolve(a[0].getString(i));
            long v = a[1].longs[i];
            res.longs[i] = TimeZones.isInfinite(v) ? v : op.apply(zone, v);
        });
    }

    private static Vector localCopy(Vector utc, int count, ZoneId zone) {
        Vector local = new Vector(TIMESTAMP, Math.max(count, 1));
        for (int i = 0; i < count; i++) {
            local.longs[i] = TimeZones.toLocal(zone, utc.longs[i]);
        }
        local.validity = utc.validity;
        return local;
    }

    private static ScalarKernel addInterval(ZoneId zone, int tsArg, int ivArg, boolean negate) {
        return (args, count, result) -> {
            Vector ts = args[tsArg];
            Vector iv = args[ivArg];
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                if (nulls && result.isNull(i)) continue;
                long v = ts.longs[i];
                if (TimeZones.isInfinite(v)) {
                    result.longs[i] = v;
                    continue;
                }
                int months = negate ? -iv.ints[i] : iv.ints[i];
                int days = negate ? -iv.days[i] : iv.days[i];
                long micros = negate ? -iv.longs[i] : iv.longs[i];
                // ICU's order: the µs move the instant, then days, then months move the wall clock
                long out = Math.addExact(v, micros);
                if (days != 0) {
                    out = TimeZones.moveWallClock(zone, out, 0, days);
                }
                if (months != 0) {
                    out = TimeZones.moveWallClock(zone, out, months, 0);
                }
                result.longs[i] = out;
            }
        };
    }

    /** __cast_tz(x, zone, target type name, try): the zone-aware cast kernel, built once. */
    private static ScalarFunction bindCast(List<LogicalType> types, List<Value> consts) {
        LogicalType from = types.get(0);
        ZoneId zone = zoneOf(consts.get(1));
        LogicalType to = typeNamed(text(consts.get(2)));
        boolean tryCast = consts.get(3) != null && Boolean.TRUE.equals(consts.get(3).object());
        ScalarKernel k = Casts.kernel(from, to, tryCast, zone);
        return new ScalarFunction(ZONE_CAST, types, to, (args, count, result) -> k.execute(new Vector[]{args[0]}, count, result));
    }

    /** The types a zone-aware cast converts to or from. */
    private static LogicalType typeNamed(String name) {
        for (LogicalType t : List.of(TIMESTAMP_TZ, TIME_TZ, VARCHAR, TIMESTAMP, DATE, TIME, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS)) {
            if (t.toString().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a zone-aware cast target: " + name);
    }

    /** Whether binding {@code name} over {@code types} takes the hidden session-zone argument. */
    public static boolean takesZone(String name, List<LogicalType> types) {
        return ZONED.contains(name) && types.stream().anyMatch(t -> t != null && t.id() == TypeId.TIMESTAMP_TZ);
    }
}
