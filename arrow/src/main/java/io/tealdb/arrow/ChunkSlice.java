package io.tealdb.arrow;

import io.tealdb.vector.DataChunk;

/** Rows {@code [from, from + count)} of a result chunk: what one Arrow batch is assembled from. */
record ChunkSlice(DataChunk chunk, int from, int count) {
}
