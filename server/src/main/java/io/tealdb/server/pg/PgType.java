package io.tealdb.server.pg;

import io.tealdb.types.LogicalType;

/**
 * How one engine type travels over the wire: PostgreSQL type OID, typlen and typmod for
 * RowDescription, and whether we can send it in binary format (otherwise its text form is sent,
 * whatever format the client asked for, which only happens for types we report as text).
 */
record PgType(int oid, int typlen, int typmod, boolean binary) {
    static final int BOOL = 16, BYTEA = 17, NAME = 19, INT8 = 20, INT2 = 21, INT4 = 23, TEXT = 25, OID = 26,
            JSON = 114, FLOAT4 = 700, FLOAT8 = 701, UNKNOWN = 705, BPCHAR = 1042, VARCHAR = 1043, DATE = 1082,
            TIME = 1083, TIMESTAMP = 1114, TIMESTAMPTZ = 1184, INTERVAL = 1186, TIMETZ = 1266, NUMERIC = 1700,
            UUID = 2950, JSONB = 3802, INT2_ARRAY = 1005, INT4_ARRAY = 1007, INT8_ARRAY = 1016, TEXT_ARRAY = 1009,
            BOOL_ARRAY = 1000, BYTEA_ARRAY = 1001, FLOAT4_ARRAY = 1021, FLOAT8_ARRAY = 1022, DATE_ARRAY = 1182,
            TIME_ARRAY = 1183, TIMESTAMP_ARRAY = 1115, TIMESTAMPTZ_ARRAY = 1185, INTERVAL_ARRAY = 1187,
            NUMERIC_ARRAY = 1231, OID_ARRAY = 1028, UUID_ARRAY = 2951, TIMETZ_ARRAY = 1270, JSON_ARRAY = 199;

