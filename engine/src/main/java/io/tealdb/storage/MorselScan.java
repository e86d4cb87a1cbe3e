package io.tealdb.storage;

import io.tealdb.vector.DataChunk;

/**
 * One claimed range of a {@link TableScan}, read by a single thread.
 */
public interface MorselScan {
    /**
     * Fills {@code out} (resetting it first) with up to {@link DataChunk#CAPACITY} visible rows of the
     * requested columns, in storage order. {@code out} must have one vector per requested column of
     * the matching type ({@link TableScan#outputTypes()}) and capacity >= 2048. Returns false (with
     * {@code out.size() == 0}) when the morsel is exhausted; true means {@code out.size() > 0}.
     */
    boolean next(DataChunk out);
}
