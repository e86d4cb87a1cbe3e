package io.tealdb.io;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level parsers of text values (CSV fields) into the physical representation of their SQL
 * type, without creating a String per value. Each parser reads {@code b[start, end)} (already
 * trimmed of quotes) and throws {@link #FAILED} — a shared exception without a stack trace — when
 * the text is not a valid value; the caller turns that into a ConversionException naming file,
 * line and column.
 */
public final class TextParsers {
    private TextParsers() {
    }

    /** Thrown for unparsable text; preallocated, no stack trace (cheap in a hot loop). */
    public static final class ParseFailure extends RuntimeException {
        private ParseFailure() {
            super("parse failure", null, false, false);
        }
    }

    public static final ParseFailure FAILED = new ParseFailure();

    private static int trimStart(byte[] b, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
        return s;
    }

    private static int trimEnd(byte[] b, int s, int e) {
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
        return e;
    }

    /** A signed 64-bit integer (surrounding blanks allowed). */
    public static long parseLong(byte[] b, int start, int end) {
        int s = trimStart(b, start, end);
        int e = trimEnd(b, s, end);
        if (s >= e) throw FAILED;
        boolean neg = false;
        if (b[s] == '-' || b[s] == '+') {
            neg = b[s] == '-';
            s++;
            if (s >= e) throw FAILED;
        }
        if (e - s <= 18) {
            // at most 18 digits cannot overflow: no range test per digit
            long v = 0;
            for (int i = s; i < e; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) throw FAILED;
                v = v * 10 + d;
            }
            return neg ? -v : v;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) throw FAILED;
            // accumulate negatively so Long.MIN_VALUE parses
            if (v < (Long.MIN_VALUE + d) / 10) throw FAILED;
            v = v * 10 - d;
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) throw FAILED;
            v = -v;
        }
        return v;
    }

    public static int parseInt(byte[] b, int start, int end) {
        long v = parseLong(b, start, end);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw FAILED;
        return (int) v;
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /**
     * A decimal with {@code scale} fraction digits as an unscaled long (precision ≤ 18); extra
     * fraction digits round half away from zero, like DuckDB. Exponents fall back to BigDecimal.
     */
    public static long parseDecimal(byte[] b, int start, int end, int precision, int scale) {
        int s = trimStart(b, start, end);
        int e = trimEnd(b, s, end);
        if (s >= e) throw FAILED;
        boolean neg = false;
        if (b[s] == '-' || b[s] == '+') {
            neg = b[s] == '-';
            s++;
        }
        long intPart = 0;
        int digits = 0;
        int i = s;
        for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
            intPart = intPart * 10 + (b[i] - '0');
            if (intPart != 0 && ++digits > precision - scale) throw FAILED;
        }
        long frac = 0;
        int fracDigits = 0;
        boolean roundUp = false;
        boolean any = i > s;
        if (i < e && b[i] == '.') {
            i++;
            int fs = i;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
                if (fracDigits < scale) {
                    frac = frac * 10 + (b[i] - '0');
                    fracDigits++;
                } else if (i == fs + scale) {
                    roundUp = b[i] >= '5';
                }
            }
            any |= i > fs;
        }
        if (i < e) {
            if (b[i] == 'e' || b[i] == 'E') {
                return slowDecimal(b, start, end, precision, scale);
            }
            throw FAILED;
        }
        if (!any) throw FAILED;
        long v = intPart * POW10[scale] + frac * POW10[scale - fracDigits];
        if (roundUp) v++;
        if (v >= POW10[Math.min(precision, 18)] && precision <= 18) throw FAILED;
        return neg ? -v : v;
    }

    private static long slowDecimal(byte[] b, int start, int end, int precision, int scale) {
        try {
            BigDecimal d = new BigDecimal(new String(b, start, end - start, StandardCharsets.US_ASCII).trim())
                    .setScale(scale, RoundingMode.HALF_UP);
            if (d.precision() > precision && d.unscaledValue().abs().compareTo(java.math.BigInteger.TEN.pow(precision)) >= 0) throw FAILED;
            return d.unscaledValue().longValueExact();
        } catch (NumberFormatException | ArithmeticException ex) {
            throw FAILED;
        }
    }

    /** A wide decimal (precision > 18) or HUGEINT: BigDecimal with {@code scale}. Not a hot path. */
    public static BigDecimal parseBigDecimal(byte[] b, int start, int end, int scale) {
        try {
            return new BigDecimal(new String(b, start, end - start, StandardCharsets.US_ASCII).trim()).setScale(scale, RoundingMode.HALF_UP);
        } catch (NumberFormatException | ArithmeticException ex) {
            throw FAILED;
        }
    }

    private static final double[] EXACT_POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * A double. Fast path (Clinger 1990): a mantissa of at most 15 digits with a power-of-ten
     * exponent of magnitude ≤ 22 is exact in one multiplication/division; anything else goes
     * through Double.parseDouble.
     */
    public static double parseDouble(byte[] b, int start, int end) {
        int s = trimStart(b, start, end);
        int e = trimEnd(b, s, end);
        if (s >= e) throw FAILED;
        int i = s;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        long mant = 0;
        int nd = 0;
        int exp10 = 0;
        boolean any = false;
        for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
            any = true;
            if (nd < 18) {
                mant = mant * 10 + (b[i] - '0');
                if (mant != 0) nd++;
            } else {
                exp10++;
                nd++;
            }
        }
        if (i < e && b[i] == '.') {
            i++;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
                any = true;
                if (nd < 18) {
                    mant = mant * 10 + (b[i] - '0');
                    if (mant != 0) nd++;
                    exp10--;
                }
            }
        }
        if (i < e || !any || nd > 15) {
            return slowDouble(b, s, e);
        }
        double d = mant;
        if (exp10 < 0) {
            if (-exp10 > 22) return slowDouble(b, s, e);
            d /= EXACT_POW10[-exp10];
        } else if (exp10 > 0) {
            if (exp10 > 22) return slowDouble(b, s, e);
            d *= EXACT_POW10[exp10];
        }
        return neg ? -d : d;
    }

    private static double slowDouble(byte[] b, int s, int e) {
        String text = new String(b, s, e - s, StandardCharsets.US_ASCII);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) throw FAILED;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            throw FAILED;
        }
    }

    private static int digits(byte[] b, int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) throw FAILED;
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    public static int daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (int) (era * 146097 + doe - 719468);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private static boolean validDay(long y, int m, int d) {
        if (m < 1 || m > 12 || d < 1) return false;
        int max = MONTH_DAYS[m - 1];
        if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) max = 29;
        return d <= max;
    }

    /** {@code YYYY-MM-DD} → days since epoch. */
    public static int parseDate(byte[] b, int start, int end) {
        int s = trimStart(b, start, end);
        int e = trimEnd(b, s, end);
        long packed = parseDatePrefix(b, s, e);
        if ((int) packed != e) throw FAILED;
        return (int) (packed >> 32);
    }

    /** Parses a date at {@code s}; returns days in the high 32 bits and the end offset in the low 32 bits. */
    private static long parseDatePrefix(byte[] b, int s, int e) {
        if (e - s >= 10 && b[s + 4] == '-' && b[s + 7] == '-' && (e - s == 10 || !isDigit(b[s + 10]))
                && isDigit(b[s]) && isDigit(b[s + 1]) && isDigit(b[s + 2]) && isDigit(b[s + 3])
                && isDigit(b[s + 5]) && isDigit(b[s + 6]) && isDigit(b[s + 8]) && isDigit(b[s + 9])) {
            // the usual YYYY-MM-DD: fixed positions, no scanning for the separators
            int y = (b[s] - '0') * 1000 + (b[s + 1] - '0') * 100 + (b[s + 2] - '0') * 10 + (b[s + 3] - '0');
            int m = (b[s + 5] - '0') * 10 + (b[s + 6] - '0');
            int d = (b[s + 8] - '0') * 10 + (b[s + 9] - '0');
            if (!validDay(y, m, d)) throw FAILED;
            return ((long) daysFromCivil(y, m, d) << 32) | ((s + 10) & 0xffffffffL);
        }
        int i = s;
        boolean neg = false;
        if (i < e && b[i] == '-') {
            neg = true;
            i++;
        }
        int ys = i;
        while (i < e && b[i] >= '0' && b[i] <= '9') i++;
        if (i - ys < 1 || i - ys > 7 || i >= e || b[i] != '-') throw FAILED;
        long y = digits(b, ys, i - ys);
        if (neg) y = -y;
        i++;
        int ms = i;
        while (i < e && b[i] >= '0' && b[i] <= '9') i++;
        if (i - ms < 1 || i - ms > 2 || i >= e || b[i] != '-') throw FAILED;
        int m = digits(b, ms, i - ms);
        i++;
        int ds = i;
        while (i < e && b[i] >= '0' && b[i] <= '9') i++;
        if (i - ds < 1 || i - ds > 2) throw FAILED;
        int d = digits(b, ds, i - ds);
        if (!validDay(y, m, d)) throw FAILED;
        return ((long) daysFromCivil(y, m, d) << 32) | (i & 0xffffffffL);
    }

    /** {@code HH:MM:SS[.ffffff]} from {@code s} to exactly {@code e} → microseconds of day. */
    private static long parseTimeOfDay(byte[] b, int s, int e) {
        int i = s;
        int hs = i;
        while (i < e && b[i] >= '0' && b[i] <= '9') i++;
        if (i - hs < 1 || i - hs > 2 || i >= e || b[i] != ':') throw FAILED;
        int h = digits(b, hs, i - hs);
        i++;
        if (i + 2 > e) throw FAILED;
        int mi = digits(b, i, 2);
        i += 2;
        int sec = 0;
        long micros = 0;
        if (i < e && b[i] == ':') {
            i++;
            if (i + 2 > e) throw FAILED;
            sec = digits(b, i, 2);
            i += 2;
            if (i < e && b[i] == '.') {
                i++;
                int n = 0;
                while (i < e && b[i] >= '0' && b[i] <= '9') {
                    if (n < 6) {
                        micros = micros * 10 + (b[i] - '0');
                        n++;
                    }
                    i++;
                }
                while (n++ < 6) micros *= 10;
            }
        }
        if (i != e || h > 24 || mi > 59 || sec > 59) throw FAILED;
        return ((h * 60L + mi) * 60 + sec) * 1_000_000L + micros;
    }

    public static long parseTime(byte[] b, int start, int end) {
        int s = trimStart(b, start, end);
        return parseTimeOfDay(b, s, trimEnd(b, s, end));
    }

    /** {@code YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]]} → microseconds since epoch (a trailing Z / +00 is accepted). */
    public static long parseTimestamp(byte[] b, int start, int end) {
        int s = trimStart(b, start, end);
        int e = trimEnd(b, s, end);
        long packed = parseDatePrefix(b, s, e);
        int days = (int) (packed >> 32);
        int i = (int) packed;
        long micros = 0;
        if (i < e) {
            if (b[i] != ' ' && b[i] != 'T') throw FAILED;
            i++;
            int te = e;
            if (te > i && (b[te - 1] == 'Z' || b[te - 1] == 'z')) te--;
            else if (te - 3 > i && (b[te - 3] == '+' || b[te - 3] == '-') && b[te - 2] == '0' && b[te - 1] == '0') te -= 3;
            micros = parseTimeOfDay(b, i, te);
        }
        return days * 86_400_000_000L + micros;
    }

    /** true/false, t/f, yes/no, y/n, 1/0 (case-insensitive). */
    public static boolean parseBoolean(byte[] b, int start, int end) {
        int s = trimStart(b, start, end);
        int e = trimEnd(b, s, end);
        String t = new String(b, s, e - s, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "true", "t", "yes", "y", "1" -> true;
            case "false", "f", "no", "n", "0" -> false;
            default -> throw FAILED;
        };
    }
}
