package io.tealdb.session;

import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * Bulk append into a table, bypassing SQL: rows are collected into chunks by the caller and
 * appended to column storage in the session's transaction (auto-committed per flush when no
 * transaction is open). Constraints (NOT NULL, PRIMARY KEY, UNIQUE) are still enforced.
 */
public interface TableAppender extends AutoCloseable {
    /** Column types of the target table, in order. */
    List<io.tealdb.types.LogicalType> types();

    /** Appends a full chunk (its vectors must have exactly {@link #types()}). */
    void append(DataChunk chunk);

    @Override
    void close();
}
