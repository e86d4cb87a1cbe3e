/**
 * The catalog: schemas (main, user-created) with tables and views (one namespace),
 * sequences and macros; case-insensitive names. Transactional through MVCC: every name has a chain
 * of versions (see VersionedMap) stamped like row versions, so uncommitted DDL is private to its
 * transaction, a rollback removes it, and concurrent DDL on one name fails with a write-write
 * conflict. ALTER TABLE builds a new {@link io.tealdb.catalog.TableEntry} whose storage shares the
 * old data ({@link io.tealdb.storage.DataTable#withAddedColumn} etc.); older snapshots keep reading
 * the old entry. {@link io.tealdb.catalog.DatabaseStorage} ties catalog and transaction manager
 * together for the session layer.
 */
package io.tealdb.catalog;
