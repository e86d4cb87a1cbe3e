package io.tealdb.session;

import io.tealdb.Appender;
import io.tealdb.Connection;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.session.HiddenColumnTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code AS (e) STORED HIDDEN} generated columns (how ClickHouse's MATERIALIZED columns are kept): the
 * expression is evaluated when a row is written, by every write path (INSERT, the appender, COPY, INSERT
 * OR REPLACE, ALTER TABLE … ADD COLUMN over the rows already there), the value is stored and read back
 * as stored (a {@code random()} column reads the same twice and after a checkpoint and reopen, where a
 * VIRTUAL one changes on every read), and an UPDATE of a column the expression reads computes it again.
 */
class StoredGeneratedColumnTest {
    @TempDir
    Path dir;

    @Test
    void storedColumnsAreComputedOnWriteAndKeptThroughReopen() throws Exception {
        String url = "jdbc:teal:" + dir.resolve("stored.db");
        String sums = "SELECT count(*), sum(twice), sum(r), count(DISTINCT r) > 4000 FROM t";
        List<String> first;
        try (java.sql.Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k BIGINT, s VARCHAR, twice BIGINT GENERATED ALWAYS AS (k * 2) STORED HIDDEN, "
                    + "r DOUBLE GENERATED ALWAYS AS (random()) STORED HIDDEN, v DOUBLE GENERATED ALWAYS AS (random()) HIDDEN)");
            s.execute("INSERT INTO t SELECT x, 's' || (x % 7) FROM range(5000) r(x)");
            assertEquals(List.of("k|s"), rows(s, "SELECT string_agg(column_name, '|') FROM (DESCRIBE SELECT * FROM t)"));
            first = rows(s, sums);
            assertTrue(first.get(0).startsWith("5000|" + 2L * sum(5000) + "|"), first.get(0));
            assertEquals(first, rows(s, sums)); // stored: the same values on every read
            assertNotEquals(rows(s, "SELECT sum(v) FROM t"), rows(s, "SELECT sum(v) FROM t")); // virtual: computed per read
            assertTrue(first.get(0).endsWith("|true"), first.get(0));
            // an explicit value is refused, as for any generated column; plain STORED stays DuckDB's error
            SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO t (k, twice) VALUES (1, 2)"));
            assertTrue(e.getMessage().contains("generated column"), e.getMessage());
            e = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE bad (a INTEGER, b AS (a) STORED)"));
            assertTrue(e.getMessage().contains("Can not create a STORED generated column"), e.getMessage());
            s.execute("CHECKPOINT");
        }
        try (java.sql.Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(first, rows(s, sums));
            assertEquals(List.of("k|s"), rows(s, "SELECT string_agg(column_name, '|') FROM (DESCRIBE SELECT * FROM t)"));
            // an UPDATE of k computes twice again (ClickHouse's mutations do); r reads no column and keeps its value
            String r7 = rows(s, "SELECT r FROM t WHERE k = 7").get(0);
            s.execute("UPDATE t SET k = k + 10000 WHERE k % 2 = 1");
            s.execute("UPDATE t SET s = 'u' WHERE k < 100");
            assertEquals(List.of("10007|20014|" + r7), rows(s, "SELECT k, twice, r FROM t WHERE k = 10007"));
            assertEquals(List.of("0"), rows(s, "SELECT count(*) FROM t WHERE twice <> k * 2"));
            s.execute("INSERT INTO t (k) VALUES (-1)");
            s.execute("COPY t (k, s) FROM '" + csv("1\tc\n2\tc\n") + "' (DELIMITER '\t')");
            assertEquals(List.of("-1|-2", "1|2", "2|4"), rows(s, "SELECT k, twice FROM t WHERE k < 0 OR s = 'c' ORDER BY k"));
            assertEquals(List.of("0"), rows(s, "SELECT count(*) FROM t WHERE r IS NULL"));
        }
        // what the WAL replays (no checkpoint this time) is what was stored
        List<String> before;
        try (java.sql.Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t (k, s) SELECT x, 'w' FROM range(20000, 23000) r(x)");
            before = rows(s, sums);
        }
        try (java.sql.Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(before, rows(s, sums));
        }
    }

    @Test
    void appenderInsertOrReplaceAndAddColumnComputeStoredValues() throws SQLException {
        try (Connection con = Teal.connect()) {
            con.execute("CREATE TABLE a (id BIGINT PRIMARY KEY, v DOUBLE, twice DOUBLE GENERATED ALWAYS AS (v * 2) STORED HIDDEN)");
            try (Appender app = con.appender("a")) {
                // the appender writes whole rows: what it holds for the stored column is replaced by its value
                for (long i = 0; i < 5000; i++) app.append(i).append(i * 0.5).append(-1.0).endRow();
            }
            assertEquals(5000L, ((Number) con.execute("SELECT count(*) FROM a WHERE twice = v * 2").fetchOne()[0]).longValue());
            con.execute("INSERT OR REPLACE INTO a (id, v) SELECT x, -x FROM range(0, 6000, 2) r(x)");
            Object[] r = con.execute("SELECT count(*), count(*) FILTER (WHERE twice = v * 2), max(twice) FILTER (WHERE id = 4) FROM a").fetchOne();
            assertEquals(5500L, ((Number) r[0]).longValue());
            assertEquals(5500L, ((Number) r[1]).longValue());
            assertEquals(-8.0, ((Number) r[2]).doubleValue());
            con.execute("ALTER TABLE a ADD COLUMN tag VARCHAR GENERATED ALWAYS AS ('v=' || v) STORED HIDDEN");
            con.execute("ALTER TABLE a ADD COLUMN rnd DOUBLE GENERATED ALWAYS AS (random()) STORED HIDDEN");
            con.execute("INSERT INTO a VALUES (100000, 1.5)");
            assertEquals("v=-4.0", con.execute("SELECT tag FROM a WHERE id = 4").fetchOne()[0]);
            assertEquals("v=1.5", con.execute("SELECT tag FROM a WHERE id = 100000").fetchOne()[0]);
            Object s1 = con.execute("SELECT sum(rnd) FROM a").fetchOne()[0];
            assertEquals(s1, con.execute("SELECT sum(rnd) FROM a").fetchOne()[0]);
            assertEquals(0L, ((Number) con.execute("SELECT count(*) FROM a WHERE rnd IS NULL OR tag IS NULL").fetchOne()[0]).longValue());
        }
    }

    private String csv(String text) throws java.io.IOException {
        Path p = dir.resolve("rows.tsv");
        Files.writeString(p, text);
        return p.toString().replace("'", "''");
    }

    private static long sum(int n) {
        return (long) n * (n - 1) / 2;
    }
}
