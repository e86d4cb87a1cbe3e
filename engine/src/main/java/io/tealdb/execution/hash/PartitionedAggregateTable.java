package io.tealdb.execution.hash;

import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.Arrays;

/**
 * One thread's aggregation of one grouping set, radix-partitioned as DuckDB's hash aggregate: a
 * single {@link AggregateHashTable} while its groups are few; once it holds {@link #SPLIT_GROUPS}
 * groups it {@link AggregateHashTable#split splits} into 2^bits tables by the high bits of the key
 * hashes, and from then on each chunk's rows go to their partition's table (hashed once, the
 * hashes passed on). Every thread splits by the same bits, so the merge folds partition p of all
 * threads as one task ({@link AggregateHashTable#mergePartitions}) and reads each source
 * partition's groups in order; queries with few groups never pay for the scatter.
 */
final class PartitionedAggregateTable {
    /** Groups a thread-local table holds before it splits. */
    static final int SPLIT_GROUPS = 1 << 15;
    private static final int CAP = DataChunk.CAPACITY;

    private final int bits;
    private final int expectedGroups;
    private AggregateHashTable whole;
    private AggregateHashTable[] parts;

    private final long[] hashes = new long[CAP];
    private final long[] partHashes = new long[CAP];
    private final int[] partOf = new int[CAP];
    private final int[] rows = new int[CAP];
    private final int[] sel = new int[CAP];
    private int[] start;
    private Vector[] keyScratch;
    private Vector[] inputScratch;

    /**
     * @param bits           0: never split (one thread, or no group keys)
     * @param expectedGroups the groups the table was sized for: the partitions start at their share of it
     */
    PartitionedAggregateTable(AggregateHashTable table, int bits, int expectedGroups) {
        this.whole = table;
        this.expectedGroups = expectedGroups;
        this.bits = table.groupMap() == null ? 0 : bits;
    }

    boolean isSplit() {
        return parts != null;
    }

    /** The table, or its partitions once split. */
    AggregateHashTable[] tables() {
        return parts != null ? parts : new AggregateHashTable[]{whole};
    }

    /** Splits now (a table that stayed small, merged with split ones); no-op when split or not splittable. */
    void split() {
        if (parts != null || bits == 0) return;
        parts = whole.split(bits, expectedGroups);
        whole = null;
    }

    void sink(Vector[] keys, Vector[] inputs, int count) {
        if (parts == null) {
            whole.sink(keys, inputs, count);
            if (bits > 0 && whole.groupCount() >= SPLIT_GROUPS) split();
            return;
        }
        parts[0].groupMap().hash(keys, count, hashes);
        int partitions = parts.length;
        int shift = 64 - bits;
        if (start == null) start = new int[partitions + 1];
        Arrays.fill(start, 0);
        for (int i = 0; i < count; i++) {
            int p = (int) (hashes[i] >>> shift);
            partOf[i] = p;
            start[p + 1]++;
        }
        for (int p = 0; p < partitions; p++) start[p + 1] += start[p];
        for (int i = 0; i < count; i++) rows[start[partOf[i]]++] = i;
        // start[p] is now the end of partition p
        int from = 0;
        for (int p = 0; p < partitions; p++) {
            int to = start[p];
            int n = to - from;
            if (n == count) {
                parts[p].sink(keys, hashes, inputs, count);
            } else if (n > 0) {
                System.arraycopy(rows, from, sel, 0, n);
                for (int k = 0; k < n; k++) partHashes[k] = hashes[sel[k]];
                parts[p].sink(slice(keys, true, n), partHashes, slice(inputs, false, n), n);
            }
            from = to;
        }
    }

    /** Rows {@code sel[0..n)} of {@code src} in scratch vectors (strings borrowed, not copied: the table copies what it keeps). */
    private Vector[] slice(Vector[] src, boolean keys, int n) {
        Vector[] out = keys ? keyScratch : inputScratch;
        if (out == null) {
            out = new Vector[src.length];
            for (int c = 0; c < src.length; c++) out[c] = new Vector(src[c].type, CAP);
            if (keys) keyScratch = out;
            else inputScratch = out;
        }
        for (int c = 0; c < src.length; c++) {
            out[c].reset();
            out[c].copyFromSharing(src[c], sel, n);
        }
        return out;
    }
}
