package io.tealdb.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Loads through DuckDB's appender (columns must be set in order). */
final class DuckDbAppenderSink implements TableSink {

    private final DuckDBAppender appender;
    private boolean inRow;

    DuckDbAppenderSink(Connection c, String table) throws SQLException {
        this.appender = c.unwrap(DuckDBConnection.class).createAppender(table);
    }

    static TableSink.Factory factory(Connection c) {
        return (table, columns) -> new DuckDbAppenderSink(c, table);
    }

    private DuckDBAppender row() throws SQLException {
        if (!inRow) {
            appender.beginRow();
            inRow = true;
        }
        return appender;
    }

    @Override
    public void setInt(int col, int v) throws SQLException {
        row().append(v);
    }

    @Override
    public void setLong(int col, long v) throws SQLException {
        row().append(v);
    }

    @Override
    public void setCents(int col, long cents) throws SQLException {
        row().append(BigDecimal.valueOf(cents, 2));
    }

    @Override
    public void setString(int col, String v) throws SQLException {
        row().append(v);
    }

    @Override
    public void setDate(int col, int epochDay) throws SQLException {
        row().appendEpochDays(epochDay);
    }

    @Override
    public void endRow() throws SQLException {
        row().endRow();
        inRow = false;
    }

    @Override
    public void close() throws SQLException {
        appender.close();
    }
}