    static PgType of(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN -> new PgType(BOOL, 1, -1, true);
            case TINYINT, SMALLINT -> new PgType(INT2, 2, -1, true);
            case INTEGER -> new PgType(INT4, 4, -1, true);
            case BIGINT -> new PgType(INT8, 8, -1, true);
            case HUGEINT -> new PgType(NUMERIC, -1, -1, true);
            case FLOAT -> new PgType(FLOAT4, 4, -1, true);
            case DOUBLE -> new PgType(FLOAT8, 8, -1, true);
            case DECIMAL -> new PgType(NUMERIC, -1, ((t.precision() << 16) | t.scale()) + 4, true);
            case BLOB -> new PgType(BYTEA, -1, -1, true);
            case DATE -> new PgType(DATE, 4, -1, true);
            case TIME -> new PgType(TIME, 8, -1, true);
            case TIMESTAMP -> new PgType(TIMESTAMP, 8, -1, true);
            case INTERVAL -> new PgType(INTERVAL, 16, -1, true);
            // unsigned integers as the next wider PostgreSQL integer (their values all fit), the two widest as numeric
            case UTINYINT -> new PgType(INT2, 2, -1, true);
            case USMALLINT -> new PgType(INT4, 4, -1, true);
            // UINTEGER is exactly PostgreSQL's oid (unsigned 32-bit): clients such as asyncpg know oid and oid[] without introspection
            case UINTEGER -> new PgType(OID, 4, -1, true);
            case UBIGINT, UHUGEINT -> new PgType(NUMERIC, -1, -1, true);
            case UUID -> new PgType(UUID, 16, -1, true);
            case JSON -> new PgType(JSON, -1, -1, true); // binary json is its text, as PostgreSQL sends it
            case TIMESTAMP_TZ -> new PgType(TIMESTAMPTZ, 8, -1, true);
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> new PgType(TIMESTAMP, 8, -1, true);
            case TIME_TZ -> new PgType(TIMETZ, 12, -1, true);
            case LIST, ARRAY -> {
                int array = arrayOf(t.childType());
                yield array == 0 ? new PgType(TEXT, -1, -1, true) : new PgType(array, -1, -1, true);
            }
            default -> new PgType(TEXT, -1, -1, true);
        };
    }

    /**
     * The PostgreSQL array type whose elements are {@code element}, or 0 when a list of it travels as
     * text in DuckDB's form (nested lists, structs, maps: PostgreSQL arrays are rectangular and flat).
     */
    static int arrayOf(LogicalType element) {
        return switch (of(element).oid()) {
            case BOOL -> BOOL_ARRAY;
            case BYTEA -> BYTEA_ARRAY;
            case INT2 -> INT2_ARRAY;
            case INT4 -> INT4_ARRAY;
            case INT8 -> INT8_ARRAY;
            case OID -> OID_ARRAY;
            case FLOAT4 -> FLOAT4_ARRAY;
            case FLOAT8 -> FLOAT8_ARRAY;
            case NUMERIC -> NUMERIC_ARRAY;
            case DATE -> DATE_ARRAY;
            case TIME -> TIME_ARRAY;
            case TIMETZ -> TIMETZ_ARRAY;
            case TIMESTAMP -> TIMESTAMP_ARRAY;
            case TIMESTAMPTZ -> TIMESTAMPTZ_ARRAY;
            case INTERVAL -> INTERVAL_ARRAY;
            case UUID -> UUID_ARRAY;
            case JSON -> JSON_ARRAY;
            case TEXT -> element.id().isListLike() || element.id() == io.tealdb.types.TypeId.STRUCT
                    || element.id() == io.tealdb.types.TypeId.MAP || element.id() == io.tealdb.types.TypeId.UNION ? 0 : TEXT_ARRAY;
            default -> 0;
        };
    }

    /** The element type OID of a PostgreSQL array type OID, or 0 when {@code arrayOid} is not one. */
    static int elementOf(int arrayOid) {
        return switch (arrayOid) {
            case BOOL_ARRAY -> BOOL;
            case BYTEA_ARRAY -> BYTEA;
            case INT2_ARRAY -> INT2;
            case INT4_ARRAY -> INT4;
            case INT8_ARRAY -> INT8;
            case FLOAT4_ARRAY -> FLOAT4;
            case FLOAT8_ARRAY -> FLOAT8;
            case NUMERIC_ARRAY -> NUMERIC;
            case DATE_ARRAY -> DATE;
            case TIME_ARRAY -> TIME;
            case TIMETZ_ARRAY -> TIMETZ;
            case TIMESTAMP_ARRAY -> TIMESTAMP;
            case TIMESTAMPTZ_ARRAY -> TIMESTAMPTZ;
            case INTERVAL_ARRAY -> INTERVAL;
            case UUID_ARRAY -> UUID;
            case JSON_ARRAY -> JSON;
            case TEXT_ARRAY -> TEXT;
            case 1015 -> VARCHAR; // varchar[]
            case OID_ARRAY -> OID;
            default -> 0;
        };
    }

    /** The engine type a parameter declared with {@code oid} arrives as, or null when the binder should decide. */
    static LogicalType logicalOf(int oid) {
        return switch (oid) {
            case BOOL -> LogicalType.BOOLEAN;
            case INT2 -> LogicalType.SMALLINT;
            case INT4 -> LogicalType.INTEGER;
            case OID -> LogicalType.UINTEGER;
            case INT8 -> LogicalType.BIGINT;
            case FLOAT4 -> LogicalType.FLOAT;
            case FLOAT8 -> LogicalType.DOUBLE;
            case BYTEA -> LogicalType.BLOB;
            case DATE -> LogicalType.DATE;
            case TIME -> LogicalType.TIME;
            case TIMESTAMP, TIMESTAMPTZ -> LogicalType.TIMESTAMP;
            case INTERVAL -> LogicalType.INTERVAL;
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, UUID -> LogicalType.VARCHAR;
            default -> {
                int element = elementOf(oid);
                LogicalType child = element == 0 ? null : logicalOf(element);
                yield child == null ? null : LogicalType.list(child);
            }
        };
    }
}
