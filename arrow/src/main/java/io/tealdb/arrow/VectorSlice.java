package io.tealdb.arrow;

import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows {@code [from, from + count)} of one TealDB vector: an Arrow column is written from a list of
 * these (the same column of several result chunks, or the entry ranges of a list's child vector).
 */
record VectorSlice(Vector vector, int from, int count) {
    /** Column {@code c} of every chunk slice. */
    static List<VectorSlice> column(List<ChunkSlice> chunks, int c) {
        List<VectorSlice> out = new ArrayList<>(chunks.size());
        for (ChunkSlice s : chunks) out.add(new VectorSlice(s.chunk().column(c), s.from(), s.count()));
        return out;
    }
}
