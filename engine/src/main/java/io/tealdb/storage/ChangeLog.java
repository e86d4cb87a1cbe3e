package io.tealdb.storage;

import io.tealdb.vector.DataChunk;

/**
 * Receives the data changes of a committing transaction, oldest first, so the persistence layer
 * can write them to the write-ahead log. {@code table} is the identity of the table's physical
 * storage ({@link DataTable#storageIdentity()}); row ids are the stable positions of
 * {@link DataTable}, which replay reproduces exactly.
 */
public interface ChangeLog {
    /** Rows {@code firstRowId .. firstRowId + rows.size()} were appended with these values. */
    void inserted(Object table, long firstRowId, DataChunk rows);

    /**
     * A full row group of rows {@code firstRowId ..} was appended and is stored where
     * {@link RowGroupSpill#write} put it ({@code handle}), unchanged since.
     */
    void insertedGroup(Object table, long firstRowId, Object handle);

    /** Rows {@code rowIds[0..count)} were deleted. */
    void deleted(Object table, long[] rowIds, int count);

    /** Column {@code column} of rows {@code rowIds[0..count)} now holds row i of {@code values}. */
    void updated(Object table, int column, long[] rowIds, int count, io.tealdb.vector.Vector values);
}
