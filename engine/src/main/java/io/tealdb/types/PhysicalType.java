package io.tealdb.types;

/**
 * How values of a logical type are laid out in a {@link io.tealdb.vector.Vector}: which primitive
 * array holds them. Kernels specialise on this, not on the logical type.
 */
public enum PhysicalType {
    /** BOOLEAN: {@code byte[]} holding 0 or 1. */
    BOOL,
    /** TINYINT: {@code byte[]}. (UTINYINT uses INT16, USMALLINT INT32, UINTEGER INT64, UBIGINT INT128.) */
    INT8,
    /** SMALLINT: {@code short[]}. */
    INT16,
    /** INTEGER, DATE (days since 1970-01-01): {@code int[]}. */
    INT32,
    /** BIGINT, DECIMAL(p&lt;=18) unscaled, TIME (µs of day), TIMESTAMP (µs since epoch): {@code long[]}. */
    INT64,
    /**
     * HUGEINT, DECIMAL(p&gt;18) unscaled, UBIGINT: two {@code long[]}, low 64 bits in longs, high in
     * highs. UHUGEINT stores value - 2^127 (the top bit flipped) so that signed order is its order.
     */
    INT128,
    /** FLOAT: {@code float[]}. */
    FLOAT,
    /** DOUBLE: {@code double[]}. */
    DOUBLE,
    /** VARCHAR (UTF-8) and BLOB: a byte heap with per-row offsets and lengths. */
    VARLEN,
    /** INTERVAL: months in ints, days in days, microseconds in longs. */
    INTERVAL,
    /**
     * LIST, ARRAY, MAP: per-row {@code offsets} and {@code lengths} into one child vector
     * ({@code children[0]}; for MAP a STRUCT(key, value) vector).
     */
    LIST,
    /** STRUCT: one child vector per field, row-aligned with the parent; the parent holds the struct's validity. */
    STRUCT
}
