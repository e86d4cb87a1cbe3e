package io.tealdb.arrow;

import io.tealdb.Result;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Pulls a streaming result's chunks into groups of at most {@code batchRows} rows, splitting a chunk
 * across two groups where needed: one Arrow record batch is written from each group. Only the chunks
 * of the group being written are held, so exporting a large result never keeps it all on the heap.
 */
final class ChunkBatcher {
    private final Result result;
    private final int batchRows;
    /** A chunk partly consumed by the previous group, and its first row not yet handed out. */
    private DataChunk pending;
    private int pendingFrom;

    ChunkBatcher(Result result, int batchRows) {
        this.result = result;
        this.batchRows = batchRows;
    }

    /** The next group of slices (empty at the end of the result). */
    List<ChunkSlice> next() {
        List<ChunkSlice> slices = new ArrayList<>();
        int total = 0;
        while (total < batchRows) {
            DataChunk c = pending;
            int from = pendingFrom;
            if (c == null) {
                c = result.nextChunk();
                from = 0;
                if (c == null) break;
            }
            int take = Math.min(c.size() - from, batchRows - total);
            if (take > 0) slices.add(new ChunkSlice(c, from, take));
            total += take;
            if (from + take < c.size()) {
                pending = c;
                pendingFrom = from + take;
            } else {
                pending = null;
            }
        }
        return slices;
    }

    /**
     * Hands the chunks that {@code written} (a group {@link #next} returned, now written into Arrow)
     * used up back to the query, which fills them again instead of allocating new vectors. A chunk
     * split across two groups goes back with the second. Call on the consuming thread, after the
     * group's batch was written and before the next group is written.
     */
    void recycle(List<ChunkSlice> written) {
        for (ChunkSlice s : written) {
            if (s.from() + s.count() == s.chunk().size()) result.recycle(s.chunk());
        }
    }

    static int rows(List<ChunkSlice> slices) {
        int n = 0;
        for (ChunkSlice s : slices) n += s.count();
        return n;
    }
}
