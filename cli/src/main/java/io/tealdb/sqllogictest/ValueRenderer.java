package io.tealdb.sqllogictest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;

/**
 * Turns JDBC result values into the strings DuckDB's runner compares (FORMAT.md section 5):
 * NULL, booleans as 1/0, DuckDB's text format for numbers, dates and times, (empty) for the
 * empty string and \0 for NUL characters. Values of types the runner has no own rule for
 * (LIST, STRUCT, MAP, INTERVAL, BLOB objects of the driver, ...) are taken from
 * {@link ResultSet#getString}, i.e. the driver is expected to return the engine's
 * {@code CAST(x AS VARCHAR)} text for them.
 */
public final class ValueRenderer {

    /** How a result column is compared (FORMAT.md section 6, step 3 and 4). */
    public enum Kind { INTEGER, FLOATING, DECIMAL, BOOLEAN, OTHER }

    public record ColumnType(Kind kind, int scale, String typeName) {}

    private static final Set<String> INTEGER_NAMES = Set.of("TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT",
            "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "INT1", "INT2", "INT4", "INT8",
            "INT128", "UINT8", "UINT16", "UINT32", "UINT64", "UINT128");

    private ValueRenderer() {}

    public static ColumnType columnType(ResultSetMetaData md, int col) throws SQLException {
        int t = md.getColumnType(col);
        String name = md.getColumnTypeName(col);
        String upper = name == null ? "" : name.toUpperCase(Locale.ROOT).trim();
        switch (t) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                return new ColumnType(Kind.INTEGER, 0, name);
            }
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> {
                return new ColumnType(Kind.FLOATING, 0, name);
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                return new ColumnType(Kind.DECIMAL, decimalScale(md, col, upper), name);
            }
            case Types.BOOLEAN, Types.BIT -> {
                return new ColumnType(Kind.BOOLEAN, 0, name);
            }
            default -> { }
        }
        if (INTEGER_NAMES.contains(upper)) {
            return new ColumnType(Kind.INTEGER, 0, name);
        }
        if (upper.equals("DOUBLE") || upper.equals("FLOAT") || upper.equals("REAL")) {
            return new ColumnType(Kind.FLOATING, 0, name);
        }
        if (upper.startsWith("DECIMAL") || upper.startsWith("NUMERIC")) {
            return new ColumnType(Kind.DECIMAL, decimalScale(md, col, upper), name);
        }
        if (upper.equals("BOOLEAN") || upper.equals("BOOL")) {
            return new ColumnType(Kind.BOOLEAN, 0, name);
        }
        return new ColumnType(Kind.OTHER, 0, name);
    }

    private static int decimalScale(ResultSetMetaData md, int col, String upperName) {
        int open = upperName.indexOf('(');
        int comma = upperName.indexOf(',');
        int close = upperName.indexOf(')');
        if (open >= 0 && comma > open && close > comma) {
            try {
                return Integer.parseInt(upperName.substring(comma + 1, close).trim());
            } catch (NumberFormatException ignored) {
                // fall through to metadata
            }
        }
        try {
            return md.getScale(col);
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    /** Renders column {@code col} of the current row. */
    public static String render(ResultSet rs, int col) throws SQLException {
        Object o;
        try {
            o = rs.getObject(col);
        } catch (java.time.DateTimeException e) {
            // e.g. TIME '24:00:00' has no java.time.LocalTime: fall back to the driver's text
            String text = rs.getString(col);
            return text == null ? "NULL" : finishString(text);
        }
        if (o == null || rs.wasNull()) {
            return "NULL";
        }
        String s;
        if (o instanceof java.sql.Timestamp ts) {
            // java.sql.Timestamp uses the Julian calendar for old dates; prefer the driver's LocalDateTime
            LocalDateTime ldt;
            try {
                ldt = rs.getObject(col, LocalDateTime.class);
            } catch (SQLException | RuntimeException e) {
                ldt = ts.toLocalDateTime();
            }
            s = formatTimestamp(ldt == null ? ts.toLocalDateTime() : ldt);
        } else {
            s = renderObject(o);
        }
        if (s == null) {
            s = rs.getString(col);
            if (s == null) {
                return "NULL";
            }
        }
        return finishString(s);
    }

    /** Empty string becomes (empty), NUL becomes the two characters \0. */
    static String finishString(String s) {
        if (s.isEmpty()) {
            return "(empty)";
        }
        return s.indexOf('\0') >= 0 ? s.replace("\0", "\\0") : s;
    }

    /** Own rendering for well-known Java value classes; null means "ask the driver's getString". */
    static String renderObject(Object o) {
        if (o instanceof String s) {
            return s;
        } else if (o instanceof Boolean b) {
            return b ? "1" : "0";
        } else if (o instanceof Double d) {
            return formatDouble(d);
        } else if (o instanceof Float f) {
            return formatFloat(f);
        } else if (o instanceof BigDecimal bd) {
            return bd.toPlainString();
        } else if (o instanceof Byte || o instanceof Short || o instanceof Integer || o instanceof Long
                || o instanceof BigInteger) {
            return o.toString();
        } else if (o instanceof LocalDate d) {
            return formatDate(d);
        } else if (o instanceof LocalTime t) {
            return formatTime(t);
        } else if (o instanceof LocalDateTime ts) {
            return formatTimestamp(ts);
        } else if (o instanceof java.sql.Timestamp ts) {
            return formatTimestamp(ts.toLocalDateTime());
        } else if (o instanceof java.sql.Date d) {
            return formatDate(d.toLocalDate());
        } else if (o instanceof java.sql.Time t) {
            return formatTime(t.toLocalTime());
        } else if (o instanceof OffsetDateTime odt) {
            return formatTimestamp(odt.toLocalDateTime()) + formatOffset(odt.getOffset().getTotalSeconds());
        } else if (o instanceof java.time.OffsetTime ot) {
            return formatTime(ot.toLocalTime()) + formatOffset(ot.getOffset().getTotalSeconds());
        } else if (o instanceof java.util.UUID u) {
            return u.toString();
        } else if (o instanceof byte[] bytes) {
            return formatBlob(bytes);
        }
        return null;
    }

    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return formatShortest(Double.toString(d));
    }

    static String formatFloat(float f) {
        if (Float.isNaN(f)) {
            return "nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        return formatShortest(Float.toString(f));
    }

    /**
     * Re-formats Java's shortest round-trip representation (JDK 19+) the way DuckDB prints
     * floating point numbers: positional for decimal exponents -5 < e < 16 with at least one
     * fractional digit, otherwise d[.ddd]e+XX with a signed, two-digit-minimum exponent.
     */
    static String formatShortest(String javaText) {
        boolean negative = javaText.startsWith("-");
        String t = negative ? javaText.substring(1) : javaText;
        int ePos = t.indexOf('E');
        String mantissa = ePos < 0 ? t : t.substring(0, ePos);
        int exp = ePos < 0 ? 0 : Integer.parseInt(t.substring(ePos + 1));
        int dot = mantissa.indexOf('.');
        String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
        String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
        String digits = intPart + fracPart;
        int pointPos = intPart.length() + exp; // position of the decimal point within digits
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        pointPos -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        StringBuilder sb = new StringBuilder();
        if (negative) {
            sb.append('-');
        }
        if (digits.equals("0")) {
            return sb.append("0.0").toString();
        }
        int sciExp = pointPos - 1; // value = d.ddd * 10^sciExp
        if (sciExp < -4 || sciExp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(sciExp < 0 ? '-' : '+');
            int a = Math.abs(sciExp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (pointPos <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-pointPos));
            sb.append(digits);
        } else if (pointPos >= digits.length()) {
            sb.append(digits);
            sb.append("0".repeat(pointPos - digits.length()));
            sb.append(".0");
        } else {
            sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
        return sb.toString();
    }

    private static final LocalDate DATE_INFINITY = LocalDate.of(5881580, 7, 11);
    private static final LocalDate DATE_NEG_INFINITY = LocalDate.of(-5877641, 6, 24);

    static String formatDate(LocalDate d) {
        if (d.equals(DATE_INFINITY)) {
            return "infinity";
        }
        if (d.equals(DATE_NEG_INFINITY)) {
            return "-infinity";
        }
        int year = d.getYear();
        boolean bc = year <= 0;
        int shownYear = bc ? 1 - year : year;
        String y = shownYear < 1000 ? String.format(Locale.ROOT, "%04d", shownYear) : Integer.toString(shownYear);
        String s = y + String.format(Locale.ROOT, "-%02d-%02d", d.getMonthValue(), d.getDayOfMonth());
        return bc ? s + " (BC)" : s;
    }

    static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%02d:%02d:%02d",
                t.getHour(), t.getMinute(), t.getSecond()));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format(Locale.ROOT, "%09d", nanos);
            int end = frac.length();
            while (end > 0 && frac.charAt(end - 1) == '0') {
                end--;
            }
            if (end > 0) {
                sb.append('.').append(frac, 0, end);
            }
        }
        return sb.toString();
    }

    /**
     * DuckDB's TIMESTAMP infinities as a driver maps them to java.time: int64 max / -max of the
     * unit (µs, ms, ns). None of these instants is a value of another precision, so they are unambiguous.
     */
    private static final LocalDateTime TS_INFINITY = fromEpoch(Long.MAX_VALUE, 1_000_000);
    private static final LocalDateTime TS_NEG_INFINITY = fromEpoch(-Long.MAX_VALUE, 1_000_000);
    private static final LocalDateTime TS_MS_INFINITY = fromEpoch(Long.MAX_VALUE, 1_000);
    private static final LocalDateTime TS_MS_NEG_INFINITY = fromEpoch(-Long.MAX_VALUE, 1_000);
    private static final LocalDateTime TS_NS_INFINITY = fromEpoch(Long.MAX_VALUE, 1_000_000_000);
    private static final LocalDateTime TS_NS_NEG_INFINITY = fromEpoch(-Long.MAX_VALUE, 1_000_000_000);

    private static LocalDateTime fromEpoch(long units, long unitsPerSecond) {
        long nanosPerUnit = 1_000_000_000L / unitsPerSecond;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(units, unitsPerSecond),
                (int) (Math.floorMod(units, unitsPerSecond) * nanosPerUnit), java.time.ZoneOffset.UTC);
    }

    static String formatTimestamp(LocalDateTime ts) {
        if (ts.equals(TS_INFINITY) || ts.equals(TS_MS_INFINITY) || ts.equals(TS_NS_INFINITY)) {
            return "infinity";
        }
        if (ts.equals(TS_NEG_INFINITY) || ts.equals(TS_MS_NEG_INFINITY) || ts.equals(TS_NS_NEG_INFINITY)) {
            return "-infinity";
        }
        // DuckDB: "0020-01-01 (BC) 00:00:00"
        return formatDate(ts.toLocalDate()) + " " + formatTime(ts.toLocalTime());
    }

    private static String formatOffset(int totalSeconds) {
        String sign = totalSeconds < 0 ? "-" : "+";
        int a = Math.abs(totalSeconds);
        String s = sign + String.format(Locale.ROOT, "%02d", a / 3600);
        if (a % 3600 != 0) {
            s += String.format(Locale.ROOT, ":%02d", (a % 3600) / 60);
        }
        return s;
    }

    static String formatBlob(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v >= 32 && v <= 126 && v != '\\' && v != '\'' && v != '"') { // as DuckDB's BLOB to VARCHAR
                sb.append((char) v);
            } else {
                sb.append("\\x").append(String.format(Locale.ROOT, "%02X", v));
            }
        }
        return sb.toString();
    }
}
