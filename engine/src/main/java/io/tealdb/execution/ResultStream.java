package io.tealdb.execution;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * Pull side of a running query: chunks arrive while the last pipeline still runs (bounded buffer,
 * so a huge result is never materialised). Confined to the consuming thread, except
 * {@link #close()}, which may be called at any time to stop the query early.
 */
public interface ResultStream extends AutoCloseable {
    List<LogicalType> types();

    /**
     * The next non-empty chunk (owned by the caller), or null at the end. Blocks while the query
     * computes. Rethrows the query's error (a TealException) if it failed.
     */
    DataChunk next();

    /** The caller is done with a chunk {@link #next()} returned (see {@code QueryResult.recycle}). */
    default void recycle(DataChunk chunk) {
    }

    /** Stops the query if still running and releases its resources; idempotent. */
    @Override
    void close();
}
