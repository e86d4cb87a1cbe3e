package io.tealdb.function.cast;

import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Renders values exactly as DuckDB's {@code CAST(x AS VARCHAR)} does. This is the single source
 * of truth for printed results (shell, JDBC getString, sqllogictest rendering) and for casts to
 * VARCHAR.
 */
public final class ValueFormatter {
    private ValueFormatter() {
    }

    /** Text of row {@code row} of {@code v}, or null for SQL NULL; TIMESTAMPTZ shown in UTC. */
    public static String format(Vector v, int row) {
        return format(v, row, java.time.ZoneOffset.UTC);
    }

    /** Text of row {@code row} of {@code v}, or null; TIMESTAMPTZ shown in {@code zone} (the session's TimeZone). */
    public static String format(Vector v, int row, java.time.ZoneId zone) {
        if (v.isNull(row) || v.type.id() == io.tealdb.types.TypeId.SQLNULL) {
            return null;
        }
        LogicalType t = v.type;
        return switch (t.id()) {
            case SQLNULL -> null;
            case BOOLEAN -> v.bytes[row] != 0 ? "true" : "false";
            case TINYINT -> Byte.toString(v.bytes[row]);
            case SMALLINT -> Short.toString(v.shorts[row]);
            case INTEGER -> Integer.toString(v.ints[row]);
            case BIGINT -> Long.toString(v.longs[row]);
            case HUGEINT -> Int128.toBigInteger(v.highs[row], v.longs[row]).toString();
            case FLOAT -> formatFloat(v.floats[row]);
            case DOUBLE -> formatDouble(v.doubles[row]);
            case DECIMAL -> t.physical() == PhysicalType.INT64
                    ? formatDecimal(v.longs[row], t.precision(), t.scale())
                    : formatDecimal(Int128.toBigInteger(v.highs[row], v.longs[row]), t.precision(), t.scale());
            case VARCHAR, JSON -> v.getString(row);
            case BLOB -> formatBlob(v.heap, v.offsets[row], v.lengths[row]);
            case BIT -> io.tealdb.types.BitString.toText(v.heap, v.offsets[row], v.lengths[row]);
            case BIGNUM -> io.tealdb.types.BigNum.toText(v.heap, v.offsets[row], v.lengths[row]);
            case DATE -> DateTimeUtil.formatDate(v.ints[row]);
            case TIME -> DateTimeUtil.formatTime(v.longs[row]);
            case TIMESTAMP -> DateTimeUtil.formatTimestamp(v.longs[row]);
            case INTERVAL -> DateTimeUtil.formatInterval(v.ints[row], v.days[row], v.longs[row]);
            case UTINYINT -> Short.toString(v.shorts[row]);
            case USMALLINT -> Integer.toString(v.ints[row]);
            case UINTEGER -> Long.toString(v.longs[row]);
            case UBIGINT -> Int128.toBigInteger(v.highs[row], v.longs[row]).toString();
            case UHUGEINT -> Int128.uhugeToBigInteger(v.highs[row], v.longs[row]).toString();
            case UUID -> io.tealdb.types.UuidText.toString(v.highs[row], v.longs[row]);
            case TIMESTAMP_TZ -> io.tealdb.types.TimeZones.formatTimestampTz(v.longs[row], zone);
            case TIME_TZ -> io.tealdb.types.TimeZones.formatTimeTz(v.longs[row]);
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> formatTimestampUnit(t, v.longs[row]);
            case LIST, ARRAY, MAP, STRUCT -> {
                StringBuilder sb = new StringBuilder();
                appendNested(sb, v, row);
                yield sb.toString();
            }
            case ENUM -> t.dictionary().label(v.ints[row]);
            // UNION: its active member's text; a member holding NULL prints NULL (DuckDB's cast to VARCHAR)
            case UNION -> {
                Vector member = v.children[v.children[0].shorts[row] + 1];
                yield member.isNull(row) ? "NULL" : format(member, row);
            }
        };
    }

