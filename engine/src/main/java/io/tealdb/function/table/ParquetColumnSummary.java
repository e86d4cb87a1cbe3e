package io.tealdb.function.table;

import io.tealdb.io.parquet.ColumnStatistics;
import io.tealdb.io.parquet.ParquetColumn;
import io.tealdb.io.parquet.ParquetEnums;
import io.tealdb.io.parquet.RowGroupMetadata;
import io.tealdb.io.parquet.ValueConversion;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the optimizer may know of a column of Parquet files without reading any page: the row
 * groups' footer statistics folded into one {@link io.tealdb.storage.ColumnStatistics} — min/max
 * (numeric, temporal and decimal columns only: those are what range selectivity uses), null count
 * and a distinct-value estimate.
 *
 * <p>The distinct estimate matters most: without it an equi-join between two files is estimated as
 * if every key were unique on both sides ({@code lineitem ⋈ nation} would look like 25 rows), and the
 * join order comes out disastrous. Writers such as DuckDB store a row group's dictionary size as
 * {@code distinct_count}; a column whose row groups each hold well under their row count of distinct
 * values is taken to repeat the same values in every row group (its largest count), otherwise the
 * counts add up. Integer-like columns are further capped by their value range ({@code max - min + 1}),
 * which alone gives TPC-H's key columns their right sizes.
 */
final class ParquetColumnSummary {
    private ParquetColumnSummary() {
    }

    /** One column chunk: the column as its file reads it and the row group holding the chunk. */
    record Chunk(ParquetColumn column, RowGroupMetadata rowGroup) {
    }

    static io.tealdb.storage.ColumnStatistics of(LogicalType type, List<Chunk> chunks) {
        long rows = 0, nulls = 0;
        boolean allDistinct = true, allBounds = true;
        long maxDistinct = 0, sumDistinct = 0;
        boolean saturated = true;
        Comparable<Object> min = null, max = null;
        for (Chunk ch : chunks) {
            RowGroupMetadata rg = ch.rowGroup();
            long n = rg.numRows();
            rows += n;
            ParquetColumn c = ch.column();
            ColumnStatistics s = c.leafIndex() < rg.columns().size() ? rg.columns().get(c.leafIndex()).statistics() : null;
            if (s == null) {
                allDistinct = false;
                allBounds = false;
                continue;
            }
            long chunkNulls = Math.max(0, s.nullCount());
            nulls += chunkNulls;
            if (s.distinctCount() >= 0) {
                maxDistinct = Math.max(maxDistinct, s.distinctCount());
                sumDistinct += s.distinctCount();
                if (s.distinctCount() * 2 > n - chunkNulls) saturated = false;
            } else {
                allDistinct = false;
            }
            if (chunkNulls == n) continue; // only NULLs: no bounds to take
            Object lo = bound(c, s, true), hi = bound(c, s, false);
            if (lo == null || hi == null) {
                allBounds = false;
                continue;
            }
            if (min == null || comparable(lo).compareTo(min) < 0) min = comparable(lo);
            if (max == null || comparable(hi).compareTo(max) > 0) max = comparable(hi);
        }
        long nonNull = Math.max(0, rows - nulls);
        long distinct = nonNull;
        if (allDistinct && !chunks.isEmpty()) distinct = Math.min(distinct, saturated ? maxDistinct : sumDistinct);
        Value minValue = null, maxValue = null;
        if (allBounds && min != null) {
            minValue = new Value(type, min);
            maxValue = new Value(type, max);
            long range = integralRange(min, max);
            if (range > 0) distinct = Math.min(distinct, range);
        }
        return new io.tealdb.storage.ColumnStatistics(minValue, maxValue, nulls, Math.max(nonNull > 0 ? 1 : 0, distinct), rows);
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object o) {
        return (Comparable<Object>) o;
    }

    /**
     * A chunk's lower or upper bound as the column's Java value, for number-like columns whose
     * statistics are in the column's order; null otherwise. The deprecated min/max fields are used
     * only for signed physical types, where their signed order is the right one.
     */
    private static Object bound(ParquetColumn c, ColumnStatistics s, boolean lower) {
        if (!orderedAsNumbers(c.conversion())) return null;
        byte[] b = lower ? s.min() : s.max();
        if (b == null && signedPhysical(c)) b = lower ? s.legacyMin() : s.legacyMax();
        if (b == null) return null;
        Object v = c.decodeStatistic(b);
        if (v instanceof Double d && d.isNaN() || v instanceof Float f && f.isNaN()) return null;
        return v instanceof Number ? v : null;
    }

    private static boolean orderedAsNumbers(ValueConversion v) {
        return switch (v) {
            case INT32, INT32_TO_INT8, INT32_TO_INT16, INT32_TO_INT64, INT64, INT32_MILLIS_TO_MICROS, INT64_MILLIS_TO_MICROS,
                 INT64_NANOS_TO_MICROS, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    private static boolean signedPhysical(ParquetColumn c) {
        int p = c.physicalType();
        return p == ParquetEnums.INT32 || p == ParquetEnums.INT64 || p == ParquetEnums.FLOAT || p == ParquetEnums.DOUBLE;
    }

    /** How many values lie in [min, max] for whole-number values (decimals counted in their last digit); -1 otherwise. */
    private static long integralRange(Object min, Object max) {
        long lo, hi;
        if (min instanceof BigDecimal a && max instanceof BigDecimal b) {
            try {
                lo = a.unscaledValue().longValueExact();
                hi = b.unscaledValue().longValueExact();
            } catch (ArithmeticException e) {
                return -1;
            }
        } else if (min instanceof Number a && max instanceof Number b && !(min instanceof Double) && !(min instanceof Float)) {
            lo = a.longValue();
            hi = b.longValue();
        } else {
            return -1;
        }
        long span = hi - lo;
        return span < 0 || span == Long.MAX_VALUE ? -1 : span + 1;
    }
}
