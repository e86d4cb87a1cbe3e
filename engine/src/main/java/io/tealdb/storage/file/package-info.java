/**
 * The on-disk side of persistent databases, below the catalog: the block file ({@link
 * io.tealdb.storage.file.BlockFile}: checksummed fixed-size blocks, two alternating headers), the
 * write-ahead log ({@link io.tealdb.storage.file.WalFile}: checksummed records, group commit), the
 * process-level file lock, and the byte formats of values: {@link
 * io.tealdb.storage.file.SegmentCodec} is the one place that turns a vector of any type into bytes
 * (with lightweight compression) and back, used by checkpoints and the log alike; {@link
 * io.tealdb.storage.file.TypeCodec} does the same for types. New physical types plug in there.
 */
package io.tealdb.storage.file;
