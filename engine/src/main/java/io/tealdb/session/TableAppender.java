package io.tealdb.session;

import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * Bulk append into a table, bypassing SQL: rows are collected into chunks by the caller and
 * appended to column storage in the session's transaction (when none is open, in the appender's
 * own transaction, committed per {@link #flush()}). Constraints (NOT NULL, PRIMARY KEY, UNIQUE) are still enforced.
 */
public interface TableAppender extends AutoCloseable {
    /** Column types of the target table, in order. */
    List<io.tealdb.types.LogicalType> types();

    /** Appends a full chunk (its vectors must have exactly {@link #types()}). */
    void append(DataChunk chunk);

    /** Commits the rows appended since the last flush when they are in the appender's own transaction. */
    void flush();

    /** Flushes and releases the appender. */
    @Override
    void close();
}
