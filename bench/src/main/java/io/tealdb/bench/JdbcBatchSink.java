package io.tealdb.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/** Loads through {@code PreparedStatement.addBatch/executeBatch} with typed setters, in one transaction. */
final class JdbcBatchSink implements TableSink {

    static final int BATCH = 10_000;

    private final Connection connection;
    private final PreparedStatement ps;
    private final boolean autoCommit;
    private int pending;

    JdbcBatchSink(Connection connection, String table, int columns) throws SQLException {
        this.connection = connection;
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES (");
        for (int i = 0; i < columns; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        this.autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        this.ps = connection.prepareStatement(sql.append(')').toString());
    }

    static TableSink.Factory factory(Connection c) {
        return (table, columns) -> new JdbcBatchSink(c, table, columns);
    }

    @Override
    public void setInt(int col, int v) throws SQLException {
        ps.setInt(col, v);
    }

    @Override
    public void setLong(int col, long v) throws SQLException {
        ps.setLong(col, v);
    }

    @Override
    public void setCents(int col, long cents) throws SQLException {
        ps.setBigDecimal(col, BigDecimal.valueOf(cents, 2));
    }

    @Override
    public void setString(int col, String v) throws SQLException {
        ps.setString(col, v);
    }

    @Override
    public void setDate(int col, int epochDay) throws SQLException {
        ps.setObject(col, LocalDate.ofEpochDay(epochDay));
    }

    @Override
    public void endRow() throws SQLException {
        ps.addBatch();
        if (++pending == BATCH) {
            ps.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (pending > 0) {
                ps.executeBatch();
            }
            connection.commit();
        } finally {
            ps.close();
            connection.setAutoCommit(autoCommit);
        }
    }
}
