package io.tealdb.session;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * The result of one executed statement: column names and types plus a stream of chunks (pulled
 * lazily; the query runs in parallel behind it). Statements without a result set (DDL, DML)
 * report {@link #updateCount()} (rows changed, or -1) and have no columns.
 *
 * <p>CONTRACT (owned by the session package): the implementation must be thread-confined to the
 * caller, {@link #close()} releases resources and stops a running query early.
 */
public interface QueryResult extends AutoCloseable {
    List<String> columnNames();

    List<LogicalType> columnTypes();

    /** The next non-empty chunk, or null at the end. Chunks are owned by the caller once returned. */
    DataChunk nextChunk();

    /**
     * The caller is done with {@code chunk}, which {@link #nextChunk()} returned, and will not touch
     * it again: a running query may write later rows into its vectors instead of new ones. Optional
     * (a consumer that keeps chunks simply never calls it); ignored where nothing streams.
     */
    default void recycle(DataChunk chunk) {
    }

    /** Rows inserted/updated/deleted for DML, -1 for statements that return rows or do neither. */
    long updateCount();

    /** True when the statement produces a result set (a query, EXPLAIN, SHOW, RETURNING ...). */
    boolean hasResultSet();

    @Override
    void close();
}
