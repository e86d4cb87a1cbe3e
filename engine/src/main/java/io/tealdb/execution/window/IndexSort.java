package io.tealdb.execution.window;

/**
 * Stable merge sort of row indexes (never of rows) by a primitive comparator. Stability matters:
 * rows that tie on every window key keep their input order, so results are deterministic.
 */
final class IndexSort {
    /** Compares two row indexes; one final implementation per use so the JIT inlines it. */
    interface IntComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION_THRESHOLD = 24;

    private IndexSort() {
    }

    /** Sorts {@code idx[lo, hi)}. */
    static void sort(int[] idx, int lo, int hi, IntComparator cmp) {
        int n = hi - lo;
        if (n < 2) return;
        int[] tmp = new int[n];
        // insertion-sort small runs, then merge bottom-up, ping-ponging between idx and tmp
        for (int s = lo; s < hi; s += INSERTION_THRESHOLD) {
            if (((s - lo) & 8191) < INSERTION_THRESHOLD) io.tealdb.execution.Cancellation.check();
            insertion(idx, s, Math.min(hi, s + INSERTION_THRESHOLD), cmp);
        }
        int[] src = idx;
        int srcOff = lo;
        int[] dst = tmp;
        int dstOff = 0;
        for (int width = INSERTION_THRESHOLD; width < n; width <<= 1) {
            for (int left = 0; left < n; left += width << 1) {
                int mid = Math.min(n, left + width);
                int right = Math.min(n, left + (width << 1));
                merge(src, srcOff, dst, dstOff, left, mid, right, cmp);
            }
            int[] t = src;
            src = dst;
            dst = t;
            int o = srcOff;
            srcOff = dstOff;
            dstOff = o;
        }
        if (src != idx) System.arraycopy(src, srcOff, idx, lo, n);
    }

    private static void insertion(int[] a, int lo, int hi, IntComparator cmp) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && cmp.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void merge(int[] src, int so, int[] dst, int dOff, int left, int mid, int right, IntComparator cmp) {
        int i = left, j = mid, k = left;
        if (mid >= right || cmp.compare(src[so + mid - 1], src[so + mid]) <= 0) {
            System.arraycopy(src, so + left, dst, dOff + left, right - left);
            return;
        }
        while (i < mid && j < right) {
            // one merge of the last passes covers every row: a cancel must reach it (string and list keys compare slowly)
            if ((k & 8191) == 0) io.tealdb.execution.Cancellation.check();
            int a = src[so + i];
            int b = src[so + j];
            if (cmp.compare(a, b) <= 0) {
                dst[dOff + k++] = a;
                i++;
            } else {
                dst[dOff + k++] = b;
                j++;
            }
        }
        while (i < mid) dst[dOff + k++] = src[so + i++];
        while (j < right) dst[dOff + k++] = src[so + j++];
    }
}
