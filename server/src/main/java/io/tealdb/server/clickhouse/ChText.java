package io.tealdb.server.clickhouse;

import io.tealdb.ValueFormatter;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.UuidText;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;

/**
 * ClickHouse's text rendering of values (TabSeparated, CSV, Pretty, JSON strings, literals inside
 * containers): {@code 2024-01-01 00:00:00.000}, {@code true}, {@code ['a','b']}, {@code (1,'x')},
 * {@code {'k':1}}. Text formats are for people and scripts, so values go through a StringBuilder.
 */
final class ChText {
    private ChText() {
    }

    static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '0' -> '\0';
            case 'a' -> (char) 7;
            case 'v' -> (char) 11;
            case 'e' -> (char) 27;
            default -> c;
        };
    }

    /** A single-quoted literal with backslash escapes. */
    static void quote(StringBuilder sb, String s) {
        sb.append('\'');
        escape(sb, s, true);
        sb.append('\'');
    }

    /** TabSeparated escaping (and \' inside quoted literals). */
    static void escape(StringBuilder sb, CharSequence s, boolean quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\0' -> sb.append("\\0");
                case '\'' -> sb.append(quote ? "\\'" : "'");
                default -> sb.append(c);
            }
        }
    }

    static String identifier(String name) {
        if (!name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
                && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            return name;
        }
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** True for values rendered as quoted text inside containers and CSV. */
    static boolean isStringLike(LogicalType t) {
        return switch (t.id()) {
            case VARCHAR, BLOB, JSON, DATE, TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS, UUID, TIME, TIME_TZ, INTERVAL -> true;
            default -> false;
        };
    }

    /**
     * Appends the plain text of {@code row}: strings unescaped, containers as literals. NULL must be
     * handled by the caller at the top level; inside containers it is {@code NULL}.
     */
    static void append(StringBuilder sb, Vector v, int row) {
        LogicalType t = v.type;
        switch (t.id()) {
            case SQLNULL -> sb.append("NULL");
            case BOOLEAN -> sb.append(v.bytes[row] != 0 ? "true" : "false");
            case TINYINT -> sb.append(v.bytes[row]);
            case SMALLINT -> sb.append(v.shorts[row]);
            case INTEGER -> sb.append(v.ints[row]);
            case BIGINT -> sb.append(v.longs[row]);
            case UTINYINT -> sb.append(v.shorts[row]);
            case USMALLINT -> sb.append(v.ints[row]);
            case UINTEGER -> sb.append(v.longs[row]);
            case HUGEINT, UBIGINT -> sb.append(Int128.toBigInteger(v.highs[row], v.longs[row]));
            case UHUGEINT -> sb.append(Int128.uhugeToBigInteger(v.highs[row], v.longs[row]));
            case FLOAT -> appendFloat(sb, v.floats[row]);
            case DOUBLE -> appendDouble(sb, v.doubles[row]);
            case DECIMAL -> sb.append((v.physical == PhysicalType.INT64 ? BigDecimal.valueOf(v.longs[row], t.scale())
                    : new BigDecimal(Int128.toBigInteger(v.highs[row], v.longs[row]), t.scale())).toPlainString());
            case VARCHAR, JSON -> sb.append(v.getString(row));
            case BLOB -> sb.append(new String(v.heap, v.offsets[row], v.lengths[row], java.nio.charset.StandardCharsets.ISO_8859_1));
            case DATE -> DateTimeUtil.appendDate(sb, v.ints[row]);
            case TIMESTAMP_S -> dateTime(sb, v.longs[row] * 1_000_000L, 0);
            case TIMESTAMP_MS -> dateTime(sb, v.longs[row] * 1_000L, 3);
            case TIMESTAMP, TIMESTAMP_TZ -> dateTime(sb, v.longs[row], 6);
            case TIMESTAMP_NS -> {
                long ns = v.longs[row];
                long micros = Math.floorDiv(ns, 1000);
                dateTime(sb, micros - Math.floorMod(micros, 1_000_000L), 0);
                String f = Long.toString(Math.floorMod(ns, 1_000_000_000L));
                sb.append('.').append("0".repeat(9 - f.length())).append(f);
            }
            case UUID -> sb.append(UuidText.toString(v.highs[row], v.longs[row]));
            case LIST, ARRAY -> {
                sb.append('[');
                Vector c = v.children[0];
                for (int k = 0; k < v.lengths[row]; k++) {
                    if (k > 0) sb.append(',');
                    literal(sb, c, v.offsets[row] + k);
                }
                sb.append(']');
            }
            case MAP -> {
                sb.append('{');
                Vector e = v.children[0];
                for (int k = 0; k < v.lengths[row]; k++) {
                    if (k > 0) sb.append(',');
                    literal(sb, e.children[0], v.offsets[row] + k);
                    sb.append(':');
                    literal(sb, e.children[1], v.offsets[row] + k);
                }
                sb.append('}');
            }
            case STRUCT -> {
                sb.append('(');
                for (int k = 0; k < v.children.length; k++) {
                    if (k > 0) sb.append(',');
                    literal(sb, v.children[k], row);
                }
                sb.append(')');
            }
            default -> sb.append(ValueFormatter.sqlString(v, row));
        }
    }

    /**
     * {@link #append(StringBuilder, Vector, int)} for a value of a column ClickHouse declares as
     * {@code declared}: DateTime and DateTime64 print the declared number of fraction digits in the
     * declared zone (TealDB keeps the instant in UTC), FixedString(N) its N bytes, padded with NULs
     * as ClickHouse stores it.
     */
    static void append(StringBuilder sb, Vector v, int row, ChType declared) {
        switch (declared == null ? null : ChType.base(declared)) {
            case ChType.DateTime64 d when isTimestamp(v.type) -> dateTime(sb, v, row, d.precision(), d.zone());
            case ChType.DateTime d when isTimestamp(v.type) -> dateTime(sb, v, row, 0, d.zone());
            case ChType.FixedString f when v.type.id() == io.tealdb.types.TypeId.BLOB -> {
                append(sb, v, row);
                for (int i = v.lengths[row]; i < f.length(); i++) sb.append('\0');
            }
            case null, default -> append(sb, v, row);
        }
    }

    private static boolean isTimestamp(LogicalType t) {
        return switch (t.id()) {
            case TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> true;
            default -> false;
        };
    }

    /** A stored timestamp as ClickHouse prints a DateTime64(digits, zone): local time of the zone (none: as stored). */
    private static void dateTime(StringBuilder sb, Vector v, int row, int digits, String zone) {
        long x = v.longs[row];
        long perSecond = switch (v.type.id()) {
            case TIMESTAMP_S -> 1L;
            case TIMESTAMP_MS -> 1_000L;
            case TIMESTAMP_NS -> 1_000_000_000L;
            default -> 1_000_000L;
        };
        long seconds = Math.floorDiv(x, perSecond);
        long nanos = Math.floorMod(x, perSecond) * (1_000_000_000L / perSecond);
        if (zone != null) seconds += zoneRules(zone).getOffset(java.time.Instant.ofEpochSecond(seconds)).getTotalSeconds();
        dateTime(sb, seconds * 1_000_000L, 0);
        if (digits > 0) {
            String f = Long.toString(nanos);
            String nine = "0".repeat(9 - f.length()) + f;
            sb.append('.').append(nine, 0, Math.min(9, digits));
        }
    }

    /** The rules of a ClickHouse zone name (UTC when the name is not a zone Java knows). */
    static java.time.zone.ZoneRules zoneRules(String zone) {
        try {
            return java.time.ZoneId.of(zone).getRules();
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC.getRules();
        }
    }

    /** A value inside a container: strings quoted, NULL as NULL. */
    static void literal(StringBuilder sb, Vector v, int row) {
        if (v.isNull(row)) {
            sb.append("NULL");
        } else if (isStringLike(v.type)) {
            StringBuilder inner = new StringBuilder();
            append(inner, v, row);
            quote(sb, inner.toString());
        } else {
            append(sb, v, row);
        }
    }

    static void dateTime(StringBuilder sb, long micros, int digits) {
        long days = Math.floorDiv(micros, DateTimeUtil.MICROS_PER_DAY);
        long tod = Math.floorMod(micros, DateTimeUtil.MICROS_PER_DAY);
        DateTimeUtil.appendDate(sb, (int) days);
        sb.append(' ');
        long secs = tod / 1_000_000L;
        two(sb, secs / 3600);
        sb.append(':');
        two(sb, secs / 60 % 60);
        sb.append(':');
        two(sb, secs % 60);
        if (digits > 0) {
            String f = Long.toString(tod % 1_000_000L);
            String six = "0".repeat(6 - f.length()) + f;
            sb.append('.').append(six, 0, digits);
        }
    }

    private static void two(StringBuilder sb, long v) {
        if (v < 10) sb.append('0');
        sb.append(v);
    }

    static void appendDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d)) sb.append("nan");
        else if (Double.isInfinite(d)) sb.append(d > 0 ? "inf" : "-inf");
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d);
        else sb.append(d);
    }

    static void appendFloat(StringBuilder sb, float d) {
        if (Float.isNaN(d)) sb.append("nan");
        else if (Float.isInfinite(d)) sb.append(d > 0 ? "inf" : "-inf");
        else if (d == Math.rint(d) && Math.abs(d) < 1e7) sb.append((long) d);
        else sb.append(d);
    }
}
