package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TimeZones;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A strptime format compiled once (when the call is bound) and applied to each row's text, with
 * DuckDB's specifiers and rules:
 * <ul>
 *   <li>numbers read at most their specifier's width ({@code %Y} 4, {@code %j} 3, {@code %f} 6,
 *       {@code %n} 9 digits ...), so {@code %Y%d%m} reads {@code 20182010};</li>
 *   <li>a date comes from one "offset": year-month-day, the day of the year ({@code %j}), a
 *       Sunday-first ({@code %U} with {@code %w}) or Monday-first ({@code %W} with {@code %w}) week
 *       of the year, or an ISO week ({@code %G}, {@code %V} with {@code %u}); {@code %m} / {@code %d}
 *       override the others, {@code %Y} overrides ISO ones, and specifiers that contradict each
 *       other are errors with DuckDB's messages;</li>
 *   <li>{@code %n} makes the result TIMESTAMP_NS, {@code %z} / {@code %Z} TIMESTAMP WITH TIME ZONE;</li>
 *   <li>a blank in the format matches one or more blanks; {@code infinity}, {@code -infinity} and
 *       {@code epoch} parse with any format.</li>
 * </ul>
 * A failed parse reports DuckDB's message: the text, a caret under the position and the cause.
 */
final class StrpTimeFormat {
    /** Which specifier decides the date (DuckDB's "offset specifier"). */
    private static final int NONE = 0;
    private static final int YEAR = 1;
    private static final int ISO_YEAR = 2;
    private static final int ISO_WEEK = 3;
    private static final int SUNDAY_WEEK = 4;
    private static final int MONDAY_WEEK = 5;
    private static final int YEAR_DAY = 6;
    private static final int CALENDAR = 7;

    private static final long NANOS_PER_MICRO = 1000L;
    private static final long NANOS_PER_DAY = DateTimeUtil.MICROS_PER_DAY * NANOS_PER_MICRO;

    private final String text;
    /** Per part: the specifier letter, or 0 for the literal in {@link #literals}. */
    private final char[] specs;
    private final String[] literals;
    private final LogicalType type;

    /** Why the last parse failed (the text's position and DuckDB's cause); one per calling thread. */
    static final class Failure {
        int position;
        String cause;
        /** Scratch: the seconds of the last {@code %z} offset read. */
        int utcOffset;
    }

    private StrpTimeFormat(String text, char[] specs, String[] literals, LogicalType type) {
        this.text = text;
        this.specs = specs;
        this.literals = literals;
        this.type = type;
    }

    String text() {
        return text;
    }

    /** TIMESTAMP, TIMESTAMP_NS (with {@code %n}) or TIMESTAMP WITH TIME ZONE (with {@code %z} or {@code %Z}). */
    LogicalType type() {
        return type;
    }

