package io.tealdb.storage;

import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * Column storage of one table: row groups of {@link #ROW_GROUP_SIZE} rows, one column segment per
 * column (primitive arrays, validity, zone maps), MVCC version info per row group. Every read and
 * write happens in a {@link Transaction}; writes are logged in it and undone on rollback.
 *
 * <p>Row ids are stable positions: {@code rowGroupIndex * ROW_GROUP_SIZE + offset}; scans return
 * them as column id {@link #ROW_ID_COLUMN}. {@link #create(TableSchema)} makes the implementation.
 *
 * <p>ALTER operations return a new DataTable sharing this one's data; the catalog swaps entries.
 * After such an ALTER commits, writes through the old object fail with a TransactionException.
 */
public interface DataTable {
    int ROW_GROUP_SIZE = 122_880;
    /** Column id of the row id pseudo-column (BIGINT) in scans. */
    int ROW_ID_COLUMN = -1;

    /** A statement's scratch table, usable from any transaction. */
    static DataTable create(TableSchema schema) {
        return new ColumnDataTable(schema, null);
    }

    /**
     * A catalog table of the database whose transactions {@code owner} hands out: every read and
     * write resolves the caller's transaction to that database's ({@link Transaction#in}).
     */
    static DataTable create(TableSchema schema, TransactionManager owner) {
        return new ColumnDataTable(schema, owner);
    }

    /**
     * As {@link #create(TableSchema, TransactionManager)}; {@code persistent}: a table of a database
     * file (not temporary), whose full row groups a transaction may write to the file before it
     * commits ({@link RowGroupSpill}).
     */
    static DataTable create(TableSchema schema, TransactionManager owner, boolean persistent) {
        return new ColumnDataTable(schema, owner, persistent);
    }

    /** Estimated number of live rows (for the optimizer): rows ever appended minus committed deletes. */
    long estimatedRowCount();

    TableSchema schema();

    default List<LogicalType> types() {
        return schema().types();
    }

    // ------------------------------------------------------------------ reading

    /**
     * A parallel scan of {@code columnIds} (indexes into {@link #types()}, or {@link #ROW_ID_COLUMN})
     * in {@code txn}'s snapshot. {@code zoneMapFilters} (may be empty) let it skip row groups.
     */
    TableScan scan(Transaction txn, int[] columnIds, List<TableFilter> zoneMapFilters);

    /** Optimizer statistics of column {@code column}. */
    ColumnStatistics statistics(int column);

    // ------------------------------------------------------------------ writing

    /**
     * Appends {@code chunk} (one vector per column, exactly {@link #types()}) in {@code txn}.
     * Enforces NOT NULL, PRIMARY KEY and UNIQUE; on a violation nothing of this chunk is appended and
     * a ConstraintException is thrown (the caller rolls back the statement for earlier chunks).
     */
    void append(Transaction txn, DataChunk chunk);

    /**
     * Deletes rows {@code rowIds[0..count)} (from a scan in {@code txn}); rows already deleted by
     * {@code txn} are skipped. Throws TransactionException "Conflict on tuple deletion!" when another
     * running or since-committed transaction deleted or updated one of them. Returns rows deleted.
     */
    long delete(Transaction txn, long[] rowIds, int count);

    /**
     * Sets columns {@code columnIds} of rows {@code rowIds[0..count)} to the values of
     * {@code newValues} (vector i for column columnIds[i], row j for rowIds[j]), in place with old
     * versions kept for older snapshots. Throws TransactionException "Conflict on update!" on a
     * concurrent update or delete of one of the rows; enforces NOT NULL/PRIMARY KEY/UNIQUE.
     */
    void update(Transaction txn, long[] rowIds, int count, int[] columnIds, DataChunk newValues);

    // ------------------------------------------------------------------ ALTER (return new table objects sharing data)

    /** Same data under new names (RENAME TABLE / RENAME COLUMN); types and keys must match. */
    DataTable withSchema(Transaction txn, TableSchema renamed);

    /** Adds a column at the end whose value is {@code defaultValue} (may be a NULL value) in every existing row. */
    DataTable withAddedColumn(Transaction txn, String name, LogicalType type, Value defaultValue);

    /** Removes column {@code column}. Fails if it is part of a key. */
    DataTable withDroppedColumn(Transaction txn, int column);

    /**
     * Rewrites column {@code column} as {@code newType}; {@code converter} computes new values from
     * input columns {@code inputColumns} for every stored row.
     */
    DataTable withChangedColumnType(Transaction txn, int column, LogicalType newType, int[] inputColumns,
                                    ColumnConverter converter);

    /**
     * Adds a PRIMARY KEY (columns become NOT NULL) or UNIQUE key over {@code columns}, indexing the
     * rows visible to {@code txn}; throws ConstraintException if they already hold a NULL (primary
     * key) or a duplicate.
     */
    DataTable withAddedKey(Transaction txn, List<Integer> columns, boolean primary);

    /**
     * Whether {@code txn} may build an index over {@code columns} now; a TransactionException with
     * DuckDB's words when another transaction altered or dropped the table ("cannot add an index to a
     * table that has been altered or dropped"), or when a transaction that has not committed (this one
     * included) updated one of the columns ("Cannot create index with outstanding updates": an index
     * built now could not tell the update's values from the committed ones).
     */
    void checkIndexable(Transaction txn, int[] columns);

    /** Sets or clears NOT NULL on a column (checked against visible rows when set). */
    DataTable withNotNull(Transaction txn, int column, boolean notNull);

    // ------------------------------------------------------------------ persistence

    /** Identity of the physical storage, shared by the table objects of one layout (see {@link ChangeLog}). */
    Object storageIdentity();

    /**
     * Hands every row group's rows committed in {@code snapshot} to {@code sink}, reusing what an
     * earlier checkpoint wrote for groups that did not change since.
     */
    void checkpoint(Transaction snapshot, CheckpointSink sink);

    /**
     * Appends a row group of a database file at open (before any transaction): {@code positions}
     * slots, {@code live} (null: all) marks those holding rows, the others are never visible. The
     * column values stay in the file until a scan needs them ({@code sources}, one per column);
     * {@code stats} are their zone maps. No constraint checks.
     */
    void loadGroup(int positions, long[] live, int liveCount, SegmentSource[] sources, SegmentStats[] stats, Object handle);

    /** After the last {@link #loadGroup}: restores the statistics a checkpoint stored and builds the key indexes. */
    void finishLoad(StoredStatistics statistics);

    /** The table-wide statistics a checkpoint stores (NULL counts, distinct-count sketches). */
    StoredStatistics storedStatistics();

    /**
     * Write-ahead log replay of rows appended at {@code firstRowId} (possibly into slots left empty
     * by a transaction that committed later, or past the end): the rows get exactly those row ids.
     */
    void replayInsert(Transaction txn, long firstRowId, DataChunk chunk);

    /**
     * Write-ahead log replay of a full row group appended at {@code firstRowId} that its transaction
     * wrote to the file before committing ({@link ChangeLog#insertedGroup}): its values stay in the
     * file ({@code sources}) and the next checkpoint reuses {@code handle}, reported to {@code target}
     * at commit. The table's distinct-count sketches do not see these rows.
     */
    void replayGroup(Transaction txn, long firstRowId, int positions, SegmentSource[] sources, SegmentStats[] stats, Object handle,
                     RowGroupSpill target);
}
