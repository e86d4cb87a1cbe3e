package io.tealdb.function.table;

import io.tealdb.function.ScanFilter;
import io.tealdb.io.parquet.ColumnStatistics;
import io.tealdb.io.parquet.ParquetColumn;
import io.tealdb.io.parquet.ParquetEnums;
import io.tealdb.io.parquet.RowGroupMetadata;
import io.tealdb.io.parquet.ValueConversion;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Whether a row group may hold rows passing a pushed-down filter, from its column chunk's
 * statistics. Only bounds known to be in the filter's order are used: integers, dates, times,
 * timestamps and int-backed decimals from min_value/max_value (or the legacy min/max, signed order,
 * for signed integers), floats and doubles without NaN, and strings from exact min_value/max_value
 * (byte order). Anything else answers "may match".
 */
final class RowGroupStatistics {
    private RowGroupStatistics() {
    }

    static boolean mayMatch(ParquetColumn c, RowGroupMetadata rg, ScanFilter f) {
        if (c.leafIndex() >= rg.columns().size()) return true;
        ColumnStatistics s = rg.columns().get(c.leafIndex()).statistics();
        if (s == null) return true;
        long rows = rg.numRows();
        switch (f.op()) {
            case IS_NULL:
                return s.nullCount() < 0 || s.nullCount() > 0;
            case IS_NOT_NULL:
                return s.nullCount() < 0 || s.nullCount() < rows;
            default:
                break;
        }
        if (s.nullCount() == rows && rows > 0) return false; // only NULLs: no comparison holds
        byte[] min = s.min(), max = s.max();
        boolean legacy = false;
        if (min == null || max == null) {
            min = s.legacyMin();
            max = s.legacyMax();
            legacy = true;
        }
        if (min == null || max == null) return true;
        Object k = f.constant().object();
        int cmpMin, cmpMax; // constant compared with min and max
        switch (c.conversion()) {
            case INT32, INT32_TO_INT8, INT32_TO_INT16, INT32_TO_INT64, INT64, INT32_MILLIS_TO_MICROS, INT64_MILLIS_TO_MICROS,
                 INT64_NANOS_TO_MICROS -> {
                Long key = longKey(c, k);
                if (key == null) return true;
                long lo = physicalLong(c, min), hi = physicalLong(c, max);
                lo = scale(c, lo);
                hi = scale(c, hi);
                cmpMin = Long.compare(key, lo);
                cmpMax = Long.compare(key, hi);
            }
            case FLOAT, DOUBLE -> {
                if (!(k instanceof Number num)) return true;
                boolean single = c.conversion() == ValueConversion.FLOAT;
                if (min.length < (single ? 4 : 8) || max.length < (single ? 4 : 8)) return true;
                double lo = single ? Float.intBitsToFloat(le32(min)) : Double.longBitsToDouble(le64(min));
                double hi = single ? Float.intBitsToFloat(le32(max)) : Double.longBitsToDouble(le64(max));
                double key = num.doubleValue();
                // NaN bounds are unreliable, and SQL equates -0.0 with 0.0 where statistics may not
                if (Double.isNaN(lo) || Double.isNaN(hi) || Double.isNaN(key) || key == 0.0 || lo == 0.0 || hi == 0.0) return true;
                cmpMin = Double.compare(key, lo);
                cmpMax = Double.compare(key, hi);
            }
            case BINARY -> {
                if (legacy || !s.minExact() || !s.maxExact() || !(k instanceof String str)) return true;
                byte[] key = str.getBytes(StandardCharsets.UTF_8);
                cmpMin = java.util.Arrays.compareUnsigned(key, min);
                cmpMax = java.util.Arrays.compareUnsigned(key, max);
            }
            default -> {
                return true;
            }
        }
        return switch (f.op()) {
            case EQ -> cmpMin >= 0 && cmpMax <= 0;
            case LT -> cmpMin > 0;   // some value < key  ⇔  min < key
            case LE -> cmpMin >= 0;
            case GT -> cmpMax < 0;   // max > key
            case GE -> cmpMax <= 0;
            default -> true;
        };
    }

    /** The filter constant in the unit the vector holds (µs for times, unscaled for decimals). */
    private static Long longKey(ParquetColumn c, Object k) {
        if (k instanceof BigDecimal d) {
            try {
                return d.setScale(c.type().scale()).unscaledValue().longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (k instanceof Number n && !(k instanceof Double) && !(k instanceof Float) && !(k instanceof java.math.BigInteger)) return n.longValue();
        return null;
    }

    private static long physicalLong(ParquetColumn c, byte[] b) {
        return c.physicalType() == ParquetEnums.INT32 ? le32(b) : le64(b);
    }

    /** Statistics are in the file's unit; vectors hold microseconds. */
    private static long scale(ParquetColumn c, long v) {
        return switch (c.conversion()) {
            case INT32_MILLIS_TO_MICROS, INT64_MILLIS_TO_MICROS -> v * 1000;
            case INT64_NANOS_TO_MICROS -> Math.floorDiv(v, 1000);
            default -> v;
        };
    }

    private static int le32(byte[] b) {
        if (b.length < 4) return 0;
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    private static long le64(byte[] b) {
        if (b.length < 8) return le32(b);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[i] & 0xff);
        return v;
    }
}
