package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.types.DateTimeUtil;

import java.util.Locale;

/** strftime / strptime with the common C format specifiers DuckDB supports. */
final class DateFormat {
    private DateFormat() {
    }

    static String format(long ts, String fmt) {
        if (ts == DateTimeUtil.TS_POS_INF || ts == DateTimeUtil.TS_NEG_INF) {
            validate(fmt);
            return ts == DateTimeUtil.TS_POS_INF ? "infinity" : "-infinity";
        }
        return format(DateTimeUtil.timestampDays(ts), DateTimeUtil.timestampTimeOfDay(ts), fmt);
    }

    /** A DATE (its days; DATE's range is wider than TIMESTAMP's, so never through microseconds). */
    static String formatDate(int days, String fmt) {
        if (days == DateTimeUtil.DATE_POS_INF || days == DateTimeUtil.DATE_NEG_INF) {
            validate(fmt);
            return days == DateTimeUtil.DATE_POS_INF ? "infinity" : "-infinity";
        }
        return format(days, 0, fmt);
    }

    private static String format(long days, long tod, String fmt) {
        long c = DateTimeUtil.civil(days);
        long y = c >> 9;
        int m = (int) ((c >> 5) & 15);
        int d = (int) (c & 31);
        long h = tod / DateTimeUtil.MICROS_PER_HOUR;
        long mi = (tod / DateTimeUtil.MICROS_PER_MINUTE) % 60;
        long s = (tod / DateTimeUtil.MICROS_PER_SECOND) % 60;
        long us = tod % DateTimeUtil.MICROS_PER_SECOND;
        int dow = DateTimeUtil.isoDayOfWeek(days);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                sb.append(ch);
                continue;
            }
            if (i + 1 >= fmt.length()) {
                throw new InvalidInputException("Failed to parse format specifier " + fmt + ": Trailing format character %");
            }
            char f = fmt.charAt(++i);
            boolean noPad = false;
            if (f == '-' && i + 1 < fmt.length()) {
                noPad = true;
                f = fmt.charAt(++i);
            }
            switch (f) {
                case 'Y' -> sb.append(y);
                case 'y' -> pad(sb, Math.abs(y) % 100, 2, noPad);
                case 'm' -> pad(sb, m, 2, noPad);
                case 'd' -> pad(sb, d, 2, noPad);
                case 'e' -> sb.append(d < 10 ? " " : "").append(d);
                case 'H' -> pad(sb, h, 2, noPad);
                case 'I' -> pad(sb, h % 12 == 0 ? 12 : h % 12, 2, noPad);
                case 'p' -> sb.append(h < 12 ? "AM" : "PM");
                case 'M' -> pad(sb, mi, 2, noPad);
                case 'S' -> pad(sb, s, 2, noPad);
                case 'f' -> pad(sb, us, 6, false);
                case 'g' -> pad(sb, us / 1000, 3, false);
                case 'n' -> pad(sb, us * 1000, 9, false);
                case 'j' -> pad(sb, DateTimeUtil.dayOfYear(days), 3, noPad);
                case 'a' -> sb.append(DateFunctions.DAY_NAMES[dow - 1], 0, 3);
                case 'A' -> sb.append(DateFunctions.DAY_NAMES[dow - 1]);
                case 'b', 'h' -> sb.append(DateFunctions.MONTH_NAMES[m - 1], 0, 3);
                case 'B' -> sb.append(DateFunctions.MONTH_NAMES[m - 1]);
                case 'w' -> sb.append(dow % 7);
                case 'u' -> sb.append(dow);
                case 'V' -> pad(sb, DateFunctions.isoWeek(days), 2, noPad);
                // week of the year: weeks start on Sunday (%U) or Monday (%W); days before the first are week 0
                case 'U' -> pad(sb, (DateTimeUtil.dayOfYear(days) - 1 + 7 - dow % 7) / 7, 2, noPad);
                case 'W' -> pad(sb, (DateTimeUtil.dayOfYear(days) - 1 + 7 - (dow - 1)) / 7, 2, noPad);
                case 'G' -> sb.append(DateFunctions.isoYear(days));
                case 'z' -> sb.append("+00");
                case 'Z' -> {
                }
                case 'c' -> sb.append(format(days, tod, "%Y-%m-%d %H:%M:%S"));
                case 'x' -> sb.append(format(days, tod, "%Y-%m-%d"));
                case 'X' -> sb.append(format(days, tod, "%H:%M:%S"));
                case '%' -> sb.append('%');
                default -> throw new InvalidInputException("Failed to parse format specifier " + fmt + ": Unrecognized format for strftime/strptime: %" + f);
            }
        }
        return sb.toString();
    }

    /** Checks a format (the errors format() would raise) without a value. */
    static void validate(String fmt) {
        format(0, fmt);
    }

    private static void pad(StringBuilder sb, long v, int width, boolean noPad) {
        String s = Long.toString(v);
        if (!noPad) {
            for (int i = s.length(); i < width; i++) sb.append('0');
        }
        sb.append(s);
    }

    /** Returns µs since epoch or DateTimeUtil.INVALID. */
    static long parse(String text, String fmt) {
        long y = 1900;
        int m = 1;
        int d = 1;
        long h = 0;
        long mi = 0;
        long s = 0;
        long us = 0;
        boolean pm = false;
        boolean hasAmPm = false;
        long offsetMinutes = 0;
        int p = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char ch = fmt.charAt(i);
            if (ch != '%' || i + 1 >= fmt.length()) {
                if (Character.isWhitespace(ch)) {
                    while (p < text.length() && Character.isWhitespace(text.charAt(p))) p++;
                    continue;
                }
                if (p >= text.length() || text.charAt(p) != ch) return DateTimeUtil.INVALID;
                p++;
                continue;
            }
            char f = fmt.charAt(++i);
            if (f == '-' && i + 1 < fmt.length()) {
                f = fmt.charAt(++i);
            }
            switch (f) {
                case 'Y', 'G' -> {
                    int st = p;
                    if (p < text.length() && (text.charAt(p) == '-' || text.charAt(p) == '+')) p++;
                    while (p < text.length() && Character.isDigit(text.charAt(p))) p++;
                    if (p == st) return DateTimeUtil.INVALID;
                    y = Long.parseLong(text.substring(st, p));
                }
                case 'y', 'm', 'd', 'e', 'H', 'I', 'M', 'S', 'j' -> {
                    int st = p;
                    while (p < text.length() && p - st < (f == 'j' ? 3 : 2) && Character.isDigit(text.charAt(p))) p++;
                    if (p == st) return DateTimeUtil.INVALID;
                    long v = Long.parseLong(text.substring(st, p));
                    switch (f) {
                        case 'y' -> y = v < 69 ? 2000 + v : 1900 + v;
                        case 'm' -> m = (int) v;
                        case 'd', 'e' -> d = (int) v;
                        case 'H', 'I' -> h = v;
                        case 'M' -> mi = v;
                        case 'S' -> s = v;
                        default -> {
                            m = 1;
                            d = (int) v; // day of year, resolved below via overflowing day
                        }
                    }
                }
                case 'f', 'g', 'n' -> {
                    int st = p;
                    while (p < text.length() && Character.isDigit(text.charAt(p))) p++;
                    // at most 3 (ms), 6 (µs) or 9 (ns) digits
                    if (p == st || p - st > (f == 'g' ? 3 : f == 'f' ? 6 : 9)) return DateTimeUtil.INVALID;
                    String digits = text.substring(st, p);
                    while (digits.length() < 6) digits = digits + "0";
                    us = Long.parseLong(digits.substring(0, 6));
                }
                case 'p' -> {
                    if (p + 2 > text.length()) return DateTimeUtil.INVALID;
                    String ap = text.substring(p, p + 2).toUpperCase(Locale.ROOT);
                    if (!ap.equals("AM") && !ap.equals("PM")) return DateTimeUtil.INVALID;
                    hasAmPm = true;
                    pm = ap.equals("PM");
                    p += 2;
                }
                case 'b', 'h', 'B' -> {
                    int found = -1;
                    for (int k = 0; k < 12 && found < 0; k++) {
                        String full = DateFunctions.MONTH_NAMES[k];
                        if (text.regionMatches(true, p, full, 0, full.length())) {
                            found = k;
                            p += full.length();
                        } else if (text.regionMatches(true, p, full, 0, 3)) {
                            found = k;
                            p += 3;
                        }
                    }
                    if (found < 0) return DateTimeUtil.INVALID;
                    m = found + 1;
                }
                case 'a', 'A' -> {
                    boolean ok = false;
                    for (String full : DateFunctions.DAY_NAMES) {
                        if (text.regionMatches(true, p, full, 0, full.length())) {
                            p += full.length();
                            ok = true;
                            break;
                        } else if (text.regionMatches(true, p, full, 0, 3)) {
                            p += 3;
                            ok = true;
                            break;
                        }
                    }
                    if (!ok) return DateTimeUtil.INVALID;
                }
                case 'z' -> {
                    if (p < text.length() && (text.charAt(p) == 'Z' || text.charAt(p) == 'z')) {
                        p++;
                    } else {
                        if (p >= text.length() || (text.charAt(p) != '+' && text.charAt(p) != '-')) return DateTimeUtil.INVALID;
                        int sign = text.charAt(p) == '-' ? -1 : 1;
                        p++;
                        int st = p;
                        while (p < text.length() && (Character.isDigit(text.charAt(p)) || text.charAt(p) == ':')) p++;
                        String z = text.substring(st, p).replace(":", "");
                        if (z.isEmpty()) return DateTimeUtil.INVALID;
                        long hh = Long.parseLong(z.substring(0, Math.min(2, z.length())));
                        long mm = z.length() > 2 ? Long.parseLong(z.substring(2)) : 0;
                        offsetMinutes = sign * (hh * 60 + mm);
                    }
                }
                case '%' -> {
                    if (p >= text.length() || text.charAt(p) != '%') return DateTimeUtil.INVALID;
                    p++;
                }
                default -> throw new InvalidInputException("Failed to parse format specifier " + fmt + ": Unrecognized format for strftime/strptime: %" + f);
            }
        }
        if (p != text.length()) return DateTimeUtil.INVALID;
        if (hasAmPm) {
            if (h < 1 || h > 12) return DateTimeUtil.INVALID;
            h = (h % 12) + (pm ? 12 : 0);
        }
        if (m < 1 || m > 12 || h > 23 || mi > 59 || s > 59) return DateTimeUtil.INVALID;
        if (d < 1 || d > DateTimeUtil.daysInMonth(y, m)) return DateTimeUtil.INVALID;
        long days = DateTimeUtil.daysFromCivil(y, m, d);
        return days * DateTimeUtil.MICROS_PER_DAY + h * DateTimeUtil.MICROS_PER_HOUR + mi * DateTimeUtil.MICROS_PER_MINUTE
                + s * DateTimeUtil.MICROS_PER_SECOND + us - offsetMinutes * DateTimeUtil.MICROS_PER_MINUTE;
    }
}
