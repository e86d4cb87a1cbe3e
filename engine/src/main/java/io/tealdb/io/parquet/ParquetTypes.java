package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;

/**
 * The SQL types Parquet's unsigned, UUID and timestamp columns read as, DuckDB's choices: UINT_8…
 * UINT_64 as UTINYINT…UBIGINT (held in the next wider signed layout, which the unsigned decode
 * loops fill), UUID as UUID, a timestamp adjusted to UTC as TIMESTAMPTZ (µs), an unadjusted
 * nanosecond timestamp as TIMESTAMP_NS, any other as TIMESTAMP (µs).
 */
final class ParquetTypes {
    private ParquetTypes() {
    }

    static LogicalType utinyint() {
        return LogicalType.UTINYINT;
    }

    static LogicalType usmallint() {
        return LogicalType.USMALLINT;
    }

    static LogicalType uinteger() {
        return LogicalType.UINTEGER;
    }

    static LogicalType ubigint() {
        return LogicalType.UBIGINT;
    }

    static LogicalType uuid() {
        return LogicalType.UUID;
    }

    /** unit: 1 millis, 2 micros, 3 nanos. */
    static LogicalType timestamp(int unit, boolean adjustedToUtc) {
        if (adjustedToUtc) return LogicalType.TIMESTAMP_TZ;
        return unit == 3 ? LogicalType.TIMESTAMP_NS : LogicalType.TIMESTAMP;
    }
}
