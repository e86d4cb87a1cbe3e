package io.tealdb;

import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The ONE place where the public API, the JDBC driver and the shell turn values into text.
 *
 * <p>Two renderings exist, as in DuckDB:
 * <ul>
 * <li>{@link #sqlString}: the text of a cast to VARCHAR (what DuckDB's shell and {@code show()}
 * print): {@code 1e+20}, {@code 2020-01-02 03:04:05}, {@code 1 month 2 days 00:00:03}.</li>
 * <li>{@link #jdbcString}: what DuckDB's JDBC {@code ResultSet.getString} returns: the Java object's
 * {@code toString()} for most types ({@code 1.0E20}, {@code 2020-01-02 03:04:05.0}) and the SQL text
 * for BLOB and INTERVAL.</li>
 * </ul>
 * This is a minimal local formatter: when the functions package publishes its VARCHAR cast
 * formatting (io.tealdb.function.cast), {@link #sqlString(LogicalType, Object)} should delegate to it.
 */
public final class ValueFormatter {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ValueFormatter() {
    }

    /** DuckDB VARCHAR-cast text of row {@code row} of {@code v}, or null for SQL NULL. */
    public static String sqlString(Vector v, int row) {
        if (v.isNull(row)) {
            return null;
        }
        return switch (v.type.id()) {
            case SQLNULL -> null;
            case BOOLEAN -> v.bytes[row] != 0 ? "true" : "false";
            case TINYINT -> Byte.toString(v.bytes[row]);
            case SMALLINT -> Short.toString(v.shorts[row]);
            case INTEGER -> Integer.toString(v.ints[row]);
            case BIGINT -> Long.toString(v.longs[row]);
            case HUGEINT -> Int128.toBigInteger(v.highs[row], v.longs[row]).toString();
            case FLOAT -> formatFloat(v.floats[row]);
            case DOUBLE -> formatDouble(v.doubles[row]);
            case DATE -> formatDate(v.ints[row]);
            case TIME -> formatTime(v.longs[row]);
            case TIMESTAMP -> formatTimestamp(v.longs[row]);
            case INTERVAL -> formatInterval(v.ints[row], v.days[row], v.longs[row]);
            case DECIMAL, VARCHAR, BLOB -> sqlString(v.type, v.getObject(row));
        };
    }

    /** DuckDB VARCHAR-cast text of a value in canonical storage form (see {@link io.tealdb.types.Value}). */
    public static String sqlString(LogicalType type, Object canonical) {
        if (canonical == null) {
            return null;
        }
        return switch (type.id()) {
            case SQLNULL -> null;
            case FLOAT -> formatFloat(((Number) canonical).floatValue());
            case DOUBLE -> formatDouble(((Number) canonical).doubleValue());
            case DECIMAL -> ((BigDecimal) canonical).toPlainString();
            case BLOB -> formatBlob((byte[]) canonical);
            case DATE -> formatDate(((Number) canonical).intValue());
            case TIME -> formatTime(((Number) canonical).longValue());
            case TIMESTAMP -> formatTimestamp(((Number) canonical).longValue());
            case INTERVAL -> {
                Interval iv = (Interval) canonical;
                yield formatInterval(iv.months(), iv.days(), iv.micros());
            }
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, VARCHAR -> canonical.toString();
        };
    }

    /** What DuckDB JDBC's {@code getString} returns for row {@code row} of {@code v}, or null. */
    public static String jdbcString(Vector v, int row) {
        if (v.isNull(row)) {
            return null;
        }
        return switch (v.type.id()) {
            case SQLNULL -> null;
            case FLOAT -> Float.toString(v.floats[row]);
            case DOUBLE -> Double.toString(v.doubles[row]);
            case DECIMAL -> v.getObject(row).toString();
            case DATE -> LocalDate.ofEpochDay(v.ints[row]).toString();
            case TIME -> LocalTime.ofNanoOfDay(v.longs[row] * 1000).toString();
            case TIMESTAMP -> Timestamp.valueOf(JavaValues.timestampFromMicros(v.longs[row])).toString();
            default -> sqlString(v, row);
        };
    }

    // ---------------------------------------------------------------- numbers

    /** DuckDB's shortest round-trip double text: {@code 0.1}, {@code 100.0}, {@code 1e+20}, {@code 1e-05}, {@code nan}, {@code inf}. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return reformatShortest(Double.toString(d));
    }

    public static String formatFloat(float f) {
        if (Float.isNaN(f)) {
            return "nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        return reformatShortest(Float.toString(f));
    }

    /**
     * Turns Java's shortest digits ({@code 1.0E20}, {@code 1.23456789E8}) into the Python-repr style
     * DuckDB prints: positional when the decimal exponent is in [-4, 16), scientific otherwise.
     */
    static String reformatShortest(String java) {
        boolean negative = java.startsWith("-");
        String s = negative ? java.substring(1) : java;
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String intPart = mantissa.substring(0, dot);
        String fracPart = mantissa.substring(dot + 1);
        String digits = intPart + fracPart;
        // value = 0.digits * 10^(pointPos) where pointPos = intPart.length() + exp; strip leading zeros
        int pointPos = intPart.length() + exp;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
            pointPos--;
        }
        digits = digits.substring(lead);
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        if (digits.equals("0")) {
            return negative ? "-0.0" : "0.0";
        }
        int decimalExponent = pointPos - 1; // exponent in d.ddd x 10^e form
        StringBuilder out = new StringBuilder();
        if (negative) {
            out.append('-');
        }
        if (decimalExponent < -4 || decimalExponent >= 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(decimalExponent < 0 ? '-' : '+');
            int abs = Math.abs(decimalExponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (pointPos <= 0) {
            out.append("0.");
            out.append("0".repeat(-pointPos)).append(digits);
        } else if (pointPos >= digits.length()) {
            out.append(digits).append("0".repeat(pointPos - digits.length())).append(".0");
        } else {
            out.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- temporal

    /** {@code 2020-01-02}; years before 1 print as DuckDB does: {@code 0005-01-01 (BC)}. */
    public static String formatDate(int epochDays) {
        LocalDate d = LocalDate.ofEpochDay(epochDays);
        int year = d.getYear();
        StringBuilder sb = new StringBuilder(16);
        int printedYear = year <= 0 ? 1 - year : year;
        String y = Integer.toString(printedYear);
        sb.append("0".repeat(Math.max(0, 4 - y.length()))).append(y).append('-');
        twoDigits(sb, d.getMonthValue()).append('-');
        twoDigits(sb, d.getDayOfMonth());
        if (year <= 0) {
            sb.append(" (BC)");
        }
        return sb.toString();
    }

    /** {@code 10:11:12} with trailing zeros of the fraction trimmed: {@code 10:11:12.5}. */
    public static String formatTime(long microsOfDay) {
        StringBuilder sb = new StringBuilder(15);
        appendClock(sb, microsOfDay);
        return sb.toString();
    }

    public static String formatTimestamp(long epochMicros) {
        long days = Math.floorDiv(epochMicros, Interval.MICROS_PER_DAY);
        long micros = Math.floorMod(epochMicros, Interval.MICROS_PER_DAY);
        StringBuilder sb = new StringBuilder(formatDate((int) days));
        int bc = sb.indexOf(" (BC)");
        if (bc >= 0) {
            sb.setLength(bc);
        }
        sb.append(' ');
        appendClock(sb, micros);
        if (bc >= 0) {
            sb.append(" (BC)");
        }
        return sb.toString();
    }

    private static void appendClock(StringBuilder sb, long micros) {
        long hours = micros / MICROS_PER_HOUR;
        micros -= hours * MICROS_PER_HOUR;
        long minutes = micros / MICROS_PER_MINUTE;
        micros -= minutes * MICROS_PER_MINUTE;
        long seconds = micros / MICROS_PER_SECOND;
        micros -= seconds * MICROS_PER_SECOND;
        if (hours < 10) {
            sb.append('0');
        }
        sb.append(hours).append(':');
        twoDigits(sb, (int) minutes).append(':');
        twoDigits(sb, (int) seconds);
        if (micros != 0) {
            String frac = Long.toString(1_000_000 + micros).substring(1);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
    }

    /** DuckDB interval text: {@code 1 year 2 months 3 days 04:05:06.5}, {@code 00:00:00} when zero. */
    public static String formatInterval(int months, int days, long micros) {
        StringBuilder sb = new StringBuilder();
        int years = months / 12;
        int restMonths = months - years * 12;
        unit(sb, years, "year");
        unit(sb, restMonths, "month");
        unit(sb, days, "day");
        if (micros != 0) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            BigInteger abs = BigInteger.valueOf(micros).abs();
            if (micros < 0) {
                sb.append('-');
            }
            // |Long.MIN_VALUE| does not fit a long; clamp the (absurd) corner case through BigInteger
            appendClock(sb, abs.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
        } else if (sb.isEmpty()) {
            sb.append("00:00:00");
        }
        return sb.toString();
    }

    private static void unit(StringBuilder sb, int count, String name) {
        if (count == 0) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        sb.append(count).append(' ').append(name);
        if (count != 1 && count != -1) {
            sb.append('s');
        }
    }

    private static StringBuilder twoDigits(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Printable ASCII as is, everything else (and quotes, backslash) as {@code \xHH}, like DuckDB. */
    public static String formatBlob(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 32 && c <= 126 && c != '\\' && c != '\'' && c != '"') {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(HEX[c >>> 4]).append(HEX[c & 15]);
            }
        }
        return sb.toString();
    }

    /** The lower-case type name DuckDB's box renderer prints under a column name. */
    public static String boxTypeName(LogicalType t) {
        return switch (t.id()) {
            case SQLNULL -> "\"null\"";
            case BOOLEAN -> "boolean";
            case TINYINT -> "int8";
            case SMALLINT -> "int16";
            case INTEGER -> "int32";
            case BIGINT -> "int64";
            case HUGEINT -> "int128";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case DECIMAL -> "decimal(" + t.precision() + "," + t.scale() + ")";
            case VARCHAR -> "varchar";
            case BLOB -> "blob";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case INTERVAL -> "interval";
        };
    }
}
