package io.tealdb.function.table;

import io.tealdb.function.ScanFilter;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;

/**
 * Evaluates a pushed-down {@link ScanFilter} on a decoded column, so a file scan can leave out the
 * rows it rejects before decoding the scan's other columns (the filter above the scan still runs:
 * leaving rows in is always allowed, so types this class does not know simply select nothing away).
 * Comparisons hold only for non-NULL values, as in SQL. Integers, dates, times, timestamps and
 * 64-bit decimals compare as longs; strings byte by byte (unsigned), which is VARCHAR's order.
 */
final class ScanFilterSelection implements RowSelection {
    private final ScanFilter filter;
    private final long key;
    private final byte[] text;
    private final boolean usable;

    private ScanFilterSelection(ScanFilter filter, long key, byte[] text, boolean usable) {
        this.filter = filter;
        this.key = key;
        this.text = text;
        this.usable = usable;
    }

    /** The filter on a column of type {@code type}; {@link #usable()} false when it cannot be evaluated here. */
    static ScanFilterSelection of(ScanFilter f, LogicalType type) {
        if (f.op() == ScanFilter.Op.IS_NULL || f.op() == ScanFilter.Op.IS_NOT_NULL) return new ScanFilterSelection(f, 0, null, true);
        Object k = f.constant() == null ? null : f.constant().object();
        if (k == null) return new ScanFilterSelection(f, 0, null, false);
        PhysicalType p = type.physical();
        switch (type.id()) {
            case INTEGER, DATE, BIGINT, TIME, TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> {
                if (k instanceof Integer || k instanceof Long) return new ScanFilterSelection(f, ((Number) k).longValue(), null, true);
            }
            case DECIMAL -> {
                if (p == PhysicalType.INT64 && k instanceof BigDecimal d) {
                    try {
                        return new ScanFilterSelection(f, d.setScale(type.scale()).unscaledValue().longValueExact(), null, true);
                    } catch (ArithmeticException e) {
                        return new ScanFilterSelection(f, 0, null, false);
                    }
                }
            }
            case VARCHAR -> {
                if (type.collation() == null && k instanceof String str) {
                    return new ScanFilterSelection(f, 0, str.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
                }
            }
            default -> {
            }
        }
        return new ScanFilterSelection(f, 0, null, false);
    }

    boolean usable() {
        return usable;
    }

    int column() {
        return filter.column();
    }

    /**
     * Keeps in {@code sel[0..count)} (ascending rows of {@code v}) those that pass; returns how many.
     * {@code sel} is compacted in place.
     */
    @Override
    public int select(Vector v, int[] sel, int count) {
        ScanFilter.Op op = filter.op();
        int n = 0;
        if (op == ScanFilter.Op.IS_NULL || op == ScanFilter.Op.IS_NOT_NULL) {
            boolean wantNull = op == ScanFilter.Op.IS_NULL;
            for (int j = 0; j < count; j++) {
                int r = sel[j];
                sel[n] = r;
                n += v.isNull(r) == wantNull ? 1 : 0;
            }
            return n;
        }
        boolean nulls = v.validity != null;
        if (text != null) {
            for (int j = 0; j < count; j++) {
                int r = sel[j];
                if (nulls && v.isNull(r)) continue;
                int c = java.util.Arrays.compareUnsigned(v.heap, v.offsets[r], v.offsets[r] + v.lengths[r], text, 0, text.length);
                if (op.holds(c)) sel[n++] = r;
            }
            return n;
        }
        if (op == ScanFilter.Op.NE) {
            if (v.physical == PhysicalType.INT32) {
                int[] a = v.ints;
                for (int j = 0; j < count; j++) {
                    int r = sel[j];
                    sel[n] = r;
                    n += a[r] != key && (!nulls || !v.isNull(r)) ? 1 : 0;
                }
                return n;
            }
            long[] a = v.longs;
            for (int j = 0; j < count; j++) {
                int r = sel[j];
                sel[n] = r;
                n += a[r] != key && (!nulls || !v.isNull(r)) ? 1 : 0;
            }
            return n;
        }
        // every other comparison is a range [lo, hi]: the join key filter's kernel without a bitmap
        // (one unsigned comparison per row, no branch on the operator)
        long lo = Long.MIN_VALUE, hi = Long.MAX_VALUE;
        switch (op) {
            case EQ -> lo = hi = key;
            case LT -> {
                if (key == Long.MIN_VALUE) return 0;
                hi = key - 1;
            }
            case LE -> hi = key;
            case GT -> {
                if (key == Long.MAX_VALUE) return 0;
                lo = key + 1;
            }
            default -> lo = key; // GE
        }
        return io.tealdb.function.JoinKeyFilter.select(v, lo, hi - lo, null, sel, count);
    }

}
