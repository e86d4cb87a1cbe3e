package io.tealdb.storage;

import java.util.concurrent.locks.StampedLock;

/**
 * Up to {@link DataTable#ROW_GROUP_SIZE} rows: one {@link ColumnSegment} per column, MVCC
 * {@link VersionInfo}, and per column and vector an {@link UpdateVersion} chain. After an ALTER the
 * new table has new RowGroup objects that share versions and unchanged segments with the old ones.
 */
final class RowGroup {
    final int index;
    final long firstRowId;
    final VersionInfo versions;
    final ColumnSegment[] columns;
    /** updates[column][vector]: newest update version of that column in that vector, or null. Arrays shared across ALTERs. */
    final UpdateVersion[][] updates;
    /** Rows stored (visible or not); written under the table lock, read by scans. */
    volatile int count;
    /**
     * Guards in-place updates against concurrent scans of updated vectors: an updater writes the
     * segment and its chain under the write lock, a scan of a vector with a chain validates an
     * optimistic read (so no reader sees a new value without the version that hides it).
     */
    final StampedLock updateLock;
    /** What the last checkpoint wrote for this group (null: never written or rewritten since). */
    volatile ColumnDataTable.Persisted persisted;
    /** Set while (and after) the transaction that filled this group wrote it to the database file. */
    volatile ColumnDataTable.Spilled spilled;

    RowGroup(int index, VersionInfo versions, ColumnSegment[] columns, UpdateVersion[][] updates, int count, StampedLock updateLock) {
        this.index = index;
        this.firstRowId = (long) index * DataTable.ROW_GROUP_SIZE;
        this.versions = versions;
        this.columns = columns;
        this.updates = updates;
        this.count = count;
        this.updateLock = updateLock;
    }

    static RowGroup empty(int index, java.util.List<io.tealdb.types.LogicalType> types, int initialCapacity) {
        ColumnSegment[] cols = new ColumnSegment[types.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = new ColumnSegment(types.get(i), initialCapacity);
        }
        UpdateVersion[][] updates = new UpdateVersion[types.size()][];
        for (int i = 0; i < updates.length; i++) {
            updates[i] = new UpdateVersion[VersionInfo.VECTORS];
        }
        return new RowGroup(index, new VersionInfo(), cols, updates, 0, new StampedLock());
    }

    UpdateVersion updateChain(int column, int vector) {
        return updates[column][vector];
    }
}
