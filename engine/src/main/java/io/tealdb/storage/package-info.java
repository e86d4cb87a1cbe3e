/**
 * Table storage and transactions.
 *
 * <p><b>Transactions</b> ({@link io.tealdb.storage.TransactionManager}, {@link io.tealdb.storage.Transaction}):
 * snapshot isolation by MVCC as in DuckDB. Every change is tagged with the writer's transaction id
 * (≥ 2^62) until commit, when it is re-stamped with the commit timestamp; a transaction sees
 * versions below its start time plus its own. Each change is an {@link io.tealdb.storage.UndoEntry}
 * in the transaction's log: rollback undoes newest first, {@code rollbackStatement()} undoes back to
 * the mark set by {@code beginStatement()}. Write-write conflicts are detected eagerly (deleting or
 * updating a row another running or since-committed transaction changed).
 *
 * <p><b>Tables</b> ({@link io.tealdb.storage.DataTable}): row groups of 122,880 rows; one column
 * segment per column holding the primitive arrays of {@link io.tealdb.vector.Vector} plus a zone
 * map; per-vector (2048 rows) insert/delete versions; in-place updates keep the old values in a
 * per (column, vector) chain that older snapshots apply while scanning. PRIMARY KEY / UNIQUE are
 * enforced with a hash index per constraint. Scans hand out one row group per morsel.
 */
package io.tealdb.storage;
