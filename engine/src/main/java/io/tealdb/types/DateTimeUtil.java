package io.tealdb.types;

/**
 * Calendar arithmetic and DuckDB-compatible text forms for DATE (days since 1970-01-01), TIME
 * (µs of day), TIMESTAMP (µs since epoch) and INTERVAL. Proleptic Gregorian calendar; year 0 is
 * 1 BC as in DuckDB (printed "0001-01-01 (BC)"). Lives in types because parser, storage and COPY
 * readers need the same parsing and formatting rules as casts.
 *
 * <p>Parse methods return {@code false}/{@link #INVALID} instead of throwing so that TRY_CAST and
 * CSV sniffing stay cheap; callers turn failures into ConversionException.
 */
public final class DateTimeUtil {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    /** DuckDB's DATE 'infinity' / '-infinity'. */
    public static final int DATE_POS_INF = Integer.MAX_VALUE;
    public static final int DATE_NEG_INF = -Integer.MAX_VALUE;
    public static final long TS_POS_INF = Long.MAX_VALUE;
    public static final long TS_NEG_INF = -Long.MAX_VALUE;
    /** Marker returned by parse methods on failure. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private DateTimeUtil() {
    }

    public static boolean isLeapYear(long y) {
        return (y % 4 == 0) && (y % 100 != 0 || y % 400 == 0);
    }

    public static int daysInMonth(long year, int month) {
        return month == 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (era-based day counting). */
    public static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (m + 9) % 12;
        long doy = (153 * mp + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Year of a day number. */
    public static int year(long days) {
        return (int) (civil(days) >> 9);
    }

    public static int month(long days) {
        return (int) ((civil(days) >> 5) & 15);
    }

    public static int day(long days) {
        return (int) (civil(days) & 31);
    }

    /** Packs (year << 9) | (month << 5) | day of a day number; avoids allocating in kernels. */
    public static long civil(long z) {
        z += 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        return (y << 9) | (m << 5) | d;
    }

    /** ISO day of week: Monday=1 .. Sunday=7. */
    public static int isoDayOfWeek(long days) {
        return (int) (Math.floorMod(days + 3, 7) + 1);
    }

    /** Day of year 1..366. */
    public static int dayOfYear(long days) {
        return (int) (days - daysFromCivil(year(days), 1, 1) + 1);
    }

    public static long timestampDays(long micros) {
        return Math.floorDiv(micros, MICROS_PER_DAY);
    }

    public static long timestampTimeOfDay(long micros) {
        return Math.floorMod(micros, MICROS_PER_DAY);
    }

    // ------------------------------------------------------------------ formatting

    /**
     * A DATE as the TIMESTAMP of its midnight, keeping the infinities; {@link #INVALID} when the day
     * lies outside TIMESTAMP's range (about 290309 BC to 294247 AD).
     */
    public static long dateToTimestamp(int days) {
        if (days == DATE_POS_INF) return TS_POS_INF;
        if (days == DATE_NEG_INF) return TS_NEG_INF;
        long micros = days * MICROS_PER_DAY;
        if (micros / MICROS_PER_DAY != days || micros == TS_POS_INF || micros <= TS_NEG_INF) return INVALID;
        return micros;
    }

    public static String formatDate(int days) {
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, days);
        return sb.toString();
    }

