package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;

/**
 * The SQL types Parquet's unsigned, UUID and zoned/nanosecond timestamp columns read as. Until the
 * engine has UTINYINT…UBIGINT, UUID, TIMESTAMPTZ and TIMESTAMP_NS, they read as the nearest type that
 * holds every value exactly (the next wider signed integer, UUID text, microsecond TIMESTAMP); this is
 * the one place to switch when those types land.
 */
final class ParquetTypes {
    private ParquetTypes() {
    }

    static LogicalType utinyint() {
        return LogicalType.SMALLINT;
    }

    static LogicalType usmallint() {
        return LogicalType.INTEGER;
    }

    static LogicalType uinteger() {
        return LogicalType.BIGINT;
    }

    static LogicalType ubigint() {
        return LogicalType.HUGEINT;
    }

    static LogicalType uuid() {
        return LogicalType.VARCHAR;
    }

    /** unit: 1 millis, 2 micros, 3 nanos. */
    static LogicalType timestamp(int unit, boolean adjustedToUtc) {
        return LogicalType.TIMESTAMP;
    }
}