    /** Compiles a format; an empty one or an unknown specifier is an Invalid Input Error. */
    static StrpTimeFormat compile(String format) {
        if (format.isEmpty()) {
            throw new InvalidInputException("Failed to parse format specifier " + format + ": Empty format string");
        }
        StringBuilder expanded = new StringBuilder();
        expand(format, format, expanded);
        List<Character> specs = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean nanos = false;
        boolean zoned = false;
        String f = expanded.toString();
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch != '%' || f.charAt(i + 1) == '%') {
                lit.append(ch);
                if (ch == '%') i++;
                continue;
            }
            if (!lit.isEmpty()) {
                specs.add('\0');
                literals.add(lit.toString());
                lit.setLength(0);
            }
            char s = f.charAt(++i);
            nanos |= s == 'n';
            zoned |= s == 'z' || s == 'Z';
            specs.add(s);
            literals.add(null);
        }
        if (!lit.isEmpty()) {
            specs.add('\0');
            literals.add(lit.toString());
        }
        char[] sp = new char[specs.size()];
        for (int i = 0; i < sp.length; i++) sp[i] = specs.get(i);
        LogicalType type = zoned ? LogicalType.TIMESTAMP_TZ : nanos ? LogicalType.TIMESTAMP_NS : LogicalType.TIMESTAMP;
        return new StrpTimeFormat(format, sp, literals.toArray(new String[0]), type);
    }

    /** Copies {@code f} into {@code out} with {@code %-x} as {@code %x} and %c / %x / %X spelled out. */
    private static void expand(String original, String f, StringBuilder out) {
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (i + 1 >= f.length()) {
                throw new InvalidInputException("Failed to parse format specifier " + original + ": Trailing format character %");
            }
            char s = f.charAt(++i);
            boolean dash = s == '-';
            if (dash) {
                if (i + 1 >= f.length()) {
                    throw new InvalidInputException("Failed to parse format specifier " + original + ": Trailing format character %-");
                }
                s = f.charAt(++i);
            }
            switch (s) {
                case 'c' -> expand(original, "%Y-%m-%d %H:%M:%S", out);
                case 'x' -> expand(original, "%Y-%m-%d", out);
                case 'X' -> expand(original, "%H:%M:%S", out);
                case 'a', 'A', 'b', 'h', 'B', 'd', 'e', 'm', 'y', 'Y', 'G', 'H', 'I', 'M', 'S', 'f', 'g', 'n', 'p',
                     'j', 'U', 'W', 'V', 'u', 'w', 'z', 'Z' -> out.append('%').append(s);
                case '%' -> {
                    if (dash) throw unrecognized(original, "-%");
                    out.append("%%");
                }
                default -> throw unrecognized(original, (dash ? "-" : "") + s);
            }
        }
    }

    private static InvalidInputException unrecognized(String format, String spec) {
        return new InvalidInputException("Failed to parse format specifier " + format
                + ": Unrecognized format for strftime/strptime: %" + spec);
    }

    /** The error strptime raises for {@code input}: DuckDB's text with a caret under the failing position. */
    static InvalidInputException error(String input, String format, Failure failure) {
        return new InvalidInputException("Could not parse string \"" + input + "\" according to format specifier \""
                + format + "\"\n" + input + "\n" + " ".repeat(Math.max(0, failure.position)) + "^\nError: " + failure.cause);
    }

    private static long fail(Failure failure, int position, String cause) {
        failure.position = position;
        failure.cause = cause;
        return DateTimeUtil.INVALID;
    }

    private static int width(char spec) {
        return switch (spec) {
            case 'w', 'u' -> 1;
            case 'j', 'g' -> 3;
            case 'Y', 'G' -> 4;
            case 'f' -> 6;
            case 'n' -> 9;
            default -> 2;
        };
    }

    /**
     * Parses one value: µs since the epoch (TIMESTAMP, and TIMESTAMPTZ in UTC) or ns (TIMESTAMP_NS);
     * {@link DateTimeUtil#INVALID} with {@code failure} filled when the text does not match.
     */
    long parse(String in, Failure failure) {
        long r = parseFormat(in, failure);
        if (r == DateTimeUtil.INVALID) {
            String t = in.strip();
            if (t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("+infinity")) return DateTimeUtil.TS_POS_INF;
            if (t.equalsIgnoreCase("-infinity")) return DateTimeUtil.TS_NEG_INF;
            if (t.equalsIgnoreCase("epoch")) return 0;
        }
        return r;
    }

    private long parseFormat(String in, Failure failure) {
        int n = in.length();
        int p = 0;
        long year = 1900;
        boolean yearGiven = false;
        long isoYear = 1900;
        int month = 1;
        int day = 1;
        int yearDay = 1;
        int week = -1;
        int sundayWeekday = -1;
        int isoWeekday = -1;
        long hour = 0;
        long minute = 0;
        long second = 0;
        long fraction = 0; // ns
        int ampm = 0; // 1 AM, 2 PM
        int offsetSeconds = 0;
        boolean hasOffset = false;
        ZoneId zone = null;
        int offset = NONE;
        for (int k = 0; k < specs.length; k++) {
            char s = specs[k];
            if (s == '\0') {
                String lit = literals[k];
                for (int j = 0; j < lit.length(); j++) {
                    char c = lit.charAt(j);
                    if (Character.isWhitespace(c)) {
                        if (p >= n || !Character.isWhitespace(in.charAt(p))) {
                            return fail(failure, p, "Space does not match, expected " + c);
                        }
                        while (p < n && Character.isWhitespace(in.charAt(p))) p++;
                    } else {
                        if (p >= n || in.charAt(p) != c) return fail(failure, p, "Literal does not match, expected " + c);
                        p++;
                    }
                }
                continue;
            }
            int start = p;
            switch (s) {
                case 'a', 'A' -> {
                    int at = matchName(in, p, DateFunctions.DAY_NAMES, s == 'a');
                    if (at < 0) {
                        return fail(failure, p, s == 'a' ? "Expected an abbreviated day name (Mon, Tue, Wed, Thu, Fri, Sat, Sun)"
                                : "Expected a full day name (Monday, Tuesday, etc...)");
                    }
                    p = at;
                    continue;
                }
                case 'b', 'h', 'B' -> {
                    int at = matchName(in, p, DateFunctions.MONTH_NAMES, s != 'B');
                    if (at < 0) {
                        return fail(failure, p, s != 'B' ? "Expected an abbreviated month name (Jan, Feb, Mar, etc..)"
                                : "Expected a full month name (January, February, etc...)");
                    }
                    month = monthAt(in, p, s != 'B');
                    p = at;
                    offset = CALENDAR;
                    continue;
                }
                case 'p' -> {
                    if (p + 2 > n) return fail(failure, p, "Expected AM/PM");
                    char c0 = Character.toUpperCase(in.charAt(p));
                    char c1 = Character.toUpperCase(in.charAt(p + 1));
                    if ((c0 != 'A' && c0 != 'P') || c1 != 'M') return fail(failure, p, "Expected AM/PM");
                    ampm = c0 == 'A' ? 1 : 2;
                    p += 2;
                    continue;
                }
                case 'z' -> {
                    int at = parseUtcOffset(in, p, failure);
                    if (at < 0) return DateTimeUtil.INVALID;
                    offsetSeconds = failure.utcOffset;
                    hasOffset = true;
                    p = at;
                    continue;
                }
                case 'Z' -> {
                    int e = p;
                    while (e < n && isZoneChar(in.charAt(e))) e++;
                    if (e == p) return fail(failure, p, "Empty Time Zone name");
                    zone = TimeZones.tryResolve(in.substring(p, e));
                    if (zone == null) return fail(failure, p, "Unknown Time Zone \"" + in.substring(p, e) + "\"");
                    p = e;
                    continue;
                }
                default -> {
                }
            }
            // a number of at most the specifier's width
            int max = width(s);
            long v = 0;
            while (p < n && p - start < max && in.charAt(p) >= '0' && in.charAt(p) <= '9') {
                v = v * 10 + (in.charAt(p++) - '0');
            }
            if (p == start) return fail(failure, start, "Expected a number");
            switch (s) {
                case 'd', 'e' -> {
                    if (v < 1 || v > 31) return fail(failure, start, "Day out of range, expected a value between 1 and 31");
                    day = (int) v;
                    offset = CALENDAR;
                }
                case 'm' -> {
                    if (v < 1 || v > 12) return fail(failure, start, "Month out of range, expected a value between 1 and 12");
                    month = (int) v;
                    offset = CALENDAR;
                }
                case 'y', 'Y' -> {
                    if (s == 'y') {
                        year = v >= 69 ? 1900 + v : 2000 + v;
                    } else {
                        year = v;
                    }
                    yearGiven = true;
                    if (offset == NONE || offset == ISO_YEAR || offset == ISO_WEEK) offset = YEAR;
                }
                case 'G' -> {
                    switch (offset) {
                        case SUNDAY_WEEK, MONDAY_WEEK, YEAR_DAY -> {
                            return fail(failure, start, "Incompatible ISO year offset specified");
                        }
                        case NONE -> offset = ISO_YEAR;
                        default -> {
                        }
                    }
                    isoYear = v;
                }
                case 'V' -> {
                    if (v < 1 || v > 53) return fail(failure, start, "ISO week offset out of range, expected a value between 1 and 53");
                    switch (offset) {
                        case YEAR -> {
                            return fail(failure, start, "ISO week offsets are incompatible with non-ISO year specifiers. Use '%G' instead");
                        }
                        case SUNDAY_WEEK, MONDAY_WEEK, YEAR_DAY -> {
                            return fail(failure, start, "Incompatible ISO week offset specified");
                        }
                        case NONE, ISO_YEAR -> offset = ISO_WEEK;
                        default -> {
                        }
                    }
                    week = (int) v;
                }
                case 'U', 'W' -> {
                    if (v > 53) return fail(failure, start, "Week out of range, expected a value between 0 and 53");
                    switch (offset) {
                        case SUNDAY_WEEK, MONDAY_WEEK, ISO_WEEK, ISO_YEAR, YEAR_DAY -> {
                            return fail(failure, start, "Multiple week offsets specified");
                        }
                        case NONE, YEAR -> {
                            offset = s == 'U' ? SUNDAY_WEEK : MONDAY_WEEK;
                            week = (int) v;
                        }
                        default -> {
                        }
                    }
                }
                case 'j' -> {
                    if (v < 1 || v > 366) return fail(failure, start, "Year day out of range, expected a value between 1 and 366");
                    switch (offset) {
                        case ISO_WEEK, ISO_YEAR, SUNDAY_WEEK, MONDAY_WEEK -> {
                            return fail(failure, start, "Multiple year offsets specified");
                        }
                        case NONE, YEAR, YEAR_DAY -> {
                            offset = YEAR_DAY;
                            yearDay = (int) v;
                        }
                        default -> {
                        }
                    }
                }
                case 'w' -> {
                    if (v > 6) return fail(failure, start, "Weekday out of range, expected a value between 0 and 6");
                    sundayWeekday = (int) v;
                }
                case 'u' -> {
                    if (v < 1 || v > 7) return fail(failure, start, "ISO weekday offset out of range, expected a value between 1 and 7");
                    isoWeekday = (int) v;
                }
                case 'H' -> {
                    if (v > 23) return fail(failure, start, "Hour out of range, expected a value between 0 and 23");
                    hour = v;
                }
                case 'I' -> {
                    if (v < 1 || v > 12) return fail(failure, start, "Hour12 out of range, expected a value between 1 and 12");
                    hour = v;
                }
                case 'M' -> {
                    if (v > 59) return fail(failure, start, "Minutes out of range, expected a value between 0 and 59");
                    minute = v;
                }
                case 'S' -> {
                    if (v > 59) return fail(failure, start, "Seconds out of range, expected a value between 0 and 59");
                    second = v;
                }
                default -> { // f, g, n: a fraction, right-padded with zeros
                    for (int d = p - start; d < 9; d++) v *= 10;
                    fraction = v;
                }
            }
        }
        if (p < n) return fail(failure, p, "Full specifier did not match: trailing characters");
        if (ampm != 0) {
            if (hour > 12) return fail(failure, 0, "Hour out of range for AM/PM, expected a value between 1 and 12");
            hour = hour % 12 + (ampm == 2 ? 12 : 0);
        }
        long days;
        switch (offset) {
            case YEAR_DAY -> {
                // day 366 of a year without one is an error only for a year the text gives (else 1901-01-01)
                if (yearGiven && yearDay > (DateTimeUtil.isLeapYear(year) ? 366 : 365)) {
                    return fail(failure, 0, "Year day out of range for the year");
                }
                days = DateTimeUtil.daysFromCivil(year, 1, 1) + yearDay - 1;
            }
            case SUNDAY_WEEK -> {
                long jan1 = DateTimeUtil.daysFromCivil(year, 1, 1);
                long firstSunday = jan1 + (7 - DateTimeUtil.isoDayOfWeek(jan1) % 7) % 7;
                days = firstSunday + (week - 1) * 7L + Math.max(sundayWeekday, 0);
            }
            case MONDAY_WEEK -> {
                long jan1 = DateTimeUtil.daysFromCivil(year, 1, 1);
                long firstMonday = jan1 + (8 - DateTimeUtil.isoDayOfWeek(jan1)) % 7;
                days = firstMonday + (week - 1) * 7L + (sundayWeekday < 0 ? 0 : (sundayWeekday + 6) % 7);
            }
            case ISO_YEAR, ISO_WEEK -> {
                long jan4 = DateTimeUtil.daysFromCivil(isoYear, 1, 4);
                long week1 = jan4 - (DateTimeUtil.isoDayOfWeek(jan4) - 1);
                days = week1 + (Math.max(week, 1) - 1) * 7L + (isoWeekday < 0 ? 0 : isoWeekday - 1);
            }
            default -> {
                int last = DateTimeUtil.daysInMonth(year, month);
                if (day > last) return fail(failure, 0, "Day out of range, expected a value between 1 and " + last);
                days = DateTimeUtil.daysFromCivil(year, month, day);
            }
        }
        long nanosOfDay = ((hour * 60 + minute) * 60 + second) * 1_000_000_000L + fraction;
        if (type.equals(LogicalType.TIMESTAMP_NS)) {
            if (days > Long.MAX_VALUE / NANOS_PER_DAY - 1 || days < Long.MIN_VALUE / NANOS_PER_DAY + 1) {
                return fail(failure, 0, "Timestamp out of range for TIMESTAMP_NS");
            }
            return days * NANOS_PER_DAY + nanosOfDay;
        }
        long micros = days * DateTimeUtil.MICROS_PER_DAY + nanosOfDay / NANOS_PER_MICRO;
        if (hasOffset) {
            micros -= offsetSeconds * DateTimeUtil.MICROS_PER_SECOND;
        } else if (zone != null) {
            micros = TimeZones.toUtc(zone, micros);
        }
        return micros;
    }

    private static boolean isZoneChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '+' || c == '-';
    }

    /** The end of the name of {@code names} at {@code p} (its first three letters when {@code abbreviated}), or -1. */
    private static int matchName(String in, int p, String[] names, boolean abbreviated) {
        for (String name : names) {
            int len = abbreviated ? 3 : name.length();
            if (in.regionMatches(true, p, name, 0, len)) return p + len;
        }
        return -1;
    }

    private static int monthAt(String in, int p, boolean abbreviated) {
        String[] names = DateFunctions.MONTH_NAMES;
        for (int m = 0; m < names.length; m++) {
            if (in.regionMatches(true, p, names[m], 0, abbreviated ? 3 : names[m].length())) return m + 1;
        }
        return 1;
    }

    /**
     * A UTC offset {@code Z}, {@code ±HH}, {@code ±HHMM} or {@code ±HH:MM} at {@code p}: its end, with
     * the offset in seconds left in {@code failure.utcOffset}; -1 with the cause otherwise.
     */
    private static int parseUtcOffset(String in, int p, Failure failure) {
        int n = in.length();
        if (p < n && (in.charAt(p) == 'Z' || in.charAt(p) == 'z')) {
            failure.utcOffset = 0;
            return p + 1;
        }
        if (p >= n || (in.charAt(p) != '+' && in.charAt(p) != '-')) {
            fail(failure, p, "Expected +HH[MM] or -HH[MM]");
            return -1;
        }
        int sign = in.charAt(p) == '-' ? -1 : 1;
        int q = p + 1;
        if (q + 2 > n || !isDigit(in.charAt(q)) || !isDigit(in.charAt(q + 1))) {
            fail(failure, p, "Expected +HH[MM] or -HH[MM]");
            return -1;
        }
        int hh = (in.charAt(q) - '0') * 10 + (in.charAt(q + 1) - '0');
        q += 2;
        int mm = 0;
        int m = q < n && in.charAt(q) == ':' ? q + 1 : q;
        if (m < n && isDigit(in.charAt(m))) {
            if (m + 2 > n || !isDigit(in.charAt(m + 1))) {
                fail(failure, p, "Expected +HH[MM] or -HH[MM]");
                return -1;
            }
            mm = (in.charAt(m) - '0') * 10 + (in.charAt(m + 1) - '0');
            q = m + 2;
        } else if (m != q) {
            fail(failure, p, "Expected +HH[MM] or -HH[MM]");
            return -1;
        }
        if (hh > 23 || mm > 59) {
            fail(failure, p, "UTC offset out of range");
            return -1;
        }
        failure.utcOffset = sign * (hh * 3600 + mm * 60);
        return q;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
