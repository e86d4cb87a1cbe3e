package io.tealdb.storage;

import io.tealdb.vector.Vector;

/**
 * Receives the committed contents of a table's row groups during a checkpoint
 * ({@link DataTable#checkpoint}). A row group is either written afresh (its live rows, compacted)
 * or, when nothing changed since the checkpoint that produced {@code handle}, reused.
 */
public interface CheckpointSink {
    /**
     * Row group {@code group} has {@code positions} row slots; {@code live} marks the slots holding a
     * committed row (null: all of them), whose values are rows {@code 0..liveCount} of
     * {@code columns}, with zone maps {@code stats}. Returns a handle that {@link #reuse} gets back
     * while the group stays unchanged.
     */
    Object write(int group, int positions, long[] live, int liveCount, Vector[] columns, SegmentStats[] stats);

    /** Where column {@code column} of the group written as {@code handle} can be read again (null: nowhere). */
    default SegmentSource source(Object handle, int column) {
        return null;
    }

    /** False to have an unchanged group written again (to move it out of the file's tail). */
    default boolean canReuse(Object handle) {
        return true;
    }

    /** Row group {@code group} is unchanged since it was written as {@code handle}. */
    void reuse(int group, Object handle);
}
