package io.tealdb.jdbc;

import io.tealdb.types.LogicalType;

import java.sql.Types;

/** How SQL types appear through JDBC: java.sql.Types codes, names, classes and sizes as DuckDB's JDBC reports them. */
final class JdbcTypes {
    private JdbcTypes() {
    }

    static int sqlType(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN -> Types.BOOLEAN;
            case TINYINT -> Types.TINYINT;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case FLOAT -> Types.FLOAT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case VARCHAR, JSON, ENUM -> Types.VARCHAR;
            case BIT -> Types.BIT;
            case BLOB -> Types.BLOB;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case HUGEINT, INTERVAL, SQLNULL, MAP, BIGNUM, UNION -> Types.OTHER;
            // as DuckDB's driver: the signed JDBC type that holds every value, OTHER beyond 64 bits
            case UTINYINT -> Types.SMALLINT;
            case USMALLINT -> Types.INTEGER;
            case UINTEGER -> Types.BIGINT;
            case UBIGINT, UHUGEINT, UUID -> Types.OTHER;
            case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case TIME_TZ -> Types.TIME_WITH_TIMEZONE;
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> Types.TIMESTAMP;
            case LIST, ARRAY -> Types.ARRAY;
            case STRUCT -> Types.STRUCT;
        };
    }

    /** DuckDB's spelling: INTEGER, DECIMAL(15,2), "NULL". */
    static String typeName(LogicalType t) {
        // DuckDB's driver names an enum column by its family, without the labels
        return t.id() == io.tealdb.types.TypeId.ENUM ? "ENUM" : t.toString();
    }

    static String className(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN -> "java.lang.Boolean";
            case TINYINT -> "java.lang.Byte";
            case SMALLINT -> "java.lang.Short";
            case INTEGER -> "java.lang.Integer";
            case BIGINT -> "java.lang.Long";
            case HUGEINT, BIGNUM -> "java.math.BigInteger";
            case FLOAT -> "java.lang.Float";
            case DOUBLE -> "java.lang.Double";
            case DECIMAL -> "java.math.BigDecimal";
            case VARCHAR, JSON, INTERVAL, SQLNULL, ENUM, BIT -> "java.lang.String";
            case BLOB -> "java.sql.Blob";
            case DATE -> "java.time.LocalDate";
            case TIME -> "java.time.LocalTime";
            case TIMESTAMP -> "java.sql.Timestamp";
            case UTINYINT -> "java.lang.Short";
            case USMALLINT -> "java.lang.Integer";
            case UINTEGER -> "java.lang.Long";
            case UBIGINT, UHUGEINT -> "java.math.BigInteger";
            case UUID -> "java.util.UUID";
            case TIMESTAMP_TZ -> "java.time.OffsetDateTime";
            case TIME_TZ -> "java.time.OffsetTime";
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> "java.sql.Timestamp";
            case LIST, ARRAY -> "java.sql.Array";
            case STRUCT -> "java.sql.Struct";
            case MAP -> "java.util.Map";
            case UNION -> "java.lang.Object";
        };
    }

    static int precision(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN -> 5;
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case HUGEINT -> 38;
            case FLOAT -> 8;
            case DOUBLE -> 17;
            case DECIMAL -> t.precision();
            case VARCHAR, JSON, BLOB, ENUM, BIT, BIGNUM -> Integer.MAX_VALUE;
            case DATE -> 13;
            case TIME -> 15;
            case TIMESTAMP -> 29;
            case INTERVAL, SQLNULL, LIST, ARRAY, STRUCT, MAP, UNION -> 0;
            case UTINYINT -> 3;
            case USMALLINT -> 5;
            case UINTEGER -> 10;
            case UBIGINT -> 19;
            case UHUGEINT -> 38;
            case UUID, TIME_TZ -> 0;
            case TIMESTAMP_TZ -> 35;
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> 29;
        };
    }

    static int scale(LogicalType t) {
        return t.id() == io.tealdb.types.TypeId.DECIMAL ? t.scale() : 0;
    }

    static boolean signed(LogicalType t) {
        return t.isNumeric() && !t.id().isUnsigned();
    }

    /** The logical type a JDBC type code stands for (for setNull), or SQLNULL when unknown. */
    static LogicalType fromSqlType(int sqlType) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> LogicalType.BOOLEAN;
            case Types.TINYINT -> LogicalType.TINYINT;
            case Types.SMALLINT -> LogicalType.SMALLINT;
            case Types.INTEGER -> LogicalType.INTEGER;
            case Types.BIGINT -> LogicalType.BIGINT;
            case Types.REAL, Types.FLOAT -> LogicalType.FLOAT;
            case Types.DOUBLE -> LogicalType.DOUBLE;
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.CLOB -> LogicalType.VARCHAR;
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> LogicalType.BLOB;
            case Types.DATE -> LogicalType.DATE;
            case Types.TIME -> LogicalType.TIME;
            case Types.TIMESTAMP -> LogicalType.TIMESTAMP;
            default -> LogicalType.SQLNULL;
        };
    }

    /** java.sql.Types code for a type name as information_schema reports it (e.g. "DECIMAL(15,2)"). */
    static int sqlTypeOfName(String name) {
        if (name == null) {
            return Types.OTHER;
        }
        String base = name.toUpperCase(java.util.Locale.ROOT);
        int paren = base.indexOf('(');
        if (paren >= 0) {
            base = base.substring(0, paren);
        }
        return switch (base.trim()) {
            case "BOOLEAN", "BOOL" -> Types.BOOLEAN;
            case "TINYINT", "INT1" -> Types.TINYINT;
            case "SMALLINT", "INT2" -> Types.SMALLINT;
            case "INTEGER", "INT", "INT4" -> Types.INTEGER;
            case "BIGINT", "INT8" -> Types.BIGINT;
            case "FLOAT", "REAL", "FLOAT4" -> Types.FLOAT;
            case "DOUBLE", "FLOAT8" -> Types.DOUBLE;
            case "DECIMAL", "NUMERIC" -> Types.DECIMAL;
            case "VARCHAR", "TEXT", "STRING" -> Types.VARCHAR;
            case "BLOB", "BYTEA" -> Types.BLOB;
            case "DATE" -> Types.DATE;
            case "TIME" -> Types.TIME;
            case "TIMESTAMP", "DATETIME" -> Types.TIMESTAMP;
            case "UTINYINT" -> Types.SMALLINT;
            case "USMALLINT" -> Types.INTEGER;
            case "UINTEGER" -> Types.BIGINT;
            default -> Types.OTHER;
        };
    }
}
