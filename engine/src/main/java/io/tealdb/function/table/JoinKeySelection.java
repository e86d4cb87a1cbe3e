package io.tealdb.function.table;

import io.tealdb.function.JoinKeyFilter;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

/**
 * Keeps the rows of an INTEGER or BIGINT column whose value can find a partner in a hash join's
 * build: within the build keys' range and, when the join made one, set in its bitmap of key values.
 * NULL never finds a partner.
 */
record JoinKeySelection(JoinKeyFilter key) implements RowSelection {

    @Override
    public int select(Vector v, int[] sel, int count) {
        long min = key.min(), max = key.max();
        if (min > max) return 0;
        long span = max - min; // unsigned compare below: v - min <= span
        long[] bits = key.bits();
        boolean nulls = v.validity != null;
        int n = 0;
        if (v.physical == PhysicalType.INT32) {
            int[] a = v.ints;
            for (int j = 0; j < count; j++) {
                int r = sel[j];
                long off = a[r] - min;
                boolean in = Long.compareUnsigned(off, span) <= 0 && (bits == null || (bits[(int) (off >>> 6)] >>> off & 1L) != 0);
                sel[n] = r;
                n += in && (!nulls || !v.isNull(r)) ? 1 : 0;
            }
            return n;
        }
        long[] a = v.longs;
        for (int j = 0; j < count; j++) {
            int r = sel[j];
            long off = a[r] - min;
            boolean in = Long.compareUnsigned(off, span) <= 0 && (bits == null || (bits[(int) (off >>> 6)] >>> off & 1L) != 0);
            sel[n] = r;
            n += in && (!nulls || !v.isNull(r)) ? 1 : 0;
        }
        return n;
    }
}
