package io.tealdb.function.aggregate;

import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

/**
 * Numbers, dates and times as {@code long} keys whose signed order is the values' order, and back:
 * integers as themselves, floating point through its bits (negative values' magnitude bits flipped,
 * every NaN as one largest key, as {@link ValueStore#compareDouble} orders them). Plus selection of
 * the k-th smallest key in place.
 */
final class SortableKeys {
    private SortableKeys() {
    }

    /** Whether values of {@code t} have keys (the primitive layouts with signed order; not TIMETZ or ENUM). */
    static boolean supports(LogicalType t) {
        PhysicalType p = t.physical();
        boolean primitive = p == PhysicalType.INT8 || p == PhysicalType.INT16 || p == PhysicalType.INT32
                || p == PhysicalType.INT64 || p == PhysicalType.FLOAT || p == PhysicalType.DOUBLE;
        return primitive && t.id() != TypeId.TIME_TZ && t.id() != TypeId.ENUM;
    }

    static long key(Vector v, int row) {
        return switch (v.physical) {
            case INT8 -> v.bytes[row];
            case INT16 -> v.shorts[row];
            case INT32 -> v.ints[row];
            case INT64 -> v.longs[row];
            case FLOAT -> ofDouble(v.floats[row]);
            case DOUBLE -> ofDouble(v.doubles[row]);
            default -> throw new IllegalStateException("no sortable key for " + v.type);
        };
    }

    static long ofDouble(double d) {
        long bits = Double.doubleToLongBits(d); // every NaN as the one canonical NaN
        if (d == 0) bits = 0; // -0.0 and 0.0 compare equal
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double toDouble(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /** Writes the value of {@code key} into row {@code row} of {@code v} (the layout {@link #key} read). */
    static void write(Vector v, int row, long key) {
        switch (v.physical) {
            case INT8 -> v.bytes[row] = (byte) key;
            case INT16 -> v.shorts[row] = (short) key;
            case INT32 -> v.ints[row] = (int) key;
            case INT64 -> v.longs[row] = key;
            case FLOAT -> v.floats[row] = (float) toDouble(key);
            case DOUBLE -> v.doubles[row] = toDouble(key);
            default -> throw new IllegalStateException("no sortable key for " + v.type);
        }
    }

    /**
     * The {@code k}-th smallest of {@code keys[0, n)} (0-based), reordering them: quickselect with a
     * median-of-three pivot, falling back to a full sort after too many rounds (adversarial input).
     */
    static long select(long[] keys, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, n))) + 4;
        while (hi > lo) {
            if (--rounds < 0) {
                java.util.Arrays.sort(keys, lo, hi + 1);
                return keys[k];
            }
            int mid = (lo + hi) >>> 1;
            long a = keys[lo], b = keys[mid], c = keys[hi];
            long pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j) {
                    long t = keys[i];
                    keys[i] = keys[j];
                    keys[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return keys[k];
        }
        return keys[k];
    }
}
