package io.tealdb.io.csv;

import io.tealdb.io.TextParsers;

import java.util.Locale;

/**
 * A strptime format (DuckDB's dateformat / timestampformat options, e.g. {@code %d/%m/%Y}) parsed
 * once and applied to field bytes without building Strings. Supports %Y %y %m %d %H %I %M %S %f
 * (fraction, up to 9 digits) %g (milliseconds) %p %b/%h %B %a %A %j %z %Z %%, with the {@code -}
 * flag (%-d) accepted; a space matches any run of blanks.
 */
public final class CsvDateFormat {
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"};
    private static final String[] DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

    private final String text;
    /** Specifier letters; a literal byte is stored as its negated value minus one. */
    private final int[] parts;

    private CsvDateFormat(String text, int[] parts) {
        this.text = text;
        this.parts = parts;
    }

    public static CsvDateFormat compile(String format) {
        byte[] f = format.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] parts = new int[f.length];
        int n = 0;
        for (int i = 0; i < f.length; i++) {
            if (f[i] == '%' && i + 1 == f.length) throw new IllegalArgumentException("Trailing format character %");
            if (f[i] == '%' && i + 1 < f.length) {
                i++;
                if (f[i] == '-' && i + 1 < f.length) i++;
                char c = (char) f[i];
                if ("YymdHIMSfgpbhBaAjzZ%".indexOf(c) < 0) {
                    throw new IllegalArgumentException("Failed to parse format specifier " + format + ": Unrecognized format for strftime/strptime: %" + c);
                }
                parts[n++] = c == '%' ? -('%') - 1 : c;
            } else {
                parts[n++] = -(f[i] & 0xff) - 1;
            }
        }
        return new CsvDateFormat(format, java.util.Arrays.copyOf(parts, n));
    }

    public String text() {
        return text;
    }

    /** Microseconds since the epoch of the text in {@code b[s, e)}; throws {@link TextParsers#FAILED}. */
    public long parseMicros(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') s++;
        while (e > s && b[e - 1] == ' ') e--;
        int i = s;
        long year = 1970;
        int month = 1, day = 1, hour = 0, minute = 0, second = 0, dayOfYear = -1;
        long micros = 0;
        int pm = -1;
        boolean hour12 = false;
        long offsetMinutes = 0;
        for (int p : parts) {
            if (p < 0) {
                int lit = -p - 1;
                if (lit == ' ') {
                    if (i >= e || b[i] != ' ') throw TextParsers.FAILED;
                    while (i < e && b[i] == ' ') i++;
                    continue;
                }
                if (i >= e || (b[i] & 0xff) != lit) throw TextParsers.FAILED;
                i++;
                continue;
            }
            switch (p) {
                case 'Y' -> {
                    boolean neg = i < e && b[i] == '-';
                    if (neg) i++;
                    int st = i;
                    long v = 0;
                    while (i < e && i - st < 6 && isDigit(b[i])) v = v * 10 + (b[i++] - '0');
                    if (i == st) throw TextParsers.FAILED;
                    year = neg ? -v : v;
                }
                case 'y' -> {
                    long v = number(b, i, e, 2);
                    i = end;
                    year = v + (v < 69 ? 2000 : 1900);
                }
                case 'm' -> { month = (int) number(b, i, e, 2); i = end; }
                case 'd' -> { day = (int) number(b, i, e, 2); i = end; }
                case 'H' -> { hour = (int) number(b, i, e, 2); i = end; }
                case 'I' -> { hour = (int) number(b, i, e, 2); i = end; hour12 = true; }
                case 'M' -> { minute = (int) number(b, i, e, 2); i = end; }
                case 'S' -> { second = (int) number(b, i, e, 2); i = end; }
                case 'j' -> { dayOfYear = (int) number(b, i, e, 3); i = end; }
                case 'f', 'g' -> {
                    int st = i;
                    long v = 0;
                    int max = p == 'g' ? 3 : 9;
                    while (i < e && i - st < max && isDigit(b[i])) v = v * 10 + (b[i++] - '0');
                    int digits = i - st;
                    if (digits == 0) throw TextParsers.FAILED;
                    for (int k = digits; k < 9; k++) v *= 10;
                    micros = v / 1000;
                }
                case 'p' -> {
                    if (i + 2 > e) throw TextParsers.FAILED;
                    char a = Character.toLowerCase((char) b[i]);
                    char m = Character.toLowerCase((char) b[i + 1]);
                    if (m != 'm' || (a != 'a' && a != 'p')) throw TextParsers.FAILED;
                    pm = a == 'p' ? 1 : 0;
                    i += 2;
                }
                case 'b', 'h', 'B' -> {
                    int m = matchName(b, i, e, MONTHS, p != 'B');
                    month = m + 1;
                    i = end;
                }
                case 'a', 'A' -> {
                    matchName(b, i, e, DAYS, p == 'a');
                    i = end;
                }
                case 'z' -> {
                    if (i < e && (b[i] == 'Z' || b[i] == 'z')) {
                        i++;
                    } else {
                        if (i >= e || (b[i] != '+' && b[i] != '-')) throw TextParsers.FAILED;
                        int sign = b[i] == '-' ? -1 : 1;
                        i++;
                        long h = number(b, i, e, 2);
                        i = end;
                        long mi = 0;
                        if (i < e && b[i] == ':') i++;
                        if (i < e && isDigit(b[i])) {
                            mi = number(b, i, e, 2);
                            i = end;
                        }
                        offsetMinutes = sign * (h * 60 + mi);
                    }
                }
                case 'Z' -> {
                    while (i < e && (Character.isLetter((char) b[i]) || b[i] == '/' || b[i] == '_')) i++;
                }
                default -> throw TextParsers.FAILED;
            }
        }
        if (i != e) throw TextParsers.FAILED;
        if (hour12) {
            if (hour < 1 || hour > 12) throw TextParsers.FAILED;
            if (pm == 1 && hour != 12) hour += 12;
            else if (pm == 0 && hour == 12) hour = 0;
        }
        if (hour > 23 && !(hour == 24 && minute == 0 && second == 0 && micros == 0) || minute > 59 || second > 60) throw TextParsers.FAILED;
        int days;
        if (dayOfYear >= 0) {
            if (dayOfYear < 1 || dayOfYear > 366) throw TextParsers.FAILED;
            days = TextParsers.daysFromCivil(year, 1, 1) + dayOfYear - 1;
        } else {
            if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) throw TextParsers.FAILED;
            days = TextParsers.daysFromCivil(year, month, day);
        }
        return days * 86_400_000_000L + ((hour * 60L + minute) * 60 + second) * 1_000_000L + micros - offsetMinutes * 60_000_000L;
    }

    /** Days since the epoch (a DATE) of the text in {@code b[s, e)}. */
    public int parseDays(byte[] b, int s, int e) {
        return (int) Math.floorDiv(parseMicros(b, s, e), 86_400_000_000L);
    }

    private int end;

    private long number(byte[] b, int i, int e, int maxDigits) {
        int st = i;
        long v = 0;
        while (i < e && i - st < maxDigits && isDigit(b[i])) v = v * 10 + (b[i++] - '0');
        if (i == st) throw TextParsers.FAILED;
        end = i;
        return v;
    }

    private int matchName(byte[] b, int i, int e, String[] names, boolean abbreviated) {
        for (int k = 0; k < names.length; k++) {
            String n = abbreviated ? names[k].substring(0, 3) : names[k];
            if (i + n.length() <= e && new String(b, i, n.length(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT).equals(n)) {
                end = i + n.length();
                return k;
            }
        }
        throw TextParsers.FAILED;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int monthLength(long y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
