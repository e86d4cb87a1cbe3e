package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * One parsed conversion of {@code printf} ({@code %-08.3f}) or {@code format} ({@code {:>8.3f}}):
 * fill and alignment, sign, alternate form, zero padding, width, precision, thousands separator
 * and presentation type, and the rendering of one argument with it. The two syntaxes differ only in
 * parsing ({@link PrintfFormat}, {@link FmtFormat}); the rendering rules are C's printf for the
 * numeric conversions (exact binary value, round half to even) with DuckDB's extensions: a
 * thousands separator ({@code ,} {@code _} {@code '} {@code .}, or {@code t<char>} in format) and
 * arbitrary-width integers (HUGEINT/UHUGEINT).
 */
final class FormatSpec {
    char fill = ' ';
    /** '<', '>', '^', or 0 for the default (numbers right, strings left in format; right in printf). */
    char align;
    /** '+', ' ' or 0. */
    char sign;
    boolean alt;
    boolean zeroPad;
    int width = -1;
    int precision = -1;
    /** The thousands separator, or 0 for none. */
    char grouping;
    /** The presentation type, or 0 for the default. */
    char type;
    /** printf right-aligns strings by default; format left-aligns them. */
    boolean printf;

    /** Renders one argument: Boolean, Byte/Short/Integer/Long/BigInteger, Float/Double or String. */
    String render(Object value, int bits, String typeName) {
        if (value instanceof Boolean b) {
            if (type == 0 || type == 's') {
                return pad("", b ? "true" : "false", false);
            }
            value = b ? 1 : 0;
        }
        if (value instanceof String s) {
            if (type != 0 && type != 's') {
                throw invalidType(typeName);
            }
            if (precision >= 0 && precision < s.codePointCount(0, s.length())) {
                s = s.substring(0, s.offsetByCodePoints(0, precision));
            }
            return pad("", s, false);
        }
        if (value instanceof Float || value instanceof Double) {
            return renderDouble(((Number) value).doubleValue(), value instanceof Float, typeName);
        }
        BigInteger v = value instanceof BigInteger bi ? bi : BigInteger.valueOf(((Number) value).longValue());
        return renderInteger(v, bits, typeName);
    }

    private InvalidInputException invalidType(String typeName) {
        return new InvalidInputException("Invalid type specifier \"" + type + "\" for formatting a value of type " + typeName);
    }

    private String renderInteger(BigInteger v, int bits, String typeName) {
        switch (type) {
            case 0, 'd', 'i', 'u', 'L', 'n' -> {
                return decimalInteger(v);
            }
            case 'x', 'X', 'o', 'b', 'B' -> {
                // negative values print as their two's complement at the type's width, as C does
                BigInteger u = v.signum() < 0 ? v.add(BigInteger.ONE.shiftLeft(bits)) : v;
                int radix = type == 'o' ? 8 : type == 'b' || type == 'B' ? 2 : 16;
                String digits = u.toString(radix);
                if (type == 'X') {
                    digits = digits.toUpperCase(java.util.Locale.ROOT);
                }
                String prefix = !alt ? "" : switch (type) {
                    case 'x' -> "0x";
                    case 'X' -> "0X";
                    case 'b' -> "0b";
                    case 'B' -> "0B";
                    default -> digits.startsWith("0") ? "" : "0";
                };
                if (precision > digits.length()) {
                    digits = "0".repeat(precision - digits.length()) + digits;
                }
                return pad(prefix, digits, true);
            }
            case 'c' -> {
                return pad("", new String(Character.toChars(v.intValueExact())), false);
            }
            case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A' -> {
                if (grouping != 0) {
                    // DuckDB keeps a grouped integer exact (no detour through double): the precision
                    // is the minimum number of digits, as for %d
                    return decimalInteger(v);
                }
                return renderDouble(v.doubleValue(), false, typeName);
            }
            case 's' -> {
                // a string presentation is accepted for an integer only to carry a custom separator
                if (grouping == 0) {
                    throw invalidType(typeName);
                }
                return decimalInteger(v);
            }
            default -> throw invalidType(typeName);
        }
    }

    private String decimalInteger(BigInteger v) {
        String digits = v.abs().toString();
        if (precision > digits.length()) {
            digits = "0".repeat(precision - digits.length()) + digits;
        }
        return pad(signOf(v.signum() < 0), group(digits), true);
    }

    private String renderDouble(double d, boolean isFloat, String typeName) {
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        double a = Math.abs(d);
        boolean upper = Character.isUpperCase(type);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            if (type == 'd' || type == 's' || type == 'c' || type == 'x' || type == 'X' || type == 'o' || type == 'b' || type == 'B') {
                throw invalidType(typeName);
            }
            String body = Double.isNaN(d) ? "nan" : "inf";
            return padNoZeros(signOf(negative && !Double.isNaN(d)), upper ? body.toUpperCase(java.util.Locale.ROOT) : body);
        }
        String body = switch (type) {
            case 'f', 'F' -> fixed(a, precision < 0 ? 6 : precision);
            case 'e', 'E' -> exponent(a, precision < 0 ? 6 : precision, upper);
            case 'g', 'G' -> general(a, precision < 0 ? 6 : precision, alt, upper);
            case 'a', 'A' -> hex(a, upper);
            case '%' -> fixed(a * 100, precision < 0 ? 6 : precision) + "%";
            // format's default: the shortest text that reads back, or with a precision the general
            // form keeping its trailing zeros (fmt's behaviour)
            case 0 -> precision >= 0 ? general(a, precision, true, false) : shortest(a, isFloat);
            default -> throw invalidType(typeName);
        };
        return pad(signOf(negative), groupNumber(body), true);
    }

    private String signOf(boolean negative) {
        return negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
    }

    private String group(String digits) {
        if (grouping == 0 || digits.length() <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3);
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            sb.append(grouping).append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /** Groups the integer part of a fixed-notation number; exponent forms stay as they are. */
    private String groupNumber(String body) {
        if (grouping == 0) {
            return body;
        }
        int end = 0;
        while (end < body.length() && Character.isDigit(body.charAt(end))) end++;
        if (end < body.length() && (body.charAt(end) == 'e' || body.charAt(end) == 'E')) {
            return body;
        }
        return group(body.substring(0, end)) + body.substring(end);
    }

    private String pad(String prefix, String body, boolean numeric) {
        int len = prefix.length() + body.codePointCount(0, body.length());
        if (width <= len) {
            return prefix + body;
        }
        int n = width - len;
        if (numeric && zeroPad && align == 0) {
            return prefix + "0".repeat(n) + body;
        }
        String f = String.valueOf(fill);
        char a = align != 0 ? align : numeric || printf ? '>' : '<';
        return switch (a) {
            case '<' -> prefix + body + f.repeat(n);
            case '^' -> f.repeat(n / 2) + prefix + body + f.repeat(n - n / 2);
            default -> f.repeat(n) + prefix + body;
        };
    }

    private String padNoZeros(String prefix, String body) {
        boolean z = zeroPad;
        zeroPad = false;
        try {
            return pad(prefix, body, true);
        } finally {
            zeroPad = z;
        }
    }

    static String fixed(double a, int precision) {
        return new BigDecimal(a).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String exponent(double a, int precision, boolean upper) {
        String digits;
        int exp;
        if (a == 0) {
            digits = "0".repeat(precision + 1);
            exp = 0;
        } else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = r.unscaledValue().toString();
            exp = digits.length() - 1 - r.scale();
            if (digits.length() < precision + 1) {
                digits = digits + "0".repeat(precision + 1 - digits.length());
            } else if (digits.length() > precision + 1) {
                digits = digits.substring(0, precision + 1);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(digits.charAt(0));
        if (precision > 0) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append(upper ? 'E' : 'e').append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) sb.append('0');
        return sb.append(ae).toString();
    }

    /** C's %g: the shorter of %e and %f for the precision, trailing zeros removed unless alternate. */
    static String general(double a, int precision, boolean keepZeros, boolean upper) {
        int p = precision == 0 ? 1 : precision;
        int exp = 0;
        if (a != 0) {
            BigDecimal r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
            exp = r.precision() - 1 - r.scale();
        }
        String s = p > exp && exp >= -4 ? fixed(a, p - 1 - exp) : exponent(a, p - 1, upper);
        if (keepZeros) {
            // fmt's alternate form keeps a fractional digit: 100.0, not C's "100."
            return s.indexOf('.') < 0 && s.indexOf(upper ? 'E' : 'e') < 0 ? s + ".0" : s;
        }
        int e = s.indexOf(upper ? 'E' : 'e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String rest = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') end--;
            if (mantissa.charAt(end - 1) == '.') end--;
            mantissa = mantissa.substring(0, end);
        }
        return mantissa + rest;
    }

    static String hex(double a, boolean upper) {
        String s = Double.toHexString(a); // 0x1.4p2
        int p = s.indexOf('p');
        if (p >= 0 && s.charAt(p + 1) != '-') {
            s = s.substring(0, p + 1) + "+" + s.substring(p + 1);
        }
        s = s.replace(".0p", "p");
        return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }

    /** The shortest digits that read back, plain for exponents in [-5, 16), else d.ddde+XX. */
    static String shortest(double a, boolean isFloat) {
        if (a == 0) {
            return "0.0";
        }
        BigDecimal bd = new BigDecimal(isFloat ? Float.toString((float) a) : Double.toString(a)).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        if (exp >= -5 && exp < 16) {
            String plain = bd.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        StringBuilder sb = new StringBuilder().append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        if (Math.abs(exp) < 10) sb.append('0');
        return sb.append(Math.abs(exp)).toString();
    }
}
