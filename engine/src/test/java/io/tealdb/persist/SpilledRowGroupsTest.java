package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full row groups that one uncommitted transaction writes to the database file before its commit
 * ({@code RowGroupSpill}), mixed with what else a transaction can do: updates and deletes of those
 * rows before the commit, a failing statement, another transaction appending and committing first,
 * a checkpoint while the transaction is open, CREATE TABLE AS. Each script runs on a TealDB file
 * and on DuckDB; the database is then copied while open (a crash: the copy replays the log) and
 * closed (a checkpoint), and both copies must answer as DuckDB does.
 */
class SpilledRowGroupsTest {
    @TempDir
    Path dir;

    /** One statement on connection {@code conn}; {@code tealOnly} for statements DuckDB treats differently (CHECKPOINT). */
    record Step(int conn, String sql, boolean tealOnly, boolean fails) {
        static Step on(int conn, String sql) {
            return new Step(conn, sql, false, false);
        }
    }

    static final String COLUMNS = "(a BIGINT, b VARCHAR, c DECIMAL(18,2))";

    static String rows(long from, long to) {
        return "SELECT i AS a, 'r' || i || repeat('y', i % 13) AS b, i * 0.5 AS c FROM range(" + from + ", " + to + ") t(i)";
    }

    static final List<String> QUERIES = List.of(
            "SELECT count(*), sum(a), sum(length(b)), sum(c), min(a), max(a) FROM t",
            "SELECT a % 5 AS g, count(*), sum(c), max(b) FROM t GROUP BY g ORDER BY g",
            "SELECT a, b, c FROM t WHERE a % 40000 = 17 ORDER BY a");

    private void check(List<Step> script, List<String> queries) throws Exception {
        Path f = dir.resolve("t.db");
        List<String> expected = new ArrayList<>();
        try (java.sql.Connection d1 = DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Connection d2 = ((org.duckdb.DuckDBConnection) d1).duplicate()) {
            run(script, new java.sql.Connection[] {d1, d2}, true);
            try (Statement s = d1.createStatement()) {
                for (String q : queries) expected.add(duck(s, q));
            }
        }
        try (java.sql.Connection a = DriverManager.getConnection("jdbc:teal:" + f);
             java.sql.Connection b = DriverManager.getConnection("jdbc:teal:" + f)) {
            run(script, new java.sql.Connection[] {a, b}, false);
            try (Statement s = a.createStatement()) {
                for (int i = 0; i < queries.size(); i++) assertEquals(expected.get(i), duck(s, queries.get(i)), "before reopening: " + queries.get(i));
            }
            Files.copy(f, dir.resolve("crash.db"));
            if (Files.exists(Path.of(f + ".wal"))) Files.copy(Path.of(f + ".wal"), dir.resolve("crash.db.wal"));
        }
        for (Path p : List.of(dir.resolve("crash.db"), f)) {
            try (java.sql.Connection c = DriverManager.getConnection("jdbc:teal:" + p); Statement s = c.createStatement()) {
                for (int i = 0; i < queries.size(); i++) assertEquals(expected.get(i), duck(s, queries.get(i)), p.getFileName() + ": " + queries.get(i));
            }
        }
        // the reopened databases hold what the next checkpoint wrote, and accept new rows
        try (Connection c = Teal.connect(dir.resolve("crash.db").toString())) {
            c.execute("CHECKPOINT");
            c.execute("INSERT INTO t " + rows(10_000_000, 10_130_000));
            c.execute("CHECKPOINT");
        }
    }

    private static void run(List<Step> script, java.sql.Connection[] c, boolean duckdb) throws SQLException {
        for (Step st : script) {
            if (duckdb && st.tealOnly()) continue;
            try (Statement s = c[st.conn()].createStatement()) {
                if (st.fails()) {
                    assertThrows(SQLException.class, () -> s.execute(st.sql()), st.sql());
                } else {
                    s.execute(st.sql());
                }
            }
        }
    }

