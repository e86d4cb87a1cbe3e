package io.tealdb.execution.window;

/**
 * The input rows sorted by (PARTITION BY keys, ORDER BY keys), as positions: {@code idx[p]} is the
 * input row at sorted position p. Partitions and peer groups (rows equal on every ORDER BY key;
 * the whole partition when there is no ORDER BY) are contiguous position ranges.
 */
final class PartitionLayout {
    final int n;
    /** Sorted position → input row. */
    final int[] idx;
    /** Sorted position → partition number. */
    final int[] partOf;
    /** Partition → first position; {@code partStart[partitions] == n}. */
    final int[] partStart;
    final int partitions;
    /** Sorted position → global peer group number (increasing with position). */
    final int[] peerOf;
    /** Peer group → first position; {@code peerStart[groups] == n}. */
    final int[] peerStart;
    final int peerGroups;

    private PartitionLayout(int n, int[] idx, int[] partOf, int[] partStart, int partitions, int[] peerOf, int[] peerStart,
                            int peerGroups) {
        this.n = n;
        this.idx = idx;
        this.partOf = partOf;
        this.partStart = partStart;
        this.partitions = partitions;
        this.peerOf = peerOf;
        this.peerStart = peerStart;
        this.peerGroups = peerGroups;
    }

    /**
     * Sorts rows {@code [0,n)} by {@code partitionKeys} (ascending, nulls last — any fixed order works
     * for partitioning) then {@code orderKeys}; the sort is stable.
     */
    static PartitionLayout build(int n, KeyColumn[] partitionKeys, KeyColumn[] orderKeys, boolean[] ascending,
                                 boolean[] nullsFirst) {
        int np = partitionKeys.length;
        int no = orderKeys.length;
        KeyColumn[] keys = new KeyColumn[np + no];
        boolean[] asc = new boolean[np + no];
        boolean[] nf = new boolean[np + no];
        for (int k = 0; k < np; k++) {
            keys[k] = partitionKeys[k];
            asc[k] = true;
        }
        for (int k = 0; k < no; k++) {
            keys[np + k] = orderKeys[k];
            asc[np + k] = ascending[k];
            nf[np + k] = nullsFirst[k];
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        KeyComparator cmp = new KeyComparator(keys, asc, nf);
        if (keys.length > 0 && !packedSort(idx, n, keys, asc, nf)) IndexSort.sort(idx, 0, n, cmp);

        int[] partOf = new int[n];
        int[] peerOf = new int[n];
        int[] partStart = new int[n + 1];
        int[] peerStart = new int[n + 1];
        int parts = 0;
        int peers = 0;
        for (int p = 0; p < n; p++) {
            if ((p & 0xFFFF) == 0xFFFF) io.tealdb.execution.Cancellation.check(); // millions of rows: a cancel must reach it
            boolean newPart = p == 0 || (np > 0 && !cmp.equal(idx[p - 1], idx[p], 0, np));
            boolean newPeer = newPart || (no > 0 && !cmp.equal(idx[p - 1], idx[p], np, np + no));
            if (newPart) partStart[parts++] = p;
            if (newPeer) peerStart[peers++] = p;
            partOf[p] = parts - 1;
            peerOf[p] = peers - 1;
        }
        partStart[parts] = n;
        peerStart[peers] = n;
        return new PartitionLayout(n, idx, partOf, partStart, parts, peerOf, peerStart, peers);
    }

    /**
     * Fast path: when all keys (as value ranges) plus the row number fit into 63 bits, each row
     * becomes one order-preserving long (keys high, row low — which also makes the sort stable) and
     * a primitive sort replaces the comparator merge sort. Returns false when the keys do not fit.
     */
    private static boolean packedSort(int[] idx, int n, KeyColumn[] keys, boolean[] asc, boolean[] nullsFirst) {
        int rowBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        int total = rowBits;
        long[] mins = new long[keys.length];
        long[] ranges = new long[keys.length];
        int[] bits = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            long[] v = keys[k].values();
            boolean[] nl = keys[k].nulls();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) continue;
                long x = v[i];
                if (x < min) min = x;
                if (x > max) max = x;
            }
            if (min > max) {
                min = 0;
                max = 0;
            }
            long range = max - min;
            if (range < 0 || range > (1L << 61)) return false; // overflowed or too wide
            mins[k] = min;
            ranges[k] = range;
            bits[k] = 64 - Long.numberOfLeadingZeros(range + 2);
            total += bits[k];
            if (total > 63) return false;
        }
        long[] packed = new long[n];
        for (int k = 0; k < keys.length; k++) {
            long[] v = keys[k].values();
            boolean[] nl = keys[k].nulls();
            long min = mins[k];
            long range = ranges[k];
            long nullCode = nullsFirst[k] ? 0 : range + 2;
            int b = bits[k];
            boolean a = asc[k];
            for (int i = 0; i < n; i++) {
                long code = nl != null && nl[i] ? nullCode : a ? v[i] - min + 1 : range - (v[i] - min) + 1;
                packed[i] = (packed[i] << b) | code;
            }
        }
        for (int i = 0; i < n; i++) packed[i] = (packed[i] << rowBits) | i;
        sortCancellable(packed);
        long mask = (1L << rowBits) - 1;
        for (int i = 0; i < n; i++) idx[i] = (int) (packed[i] & mask);
        return true;
    }

    /** Rows per run of {@link #sortCancellable}: one run sorts in tens of milliseconds. */
    private static final int SORT_RUN = 1 << 20;

    /**
     * Sorts {@code a} ascending, stopping when the statement is cancelled: runs of {@link #SORT_RUN}
     * values sorted one at a time (in parallel within a run), then merged pairwise, with a check
     * between runs and every 65,536 merged values. One parallelSort of the whole array cannot be
     * interrupted, and over tens of millions of rows (a lateral join's pairs) it ran for seconds.
     */
    static void sortCancellable(long[] a) {
        int n = a.length;
        if (n <= SORT_RUN) {
            if (n > 1 << 16) java.util.Arrays.parallelSort(a);
            else java.util.Arrays.sort(a);
            return;
        }
        for (int from = 0; from < n; from += SORT_RUN) {
            io.tealdb.execution.Cancellation.check();
            java.util.Arrays.parallelSort(a, from, Math.min(n, from + SORT_RUN));
        }
        long[] src = a;
        long[] dst = new long[n];
        for (int width = SORT_RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    if ((k & 0xFFFF) == 0) io.tealdb.execution.Cancellation.check();
                    dst[k] = j >= hi || (i < mid && src[i] <= src[j]) ? src[i++] : src[j++];
                }
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) System.arraycopy(src, 0, a, 0, n);
    }

    int partitionEnd(int part) {
        return partStart[part + 1];
    }

    int peerBegin(int p) {
        return peerStart[peerOf[p]];
    }

    int peerEnd(int p) {
        return peerStart[peerOf[p] + 1];
    }

    /** Input row → sorted position. */
    int[] inverse() {
        int[] inv = new int[n];
        for (int p = 0; p < n; p++) inv[idx[p]] = p;
        return inv;
    }

    /**
     * Splits positions into at most {@code tasks} ranges of whole partitions with roughly equal row
     * counts; returns range boundaries {@code b[0]=0 < ... < b[k]=n}.
     */
    int[] splitRanges(int tasks) {
        if (tasks <= 1 || partitions <= 1 || n == 0) return new int[]{0, n};
        int target = Math.max(1, (n + tasks - 1) / tasks);
        int[] bounds = new int[Math.min(tasks, partitions) + 2];
        int k = 0;
        bounds[k++] = 0;
        int last = 0;
        for (int part = 1; part < partitions && k < bounds.length - 1; part++) {
            int s = partStart[part];
            if (s - last >= target) {
                bounds[k++] = s;
                last = s;
            }
        }
        bounds[k++] = n;
        return java.util.Arrays.copyOf(bounds, k);
    }
}
