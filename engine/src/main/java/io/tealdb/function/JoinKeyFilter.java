package io.tealdb.function;

import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

/**
 * What a hash join learned about its build keys, handed to the scan that feeds its probe side when
 * that scan starts: output column {@code column} (an INTEGER or BIGINT) can only find a partner for
 * values in {@code [min, max]} (none when min &gt; max) and, when {@code bits} is not null, only for
 * values {@code v} whose bit {@code v - min} is set. Like {@link ScanFilter}s these are hints: the
 * join still checks every row, so a scan may drop rows they exclude but need not.
 */
public record JoinKeyFilter(int column, long min, long max, long[] bits) {

    /** Keeps the selected rows of {@code v} that may find a partner ({@link #select(Vector, long, long, long[], int[], int)}). */
    public int select(Vector v, int[] sel, int count) {
        return min > max ? 0 : select(v, min, max - min, bits, sel, count);
    }

    /**
     * Keeps the selected rows of {@code v} (an INTEGER or BIGINT column) whose value is not NULL,
     * lies in {@code [base, base + lastOffset]} and, when {@code bits} is not null, has its bit
     * {@code value - base} set; {@code sel} stays ascending. One pass for range and bitmap, without a
     * branch per row (what table scans and Parquet scans on a join's probe side both run, and file
     * scans for a pushed-down range comparison, with no bitmap).
     */
    public static int select(Vector v, long base, long lastOffset, long[] bits, int[] sel, int count) {
        long[] valid = v.validity;
        int n = 0;
        if (v.physical == PhysicalType.INT32) {
            int[] a = v.ints;
            for (int j = 0; j < count; j++) {
                int r = sel[j];
                long off = a[r] - base;
                long in = Long.compareUnsigned(off, lastOffset) <= 0 ? 1L : 0L;
                // out of range reads word 0 and is masked away by in
                long bit = bits == null ? in : (bits[(int) ((off & -in) >>> 6)] >>> off) & in;
                if (valid != null) bit &= valid[r >>> 6] >>> r;
                sel[n] = r;
                n += (int) (bit & 1L);
            }
            return n;
        }
        long[] a = v.longs;
        for (int j = 0; j < count; j++) {
            int r = sel[j];
            long off = a[r] - base;
            long in = Long.compareUnsigned(off, lastOffset) <= 0 ? 1L : 0L;
            long bit = bits == null ? in : (bits[(int) ((off & -in) >>> 6)] >>> off) & in;
            if (valid != null) bit &= valid[r >>> 6] >>> r;
            sel[n] = r;
            n += (int) (bit & 1L);
        }
        return n;
    }

    /** Whether {@code v} can find a partner. */
    public boolean mayMatch(long v) {
        if (v < min || v > max) return false;
        if (bits == null) return true;
        long off = v - min;
        return (bits[(int) (off >>> 6)] >>> off & 1L) != 0;
    }
}
