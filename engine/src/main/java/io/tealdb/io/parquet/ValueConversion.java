package io.tealdb.io.parquet;

/**
 * How a column's physical Parquet values become the values of its TealDB vector. Chosen once per
 * column from its schema element, so the decode loops switch per batch, never per value.
 */
public enum ValueConversion {
    BOOLEAN,
    /** INT32 kept as is (INTEGER, DATE). */
    INT32,
    INT32_TO_INT8,
    INT32_TO_INT16,
    /** INT32 widened to 64 bits: DECIMAL stored as INT32, UINT_32 read unsigned. */
    INT32_TO_INT64,
    INT32_UNSIGNED_TO_INT64,
    /** UINT_8/UINT_16 read unsigned into the next wider signed type. */
    INT32_UNSIGNED_TO_INT16,
    INT32_UNSIGNED_TO_INT32,
    /** TIME in milliseconds to microseconds. */
    INT32_MILLIS_TO_MICROS,
    INT64,
    INT64_MILLIS_TO_MICROS,
    INT64_NANOS_TO_MICROS,
    /** DECIMAL(p > 18) stored as INT64 and UINT_64: 128-bit vector values. */
    INT64_TO_INT128,
    INT64_UNSIGNED_TO_INT128,
    /** INT96 (Impala/Spark timestamps): nanoseconds of day + Julian day. */
    INT96_TO_MICROS,
    FLOAT,
    DOUBLE,
    /** Strings and blobs. */
    BINARY,
    /** Big-endian two's complement DECIMAL in BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY. */
    BINARY_DECIMAL_TO_INT64,
    BINARY_DECIMAL_TO_INT128,
    /** A DECIMAL wider than 38 digits (BigQuery's BIGDECIMAL), read as DOUBLE as DuckDB reads it. */
    BINARY_DECIMAL_TO_DOUBLE,
    FLOAT16_TO_FLOAT,
    /** INTERVAL: FIXED_LEN_BYTE_ARRAY(12) of months, days, milliseconds (little endian). */
    INTERVAL,
    /** A 16-byte big-endian UUID into the stored UUID layout (top bit flipped, see UuidText). */
    UUID
}
