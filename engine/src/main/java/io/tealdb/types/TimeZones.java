package io.tealdb.types;

import io.tealdb.error.NotImplementedException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time zones for TIMESTAMP WITH TIME ZONE and TIME WITH TIME ZONE (IANA zones from java.time).
 *
 * <p>TIMESTAMPTZ is µs since the epoch in UTC; the session's {@code TimeZone} only decides how it is
 * read from and written as text and how calendar functions see it. Local wall-clock times that a
 * DST change skips move forward by the gap, repeated ones take the later instant (what DuckDB's
 * ICU calendar does).
 *
 * <p>TIMETZ is stored as its sort key {@code (utc_micros << 24) | (MAX_OFFSET - offset_seconds)}
 * with {@code utc_micros = local_micros - offset}: signed 64-bit order is DuckDB's order (by UTC
 * time, then larger offset first), so comparisons, sorting and hashing need no special kernels.
 */
public final class TimeZones {
    private TimeZones() {
    }

    /** Largest UTC offset of TIMETZ: 15:59:59. */
    public static final int MAX_OFFSET = 16 * 60 * 60 - 1;

    private static final Map<String, String> CASE_INSENSITIVE = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            CASE_INSENSITIVE.put(id, id);
        }
        for (Map.Entry<String, String> e : ZoneId.SHORT_IDS.entrySet()) {
            CASE_INSENSITIVE.putIfAbsent(e.getKey(), e.getValue());
        }
        CASE_INSENSITIVE.put("UTC", "UTC");
        CASE_INSENSITIVE.put("GMT", "GMT");
        CASE_INSENSITIVE.put("Z", "UTC");
    }

    /** A zone by IANA name (any case) or a fixed offset ({@code +05:30}); DuckDB's error otherwise. */
    public static ZoneId resolve(String name) {
        ZoneId z = tryResolve(name);
        if (z == null) {
            throw new NotImplementedException("Unknown TimeZone '" + name + "'!");
        }
        return z;
    }

    /** Like {@link #resolve} but null for an unknown name. */
    public static ZoneId tryResolve(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim();
        String id = CASE_INSENSITIVE.get(n);
        try {
            if (id != null) {
                return ZoneId.of(id);
            }
            if (!n.isEmpty() && (n.charAt(0) == '+' || n.charAt(0) == '-')) {
                return ZoneOffset.of(n);
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** The zone a session starts with: the machine's, as DuckDB does. */
    public static ZoneId systemDefault() {
        return ZoneId.systemDefault();
    }

    /** Offset in seconds of {@code zone} at the instant {@code utcMicros}. */
    public static int offsetSeconds(ZoneId zone, long utcMicros) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return rules.getOffset(Instant.EPOCH).getTotalSeconds();
        }
        long seconds = Math.floorDiv(utcMicros, DateTimeUtil.MICROS_PER_SECOND);
        return rules.getOffset(Instant.ofEpochSecond(clampSeconds(seconds))).getTotalSeconds();
    }

    /** Wall-clock µs in {@code zone} of the instant {@code utcMicros} (infinities stay). */
    public static long toLocal(ZoneId zone, long utcMicros) {
        if (isInfinite(utcMicros)) {
            return utcMicros;
        }
        return utcMicros + offsetSeconds(zone, utcMicros) * DateTimeUtil.MICROS_PER_SECOND;
    }

    /** The instant at which {@code zone}'s wall clock shows {@code localMicros} (gap: forward; overlap: earlier). */
    public static long toUtc(ZoneId zone, long localMicros) {
        if (isInfinite(localMicros)) {
            return localMicros;
        }
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return localMicros - rules.getOffset(Instant.EPOCH).getTotalSeconds() * DateTimeUtil.MICROS_PER_SECOND;
        }
        long seconds = Math.floorDiv(localMicros, DateTimeUtil.MICROS_PER_SECOND);
        long micros = Math.floorMod(localMicros, DateTimeUtil.MICROS_PER_SECOND);
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(clampSeconds(seconds), 0, ZoneOffset.UTC);
        ZonedDateTime z = ZonedDateTime.ofLocal(ldt, zone, null).withLaterOffsetAtOverlap();
        return z.toEpochSecond() * DateTimeUtil.MICROS_PER_SECOND + micros;
    }

    /**
     * The instant whose wall clock in {@code zone} is that of {@code utcMicros} moved by months and
     * days, as ICU's calendar add does: adding days keeps the offset the start had when the new wall
     * time is repeated, adding months resolves a repeated wall time to the later instant; a wall
     * time in a DST gap moves forward by the gap.
     */
    public static long moveWallClock(ZoneId zone, long utcMicros, int months, int days) {
        ZoneRules rules = zone.getRules();
        long seconds = Math.floorDiv(utcMicros, DateTimeUtil.MICROS_PER_SECOND);
        long micros = Math.floorMod(utcMicros, DateTimeUtil.MICROS_PER_SECOND);
        Instant start = Instant.ofEpochSecond(clampSeconds(seconds));
        ZoneOffset startOffset = rules.getOffset(start);
        LocalDateTime local = LocalDateTime.ofEpochSecond(start.getEpochSecond(), 0, startOffset).plusMonths(months).plusDays(days);
        ZonedDateTime z = months != 0 ? ZonedDateTime.ofLocal(local, zone, null).withLaterOffsetAtOverlap()
                : ZonedDateTime.ofLocal(local, zone, startOffset);
        return z.toEpochSecond() * DateTimeUtil.MICROS_PER_SECOND + micros;
    }

    /**
     * {@code end - start} as DuckDB's ICU subtraction computes it: whole calendar days in
     * {@code zone} (wall-clock days, so a DST day counts as one), then the remaining µs.
     * Returns {days, micros}.
     */
    public static long[] difference(ZoneId zone, long end, long start) {
        if (start > end) {
            long[] r = difference(zone, start, end);
            return new long[]{-r[0], -r[1]};
        }
        long n = Math.max(0, Math.floorDiv(toLocal(zone, end) - toLocal(zone, start), DateTimeUtil.MICROS_PER_DAY) - 1);
        while (n > 0 && moveWallClock(zone, start, 0, (int) n) > end) n--;
        while (moveWallClock(zone, start, 0, (int) (n + 1)) <= end) n++;
        return new long[]{n, end - moveWallClock(zone, start, 0, (int) n)};
    }

    private static long clampSeconds(long s) {
        // java.time's range is smaller than TIMESTAMP's; beyond it the far zone rules are constant
        long max = 31556889864403199L / 2;
        return Math.max(-max, Math.min(max, s));
    }

    public static boolean isInfinite(long micros) {
        return micros == DateTimeUtil.TS_POS_INF || micros == DateTimeUtil.TS_NEG_INF;
    }

    // ---------------------------------------------------------------- TIMESTAMPTZ text

    /** DuckDB's text: local time in {@code zone} then the offset ({@code +00}, {@code -04}, {@code +05:30}). */
    public static String formatTimestampTz(long utcMicros, ZoneId zone) {
        if (isInfinite(utcMicros)) {
            return DateTimeUtil.formatTimestamp(utcMicros);
        }
        int offset = offsetSeconds(zone, utcMicros);
        StringBuilder sb = new StringBuilder(32);
        sb.append(DateTimeUtil.formatTimestamp(utcMicros + offset * DateTimeUtil.MICROS_PER_SECOND));
        appendOffset(sb, offset);
        return sb.toString();
    }

    /** {@code +HH}, {@code +HH:MM} or {@code +HH:MM:SS}, as DuckDB prints UTC offsets. */
    public static void appendOffset(StringBuilder sb, int offsetSeconds) {
        int abs = Math.abs(offsetSeconds);
        sb.append(offsetSeconds < 0 ? '-' : '+');
        int h = abs / 3600;
        int m = abs / 60 % 60;
        int s = abs % 60;
        two(sb, h);
        if (m != 0 || s != 0) {
            sb.append(':');
            two(sb, m);
        }
        if (s != 0) {
            sb.append(':');
            two(sb, s);
        }
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    /**
     * Parses TIMESTAMPTZ text: a TIMESTAMP text optionally followed by {@code Z}, a UTC offset
     * ({@code +HH[:MM[:SS]]}, {@code +HHMM}) or a zone name; without either it is a wall-clock time
     * in {@code sessionZone}. Returns µs UTC or {@link DateTimeUtil#INVALID}.
     */
    public static long parseTimestampTz(String text, ZoneId sessionZone) {
        String s = text.trim();
        // a trailing zone name: the last blank-separated word containing a letter (not the 'T' separator or AM/PM)
        int sp = s.lastIndexOf(' ');
        if (sp > 0) {
            String word = s.substring(sp + 1);
            if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && !word.equalsIgnoreCase("BC")) {
                ZoneId z = tryResolve(word);
                if (z == null) {
                    return DateTimeUtil.INVALID;
                }
                long local = parseLocalWithOffset(s.substring(0, sp).trim(), null);
                return local == DateTimeUtil.INVALID ? local : toUtc(z, local);
            }
        }
        int[] offset = new int[1];
        long local = parseLocalWithOffset(s, offset);
        if (local == DateTimeUtil.INVALID || isInfinite(local)) {
            return local;
        }
        if (offset[0] != NO_OFFSET) {
            return local - offset[0] * DateTimeUtil.MICROS_PER_SECOND;
        }
        return toUtc(sessionZone, local);
    }

    private static final int NO_OFFSET = Integer.MIN_VALUE;

    /** Wall-clock µs of a timestamp text; a trailing offset goes to {@code offsetOut[0]} (else NO_OFFSET). */
    private static long parseLocalWithOffset(String s, int[] offsetOut) {
        if (offsetOut != null) {
            offsetOut[0] = NO_OFFSET;
        }
        int cut = offsetStart(s);
        if (cut >= 0) {
            if (offsetOut == null) {
                return DateTimeUtil.INVALID;
            }
            String off = s.substring(cut).trim();
            int seconds = parseOffset(off);
            if (seconds == NO_OFFSET) {
                return DateTimeUtil.INVALID;
            }
            offsetOut[0] = seconds;
            s = s.substring(0, cut).trim();
        }
        return DateTimeUtil.parseTimestamp(s);
    }

    /** Index where a UTC offset (Z, +.., -..) starts after the time part, or -1. */
    private static int offsetStart(String s) {
        int timeStart = Math.max(s.indexOf(' '), s.indexOf('T'));
        if (timeStart < 0) {
            return -1;
        }
        for (int i = s.length() - 1; i > timeStart; i--) {
            char c = s.charAt(i);
            if (c == '+' || c == '-' || c == 'Z' || c == 'z') {
                return i;
            }
        }
        return -1;
    }

    /** {@code Z}, {@code ±HH}, {@code ±HH:MM}, {@code ±HHMM}, {@code ±HH:MM:SS}: seconds, or NO_OFFSET. */
    static int parseOffset(String off) {
        if (off.equalsIgnoreCase("Z")) {
            return 0;
        }
        if (off.length() < 2 || (off.charAt(0) != '+' && off.charAt(0) != '-')) {
            return NO_OFFSET;
        }
        int sign = off.charAt(0) == '-' ? -1 : 1;
        String body = off.substring(1).replace(":", "");
        if (body.isEmpty() || body.length() > 6 || body.length() % 2 == 1 && body.length() != 1) {
            return NO_OFFSET;
        }
        for (int i = 0; i < body.length(); i++) {
            if (!Character.isDigit(body.charAt(i))) {
                return NO_OFFSET;
            }
        }
        int h = Integer.parseInt(body.substring(0, Math.min(2, body.length())));
        int m = body.length() >= 4 ? Integer.parseInt(body.substring(2, 4)) : 0;
        int sec = body.length() >= 6 ? Integer.parseInt(body.substring(4, 6)) : 0;
        if (h > 15 || m > 59 || sec > 59) {
            return NO_OFFSET;
        }
        return sign * (h * 3600 + m * 60 + sec);
    }

    // ---------------------------------------------------------------- TIMETZ

    public static long encodeTimeTz(long localMicros, int offsetSeconds) {
        long utc = localMicros - offsetSeconds * DateTimeUtil.MICROS_PER_SECOND;
        return (utc << 24) | (MAX_OFFSET - offsetSeconds);
    }

    public static int timeTzOffset(long bits) {
        return MAX_OFFSET - (int) (bits & 0xFFFFFF);
    }

    public static long timeTzLocalMicros(long bits) {
        return (bits >> 24) + timeTzOffset(bits) * DateTimeUtil.MICROS_PER_SECOND;
    }

    /**
     * The TIMETZ in DuckDB's in-memory layout ({@code dtime_tz_t}, what its Arrow {@code time_tz} export
     * carries): {@code (local_micros << 24) | (MAX_OFFSET - offset_seconds)}, where TealDB keeps the
     * UTC time in the upper bits.
     */
    public static long timeTzToDuckDb(long bits) {
        return (timeTzLocalMicros(bits) << 24) | (bits & 0xFFFFFF);
    }

    /** The TIMETZ of DuckDB's layout {@code duck} ({@link #timeTzToDuckDb}). */
    public static long timeTzFromDuckDb(long duck) {
        return encodeTimeTz(duck >> 24, MAX_OFFSET - (int) (duck & 0xFFFFFF));
    }

    /** DuckDB's TIMETZ text: {@code 10:00:00+02}, {@code 10:00:00.5-03:30}. */
    public static String formatTimeTz(long bits) {
        StringBuilder sb = new StringBuilder(24);
        DateTimeUtil.appendTime(sb, timeTzLocalMicros(bits));
        appendOffset(sb, timeTzOffset(bits));
        return sb.toString();
    }

    /** TIMETZ text: a TIME text with an optional offset; without one, {@code zone}'s offset now. Returns INVALID on failure. */
    public static long parseTimeTz(String text, ZoneId zone) {
        String s = text.trim();
        int cut = -1;
        for (int i = s.length() - 1; i > 0; i--) {
            char c = s.charAt(i);
            if (c == '+' || c == '-' || c == 'Z' || c == 'z') {
                cut = i;
                break;
            }
        }
        int offset;
        String timeText = s;
        if (cut > 0) {
            offset = parseOffset(s.substring(cut).trim());
            if (offset == NO_OFFSET) {
                return DateTimeUtil.INVALID;
            }
            timeText = s.substring(0, cut).trim();
        } else {
            offset = offsetSeconds(zone, System.currentTimeMillis() * 1000);
        }
        long micros = DateTimeUtil.parseTime(timeText);
        if (micros == DateTimeUtil.INVALID) {
            return DateTimeUtil.INVALID;
        }
        return encodeTimeTz(micros, offset);
    }

    /** Name a zone is shown under by {@code current_setting('TimeZone')} and {@code %Z}. */
    public static String displayName(ZoneId zone) {
        return zone.getId().toUpperCase(Locale.ROOT).equals("Z") ? "UTC" : zone.getId();
    }
}
