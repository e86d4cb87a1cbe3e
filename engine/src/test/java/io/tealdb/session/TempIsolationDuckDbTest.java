package io.tealdb.session;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Temporary objects belong to the connection that made them, as in DuckDB: two connections to one
 * database file in one JVM (DuckDB JDBC shares the instance the same way) each have their own
 * {@code temp} catalog; a temporary table shadows a table of the same name for its own connection
 * only; temporary views, sequences and macros are private too; temp DDL rolls back with its
 * transaction; a transaction may write temporary objects besides its one database, even READ ONLY;
 * temporary objects end with their connection and never reach the file. Every step is run on DuckDB
 * and TealDB and the transcripts compared (error messages up to their first sentence).
 */
class TempIsolationDuckDbTest {
    @TempDir
    Path dir;

    /** "1:" and "2:" pick the connection; "close 2" closes and reopens connection 2; "reopen" closes both and reopens the file. */
    private static final List<String> SCRIPT = List.of(
            "1:CREATE TABLE t AS SELECT range AS i FROM range(5000)",
            "1:CREATE TEMP TABLE t AS SELECT range * 10 AS i FROM range(3000)",
            "1:SELECT count(*), sum(i) FROM t",
            "1:SELECT count(*), sum(i) FROM main.t",
            "1:SELECT count(*), sum(i) FROM temp.t",
            "1:SELECT count(*), sum(i) FROM temp.main.t",
            "1:SELECT count(*), sum(i) FROM db.main.t",
            "1:SELECT count(*), sum(i) FROM db.t",
            "2:SELECT count(*), sum(i) FROM t",
            "2:SELECT count(*) FROM temp.t",
            "2:CREATE TEMP TABLE t (j VARCHAR)",
            "2:INSERT INTO t SELECT 'v' || range FROM range(2500)",
            "2:SELECT count(*), min(j), max(j) FROM t",
            "1:SELECT count(*), sum(i) FROM t",
            "1:INSERT INTO t VALUES (-1)",
            "1:UPDATE t SET i = i + 1 WHERE i < 100",
            "1:DELETE FROM main.t WHERE i >= 20000",
            "1:SELECT count(*), sum(i) FROM t",
            "2:SELECT count(*), sum(i) FROM db.t",
            "1:CREATE TEMP VIEW v AS SELECT max(i) AS m FROM t",
            "1:CREATE TEMP SEQUENCE sq START 10",
            "1:CREATE TEMP MACRO twice(x) AS x * 2",
            "1:SELECT m, nextval('sq'), twice(m) FROM v",
            "1:SELECT nextval('temp.sq'), temp.twice(3)",
            "2:SELECT * FROM v",
            "2:SELECT nextval('sq')",
            "2:SELECT twice(1)",
            "2:CREATE VIEW v AS SELECT 1 AS one",
            "1:SELECT * FROM v",
            "2:SELECT * FROM v",
            "1:SELECT database_name, schema_name, table_name, temporary, estimated_size > 0 FROM duckdb_tables() ORDER BY ALL",
            "2:SELECT database_name, schema_name, table_name, temporary FROM duckdb_tables() ORDER BY ALL",
            "1:SELECT database_name, schema_name, view_name, temporary FROM duckdb_views() WHERE NOT internal ORDER BY ALL",
            "2:SELECT database_name, schema_name, view_name, temporary FROM duckdb_views() WHERE NOT internal ORDER BY ALL",
            "1:SELECT database_name, schema_name, sequence_name, temporary, start_value, increment_by, last_value FROM duckdb_sequences() ORDER BY ALL",
            "2:SELECT count(*) FROM duckdb_sequences()",
            "1:SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables ORDER BY ALL",
            "2:SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables ORDER BY ALL",
            "1:SELECT DISTINCT table_catalog, table_name FROM information_schema.columns ORDER BY ALL",
            "1:SELECT database_name, internal FROM duckdb_databases() ORDER BY ALL",
            "1:SELECT database_name, schema_name FROM duckdb_schemas() ORDER BY ALL",
            "1:SHOW TABLES",
            "2:SHOW TABLES",
            "1:BEGIN",
            "1:CREATE TEMP TABLE r (i INTEGER)",
            "1:INSERT INTO r VALUES (1)",
            "1:INSERT INTO db.main.t VALUES (7)",
            "1:ROLLBACK",
            "1:SELECT * FROM r",
            "1:SELECT count(*) FROM db.t",
            "1:BEGIN",
            "1:INSERT INTO temp.t VALUES (8)",
            "1:INSERT INTO db.t VALUES (8)",
            "1:COMMIT",
            "1:SELECT count(*) FROM t WHERE i = 8",
            "2:SELECT count(*) FROM db.t WHERE i = 8",
            "1:BEGIN TRANSACTION READ ONLY",
            "1:INSERT INTO t VALUES (9)",
            "1:INSERT INTO db.t VALUES (9)",
            "1:COMMIT",
            "1:SELECT count(*) FROM t WHERE i = 9",
            "1:CREATE TEMP TABLE x (i INTEGER)",
            "1:CREATE TEMP TABLE x (i INTEGER)",
            "1:CREATE TEMP TABLE db.x (i INTEGER)",
            "1:ALTER TABLE x ADD COLUMN k VARCHAR",
            "1:ALTER TABLE x RENAME TO x2",
            "1:INSERT INTO x2 VALUES (1, 'a')",
            "1:SELECT * FROM temp.x2",
            "2:SELECT * FROM x2",
            "1:DROP TABLE t",
            "1:SELECT count(*), sum(i) FROM t",
            "1:DROP VIEW v",
            "1:SELECT * FROM v",
            "1:DROP SEQUENCE sq",
            "1:SELECT nextval('sq')",
            "1:DROP MACRO twice",
            "1:SELECT twice(2)",
            "1:CREATE SCHEMA temp",
            "1:CREATE TABLE db.temp.y AS SELECT 5 AS five",
            "1:SELECT * FROM db.temp.y",
            "1:SELECT * FROM temp.y",
            "close 2",
            "2:SELECT count(*) FROM t",
            "2:SELECT database_name, table_name FROM duckdb_tables() WHERE temporary",
            "reopen",
            "1:SELECT database_name, schema_name, table_name, temporary FROM duckdb_tables() ORDER BY ALL",
            "1:SELECT view_name FROM duckdb_views() WHERE NOT internal",
            "1:SELECT count(*) FROM duckdb_sequences()",
            "1:SELECT count(*), sum(i) FROM t",
            "1:SELECT * FROM x2",
            "1:SELECT * FROM v");

