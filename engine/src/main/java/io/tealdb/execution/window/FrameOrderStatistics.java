package io.tealdb.execution.window;

import io.tealdb.function.aggregate.OrderStatisticAggregate;
import io.tealdb.memory.StatementGuard;
import io.tealdb.vector.Vector;

import java.util.Arrays;

/**
 * median / quantile_cont / quantile_disc over window frames without copying any frame's values:
 * each partition's values are ranked once (a primitive sort of their keys), and a Fenwick tree
 * counts the ranks inside the current frame. Moving from one row's frame to the next adds and
 * removes only the positions that enter or leave it, and the k-th smallest value is found by one
 * descent of the tree: O(n log n) for the sliding and growing frames of ordered windows, where
 * feeding every frame to its own group (or merging running states) cost the sum of the frame sizes
 * in time and, for running frames, in memory.
 */
final class FrameOrderStatistics {
    private FrameOrderStatistics() {
    }

    /**
     * Writes the aggregate over each frame of sorted positions {@code [from, to)} (whole
     * partitions) into {@code out} (row p - from). {@code passes}: FILTER per position, or null.
     */
    static void evaluate(OrderStatisticAggregate fn, double quantile, PartitionLayout layout, FrameBounds frames,
                         Vector arg, boolean[] passes, int from, int to, Vector out) {
        int p = from;
        while (p < to) {
            int part = layout.partOf[p];
            int ps = layout.partStart[part];
            int pe = Math.min(layout.partStart[part + 1], to);
            partition(fn, quantile, layout, frames, arg, passes, ps, pe, from, out);
            p = pe;
        }
    }

    private static void partition(OrderStatisticAggregate fn, double quantile, PartitionLayout layout, FrameBounds frames,
                                  Vector arg, boolean[] passes, int ps, int pe, int from, Vector out) {
        int len = pe - ps;
        // the keys of the values that count (not NULL, passing FILTER), then their ranks in value order
        long[] keyAt = new long[len];
        boolean[] counted = new boolean[len];
        int m = 0;
        for (int i = 0; i < len; i++) {
            int row = layout.idx[ps + i];
            if (arg.isNull(row) || (passes != null && !passes[ps + i])) continue;
            keyAt[i] = fn.key(arg, row);
            counted[i] = true;
            m++;
        }
        StatementGuard.reserve(24L * len, "the frames of a window quantile");
        long[] sorted = new long[m];
        int k = 0;
        for (int i = 0; i < len; i++) if (counted[i]) sorted[k++] = keyAt[i];
        Arrays.sort(sorted);
        // equal values get consecutive ranks: the first free one at their value's lower bound
        int[] rank = new int[len];
        int[] taken = new int[m];
        for (int i = 0; i < len; i++) {
            if (!counted[i]) {
                rank[i] = -1;
                continue;
            }
            int lb = lowerBound(sorted, keyAt[i]);
            rank[i] = lb + taken[lb]++;
        }
        RankCounts inFrame = new RankCounts(sorted);
        int cs = ps;
        int ce = ps;
        for (int p = ps; p < pe; p++) {
            if (((p - ps) & 1023) == 1023) StatementGuard.check();
            int s = frames.start[p];
            int e = Math.max(s, frames.end[p]);
            if (s >= ce || e <= cs) {
                // disjoint from the last frame: start afresh rather than walk the gap
                inFrame.clear();
                cs = ce = s;
            }
            while (ce < e) inFrame.add(rank[ce++ - ps]);
            while (cs > s) inFrame.add(rank[--cs - ps]);
            while (cs < s) inFrame.remove(rank[cs++ - ps]);
            while (ce > e) inFrame.remove(rank[--ce - ps]);
            int n = inFrame.count;
            if (n == 0) out.setNull(p - from);
            else fn.writeResult(quantile, n, inFrame, out, p - from);
        }
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** How many of each rank the current frame holds (a Fenwick tree), and the k-th smallest key. */
    private static final class RankCounts implements OrderStatisticAggregate.KeyAtRank {
        private final long[] sorted;
        private final int[] tree;
        private final int top;
        int count;

        RankCounts(long[] sorted) {
            this.sorted = sorted;
            this.tree = new int[sorted.length + 1];
            this.top = sorted.length == 0 ? 0 : Integer.highestOneBit(sorted.length);
        }

        void clear() {
            if (count == 0) return;
            Arrays.fill(tree, 0);
            count = 0;
        }

        void add(int rank) {
            if (rank < 0) return;
            for (int i = rank + 1; i < tree.length; i += i & -i) tree[i]++;
            count++;
        }

        void remove(int rank) {
            if (rank < 0) return;
            for (int i = rank + 1; i < tree.length; i += i & -i) tree[i]--;
            count--;
        }

        /** The key of the {@code index}-th smallest value in the frame (0-based). */
        @Override
        public long keyAt(int index) {
            int pos = 0;
            int rest = index;
            for (int step = top; step > 0; step >>= 1) {
                int next = pos + step;
                if (next < tree.length && tree[next] <= rest) {
                    pos = next;
                    rest -= tree[next];
                }
            }
            return sorted[pos]; // pos ranks lie below the wanted one: it is rank pos (tree index pos + 1)
        }
    }
}
