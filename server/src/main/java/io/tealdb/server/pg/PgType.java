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
            UUID = 2950, JSONB = 3802, INT2_ARRAY = 1005, INT4_ARRAY = 1007, INT8_ARRAY = 1016, TEXT_ARRAY = 1009;

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
            default -> new PgType(TEXT, -1, -1, true);
        };
    }

    /** The engine type a parameter declared with {@code oid} arrives as, or null when the binder should decide. */
    static LogicalType logicalOf(int oid) {
        return switch (oid) {
            case BOOL -> LogicalType.BOOLEAN;
            case INT2 -> LogicalType.SMALLINT;
            case INT4, OID -> LogicalType.INTEGER;
            case INT8 -> LogicalType.BIGINT;
            case FLOAT4 -> LogicalType.FLOAT;
            case FLOAT8 -> LogicalType.DOUBLE;
            case BYTEA -> LogicalType.BLOB;
            case DATE -> LogicalType.DATE;
            case TIME -> LogicalType.TIME;
            case TIMESTAMP, TIMESTAMPTZ -> LogicalType.TIMESTAMP;
            case INTERVAL -> LogicalType.INTERVAL;
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, UUID -> LogicalType.VARCHAR;
            default -> null;
        };
    }
}
