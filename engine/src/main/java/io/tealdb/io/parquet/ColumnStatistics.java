package io.tealdb.io.parquet;

/**
 * Min/max/null-count statistics of a column chunk or page, in the physical type's plain encoding.
 * {@code min}/{@code max} prefer the newer min_value/max_value fields (their order is the logical
 * type's); the deprecated min/max are kept apart because they used signed byte order.
 */
public record ColumnStatistics(byte[] min, byte[] max, byte[] legacyMin, byte[] legacyMax, long nullCount, long distinctCount,
                               boolean minExact, boolean maxExact, ThriftStruct raw) {
    static ColumnStatistics parse(ThriftStruct s) {
        if (s == null) return null;
        return new ColumnStatistics(s.binary(6), s.binary(5), s.binary(2), s.binary(1), s.i64(3, -1), s.i64(4, -1),
                s.bool(8, true), s.bool(7, true), s);
    }
}
