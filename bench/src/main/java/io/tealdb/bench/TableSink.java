package io.tealdb.bench;

import java.sql.SQLException;

/** Receives rows of one table, column by column in order (1-based index), then {@link #endRow()}. */
interface TableSink extends AutoCloseable {

    void setInt(int col, int v) throws SQLException;

    void setLong(int col, long v) throws SQLException;

    /** A DECIMAL(15,2) given as its unscaled value (cents). */
    void setCents(int col, long cents) throws SQLException;

    void setString(int col, String v) throws SQLException;

    void setDate(int col, int epochDay) throws SQLException;

    void endRow() throws SQLException;

    /** Flushes what is pending. */
    @Override
    void close() throws SQLException;

    /** Opens a sink for a table with {@code columns} columns. */
    @FunctionalInterface
    interface Factory {
        TableSink open(String table, int columns) throws SQLException;
    }
}
