package io.tealdb.tpch;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Loads TPC-H once per database URL and checks single queries against answers-trino. */
final class TpchHarness implements AutoCloseable {

    static final double SF = 0.01;
    static final String SF_DIR = "sf0.01";

    private final Connection connection;

    TpchHarness(String url) throws SQLException {
        connection = DriverManager.getConnection(url);
        TpchData.load(connection, SF);
    }

    void check(int q) throws Exception {
        String sql = TpchFiles.query(q);
        TpchAnswers answers = TpchAnswers.read(TpchFiles.answerFile(SF_DIR, q));
        String diff;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            diff = answers.compare(rs);
        }
        assertNull(diff, () -> "TPC-H " + TpchFiles.queryName(q) + " at SF " + SF + ": " + diff);
    }

    /** The EXPLAIN output of query {@code q}. */
    String explain(int q) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + TpchFiles.query(q))) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) plan.append(rs.getString(i)).append('\n');
            }
        }
        return plan.toString();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
