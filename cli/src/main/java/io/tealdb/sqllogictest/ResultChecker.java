package io.tealdb.sqllogictest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Sorting, hashing and value comparison of query results (FORMAT.md sections 4, 6 and 7). */
public final class ResultChecker {

    static final Pattern HASH_LINE = Pattern.compile("^(\\d+) values hashing to ([0-9a-f]{32})$");
    private static final String REGEX = "<REGEX>:";
    private static final String NOT_REGEX = "<!REGEX>:";

    private ResultChecker() {}

    /** Byte-wise (unsigned UTF-8) string order, as DuckDB's runner sorts. */
    public static final Comparator<String> UTF8_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return Arrays.compareUnsigned(x, y);
    };

    /** Applies the sort mode to the actual rows; VALUESORT returns one value per row of width 1... */
    public static List<String[]> sort(List<String[]> rows, SltRecord.SortMode mode) {
        List<String[]> out = new ArrayList<>(rows);
        switch (mode) {
            case NOSORT -> { }
            case ROWSORT -> out.sort((r1, r2) -> {
                for (int i = 0; i < r1.length; i++) {
                    int c = UTF8_ORDER.compare(r1[i], r2[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            });
            case VALUESORT -> {
                if (out.isEmpty()) {
                    return out;
                }
                int width = out.get(0).length;
                List<String> flat = new ArrayList<>();
                for (String[] r : out) {
                    flat.addAll(Arrays.asList(r));
                }
                flat.sort(UTF8_ORDER);
                out.clear();
                for (int i = 0; i < flat.size(); i += width) {
                    out.add(flat.subList(i, i + width).toArray(new String[0]));
                }
            }
        }
        return out;
    }

    public static String hash(List<String[]> rows) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int count = 0;
        for (String[] r : rows) {
            for (String v : r) {
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
                count++;
            }
        }
        return count + " values hashing to " + HexFormat.of().formatHex(md.digest());
    }

    /** Expected error text matching (FORMAT.md section 3). */
    public static boolean errorMatches(String actual, String expected, String expectedSubstituted) {
        if (expected == null || expected.isEmpty()) {
            return true;
        }
        for (String e : new String[] {expected, expectedSubstituted}) {
            if (e == null) {
                continue;
            }
            if (e.startsWith(REGEX)) {
                if (fullMatch(e.substring(REGEX.length()), actual)) {
                    return true;
                }
            } else if (e.startsWith(NOT_REGEX)) {
                if (!fullMatch(e.substring(NOT_REGEX.length()), actual)) {
                    return true;
                }
            } else if (actual.contains(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fullMatch(String regex, String actual) {
        try {
            return Pattern.compile(regex, Pattern.DOTALL).matcher(actual).matches();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Compares one rendered actual value with one expected value. {@code substitute} applies
     * the file's variables to the expected text (second attempt).
     */
    public static boolean valueMatches(String actual, String expected, ValueRenderer.ColumnType type,
                                       UnaryOperator<String> substitute) {
        if (actual.equals(expected)) {
            return true;
        }
        String subst = substitute.apply(expected);
        if (actual.equals(subst)) {
            return true;
        }
        if (expected.startsWith(REGEX)) {
            return fullMatch(expected.substring(REGEX.length()), actual);
        }
        if (expected.startsWith(NOT_REGEX)) {
            return !fullMatch(expected.substring(NOT_REGEX.length()), actual);
        }
        switch (type.kind()) {
            case INTEGER -> {
                BigDecimal a = parseDecimal(actual);
                BigDecimal e = parseDecimal(expected);
                return a != null && e != null
                        && a.setScale(0, RoundingMode.HALF_UP).compareTo(e.setScale(0, RoundingMode.HALF_UP)) == 0;
            }
            case DECIMAL -> {
                BigDecimal a = parseDecimal(actual);
                BigDecimal e = parseDecimal(expected);
                if (a == null || e == null) {
                    return false;
                }
                if (type.scale() >= 0) {
                    e = e.setScale(type.scale(), RoundingMode.HALF_UP);
                }
                return a.compareTo(e) == 0;
            }
            case FLOATING -> {
                Double a = parseDouble(actual);
                Double e = parseDouble(expected);
                if (a == null || e == null) {
                    return false;
                }
                if (a.isNaN() || e.isNaN()) {
                    return a.isNaN() && e.isNaN();
                }
                if (a.isInfinite() || e.isInfinite()) {
                    return a.equals(e);
                }
                return Math.abs(e - a) <= Math.abs(a) * 0.01 + 1e-8;
            }
            case BOOLEAN -> {
                Boolean a = parseBool(actual);
                Boolean e = parseBool(expected);
                return a != null && a.equals(e);
            }
            default -> {
                return false;
            }
        }
    }

    static BigDecimal parseDecimal(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double parseDouble(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan", "-nan", "+nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        if (t.isEmpty() || t.endsWith("d") || t.endsWith("f")) {
            return null;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Boolean parseBool(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "1", "t" -> Boolean.TRUE;
            case "false", "0", "f" -> Boolean.FALSE;
            default -> null;
        };
    }
}
