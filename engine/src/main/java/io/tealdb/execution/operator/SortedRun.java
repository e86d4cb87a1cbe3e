package io.tealdb.execution.operator;

import io.tealdb.vector.RowCompare;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows stored in full chunks of {@link DataChunk#CAPACITY} (row r is row {@code r & 2047} of chunk
 * {@code r >>> 11}) with their normalised keys, plus the sorted order of the rows.
 */
final class SortedRun {
    static final int SHIFT = 11;
    static final int MASK = DataChunk.CAPACITY - 1;

    final List<DataChunk> chunks;
    final int rows;
    final long[] keys;
    final int words;
    final int[] keyColumns;
    final boolean[] ascending;
    final boolean[] nullsFirst;
    final boolean tiebreak;
    int[] order;

    SortedRun(List<DataChunk> chunks, int rows, long[] keys, int words, int[] keyColumns, boolean[] ascending,
              boolean[] nullsFirst, boolean tiebreak) {
        this.chunks = chunks;
        this.rows = rows;
        this.keys = keys;
        this.words = words;
        this.keyColumns = keyColumns;
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
        this.tiebreak = tiebreak;
    }

    Vector column(int row, int col) {
        return chunks.get(row >>> SHIFT).column(col);
    }

    /** Compares row a of run x with row b of run y (same key layout). */
    static int compare(SortedRun x, int a, SortedRun y, int b) {
        int w = x.words;
        long[] kx = x.keys;
        long[] ky = y.keys;
        int pa = a * w;
        int pb = b * w;
        for (int i = 0; i < w; i++) {
            long u = kx[pa + i];
            long v = ky[pb + i];
            if (u != v) return Long.compareUnsigned(u, v);
        }
        if (!x.tiebreak) return 0;
        for (int k = 0; k < x.keyColumns.length; k++) {
            Vector va = x.column(a, x.keyColumns[k]);
            Vector vb = y.column(b, y.keyColumns[k]);
            int ra = a & MASK;
            int rb = b & MASK;
            boolean an = va.isNull(ra);
            boolean bn = vb.isNull(rb);
            if (an || bn) {
                if (an && bn) continue;
                return an == x.nullsFirst[k] ? -1 : 1;
            }
            int c = RowCompare.compare(va, ra, vb, rb);
            if (c != 0) return x.ascending[k] ? c : -c;
        }
        return 0;
    }

    /** Sorts {@link #order} (stable merge sort on normalised keys). */
    void sort() {
        io.tealdb.execution.Cancellation.check();
        int[] a = new int[rows];
        for (int i = 0; i < rows; i++) a[i] = i;
        int[] tmp = new int[rows];
        mergeSort(a, tmp, 0, rows);
        order = a;
    }

    private void mergeSort(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo <= 24) {
            for (int i = lo + 1; i < hi; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= lo && compare(this, a[j], this, x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        // every merge of 4096+ rows: a cancelled query stops within a fraction of a second
        if (hi - lo >= 4096) io.tealdb.execution.Cancellation.check();
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid);
        mergeSort(a, tmp, mid, hi);
        if (compare(this, a[mid - 1], this, a[mid]) <= 0) return;
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            // the top merges of a run of tens of millions of rows take seconds: a cancel must reach them
            if ((k & 0xFFFF) == 0) io.tealdb.execution.Cancellation.check();
            a[k++] = compare(this, tmp[j], this, tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        }
        while (i < mid) a[k++] = tmp[i++];
        while (j < hi) a[k++] = tmp[j++];
    }

    /**
     * Merges sorted runs into one global order: entry = (run index &lt;&lt; 32) | row. Returns at most
     * {@code limit} entries (the smallest).
     */
    static long[] merge(List<SortedRun> runs, long limit) {
        long total = 0;
        for (SortedRun r : runs) total += r.rows;
        int n = (int) Math.min(total, limit);
        long[] out = new long[n];
        int k = runs.size();
        int[] pos = new int[k];
        if (k == 1) {
            int[] o = runs.get(0).order;
            for (int i = 0; i < n; i++) out[i] = o[i];
            return out;
        }
        // k is the number of threads (small): a linear scan over the run heads per output row.
        for (int i = 0; i < n; i++) {
            if ((i & 4095) == 0) io.tealdb.execution.Cancellation.check();
            int best = -1;
            for (int r = 0; r < k; r++) {
                SortedRun run = runs.get(r);
                if (pos[r] >= run.rows) continue;
                if (best < 0 || compare(run, run.order[pos[r]], runs.get(best), runs.get(best).order[pos[best]]) < 0) {
                    best = r;
                }
            }
            out[i] = ((long) best << 32) | runs.get(best).order[pos[best]];
            pos[best]++;
        }
        return out;
    }

    /** Gathers rows {@code merged[from..from+count)} of {@code runs} into the first {@code columns} columns of {@code out}. */
    static void gather(List<SortedRun> runs, long[] merged, int from, int count, DataChunk out, int columns) {
        for (int c = 0; c < columns; c++) {
            Vector dst = out.column(c);
            dst.reset();
            for (int i = 0; i < count; i++) {
                long p = merged[from + i];
                SortedRun run = runs.get((int) (p >>> 32));
                int row = (int) p;
                dst.copyRow(run.chunks.get(row >>> SHIFT).column(c), row & MASK, i);
            }
        }
        out.setSize(count);
    }

    /** The first {@code limit} rows in sorted order, copied into fresh full chunks (for top-n). */
    List<DataChunk> firstRows(int limit, List<io.tealdb.types.LogicalType> types) {
        int n = Math.min(limit, rows);
        List<DataChunk> out = new ArrayList<>();
        List<SortedRun> self = List.of(this);
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) idx[i] = order[i];
        for (int at = 0; at < n; at += DataChunk.CAPACITY) {
            int cnt = Math.min(DataChunk.CAPACITY, n - at);
            DataChunk c = new DataChunk(types);
            gather(self, idx, at, cnt, c, types.size());
            out.add(c);
        }
        return out;
    }
}
