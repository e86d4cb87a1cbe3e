package io.tealdb.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

import io.tealdb.Appender;

/** Loads through TealDB's native {@link Appender} (reached through JDBC unwrap): much faster than JDBC batches. */
final class TealAppenderSink implements TableSink {

    private final Appender app;

    TealAppenderSink(Connection connection, String table) throws SQLException {
        this.app = connection.unwrap(io.tealdb.Connection.class).appender(table);
    }

    static TableSink.Factory factory(Connection c) {
        return (table, columns) -> new TealAppenderSink(c, table);
    }

    @Override
    public void setInt(int col, int v) {
        app.append(v);
    }

    @Override
    public void setLong(int col, long v) {
        app.append(v);
    }

    @Override
    public void setCents(int col, long cents) {
        app.append(BigDecimal.valueOf(cents, 2));
    }

    @Override
    public void setString(int col, String v) {
        app.append(v);
    }

    @Override
    public void setDate(int col, int epochDay) {
        app.append(LocalDate.ofEpochDay(epochDay));
    }

    @Override
    public void endRow() {
        app.endRow();
    }

    @Override
    public void close() {
        app.close();
    }
}
