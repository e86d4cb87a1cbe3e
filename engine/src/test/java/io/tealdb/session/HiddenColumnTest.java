package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
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
 * {@code HIDDEN} generated columns (how ClickHouse's ALIAS and MATERIALIZED columns are kept): computed
 * from the other columns when named, left out of {@code SELECT *} and of inserts without a column
 * list, and kept as such in a database file.
 */
class HiddenColumnTest {
    @TempDir
    Path dir;

    @Test
    void hiddenGeneratedColumnsAreReadWhenNamedAndSurviveReopen() throws SQLException {
        String url = "jdbc:teal:" + dir.resolve("hidden.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k BIGINT, s VARCHAR, twice BIGINT GENERATED ALWAYS AS (k * 2) HIDDEN, "
                    + "tag VARCHAR GENERATED ALWAYS AS (s || '#' || k) VIRTUAL HIDDEN, d DOUBLE DEFAULT 0.5)");
            s.execute("INSERT INTO t SELECT r, 's' || (r % 7), r / 4 FROM range(5000) x(r)");
            s.execute("INSERT INTO t (k, s) VALUES (5000, 'x')");
            check(s);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            check(s);
            assertEquals(List.of("k|NEVER|null", "s|NEVER|null", "twice|ALWAYS|(k * 2)", "tag|ALWAYS|((s || '#') || k)", "d|NEVER|null"),
                    rows(s, "SELECT column_name, is_generated, generation_expression FROM information_schema.columns WHERE table_name = 't' "
                            + "ORDER BY ordinal_position"));
            TealException e = assertThrows(TealException.class, () -> unwrap(s, "INSERT INTO t (k, twice) VALUES (1, 2)"));
            assertTrue(e.getMessage().contains("Cannot insert into a generated column"), e.getMessage());
        }
    }

    @Test
    void generatedColumnsAddedByAlterTableComputeOverOldAndNewRows() throws SQLException {
        String url = "jdbc:teal:" + dir.resolve("added.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (k BIGINT, s VARCHAR)");
            s.execute("INSERT INTO a SELECT r, 's' || (r % 7) FROM range(5000) x(r)");
            s.execute("ALTER TABLE a ADD COLUMN twice BIGINT GENERATED ALWAYS AS (k * 2) HIDDEN");
            s.execute("ALTER TABLE a ADD COLUMN tag GENERATED ALWAYS AS (s || '#' || twice)"); // type inferred, visible
            s.execute("ALTER TABLE a ADD COLUMN IF NOT EXISTS twice BIGINT GENERATED ALWAYS AS (k * 3) HIDDEN"); // kept as it was
            s.execute("INSERT INTO a VALUES (5000, 'x')"); // no column list: the stored columns only
            checkAdded(s);
            assertEquals(List.of("k|s|tag"), rows(s, "SELECT string_agg(column_name, '|') FROM (DESCRIBE SELECT * FROM a)"));
            SQLException dup = assertThrows(SQLException.class, () -> s.execute("ALTER TABLE a ADD COLUMN tag GENERATED ALWAYS AS (k)"));
            assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());
            SQLException stored = assertThrows(SQLException.class, () -> s.execute("ALTER TABLE a ADD COLUMN x GENERATED ALWAYS AS (k) STORED"));
            assertTrue(stored.getMessage().contains("STORED"), stored.getMessage());
            SQLException unknown = assertThrows(SQLException.class, () -> s.execute("ALTER TABLE a ADD COLUMN y GENERATED ALWAYS AS (nope + 1)"));
            assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
            SQLException notNull = assertThrows(SQLException.class, () -> s.execute("ALTER TABLE a ADD COLUMN z BIGINT GENERATED ALWAYS AS (k) NOT NULL"));
            assertTrue(notNull.getMessage().contains("Constraints on generated columns"), notNull.getMessage());
            assertEquals(List.of("k|s|tag"), rows(s, "SELECT string_agg(column_name, '|') FROM (DESCRIBE SELECT * FROM a)"));
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            checkAdded(s);
            s.execute("ALTER TABLE a DROP COLUMN tag");
            assertEquals(List.of("5000|10000"), rows(s, "SELECT k, twice FROM a WHERE k = 5000"));
        }
    }

    private static void checkAdded(Statement s) throws SQLException {
        assertEquals(List.of("5|10|s5#10"), rows(s, "SELECT k, twice, tag FROM a WHERE k = 5"));
        assertEquals(List.of("5000|10000|x#10000"), rows(s, "SELECT k, twice, tag FROM a WHERE k = 5000"));
        assertEquals(List.of("5001|25005000|715"), rows(s, "SELECT count(*), sum(twice), count(*) FILTER (WHERE tag LIKE 's3#%' OR tag LIKE 'x#%') FROM a"));
    }

    @Test
    void insertOrReplaceRecomputesGeneratedColumns() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE u (k BIGINT PRIMARY KEY, v DOUBLE, twice DOUBLE GENERATED ALWAYS AS (v * 2), "
                    + "tag VARCHAR GENERATED ALWAYS AS ('v=' || v) HIDDEN)");
            s.execute("INSERT INTO u SELECT r, r FROM range(5000) x(r)");
            // every other key again with a new value, and new keys: replaced and added, generated columns follow
            s.execute("INSERT OR REPLACE INTO u SELECT r, r + 0.5 FROM range(0, 6000, 2) x(r)");
            s.execute("INSERT OR REPLACE INTO u (k, v) VALUES (1, -1)");
            assertEquals(List.of("5500|-2.0|v=-1.0|9.0|v=4.5"), rows(s,
                    "SELECT count(*), max(twice) FILTER (WHERE k = 1), max(tag) FILTER (WHERE k = 1), max(twice) FILTER (WHERE k = 4), "
                            + "max(tag) FILTER (WHERE k = 4) FROM u"));
            long sum = 0;
            for (int k = 0; k < 6000; k++) {
                if (k == 1) sum += -2;
                else if (k < 5000 && k % 2 == 1) sum += 2L * k;
                else if (k % 2 == 0) sum += 2L * k + 1;
            }
            assertEquals(List.of(String.valueOf(sum)), rows(s, "SELECT sum(twice)::BIGINT FROM u"));
        }
    }

    @Test
    void hiddenNeedsAGeneratedColumn() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE h (a INTEGER HIDDEN)"));
            assertTrue(e.getMessage().contains("HIDDEN"), e.getMessage());
        }
    }

    private static void check(Statement s) throws SQLException {
        assertEquals(List.of("k|s|d"), rows(s, "SELECT string_agg(column_name, '|') FROM (DESCRIBE SELECT * FROM t)"));
        assertEquals(List.of("5|s5|1.25"), rows(s, "SELECT * FROM t WHERE k = 5"));
        assertEquals(List.of("5000|10000|x#5000|0.5"), rows(s, "SELECT k, twice, tag, d FROM t WHERE k = 5000"));
        long sum = 0;
        for (int i = 0; i <= 5000; i++) sum += 2L * i;
        assertEquals(List.of("5001|" + sum + "|714"), rows(s, "SELECT count(*), sum(twice), count(*) FILTER (WHERE tag LIKE 's3#%') FROM t"));
        // a qualified star leaves them out too (and rowid)
        assertEquals(List.of("5|s5|1.25"), rows(s, "SELECT t.* FROM t WHERE k = 5"));
        assertEquals(List.of("5|s5|1.25|5|s5|1.25"), rows(s, "SELECT a.*, b.* FROM t a JOIN t b USING (k) WHERE k = 5"));
    }

    private static void unwrap(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException e) {
            if (e.getCause() instanceof TealException t) throw t;
            throw new AssertionError(e);
        }
    }

    /** The rows of a query, each as its values joined by '|'. */
    static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }
}
