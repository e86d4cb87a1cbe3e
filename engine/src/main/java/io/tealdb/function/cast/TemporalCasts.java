package io.tealdb.function.cast;

import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TimeZones;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.time.ZoneId;

/**
 * Casts that involve TIMESTAMP WITH TIME ZONE, TIME WITH TIME ZONE or TIMESTAMP_S/_MS/_NS, with
 * DuckDB's semantics. Every value goes through a wall-clock µs timestamp: TIMESTAMPTZ is read and
 * written in the session's time zone, coarser units round half away from zero (DuckDB's
 * TIMESTAMP → TIMESTAMP_S turns 10:00:00.5 into 10:00:01), finer units are checked for overflow,
 * and ±infinity stays ±infinity. Per row only longs are computed (no String, no boxing), except
 * for the zone-rule lookup of a zone with DST.
 */
final class TemporalCasts {
    private TemporalCasts() {
    }

    /** Whether {@code from → to} is handled here. */
    static boolean handles(LogicalType from, LogicalType to) {
        return (special(from.id()) || special(to.id())) && timeLike(from.id()) && timeLike(to.id());
    }

    private static boolean special(TypeId t) {
        return t == TypeId.TIMESTAMP_TZ || t == TypeId.TIME_TZ || t == TypeId.TIMESTAMP_S || t == TypeId.TIMESTAMP_MS
                || t == TypeId.TIMESTAMP_NS;
    }

    private static boolean timeLike(TypeId t) {
        return t.isTimestamp() || t == TypeId.DATE || t == TypeId.TIME || t == TypeId.TIME_TZ || t == TypeId.VARCHAR;
    }

    /** Whether the cast reads or writes a session-zone wall clock. */
    static boolean zoneSensitive(LogicalType from, LogicalType to) {
        boolean f = from.id() == TypeId.TIMESTAMP_TZ || from.id() == TypeId.TIME_TZ;
        boolean t = to.id() == TypeId.TIMESTAMP_TZ || to.id() == TypeId.TIME_TZ;
        return (f || t) && !from.equals(to) && from.id() != TypeId.SQLNULL;
    }

    /** Per-row conversion; throws {@link CastFailure}. */
    @FunctionalInterface
    interface Row {
        void convert(Vector in, int row, Vector out);
    }

    static Row row(LogicalType from, LogicalType to, ZoneId zone) {
        TypeId f = from.id();
        TypeId t = to.id();
        if (t == TypeId.VARCHAR) {
            return (in, r, out) -> out.setString(r, ValueFormatter.format(in, r, zone));
        }
        if (f == TypeId.TIME_TZ) {
            return switch (t) {
                case TIME -> (in, r, out) -> out.longs[r] = Math.floorMod(TimeZones.timeTzLocalMicros(in.longs[r]), DateTimeUtil.MICROS_PER_DAY);
                default -> null;
            };
        }
        if (f == TypeId.TIME) {
            // TIME → TIMETZ: the session zone's offset now (DuckDB)
            return t == TypeId.TIME_TZ ? (in, r, out) -> out.longs[r] = TimeZones.encodeTimeTz(in.longs[r],
                    TimeZones.offsetSeconds(zone, System.currentTimeMillis() * 1000)) : null;
        }
        if (f == TypeId.VARCHAR) {
            return fromText(to, zone);
        }
        if (f == TypeId.TIMESTAMP_TZ && t == TypeId.TIME) {
            // DuckDB has no TIMESTAMPTZ → TIME cast ("Unimplemented type for cast")
            return null;
        }
        if (f == TypeId.TIMESTAMP_TZ && t == TypeId.TIME_TZ) {
            // the offset of the instant itself (a repeated wall time keeps its own offset)
            return (in, r, out) -> {
                long v = in.longs[r];
                if (TimeZones.isInfinite(v)) throw new CastFailure(() -> "Cannot cast infinite TIMESTAMP WITH TIME ZONE to TIME WITH TIME ZONE");
                int offset = TimeZones.offsetSeconds(zone, v);
                long local = v + offset * DateTimeUtil.MICROS_PER_SECOND;
                out.longs[r] = TimeZones.encodeTimeTz(DateTimeUtil.timestampTimeOfDay(local), offset);
            };
        }
        // timestamp-like or DATE source → wall-clock µs → target
        return (in, r, out) -> {
            long local = toLocalMicros(from, in, r, zone);
            store(to, out, r, local, zone, from);
        };
    }

