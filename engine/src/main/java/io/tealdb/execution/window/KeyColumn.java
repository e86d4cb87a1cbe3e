package io.tealdb.execution.window;

import io.tealdb.vector.RowCompare;
import io.tealdb.vector.Vector;

/**
 * One sort/partition key column normalised to an order-preserving {@code long} per row, so the
 * window sort compares primitive longs instead of dispatching on the type per comparison.
 * Fixed-width types map directly (doubles through their ordered bit pattern); HUGEINT, VARCHAR,
 * BLOB, INTERVAL and nested values are replaced by their dense rank (one comparator sort of that column).
 *
 * @param values the normalised value per input row (arbitrary for null rows)
 * @param nulls  null flag per input row, or null when the column has no nulls
 */
record KeyColumn(long[] values, boolean[] nulls) {

    static KeyColumn encode(Vector v, int n) {
        boolean[] nulls = null;
        if (v.validity != null) {
            nulls = new boolean[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    nulls[i] = true;
                    any = true;
                }
            }
            if (!any) nulls = null;
        }
        long[] out = new long[n];
        switch (v.physical) {
            case BOOL, INT8 -> {
                byte[] x = v.bytes;
                for (int i = 0; i < n; i++) out[i] = x[i];
            }
            case INT16 -> {
                short[] x = v.shorts;
                for (int i = 0; i < n; i++) out[i] = x[i];
            }
            case INT32 -> {
                int[] x = v.ints;
                for (int i = 0; i < n; i++) out[i] = x[i];
            }
            case INT64 -> System.arraycopy(v.longs, 0, out, 0, n);
            case FLOAT -> {
                float[] x = v.floats;
                for (int i = 0; i < n; i++) out[i] = orderedBits(x[i]);
            }
            case DOUBLE -> {
                double[] x = v.doubles;
                for (int i = 0; i < n; i++) out[i] = orderedBits(x[i]);
            }
            case INT128, VARLEN, INTERVAL, LIST, STRUCT -> denseRank(v, n, nulls, out);
        }
        return new KeyColumn(out, nulls);
    }

    /** Ordered bit pattern: -0.0 equals 0.0, every NaN equal and greater than +infinity (DuckDB order). */
    static long orderedBits(double d) {
        if (d == 0.0) d = 0.0;
        long b = Double.doubleToLongBits(d); // canonical NaN 0x7ff8... sorts above +inf
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    private static void denseRank(Vector v, int n, boolean[] nulls, long[] out) {
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (nulls == null || !nulls[i]) rows[m++] = i;
        }
        IndexSort.sort(rows, 0, m, (a, b) -> RowCompare.compare(v, a, v, b));
        long rank = 0;
        for (int k = 0; k < m; k++) {
            if (k > 0 && RowCompare.compare(v, rows[k - 1], v, rows[k]) != 0) rank++;
            out[rows[k]] = rank;
        }
    }

    boolean isNull(int row) {
        return nulls != null && nulls[row];
    }
}
