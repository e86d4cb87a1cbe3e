package io.tealdb.storage;

import io.tealdb.vector.Vector;

/**
 * Where a persistent database's tables write a row group that one uncommitted transaction filled
 * (DuckDB's "optimistic writes"), so that a transaction larger than memory keeps only the group it
 * is filling on the heap: the written group's column segments become evictable like checkpointed
 * ones. At commit the log records where the group is instead of its rows, and the next checkpoint
 * reuses its blocks; a rollback gives them back. Implemented by the persistence layer.
 */
public interface RowGroupSpill {
    /**
     * Writes a full row group ({@code positions} rows, all of {@code columns}, zone maps
     * {@code stats}) into blocks that stay allocated until {@link #committed} or {@link #discarded}.
     * Returns its handle (what {@link CheckpointSink#reuse} later receives).
     */
    Object write(int positions, Vector[] columns, SegmentStats[] stats);

    /** Where column {@code column} of the group written as {@code handle} can be read again. */
    SegmentSource source(Object handle, int column);

    /**
     * The transaction that wrote the group committed ({@code referenced}: the group holds exactly
     * what was written, so the next checkpoint reuses the blocks; otherwise it frees them). Called
     * under the commit lock.
     */
    void committed(Object handle, boolean referenced);

    /** The rows of the group were rolled back: its blocks are free again. */
    void discarded(Object handle);
}
