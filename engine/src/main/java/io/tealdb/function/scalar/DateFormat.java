package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.types.DateTimeUtil;


/** strftime with the C format specifiers DuckDB supports (strptime: {@link StrpTimeFormat}). */
public final class DateFormat {
    private DateFormat() {
    }

    private static final long NANOS_PER_MICRO = 1000L;
    private static final long NANOS_PER_DAY = DateTimeUtil.MICROS_PER_DAY * NANOS_PER_MICRO;

    /** A TIMESTAMP (µs since the epoch) as strftime formats it. */
    public static String format(long ts, String fmt) {
        if (ts == DateTimeUtil.TS_POS_INF || ts == DateTimeUtil.TS_NEG_INF) {
            validate(fmt);
            return ts == DateTimeUtil.TS_POS_INF ? "infinity" : "-infinity";
        }
        return format(DateTimeUtil.timestampDays(ts), DateTimeUtil.timestampTimeOfDay(ts) * NANOS_PER_MICRO, fmt);
    }

    /** A TIMESTAMP_NS (ns since the epoch): %f and %g truncate, %n shows every digit. */
    static String formatNanos(long ns, String fmt) {
        if (ns == DateTimeUtil.TS_POS_INF || ns == DateTimeUtil.TS_NEG_INF) {
            return format(ns, fmt);
        }
        return format(Math.floorDiv(ns, NANOS_PER_DAY), Math.floorMod(ns, NANOS_PER_DAY), fmt);
    }

    /** A DATE (its days; DATE's range is wider than TIMESTAMP's, so never through microseconds). */
    public static String formatDate(int days, String fmt) {
        if (days == DateTimeUtil.DATE_POS_INF || days == DateTimeUtil.DATE_NEG_INF) {
            validate(fmt);
            return days == DateTimeUtil.DATE_POS_INF ? "infinity" : "-infinity";
        }
        return format(days, 0, fmt);
    }

    /** {@code tod}: ns since midnight. */
    private static String format(long days, long tod, String fmt) {
        long c = DateTimeUtil.civil(days);
        long y = c >> 9;
        int m = (int) ((c >> 5) & 15);
        int d = (int) (c & 31);
        long ns = tod % 1_000_000_000L;
        long secs = tod / 1_000_000_000L;
        long h = secs / 3600;
        long mi = (secs / 60) % 60;
        long s = secs % 60;
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
                case 'f' -> pad(sb, ns / 1000, 6, false);
                case 'g' -> pad(sb, ns / 1_000_000, 3, false);
                case 'n' -> pad(sb, ns, 9, false);
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
    public static void validate(String fmt) {
        format(0, fmt);
    }

    private static void pad(StringBuilder sb, long v, int width, boolean noPad) {
        String s = Long.toString(v);
        if (!noPad) {
            for (int i = s.length(); i < width; i++) sb.append('0');
        }
        sb.append(s);
    }
}