    private static Row fromText(LogicalType to, ZoneId zone) {
        return switch (to.id()) {
            case TIMESTAMP_TZ -> (in, r, out) -> {
                String s = in.getString(r);
                long v = TimeZones.parseTimestampTz(s, zone);
                if (v == DateTimeUtil.INVALID) {
                    throw new CastFailure(() -> "invalid timestamp field format: \"" + s
                            + "\", expected format is (YYYY-MM-DD HH:MM[:SS[.US]][±HH[:MM[:SS]]| ZONE])");
                }
                out.longs[r] = v;
            };
            case TIME_TZ -> (in, r, out) -> {
                String s = in.getString(r);
                long v = TimeZones.parseTimeTz(s, zone);
                if (v == DateTimeUtil.INVALID) {
                    throw new CastFailure(() -> "time field value out of range: \"" + s
                            + "\", expected format is ([YYYY-MM-DD ]HH:MM:SS[.MS])");
                }
                out.longs[r] = v;
            };
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> (in, r, out) -> {
                String s = in.getString(r);
                // up to nine fractional digits: the first six go through TIMESTAMP parsing
                int extraNanos = 0;
                String text = s;
                int colon = s.lastIndexOf(':');
                int dot = s.indexOf('.', Math.max(colon, 0));
                if (colon > 0 && dot > colon) {
                    int end = dot + 1;
                    while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
                    if (end - dot - 1 > 6) {
                        String digits = s.substring(dot + 7, Math.min(end, dot + 10));
                        while (digits.length() < 3) digits = digits + "0";
                        extraNanos = Integer.parseInt(digits);
                        text = s.substring(0, dot + 7) + s.substring(end);
                    }
                }
                long micros = DateTimeUtil.parseTimestamp(text);
                if (micros == DateTimeUtil.INVALID) {
                    throw new CastFailure(() -> "Could not convert string '" + s + "' to INT64");
                }
                if (to.id() == TypeId.TIMESTAMP_NS && !TimeZones.isInfinite(micros)) {
                    long ns;
                    try {
                        ns = Math.addExact(Math.multiplyExact(micros, 1000L), extraNanos);
                    } catch (ArithmeticException e) {
                        throw new CastFailure(() -> "Could not convert string '" + s + "' to INT64");
                    }
                    out.longs[r] = ns;
                    return;
                }
                store(to, out, r, micros, zone, LogicalType.TIMESTAMP);
            };
            default -> null;
        };
    }

    /** Wall-clock µs of a DATE, TIMESTAMP flavour (TIMESTAMPTZ in {@code zone}). */
    private static long toLocalMicros(LogicalType from, Vector in, int r, ZoneId zone) {
        return switch (from.id()) {
            case DATE -> {
                int d = in.ints[r];
                yield d == DateTimeUtil.DATE_POS_INF ? DateTimeUtil.TS_POS_INF
                        : d == DateTimeUtil.DATE_NEG_INF ? DateTimeUtil.TS_NEG_INF : d * DateTimeUtil.MICROS_PER_DAY;
            }
            case TIMESTAMP -> in.longs[r];
            case TIMESTAMP_TZ -> TimeZones.toLocal(zone, in.longs[r]);
            case TIMESTAMP_S -> scaleUp(in.longs[r], DateTimeUtil.MICROS_PER_SECOND, from);
            case TIMESTAMP_MS -> scaleUp(in.longs[r], 1000L, from);
            case TIMESTAMP_NS -> scaleDown(in.longs[r], 1000L);
            default -> throw new IllegalStateException(from.toString());
        };
    }

    private static void store(LogicalType to, Vector out, int r, long local, ZoneId zone, LogicalType from) {
        boolean inf = TimeZones.isInfinite(local);
        switch (to.id()) {
            case TIMESTAMP -> out.longs[r] = local;
            case TIMESTAMP_TZ -> out.longs[r] = TimeZones.toUtc(zone, local);
            case TIMESTAMP_S -> out.longs[r] = inf ? local : scaleDown(local, DateTimeUtil.MICROS_PER_SECOND);
            case TIMESTAMP_MS -> out.longs[r] = inf ? local : scaleDown(local, 1000L);
            case TIMESTAMP_NS -> out.longs[r] = inf ? local : scaleUp(local, 1000L, from);
            case DATE -> out.ints[r] = local == DateTimeUtil.TS_POS_INF ? DateTimeUtil.DATE_POS_INF
                    : local == DateTimeUtil.TS_NEG_INF ? DateTimeUtil.DATE_NEG_INF : (int) DateTimeUtil.timestampDays(local);
            case TIME -> {
                if (inf) throw new CastFailure(() -> "Cannot cast infinite " + from + " to TIME");
                out.longs[r] = DateTimeUtil.timestampTimeOfDay(local);
            }
            case TIME_TZ -> {
                if (inf) throw new CastFailure(() -> "Cannot cast infinite " + from + " to TIME WITH TIME ZONE");
                long utc = TimeZones.toUtc(zone, local);
                out.longs[r] = TimeZones.encodeTimeTz(DateTimeUtil.timestampTimeOfDay(local), TimeZones.offsetSeconds(zone, utc));
            }
            default -> throw new IllegalStateException(to.toString());
        }
    }

    private static long scaleUp(long v, long factor, LogicalType from) {
        if (TimeZones.isInfinite(v)) {
            return v;
        }
        long hi = Math.multiplyHigh(v, factor);
        long lo = v * factor;
        if (hi != (lo >> 63) || TimeZones.isInfinite(lo)) {
            throw new CastFailure(() -> "Could not cast " + from + " value " + v + ": out of range");
        }
        return lo;
    }

    /** {@code v / factor} rounded half away from zero (DuckDB's epoch rounding); infinities stay. */
    static long scaleDown(long v, long factor) {
        if (TimeZones.isInfinite(v)) {
            return v;
        }
        long q = v / factor;
        long rem = v % factor;
        if (Math.abs(rem) * 2 >= factor) {
            q += v < 0 ? -1 : 1;
        }
        return q;
    }
}
