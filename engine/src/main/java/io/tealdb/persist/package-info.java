/**
 * Persistent databases, between the session layer and the catalog: {@link
 * io.tealdb.persist.PersistentDatabase} opens a database file (lock, load the last checkpoint,
 * replay the write-ahead log), makes every commit durable (log record + group-committed fsync, or a
 * checkpoint for catalog changes) and writes checkpoints; {@link io.tealdb.persist.CatalogCodec}
 * and {@link io.tealdb.persist.WalRecords} are the byte formats of the catalog and of log records.
 * Values go through {@link io.tealdb.storage.file.SegmentCodec} in both.
 */
package io.tealdb.persist;
