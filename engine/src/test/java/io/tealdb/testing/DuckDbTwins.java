package io.tealdb.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A TealDB and a DuckDB connection set up with the same statements, for tests that compare the
 * two engines' answers (DuckDB is the oracle). Rows come back as strings from {@code getString}.
 */
public record DuckDbTwins(Connection teal, Connection duck) implements AutoCloseable {
    /** Opens both in-memory databases (TealDB with {@code threads} workers) and runs {@code setup} on each. */
    public static DuckDbTwins open(int threads, String... setup) throws SQLException {
        Properties p = new Properties();
        p.setProperty("threads", Integer.toString(threads));
        DuckDbTwins twins = new DuckDbTwins(DriverManager.getConnection("jdbc:teal:", p), DriverManager.getConnection("jdbc:duckdb:"));
        try (Statement t = twins.teal.createStatement(); Statement d = twins.duck.createStatement()) {
            for (String sql : setup) {
                t.execute(sql);
                d.execute(sql);
            }
        }
        return twins;
    }

    /** All rows of {@code sql} on {@code c}, each column as {@code getString} gives it. */
    public static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Asserts that TealDB gives DuckDB's rows for {@code sql}, in order; the first differing row is
     * named before a difference in row count is.
     */
    public void assertSameRows(String sql) throws SQLException {
        List<List<String>> expected = rows(duck, sql);
        List<List<String>> actual = rows(teal, sql);
        for (int r = 0; r < Math.min(expected.size(), actual.size()); r++) {
            org.junit.jupiter.api.Assertions.assertEquals(expected.get(r), actual.get(r), "row " + r + " of " + sql);
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected.size(), actual.size(), sql);
    }

    /** Runs {@code sql} on both databases (TealDB first). */
    public void execute(String sql) throws SQLException {
        run(teal, sql);
        run(duck, sql);
    }

    /** Runs one statement on {@code c}. */
    public static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Asserts that both databases reject {@code sql} with the same first line of message. */
    public void assertSameError(String sql) {
        String expected = firstLine(org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> run(duck, sql), sql).getMessage());
        String actual = firstLine(org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> run(teal, sql), sql).getMessage());
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, sql);
    }

    /**
     * Asserts that both databases reject {@code sql} with a message holding {@code fragment} (for
     * messages whose wording differs elsewhere, e.g. DuckDB JDBC's quoting or its literal type names).
     */
    public void assertBothFail(String sql, String fragment) {
        for (Connection c : new Connection[]{duck, teal}) {
            // rows are read too: an error may come while the result streams
            String message = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> rows(c, sql), sql).getMessage();
            org.junit.jupiter.api.Assertions.assertTrue(message.contains(fragment), sql + " gave " + message);
        }
    }

    /** The first line of an error message. */
    public static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The single-row, single-column text of TealDB's {@code EXPLAIN sql} (the plan). */
    public String explain(String sql) throws SQLException {
        return rows(teal, "EXPLAIN " + sql).get(0).get(1);
    }

    /** How often {@code what} occurs in {@code text} (operators in a plan). */
    public static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    @Override
    public void close() throws SQLException {
        teal.close();
        duck.close();
    }
}
