package io.tealdb;

import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Text forms of values for the public API, the shell and JDBC. The SQL text (what
 * {@code CAST(x AS VARCHAR)} and DuckDB's shell print) comes from the engine's one formatter,
 * {@link io.tealdb.function.cast.ValueFormatter}; this class adds what only the client side needs:
 * <ul>
 * <li>{@link #jdbcString}: what DuckDB's JDBC {@code ResultSet.getString} returns — the Java object's
 * {@code toString()} for floating point and temporal types ({@code 1.0E20}, {@code 2020-01-02 03:04:05.0})
 * and the SQL text otherwise — so code written against DuckDB's driver sees the same strings;</li>
 * <li>{@link #boxTypeName}: the lower-case type names of the result box header.</li>
 * </ul>
 */
public final class ValueFormatter {
    private ValueFormatter() {
    }

    /** DuckDB VARCHAR-cast text of row {@code row} of {@code v}, or null for SQL NULL (TIMESTAMPTZ in UTC). */
    public static String sqlString(Vector v, int row) {
        return v.isNull(row) ? null : io.tealdb.function.cast.ValueFormatter.format(v, row);
    }

    /** Like {@link #sqlString(Vector, int)}, TIMESTAMP WITH TIME ZONE shown in {@code zone} (the session's TimeZone). */
    public static String sqlString(Vector v, int row, java.time.ZoneId zone) {
        return v.isNull(row) ? null : io.tealdb.function.cast.ValueFormatter.format(v, row, zone);
    }

    /** DuckDB VARCHAR-cast text of a value in canonical storage form (see {@link Value}), or null. */
    public static String sqlString(LogicalType type, Object canonical) {
        return canonical == null ? null : io.tealdb.function.cast.ValueFormatter.format(new Value(type, canonical));
    }

    public static String formatDouble(double d) {
        return io.tealdb.function.cast.ValueFormatter.formatDouble(d);
    }

    public static String formatInterval(int months, int days, long micros) {
        return DateTimeUtil.formatInterval(months, days, micros);
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
            // LocalTime's text (as DuckDB's driver), and "24:00" for the end of the day it cannot hold
            case TIME -> v.longs[row] >= JavaValues.END_OF_DAY_MICROS ? "24:00"
                    : JavaValues.timeFromMicros(v.longs[row]).toString();
            case TIMESTAMP -> Timestamp.valueOf(JavaValues.timestampFromMicros(v.longs[row])).toString();
            // a UNION reads as its active member's text (null when that member holds NULL)
            case UNION -> {
                Vector member = v.children[v.children[0].shorts[row] + 1];
                yield member.isNull(row) ? null : sqlString(member, row);
            }
            default -> sqlString(v, row);
        };
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
            case JSON -> "json";
            case BLOB -> "blob";
            case BIT -> "bit";
            case BIGNUM -> "bignum";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case INTERVAL -> "interval";
            case UTINYINT -> "uint8";
            case USMALLINT -> "uint16";
            case UINTEGER -> "uint32";
            case UBIGINT -> "uint64";
            case UHUGEINT -> "uint128";
            case UUID -> "uuid";
            case TIMESTAMP_TZ -> "timestamp with time zone";
            case TIME_TZ -> "time with time zone";
            case TIMESTAMP_S -> "timestamp_s";
            case TIMESTAMP_MS -> "timestamp_ms";
            case TIMESTAMP_NS -> "timestamp_ns";
            case LIST -> boxTypeName(t.childType()) + "[]";
            case ARRAY -> boxTypeName(t.childType()) + "[" + t.arraySize() + "]";
            case STRUCT, MAP, UNION -> t.toString().toLowerCase(java.util.Locale.ROOT);
            case ENUM -> "enum";
        };
    }
}