    @Test
    void temporaryObjectsArePrivateToTheirConnection() throws SQLException {
        List<String> duck = run("jdbc:duckdb:" + dir.resolve("duck").resolve("db.db"));
        List<String> teal = run("jdbc:teal:" + dir.resolve("teal").resolve("db.db"));
        assertEquals(String.join("\n", duck), String.join("\n", teal));
        // the transcript really shows isolation (guards against a script that tests nothing)
        assertTrue(teal.contains("2:SELECT count(*) FROM temp.t -> Catalog Error: Table with name t does not exist!"), String.join("\n", teal));
    }

    /**
     * Temporary work in a session of a file database writes nothing: neither the log nor the file
     * grows, and a commit that also writes a table of the file logs only that table's change.
     */
    @Test
    void temporaryWorkNeverReachesTheFileOrTheLog() throws Exception {
        String url = "jdbc:teal:" + dir.resolve("wal.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (i BIGINT)");
            s.execute("CHECKPOINT");
            long[] before = sizes(s);
            s.execute("CREATE TEMP TABLE big AS SELECT range AS i, 'row ' || range AS s FROM range(300000)");
            s.execute("INSERT INTO big SELECT range, 'more' FROM range(5000)");
            s.execute("UPDATE big SET s = 'changed' WHERE i % 7 = 0");
            s.execute("DELETE FROM big WHERE i % 11 = 0");
            s.execute("CREATE TEMP SEQUENCE sq");
            s.execute("CREATE TEMP VIEW tv AS SELECT count(*) AS n FROM big");
            s.execute("CREATE TEMP MACRO m(x) AS x + 1");
            s.execute("SELECT nextval('sq'), m(1)");
            assertEquals(before[0], sizes(s)[0], "log bytes after temporary work");
            assertEquals(before[1], sizes(s)[1], "file bytes after temporary work");
            s.execute("BEGIN");
            s.execute("INSERT INTO big SELECT range, 'in txn' FROM range(100000)");
            s.execute("INSERT INTO kept VALUES (1)");
            s.execute("COMMIT");
            long logged = sizes(s)[0] - before[0];
            assertTrue(logged > 0 && logged < 1000, "one row of kept is logged, not 100,000 temporary rows: " + logged + " bytes");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM kept), (SELECT count(*) FROM duckdb_tables() WHERE temporary)")) {
            assertTrue(r.next());
            assertEquals(1, r.getLong(1));
            assertEquals(0, r.getLong(2));
        }
    }

    /** The log's size in bytes and the file's size (PRAGMA storage_stats, TealDB's exact counters). */
    private static long[] sizes(Statement s) throws SQLException {
        long wal = -1, file = -1;
        try (ResultSet r = s.executeQuery("PRAGMA storage_stats")) {
            while (r.next()) {
                if (r.getString(1).equals("wal_size")) wal = r.getLong(2);
                if (r.getString(1).equals("file_size")) file = r.getLong(2);
            }
        }
        assertTrue(wal >= 0 && file > 0);
        return new long[]{wal, file};
    }

    private List<String> run(String url) throws SQLException {
        java.io.File parent = Path.of(url.substring(url.indexOf(':', 5) + 1)).getParent().toFile();
        assertTrue(parent.mkdirs());
        List<String> out = new ArrayList<>();
        Connection[] c = {DriverManager.getConnection(url), DriverManager.getConnection(url)};
        try {
            for (String step : SCRIPT) {
                if (step.equals("close 2")) {
                    c[1].close();
                    c[1] = DriverManager.getConnection(url);
                    continue;
                }
                if (step.equals("reopen")) {
                    c[0].close();
                    c[1].close();
                    c[0] = DriverManager.getConnection(url);
                    c[1] = DriverManager.getConnection(url);
                    continue;
                }
                Connection on = c[step.charAt(0) - '1'];
                out.add(step + " -> " + execute(on, step.substring(2)));
            }
        } finally {
            c[0].close();
            c[1].close();
        }
        return out;
    }

    private static String execute(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            if (!s.execute(sql)) return "ok";
            StringBuilder rows = new StringBuilder();
            try (ResultSet r = s.getResultSet()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    for (int i = 1; i <= n; i++) rows.append(r.getString(i)).append(i < n ? "|" : "; ");
                }
            }
            return rows.toString();
        } catch (SQLException e) {
            // (DuckDB doubles the quotes around a database name in one message)
            String m = e.getMessage().lines().findFirst().orElse("").replace("\"\"", "\"");
            int end = m.indexOf('!');
            return end > 0 ? m.substring(0, end + 1) : m;
        }
    }
}