    // ------------------------------------------------------------------ nested

    /**
     * DuckDB's text of nested values: {@code [1, 2]}, {@code {'a': 1}}, {@code {k=1}}; NULL
     * elements print as NULL, strings unquoted unless they would be ambiguous (see {@link #appendElement}).
     */
    private static void appendNested(StringBuilder sb, Vector v, int row) {
        switch (v.type.id()) {
            case LIST, ARRAY -> {
                sb.append('[');
                Vector c = v.children[0];
                // JSON elements of a list go in as they are (["a b", {"a": 1}]); in a struct or map
                // they are quoted like text (DuckDB)
                boolean json = c.type.id() == io.tealdb.types.TypeId.JSON;
                for (int k = 0; k < v.lengths[row]; k++) {
                    if (k > 0) sb.append(", ");
                    int e = v.offsets[row] + k;
                    if (json && c.isValid(e)) sb.append(format(c, e));
                    else appendElement(sb, c, e);
                }
                sb.append(']');
            }
            case MAP -> {
                sb.append('{');
                Vector entries = v.children[0];
                for (int k = 0; k < v.lengths[row]; k++) {
                    if (k > 0) sb.append(", ");
                    int e = v.offsets[row] + k;
                    appendElement(sb, entries.children[0], e);
                    sb.append('=');
                    appendElement(sb, entries.children[1], e);
                }
                sb.append('}');
            }
            case STRUCT -> {
                // row(...) structs have no field names and print as a tuple: (1, x)
                boolean unnamed = !v.type.children().isEmpty() && v.type.children().get(0).name().isEmpty();
                sb.append(unnamed ? '(' : '{');
                for (int k = 0; k < v.children.length; k++) {
                    if (k > 0) sb.append(", ");
                    if (!unnamed) {
                        appendQuoted(sb, v.type.children().get(k).name());
                        sb.append(": ");
                    }
                    appendElement(sb, v.children[k], row);
                }
                sb.append(unnamed ? ')' : '}');
            }
            // UNION: its active member as that member's element text
            case UNION -> appendElement(sb, v.children[v.children[0].shorts[row] + 1], row);
            default -> throw new IllegalStateException(v.type.toString());
        }
    }

    private static void appendElement(StringBuilder sb, Vector c, int row) {
        if (c.isNull(row)) {
            sb.append("NULL");
        } else if (c.type.isNested()) {
            appendNested(sb, c, row);
        } else {
            // DuckDB quotes every scalar element by the rule of text: '10:00:00' and
            // '2020-01-01 10:00:00' are quoted (a colon), 1 year and 1.5 are not
            sb.append(elementText(format(c, row)));
        }
    }

    /** The text of a scalar inside a LIST, STRUCT or MAP, given its own text: quoted when reading it back would not give it again. */
    public static String elementText(String text) {
        if (!needsQuotes(text)) return text;
        StringBuilder sb = new StringBuilder(text.length() + 2);
        appendQuoted(sb, text);
        return sb.toString();
    }