    public static void appendDate(StringBuilder sb, int days) {
        if (days == DATE_POS_INF) {
            sb.append("infinity");
            return;
        }
        if (days == DATE_NEG_INF) {
            sb.append("-infinity");
            return;
        }
        long c = civil(days);
        long y = c >> 9;
        boolean bc = y <= 0;
        if (bc) {
            y = 1 - y;
        }
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, (c >> 5) & 15, 2);
        sb.append('-');
        pad(sb, c & 31, 2);
        if (bc) {
            sb.append(" (BC)");
        }
    }

    public static String formatTime(long micros) {
        StringBuilder sb = new StringBuilder(16);
        appendTime(sb, micros);
        return sb.toString();
    }

    /** HH:MM:SS[.ffffff without trailing zeros]; hours may exceed 23 (used by intervals). */
    public static void appendTime(StringBuilder sb, long micros) {
        long h = micros / MICROS_PER_HOUR;
        long rest = micros % MICROS_PER_HOUR;
        pad(sb, h, 2);
        sb.append(':');
        pad(sb, rest / MICROS_PER_MINUTE, 2);
        sb.append(':');
        rest %= MICROS_PER_MINUTE;
        pad(sb, rest / MICROS_PER_SECOND, 2);
        long frac = rest % MICROS_PER_SECOND;
        if (frac != 0) {
            sb.append('.');
            int digits = 6;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            pad(sb, frac, digits);
        }
    }

    public static String formatTimestamp(long micros) {
        if (micros == TS_POS_INF) {
            return "infinity";
        }
        if (micros == TS_NEG_INF) {
            return "-infinity";
        }
        long days = timestampDays(micros);
        StringBuilder sb = new StringBuilder(32);
        long c = civil(days);
        long y = c >> 9;
        boolean bc = y <= 0;
        if (bc) {
            y = 1 - y;
        }
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, (c >> 5) & 15, 2);
        sb.append('-');
        pad(sb, c & 31, 2);
        // DuckDB prints the era right after the date: 0020-01-01 (BC) 10:00:00
        if (bc) {
            sb.append(" (BC)");
        }
        sb.append(' ');
        appendTime(sb, timestampTimeOfDay(micros));
        return sb.toString();
    }

    /** TIMESTAMP_NS text: the TIMESTAMP text with up to nine fractional digits. */
    public static String formatTimestampNanos(long nanos) {
        long micros = Math.floorDiv(nanos, 1000L);
        int extra = (int) Math.floorMod(nanos, 1000L);
        String text = formatTimestamp(micros);
        if (extra == 0) {
            return text;
        }
        long fracMicros = Math.floorMod(micros, MICROS_PER_SECOND);
        StringBuilder frac = new StringBuilder(10).append('.');
        pad(frac, fracMicros * 1000 + extra, 9);
        int end = frac.length();
        while (frac.charAt(end - 1) == '0') end--;
        frac.setLength(end);
        // replace the microsecond fraction (if any) of the time part by the nanosecond one
        int dot = text.lastIndexOf('.');
        int colon = text.lastIndexOf(':');
        String base = dot > colon ? text.substring(0, dot) : text;
        return base + frac;
    }

    /** DuckDB's interval text: {@code 1 year 2 months 3 days 04:05:06.789}, {@code 00:00:00} when zero. */
    public static String formatInterval(int months, int days, long micros) {
        StringBuilder sb = new StringBuilder(32);
        if (months != 0) {
            int years = months / 12;
            int mons = months % 12;
            if (years != 0) {
                unit(sb, years, "year");
            }
            if (mons != 0) {
                unit(sb, mons, "month");
            }
        }
        if (days != 0) {
            unit(sb, days, "day");
        }
        if (micros != 0) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            if (micros < 0) {
                sb.append('-');
                if (micros == Long.MIN_VALUE) {
                    // cannot negate; print via unsigned parts
                    sb.append("2562047788:00:54.775808");
                    return sb.toString();
                }
                micros = -micros;
            }
            appendTime(sb, micros);
        } else if (sb.isEmpty()) {
            sb.append("00:00:00");
        }
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long n, String name) {
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        sb.append(n).append(' ').append(name);
        if (n != 1 && n != -1) {
            sb.append('s');
        }
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    // ------------------------------------------------------------------ parsing

    /** Cursor over ASCII text for the small hand-written parsers below. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean end() {
            return pos >= s.length();
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        char peekAt(int ahead) {
            return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        /** Reads up to maxDigits decimal digits; returns -1 if none. */
        long digits(int maxDigits) {
            long v = 0;
            int start = pos;
            while (pos < s.length() && pos - start < maxDigits && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                v = v * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            return pos == start ? -1 : v;
        }
    }

    /** Parses a DATE; returns days or {@link #INVALID}. Accepts YYYY-MM-DD (also '/', '.', ' ' separators), "(BC)", infinity, epoch. */
    public static long parseDate(String text) {
        Cursor c = new Cursor(text);
        c.skipSpaces();
        long days = parseDatePart(c);
        if (days == INVALID) {
            return INVALID;
        }
        c.skipSpaces();
        return c.end() ? days : INVALID;
    }

    private static final java.util.regex.Pattern TIMESTAMP_SHAPE = java.util.regex.Pattern.compile(
            "-?\\d{1,9}([-/. ])\\d{1,2}\\1\\d{1,2}(?!\\d)(?:(?:[ T]+)\\d{1,2}:\\d{1,2}(?::\\d{1,2}(?:\\.\\d+)?)?(?![:\\d]).*|\\s*(?:\\(BC\\))?)");

    /**
     * True when the failure of {@link #parseTimestamp} was a well-formed but impossible timestamp:
     * a date, optionally followed by a time of the form H:M[:S[.f]] (DuckDB's "out of range" message).
     */
    public static boolean looksLikeTimestamp(String text) {
        return TIMESTAMP_SHAPE.matcher(text.trim()).matches();
    }

    /** True when the failure of {@link #parseDate} was a well-formed but impossible date (DuckDB's "out of range" message). */
    public static boolean looksLikeDate(String text) {
        return text.trim().matches("-?\\d{1,9}[-/. ]\\d{1,2}[-/. ]\\d{1,2}(?!\\d).*");
    }

    private static long parseDatePart(Cursor c) {
        String rest = c.s.substring(c.pos);
        for (String special : new String[]{"infinity", "-infinity", "epoch"}) {
            if (rest.regionMatches(true, 0, special, 0, special.length())) {
                int after = c.pos + special.length();
                if (after == c.s.length() || !Character.isLetterOrDigit(c.s.charAt(after))) {
                    c.pos = after;
                    return switch (special) {
                        case "infinity" -> DATE_POS_INF;
                        case "-infinity" -> DATE_NEG_INF;
                        default -> 0;
                    };
                }
            }
        }
        boolean negative = false;
        if (c.peek() == '-') {
            negative = true;
            c.pos++;
        }
        long y = c.digits(9);
        if (y < 0) {
            return INVALID;
        }
        char sep = c.peek();
        if (sep != '-' && sep != '/' && sep != '.' && sep != ' ') {
            return INVALID;
        }
        c.pos++;
        long m = c.digits(2);
        if (m < 0 || c.peek() != sep) {
            return INVALID;
        }
        c.pos++;
        long d = c.digits(2);
        if (d < 0) {
            return INVALID;
        }
        if (negative) {
            y = -y;
        }
        // optional " (BC)"
        int save = c.pos;
        c.skipSpaces();
        if (c.s.startsWith("(BC)", c.pos)) {
            // there is no year 0 BC, nor a negative BC year
            if (y <= 0) {
                return INVALID;
            }
            c.pos += 4;
            y = 1 - y;
        } else {
            c.pos = save;
        }
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, (int) m)) {
            return INVALID;
        }
        long days = daysFromCivil(y, (int) m, (int) d);
        if (days >= DATE_POS_INF || days <= DATE_NEG_INF) {
            return INVALID;
        }
        return days;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /** Parses HH:MM[:SS[.ffffff]] at the cursor; returns µs or INVALID. Hours limited to 0..24. */
    private static long parseTimePart(Cursor c) {
        long h = c.digits(2);
        if (h < 0 || c.peek() != ':') {
            return INVALID;
        }
        c.pos++;
        // DuckDB accepts a trailing separator with nothing after it: '11:' and '11:11:' and '11:11:11.'
        if (!isDigit(c.peek())) {
            return h > 24 ? INVALID : h * MICROS_PER_HOUR;
        }
        long m = c.digits(2);
        if (m < 0 || m >= 60) {
            return INVALID;
        }
        long s = 0;
        long frac = 0;
        if (c.peek() == ':' && !isDigit(c.peekAt(1))) {
            c.pos++;
        } else if (c.peek() == ':') {
            c.pos++;
            s = c.digits(2);
            if (s < 0 || s >= 60) {
                return INVALID;
            }
            if (c.peek() == '.' && !isDigit(c.peekAt(1))) {
                c.pos++;
            } else if (c.peek() == '.') {
                c.pos++;
                int start = c.pos;
                long f = c.digits(6);
                if (f < 0) {
                    return INVALID;
                }
                int n = c.pos - start;
                for (int i = n; i < 6; i++) {
                    f *= 10;
                }
                // extra digits beyond microseconds are ignored (truncated)
                while (c.peek() >= '0' && c.peek() <= '9') {
                    c.pos++;
                }
                frac = f;
            }
        }
        if (h > 24 || (h == 24 && (m != 0 || s != 0 || frac != 0))) {
            return INVALID;
        }
        return h * MICROS_PER_HOUR + m * MICROS_PER_MINUTE + s * MICROS_PER_SECOND + frac;
    }

    /** Parses a TIME; returns µs of day or INVALID. */
    public static long parseTime(String text) {
        Cursor c = new Cursor(text);
        c.skipSpaces();
        long t = parseTimePart(c);
        if (t == INVALID) {
            return INVALID;
        }
        c.skipSpaces();
        return c.end() ? t : INVALID;
    }

    /** Parses a TIMESTAMP; returns µs since epoch or INVALID. Accepts a date alone, 'T' separator, 'Z'/'+HH[:MM]' offsets (ignored, as DuckDB does for TIMESTAMP). */
    /**
     * The date of a full timestamp text ({@code 2023-12-11 15:54:45.119}, with T, a zone offset or 24:00:00),
     * as DuckDB casts such text to DATE: the date as written, the time checked and dropped; INVALID otherwise.
     */
    public static long parseDateOfTimestamp(String text) {
        long ts = parseTimestamp(text);
        if (ts == INVALID || ts == TS_POS_INF || ts == TS_NEG_INF) return INVALID;
        Cursor c = new Cursor(text);
        c.skipSpaces();
        return parseDatePart(c);
    }

    public static long parseTimestamp(String text) {
        Cursor c = new Cursor(text);
        c.skipSpaces();
        long days = parseDatePart(c);
        if (days == INVALID) {
            return INVALID;
        }
        if (days == DATE_POS_INF) {
            c.skipSpaces();
            return c.end() ? TS_POS_INF : INVALID;
        }
        if (days == DATE_NEG_INF) {
            c.skipSpaces();
            return c.end() ? TS_NEG_INF : INVALID;
        }
        long time = 0;
        if (c.peek() == 'T' || c.peek() == ' ') {
            int save = c.pos;
            c.pos++;
            c.skipSpaces();
            if (!c.end()) {
                time = parseTimePart(c);
                if (time == INVALID) {
                    return INVALID;
                }
            } else {
                c.pos = save;
            }
        }
        c.skipSpaces();
        if (c.peek() == 'Z' || c.peek() == 'z') {
            c.pos++;
        } else if (c.peek() == '+' || c.peek() == '-') {
            int sign = c.peek() == '-' ? -1 : 1;
            c.pos++;
            long oh = c.digits(2);
            if (oh < 0) {
                return INVALID;
            }
            long om = 0;
            if (c.peek() == ':') {
                c.pos++;
            }
            long mm = c.digits(2);
            if (mm > 0) {
                om = mm;
            }
            // DuckDB's TIMESTAMP (without time zone) accepts and ignores a UTC offset
            if (oh > 23 || om > 59) {
                return INVALID;
            }
        }
        c.skipSpaces();
        if (!c.end()) {
            return INVALID;
        }
        long micros;
        try {
            micros = Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), time);
        } catch (ArithmeticException e) {
            return INVALID;
        }
        // the largest value is 'infinity' itself; a finite timestamp stops one microsecond before
        return micros >= TS_POS_INF || micros <= TS_NEG_INF ? INVALID : micros;
    }

    /**
     * Parses an INTERVAL in DuckDB's text forms: {@code 1 day}, {@code 2 hours 3 minutes},
     * {@code 1 year 2 months 3 days 04:05:06.789}, {@code 01:02:03}, {@code 1 day ago}, {@code 1.5 days}.
     * Returns null when the text is not an interval.
     */
    public static Interval parseInterval(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        long months = 0;
        long days = 0;
        long micros = 0;
        int i = 0;
        int n = s.length();
        boolean any = false;
        try {
            while (i < n) {
                while (i < n && s.charAt(i) == ' ') {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (s.startsWith("ago", i) && (i + 3 == n || s.charAt(i + 3) == ' ')) {
                    months = -months;
                    days = -days;
                    micros = -micros;
                    i += 3;
                    continue;
                }
                int start = i;
                if (s.charAt(i) == '-' || s.charAt(i) == '+') {
                    i++;
                }
                int digitsStart = i;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                if (i == digitsStart) {
                    return null;
                }
                if (i < n && s.charAt(i) == ':') {
                    // time part [-]HH:MM[:SS[.f]]
                    boolean neg = s.charAt(start) == '-';
                    int end = i;
                    while (end < n && s.charAt(end) != ' ') {
                        end++;
                    }
                    String timeText = s.substring(digitsStart, end);
                    long t = parseIntervalTime(timeText);
                    if (t == INVALID) {
                        return null;
                    }
                    micros += neg ? -t : t;
                    i = end;
                    any = true;
                    continue;
                }
                String number = s.substring(start, i);
                while (i < n && s.charAt(i) == ' ') {
                    i++;
                }
                int unitStart = i;
                while (i < n && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                String unit = s.substring(unitStart, i);
                if (unit.isEmpty()) {
                    // bare number: seconds? DuckDB rejects
                    return null;
                }
                java.math.BigDecimal value = new java.math.BigDecimal(number);
                switch (unit) {
                    case "millennium", "millennia", "millenniums", "mil", "mils" -> months += value.multiply(java.math.BigDecimal.valueOf(12000)).longValueExact();
                    case "century", "centuries", "c" -> months += value.multiply(java.math.BigDecimal.valueOf(1200)).longValueExact();
                    case "decade", "decades", "dec", "decs" -> months += value.multiply(java.math.BigDecimal.valueOf(120)).longValueExact();
                    case "year", "years", "y", "yr", "yrs" -> months += value.multiply(java.math.BigDecimal.valueOf(12)).longValueExact();
                    case "quarter", "quarters" -> months += value.multiply(java.math.BigDecimal.valueOf(3)).longValueExact();
                    case "month", "months", "mon", "mons" -> {
                        java.math.BigDecimal whole = value.setScale(0, java.math.RoundingMode.DOWN);
                        months += whole.longValueExact();
                        days += value.subtract(whole).multiply(java.math.BigDecimal.valueOf(30)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    }
                    case "week", "weeks", "w" -> {
                        java.math.BigDecimal d = value.multiply(java.math.BigDecimal.valueOf(7));
                        java.math.BigDecimal whole = d.setScale(0, java.math.RoundingMode.DOWN);
                        days += whole.longValueExact();
                        micros += d.subtract(whole).multiply(java.math.BigDecimal.valueOf(MICROS_PER_DAY)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    }
                    case "day", "days", "d" -> {
                        java.math.BigDecimal whole = value.setScale(0, java.math.RoundingMode.DOWN);
                        days += whole.longValueExact();
                        micros += value.subtract(whole).multiply(java.math.BigDecimal.valueOf(MICROS_PER_DAY)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    }
                    case "hour", "hours", "h", "hr", "hrs" -> micros += value.multiply(java.math.BigDecimal.valueOf(MICROS_PER_HOUR)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    case "minute", "minutes", "m", "min", "mins" -> micros += value.multiply(java.math.BigDecimal.valueOf(MICROS_PER_MINUTE)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    case "second", "seconds", "s", "sec", "secs" -> micros += value.multiply(java.math.BigDecimal.valueOf(MICROS_PER_SECOND)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    case "millisecond", "milliseconds", "ms", "msec", "msecs" -> micros += value.multiply(java.math.BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    case "microsecond", "microseconds", "us", "usec", "usecs" -> micros += value.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    default -> {
                        return null;
                    }
                }
                any = true;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        if (!any || months != (int) months || days != (int) days) {
            return null;
        }
        return new Interval((int) months, (int) days, micros);
    }

    private static long parseIntervalTime(String t) {
        String[] parts = t.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return INVALID;
        }
        try {
            long h = Long.parseLong(parts[0]);
            long m = Long.parseLong(parts[1]);
            long micros = h * MICROS_PER_HOUR + m * MICROS_PER_MINUTE;
            if (parts.length == 3) {
                java.math.BigDecimal sec = new java.math.BigDecimal(parts[2]);
                micros += sec.multiply(java.math.BigDecimal.valueOf(MICROS_PER_SECOND)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            }
            return micros;
        } catch (NumberFormatException | ArithmeticException e) {
            return INVALID;
        }
    }
}
