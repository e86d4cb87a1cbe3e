package io.tealdb.session;

import io.tealdb.Appender;
import io.tealdb.Teal;
import io.tealdb.error.TealException;
import io.tealdb.error.TransactionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A statement that fails inside BEGIN ... COMMIT aborts the transaction (DuckDB's and PostgreSQL's
 * rule): every later statement fails with "Current transaction is aborted (please ROLLBACK)" until
 * ROLLBACK, and COMMIT rolls back. A failed statement in auto-commit mode changes nothing. The
 * scripts run on TealDB and on DuckDB JDBC (the oracle); errors compare by kind ("Binder Error",
 * ...) except the transaction errors, which must match word for word. Tables span several chunks.
 */
class TransactionAbortTest {
    @TempDir
    Path dir;

    private static final String SETUP = "CREATE TABLE t(i INTEGER PRIMARY KEY, s VARCHAR);"
            + "INSERT INTO t SELECT i, CASE WHEN i = 9000 THEN 'x' ELSE i::VARCHAR END FROM range(10000) r(i)";

    /** A statement's outcome: rows as text, "ok", or the error (its kind; all of a TransactionContext Error). */
    private static String outcome(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            if (!s.execute(sql)) return "ok";
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = s.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                    sb.append('\n');
                }
            }
            return sb.toString();
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            m = (nl < 0 ? m : m.substring(0, nl)).strip();
            if (m.startsWith("TransactionContext Error")) return "ERROR " + m;
            int colon = m.indexOf(':');
            return "ERROR " + (colon < 0 ? m : m.substring(0, colon));
        }
    }

    private static Connection teal() throws SQLException {
        Properties p = new Properties();
        p.setProperty("threads", "2");
        return DriverManager.getConnection("jdbc:teal:", p);
    }

    /** Runs the setup and then {@code script} on both engines, comparing every statement's outcome. */
    private static void sameAsDuckDb(String... script) throws SQLException {
        try (Connection teal = teal(); Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String sql : SETUP.split(";")) {
                assertEquals("ok", outcome(teal, sql), sql);
                assertEquals("ok", outcome(duck, sql), sql);
            }
            int n = 0;
            for (String sql : script) {
                assertEquals(outcome(duck, sql), outcome(teal, sql), "statement " + (++n) + ": " + sql);
            }
        }
    }

    @Test
    void anErrorAbortsTheTransactionUntilRollbackAndCommitRollsBack() throws SQLException {
        sameAsDuckDb(
                // a catalog error after a successful write: everything after fails, COMMIT rolls back
                "BEGIN", "INSERT INTO t VALUES (10000, 'a')", "SELECT * FROM nosuch", "SELECT 42",
                "INSERT INTO t VALUES (10001, 'b')", "BEGIN", "SET threads = 2", "PRAGMA show_tables", "DESCRIBE t",
                "SHOW TABLES", "CHECKPOINT", "COMMIT", "SELECT count(*), max(i) FROM t",
                // a constraint error during execution; ROLLBACK ends it, the session is usable again
                "BEGIN", "UPDATE t SET s = 'u' WHERE i < 5000", "UPDATE t SET i = i + 1", "SELECT 1", "ROLLBACK",
                "SELECT count(*) FROM t WHERE s = 'u'",
                // a conversion error that surfaces after several chunks were produced
                "BEGIN", "DELETE FROM t WHERE i >= 9990", "SELECT sum(CAST(s AS INTEGER)) FROM t", "SELECT 2", "COMMIT",
                "SELECT count(*) FROM t",
                // a binder error and a failing BEGIN; END (a COMMIT) rolls back too
                "BEGIN", "CREATE TABLE d(x INTEGER)", "INSERT INTO d VALUES (1)", "SELECT nosuch", "END", "SELECT * FROM d",
                "BEGIN", "BEGIN", "SELECT 3", "ABORT", "SELECT 3",
                // a bad SET value and a failing PREPARE abort as well
                "BEGIN", "SET threads = 'abc'", "SELECT 4", "ROLLBACK",
                "BEGIN", "PREPARE p AS SELECT nosuch", "SELECT 5", "ROLLBACK",
                // a parser error happens before the statement exists: the transaction goes on
                "BEGIN", "INSERT INTO t VALUES (10002, 'c')", "SELEC 6", "SELECT 6", "COMMIT", "SELECT s FROM t WHERE i = 10002",
                // no transaction left to end
                "COMMIT", "ROLLBACK");
    }

    @Test
    void aFailedStatementChangesNothingInAutoCommitMode() throws SQLException {
        sameAsDuckDb(
                "UPDATE t SET s = CAST(CAST(s AS INTEGER) + 1 AS VARCHAR)",
                "SELECT count(*), min(s), max(s) FROM t",
                "INSERT INTO t SELECT i + 9995, 'n' FROM range(100) r(i)",
                "SELECT count(*), max(i) FROM t",
                "DELETE FROM t WHERE i < 5000 OR CAST(s AS INTEGER) > 0",
                "SELECT count(*) FROM t",
                "CREATE TABLE c AS SELECT CAST(s AS INTEGER) AS x FROM t",
                "SELECT * FROM c",
                "INSERT INTO t SELECT i + 20000, s FROM t WHERE i < 9500 UNION ALL SELECT 5, 'dup'",
                "SELECT count(*) FROM t");
    }

    @Test
    void jdbcManualCommitFollowsTheSameRule() throws SQLException {
        for (Connection c : List.of(teal(), DriverManager.getConnection("jdbc:duckdb:"))) {
            try (c) {
                try (Statement s = c.createStatement()) {
                    for (String sql : SETUP.split(";")) s.execute(sql);
                }
                c.setAutoCommit(false);
                String insert = "INSERT INTO t VALUES (?, ?)";
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    for (int i = 0; i < 3000; i++) {
                        ps.setInt(1, 20000 + i);
                        ps.setString(2, "b");
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setInt(1, 1); // a duplicate key
                    ps.setString(2, "dup");
                    assertThrows(SQLException.class, ps::executeUpdate, c.toString());
                }
                SQLException aborted = assertThrows(SQLException.class, () -> {
                    try (PreparedStatement ps = c.prepareStatement(insert)) {
                        ps.setInt(1, 30000);
                        ps.setString(2, "c");
                        ps.executeUpdate();
                    }
                });
                assertTrue(aborted.getMessage().startsWith("TransactionContext Error: Current transaction is aborted (please ROLLBACK)"),
                        aborted.getMessage());
                c.commit(); // rolls back
                c.setAutoCommit(true);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                    assertTrue(rs.next());
                    assertEquals(10000, rs.getLong(1), c.toString());
                }
            }
        }
    }

    @Test
    void anErrorWhileRowsStreamAbortsTheTransaction() throws SQLException {
        try (Connection c = teal(); Statement s = c.createStatement()) {
            for (String sql : SETUP.split(";")) s.execute(sql);
            s.execute("BEGIN");
            s.execute("DELETE FROM t WHERE i < 100");
            // the failing row (i = 9000) comes after several chunks went out
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery("SELECT i, CAST(s AS INTEGER) FROM t ORDER BY i")) {
                    while (rs.next()) {
                        rs.getInt(2);
                    }
                }
            });
            assertTrue(e.getMessage().startsWith("Conversion Error"), e.getMessage());
            SQLException aborted = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
            assertEquals("TransactionContext Error: Current transaction is aborted (please ROLLBACK)", aborted.getMessage().lines().findFirst().orElse(""));
            s.execute("COMMIT");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(10000, rs.getLong(1));
            }
        }
    }

    @Test
    void closingAStreamEarlyDoesNotAbort() throws SQLException {
        try (io.tealdb.Connection c = Teal.connect()) {
            c.execute("CREATE TABLE r AS SELECT i FROM range(50000) x(i)");
            c.begin();
            c.execute("INSERT INTO r VALUES (-1)");
            try (io.tealdb.Result r = c.execute("SELECT i FROM r")) {
                assertTrue(r.fetchOne() != null);
            }
            c.commit();
            assertEquals(50001L, ((Number) c.execute("SELECT count(*) FROM r").fetchOne()[0]).longValue());
        }
    }

    @Test
    void theAppenderAndResumeInTheEmbeddedApi() {
        try (io.tealdb.Connection c = Teal.connect()) {
            c.execute("CREATE TABLE a(i BIGINT PRIMARY KEY)");
            c.begin();
            try (Appender app = c.appender("a")) {
                for (long i = 0; i < 5000; i++) app.append(i).endRow();
            }
            assertThrows(TealException.class, () -> c.execute("INSERT INTO a VALUES (1)"));
            assertTrue(c.context().transactionAborted());
            TransactionException e = assertThrows(TransactionException.class, () -> c.appender("a"));
            assertEquals("TransactionContext Error: Current transaction is aborted (please ROLLBACK)", e.describe());
            // an adapter emulating ROLLBACK TO SAVEPOINT resumes: the failed statement did nothing
            c.context().resumeAbortedTransaction();
            assertFalse(c.context().transactionAborted());
            c.execute("INSERT INTO a VALUES (5000)");
            c.commit();
            assertEquals(5001L, ((Number) c.execute("SELECT count(*) FROM a").fetchOne()[0]).longValue());
        }
    }

    @Test
    void anAbortedTransactionLeavesNothingInTheFileAfterARestart() {
        String file = dir.resolve("abort.db").toString();
        try (io.tealdb.Connection c = Teal.connect(file)) {
            c.execute("CREATE TABLE t AS SELECT i FROM range(20000) r(i)");
            c.begin();
            c.execute("INSERT INTO t SELECT i + 20000 FROM range(30000) r(i)");
            c.execute("DELETE FROM t WHERE i < 1000");
            assertThrows(TealException.class, () -> c.execute("SELECT CAST('x' || i AS INTEGER) FROM t").fetchAll());
            assertThrows(TransactionException.class, () -> c.execute("INSERT INTO t VALUES (-1)"));
            c.commit(); // rolls back
        }
        try (io.tealdb.Connection c = Teal.connect(file)) {
            assertEquals("20000|0|19999", String.valueOf(c.execute("SELECT count(*) || '|' || min(i) || '|' || max(i) FROM t").fetchOne()[0]));
        }
    }
}