    /** The rows of {@code q}, fields separated by {@code |}, in JDBC's text form (both drivers). */
    private static String duck(Statement s, String q) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = s.executeQuery(q)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void updatesAndDeletesOfWrittenGroupsBeforeTheCommit() throws Exception {
        check(List.of(
                Step.on(0, "CREATE TABLE t " + COLUMNS),
                Step.on(0, "BEGIN"),
                Step.on(0, "INSERT INTO t " + rows(0, 300_000)),
                Step.on(0, "UPDATE t SET c = c + 1 WHERE a % 1000 = 0"),
                Step.on(0, "DELETE FROM t WHERE a % 777 = 3"),
                Step.on(0, "INSERT INTO t " + rows(300_000, 400_000)),
                Step.on(0, "COMMIT"),
                Step.on(0, "DELETE FROM t WHERE a BETWEEN 5000 AND 6000")), QUERIES);
    }

    @Test
    void failingStatementRollsBackTheGroupsItWrote() throws Exception {
        check(List.of(
                Step.on(0, "CREATE TABLE t (a BIGINT PRIMARY KEY, b VARCHAR, c DECIMAL(18,2))"),
                Step.on(0, "INSERT INTO t " + rows(0, 250_000)),
                // the duplicate key comes after several full groups were written
                new Step(0, "INSERT INTO t " + rows(250_000, 700_000) + " UNION ALL SELECT 699999, 'dup', 0", false, true),
                Step.on(0, "INSERT INTO t " + rows(250_000, 420_000))), QUERIES);
    }

    @Test
    void anotherTransactionAppendsAndCommitsFirst() throws Exception {
        check(List.of(
                Step.on(0, "CREATE TABLE t " + COLUMNS),
                Step.on(0, "BEGIN"),
                Step.on(1, "BEGIN"),
                Step.on(0, "INSERT INTO t " + rows(0, 200_000)),
                Step.on(1, "INSERT INTO t " + rows(1_000_000, 1_300_000)),
                Step.on(1, "COMMIT"),
                Step.on(0, "INSERT INTO t " + rows(200_000, 260_000)),
                Step.on(0, "COMMIT")), QUERIES);
    }

    @Test
    void checkpointWhileALargeTransactionIsOpen() throws Exception {
        check(List.of(
                Step.on(0, "CREATE TABLE t " + COLUMNS),
                Step.on(0, "BEGIN"),
                Step.on(0, "INSERT INTO t " + rows(0, 300_000)),
                Step.on(1, "INSERT INTO t " + rows(2_000_000, 2_000_100)),
                new Step(1, "CHECKPOINT", true, false),
                Step.on(0, "INSERT INTO t " + rows(300_000, 400_000)),
                Step.on(0, "COMMIT"),
                Step.on(1, "UPDATE t SET b = 'changed' WHERE a % 100000 = 17")), QUERIES);
    }

    @Test
    void rolledBackTransactionBesideACommittedOne() throws Exception {
        check(List.of(
                Step.on(0, "CREATE TABLE t " + COLUMNS),
                Step.on(0, "BEGIN"),
                Step.on(0, "INSERT INTO t " + rows(0, 300_000)),
                Step.on(1, "INSERT INTO t " + rows(5_000_000, 5_000_010)),
                Step.on(0, "ROLLBACK"),
                Step.on(1, "INSERT INTO t " + rows(6_000_000, 6_300_000))), QUERIES);
    }

    @Test
    void createTableAsAndTemporaryTables() throws Exception {
        check(List.of(
                Step.on(0, "CREATE TABLE t AS " + rows(0, 400_000)),
                Step.on(0, "CREATE TEMP TABLE tmp AS " + rows(0, 300_000)),
                Step.on(0, "INSERT INTO t SELECT * FROM tmp WHERE a % 2 = 0")), QUERIES);
        // the temporary table's rows never reached the file
        Path f = dir.resolve("small.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TEMP TABLE tmp AS " + rows(0, 600_000));
            c.execute("CHECKPOINT");
            assertTrue(Files.size(f) < 1 << 20, "file of " + Files.size(f) + " bytes");
        }
    }
}