    /** A string element is quoted when reading the text back would not give it again. */
    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("null")) return true;
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) return true;
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '[', ']', '{', '}', '(', ')', ',', ':', '=', '\'', '"', '\\' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static void appendQuoted(StringBuilder sb, String s) {
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '\\') sb.append('\\');
            sb.append(ch);
        }
        sb.append('\'');
    }

    /** Text of a value, or null for SQL NULL. */
    public static String format(Value value) {
        if (value.isNull()) {
            return null;
        }
        Object o = value.object();
        LogicalType t = value.type();
        return switch (t.id()) {
            case SQLNULL -> null;
            case BOOLEAN -> ((Boolean) o) ? "true" : "false";
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT, BIGNUM -> o.toString();
            case FLOAT -> formatFloat(((Number) o).floatValue());
            case DOUBLE -> formatDouble(((Number) o).doubleValue());
            case DECIMAL -> formatDecimal(((BigDecimal) o).setScale(t.scale(), RoundingMode.HALF_UP).unscaledValue(), t.precision(), t.scale());
            case VARCHAR, JSON, ENUM, BIT -> (String) o;
            case UUID -> o.toString();
            case TIMESTAMP_TZ -> io.tealdb.types.TimeZones.formatTimestampTz(((Number) o).longValue(), java.time.ZoneOffset.UTC);
            case TIME_TZ -> io.tealdb.types.TimeZones.formatTimeTz(((Number) o).longValue());
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> formatTimestampUnit(t, ((Number) o).longValue());
            case BLOB -> {
                byte[] b = (byte[]) o;
                yield formatBlob(b, 0, b.length);
            }
            case DATE -> DateTimeUtil.formatDate(((Number) o).intValue());
            case TIME -> DateTimeUtil.formatTime(((Number) o).longValue());
            case TIMESTAMP -> DateTimeUtil.formatTimestamp(((Number) o).longValue());
            case INTERVAL -> {
                Interval iv = (Interval) o;
                yield DateTimeUtil.formatInterval(iv.months(), iv.days(), iv.micros());
            }
            case LIST, ARRAY, MAP, STRUCT, UNION -> format(Vector.constant(t, o, 1), 0);
        };
    }

    /** TIMESTAMP_S/_MS/_NS text (infinities included). */
    public static String formatTimestampUnit(LogicalType t, long v) {
        if (v == DateTimeUtil.TS_POS_INF || v == DateTimeUtil.TS_NEG_INF) {
            return DateTimeUtil.formatTimestamp(v);
        }
        return switch (t.id()) {
            case TIMESTAMP_S -> DateTimeUtil.formatTimestamp(v * DateTimeUtil.MICROS_PER_SECOND);
            case TIMESTAMP_MS -> DateTimeUtil.formatTimestamp(v * 1000);
            default -> DateTimeUtil.formatTimestampNanos(v);
        };
    }

    // ------------------------------------------------------------------ numbers

    /**
     * DuckDB prints doubles as the shortest text that round-trips, positional for decimal exponents
     * in [-4, 16) with ".0" kept for integral values, exponent form otherwise ({@code 1e+16},
     * {@code 1.5e-07}); {@code inf}, {@code -inf}, {@code nan}.
     */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        // Java 19+ Double.toString yields the shortest round-tripping digits (see shortest()).
        return reformat(shortest(Double.toString(d), d, false));
    }

    public static String formatFloat(float f) {
        if (Float.isNaN(f)) {
            return "nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0.0" : "0.0";
        }
        return reformat(shortest(Float.toString(f), f, true));
    }

    /**
     * Java's shortest repr differs from DuckDB's (Dragonbox) in two corner cases: Java never emits a
     * single significant digit (Double.MIN_VALUE is "4.9E-324", DuckDB prints 5e-324), and when the
     * value lies exactly halfway between two shortest candidates DuckDB prints the exact value
     * (FLOAT 2417552.25, where Java says 2417552.2).
     */
    private static String shortest(String java, double value, boolean isFloat) {
        BigDecimal repr = new BigDecimal(java.replace("E", "e"));
        BigDecimal exact = new BigDecimal(value);
        if (exact.precision() == repr.stripTrailingZeros().precision() + 1 && exact.unscaledValue().mod(BigInteger.TEN).intValue() == 5) {
            return exact.toString();
        }
        if (repr.stripTrailingZeros().precision() == 2) {
            BigDecimal one = repr.round(new java.math.MathContext(1, RoundingMode.HALF_EVEN));
            boolean roundTrips = isFloat ? Float.parseFloat(one.toString()) == (float) value : Double.parseDouble(one.toString()) == value;
            if (roundTrips) {
                return one.toString();
            }
        }
        return java;
    }

    /** Converts Java's shortest repr ("1.2345E17", "0.001") into DuckDB's layout. */
    private static String reformat(String java) {
        boolean neg = java.charAt(0) == '-';
        String s = neg ? java.substring(1) : java;
        int e = Math.max(s.indexOf('E'), s.indexOf('e'));
        String mantissa = e >= 0 ? s.substring(0, e) : s;
        int exp = e >= 0 ? Integer.parseInt(s.substring(e + 1)) : 0;
        int dot = mantissa.indexOf('.');
        String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
        String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
        // digits d1 d2 ... with the decimal point after position pointPos
        String digits = intPart + fracPart;
        int pointPos = intPart.length() + exp;
        // strip leading zeros
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
            pointPos--;
        }
        digits = digits.substring(lead);
        int trail = digits.length();
        while (trail > 1 && digits.charAt(trail - 1) == '0') {
            trail--;
        }
        digits = digits.substring(0, trail);
        int decExp = pointPos - 1; // scientific exponent
        StringBuilder sb = new StringBuilder(24);
        if (neg) {
            sb.append('-');
        }
        if (decExp < -4 || decExp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(decExp < 0 ? '-' : '+');
            int a = Math.abs(decExp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (pointPos <= 0) {
            sb.append("0.");
            for (int i = 0; i < -pointPos; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (pointPos >= digits.length()) {
            sb.append(digits);
            for (int i = digits.length(); i < pointPos; i++) {
                sb.append('0');
            }
            sb.append(".0");
        } else {
            sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
        return sb.toString();
    }

    /** Decimal text with a leading "0." for values below one. */
    public static String formatDecimal(long unscaled, int scale) {
        return formatDecimal(unscaled, LogicalType.MAX_DECIMAL_PRECISION, scale);
    }

    public static String formatDecimal(BigInteger unscaled, int scale) {
        return formatDecimal(unscaled, LogicalType.MAX_DECIMAL_PRECISION, scale);
    }

    /**
     * DECIMAL(width, scale) as DuckDB prints it: exactly {@code scale} fractional digits; when the type
     * has no integer digits (width == scale) DuckDB omits the leading zero ({@code .0370}).
     */
    public static String formatDecimal(long unscaled, int width, int scale) {
        if (scale == 0) {
            return Long.toString(unscaled);
        }
        boolean neg = unscaled < 0;
        String digits = neg ? (unscaled == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-unscaled)) : Long.toString(unscaled);
        return placePoint(neg, digits, scale, width > scale);
    }

    public static String formatDecimal(BigInteger unscaled, int width, int scale) {
        if (scale == 0) {
            return unscaled.toString();
        }
        boolean neg = unscaled.signum() < 0;
        return placePoint(neg, unscaled.abs().toString(), scale, width > scale);
    }

    private static String placePoint(boolean neg, String digits, int scale, boolean leadingZero) {
        StringBuilder sb = new StringBuilder(digits.length() + 3);
        if (neg) {
            sb.append('-');
        }
        if (digits.length() <= scale) {
            sb.append(leadingZero ? "0." : ".");
            for (int i = digits.length(); i < scale; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            sb.append(digits, 0, digits.length() - scale).append('.').append(digits, digits.length() - scale, digits.length());
        }
        return sb.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Printable ASCII as is, everything else (and quotes/backslash) as {@code \xNN}. */
    public static String formatBlob(byte[] heap, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = off; i < off + len; i++) {
            int b = heap[i] & 0xFF;
            if (isRegularBlobChar(b)) {
                sb.append((char) b);
            } else {
                sb.append("\\x").append(HEX[b >>> 4]).append(HEX[b & 15]);
            }
        }
        return sb.toString();
    }

    static boolean isRegularBlobChar(int b) {
        return b >= 32 && b <= 126 && b != '\\' && b != '\'' && b != '"';
    }
}
