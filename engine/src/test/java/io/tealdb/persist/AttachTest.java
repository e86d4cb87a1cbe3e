package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.TealException;
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
 * ATTACH / DETACH / USE, qualified names over attached databases and transactions that span them,
 * run side by side with DuckDB JDBC (each in its own directory, {@code {DIR}} in the scripts):
 * every query's rows and every error message must match DuckDB's. Plus durability of attached
 * database files across detach, close and reopen.
 */
class AttachTest {
    @TempDir
    Path dir;

    /** A statement's outcome as text: query rows, "ok" for other statements, or the error message (first line). */
    private static String outcome(java.sql.Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            if (!s.execute(sql)) return "ok";
            StringBuilder sb = new StringBuilder();
            ResultSet rs = s.getResultSet();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                sb.append('\n');
            }
            return sb.toString();
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            return "ERROR " + (nl < 0 ? m : m.substring(0, nl)).strip();
        }
    }

    /** Runs {@code script} in TealDB and DuckDB and compares each statement's outcome. */
    private void sameAsDuckDb(String... script) throws Exception {
        Path tealDir = Files.createDirectories(dir.resolve("teal"));
        Path duckDir = Files.createDirectories(dir.resolve("duck"));
        try (java.sql.Connection teal = DriverManager.getConnection("jdbc:teal:");
             java.sql.Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String sql : script) {
                String t = outcome(teal, sql.replace("{DIR}", tealDir.toString())).replace(tealDir.toString(), "{DIR}");
                String d = outcome(duck, sql.replace("{DIR}", duckDir.toString())).replace(duckDir.toString(), "{DIR}");
                assertEquals(d, t, sql);
            }
        }
    }

    @Test
    void temporaryObjectsLiveInTheTempCatalog() throws Exception {
        sameAsDuckDb(
                "CREATE TEMP TABLE tt AS SELECT range AS i FROM range(5000)",
                "INSERT INTO temp.main.tt VALUES (-1)",
                "INSERT INTO temp.tt VALUES (-2)",
                "SELECT count(*), min(i), max(i) FROM temp.main.tt",
                "SELECT count(*) FROM temp.tt",
                "UPDATE temp.main.tt SET i = i + 1 WHERE i < 0",
                "DELETE FROM temp.main.tt WHERE i >= 100",
                "SELECT count(*), sum(i) FROM tt",
                "SELECT * FROM temp.main.nosuch",
                "SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables WHERE table_name = 'tt'",
                "SELECT table_catalog, table_schema, column_name FROM information_schema.columns WHERE table_name = 'tt'",
                "SELECT database_name, schema_name, table_name, temporary FROM duckdb_tables()",
                "SELECT database_name, internal FROM duckdb_databases() ORDER BY 1");
    }

    @Test
    void attachDetachAndTheirErrorsMatchDuckDb() throws Exception {
        sameAsDuckDb(
                "ATTACH '{DIR}/a.db'",
                "ATTACH '{DIR}/a.db'",
                "ATTACH '{DIR}/a.db' AS a2",
                "ATTACH IF NOT EXISTS '{DIR}/a.db'",
                "ATTACH IF NOT EXISTS '{DIR}/b.db' AS a",
                "ATTACH '{DIR}/missing.db' (READ_ONLY)",
                "ATTACH '{DIR}/missing.db' AS m (READ_ONLY)",
                "ATTACH ':memory:' AS m",
                "ATTACH ':memory:' AS m",
                "ATTACH ':memory:'",
                "ATTACH ':memory:' AS system",
                "ATTACH DATABASE ':memory:' AS temp",
                "SHOW DATABASES",
                "SELECT database_name, path, readonly, internal, type FROM duckdb_databases() ORDER BY database_name",
                "SELECT current_database(), current_schema()",
                "DETACH memory",
                "DETACH nope",
                "DETACH IF EXISTS nope",
                "DETACH DATABASE IF EXISTS m",
                "DETACH DATABASE m",
                "SHOW DATABASES",
                "USE a",
                "SELECT current_database(), current_schema()",
                "DETACH a",
                "DETACH IF EXISTS a",
                "USE nope",
                "USE a.nope",
                "USE memory",
                "DETACH a",
                "SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1");
    }

    @Test
    void qualifiedNamesAndCrossDatabaseStatementsMatchDuckDb() throws Exception {
        sameAsDuckDb(
                "ATTACH '{DIR}/a.db'",
                "ATTACH ':memory:' AS m",
                // more rows than a few 2048-row chunks, so the cross-database INSERT streams several chunks
                "CREATE TABLE a.t AS SELECT range AS i, range % 7 AS g, 'v' || range AS s FROM range(10000)",
                "CREATE TABLE a.main.t2 (x INTEGER, y VARCHAR)",
                "CREATE TABLE m.t (i BIGINT, g BIGINT, s VARCHAR)",
                "INSERT INTO m.t SELECT * FROM a.t WHERE i % 3 = 0",
                "SELECT count(*), sum(i), min(s), max(s) FROM m.t",
                "SELECT count(*) FROM m.main.t",
                "SELECT g, count(*), sum(x.i) FROM a.t AS x JOIN m.main.t AS y USING (i, g) GROUP BY g ORDER BY g",
                "SELECT count(*) FROM a.t WHERE i NOT IN (SELECT i FROM m.t)",
                "INSERT INTO a.t2 SELECT g, max(s) FROM m.t GROUP BY g",
                "SELECT * FROM a.t2 ORDER BY x",
                "UPDATE a.t2 SET y = y || '!' WHERE x < 3",
                "DELETE FROM a.main.t2 WHERE x = 6",
                "SELECT * FROM a.main.t2 ORDER BY x",
                "SELECT count(*) FROM nope.t",
                "SELECT count(*) FROM nope.main.t",
                "SELECT count(*) FROM a.nope.t",
                "SELECT count(*) FROM a.main.nope",
                "SELECT database_name, schema_name, table_name, column_count FROM duckdb_tables() ORDER BY ALL",
                "SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables ORDER BY ALL",
                "SELECT table_catalog, table_name, column_name, data_type FROM information_schema.columns WHERE table_catalog = 'a' ORDER BY ALL",
                "CREATE SCHEMA a.sch",
                "CREATE TABLE a.sch.u AS SELECT 42 AS v",
                "SELECT * FROM a.sch.u",
                "SELECT a.sch.u.v, sch.u.v, u.v FROM a.sch.u",
                "USE a.sch",
                "SELECT current_database(), current_schema()",
                "SELECT * FROM u",
                "SELECT * FROM sch.u",
                "INSERT INTO u VALUES (43)",
                "SELECT sum(v) FROM a.sch.u",
                "USE a",
                "SELECT count(*) FROM t",
                "SELECT count(*) FROM memory.main.t",
                "USE memory",
                "CREATE SCHEMA a",
                "SELECT * FROM a.t",
                "SELECT count(*) FROM a.main.t",
                "DROP SCHEMA a",
                "SELECT count(*) FROM a.t",
                "DROP TABLE a.sch.u",
                "DROP SCHEMA a.sch",
                "SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'a' ORDER BY 1",
                "DROP TABLE m.t",
                "SELECT count(*) FROM m.t");
    }

    @Test
    void oneTransactionWritesOneDatabaseAsInDuckDb() throws Exception {
        sameAsDuckDb(
                "ATTACH '{DIR}/a.db'",
                "ATTACH ':memory:' AS m",
                "CREATE TABLE a.t (i INTEGER)",
                "CREATE TABLE m.t (i INTEGER)",
                "INSERT INTO a.t VALUES (1)",
                "BEGIN",
                "INSERT INTO m.t VALUES (1)",
                "INSERT INTO a.t VALUES (2)",
                "ROLLBACK",
                "BEGIN",
                "INSERT INTO m.t VALUES (1)",
                "CREATE TABLE tt (x INTEGER)",
                "ROLLBACK",
                "BEGIN",
                "INSERT INTO m.t VALUES (1)",
                "SELECT count(*) FROM a.t",
                "INSERT INTO m.t SELECT i + 10 FROM a.t",
                "COMMIT",
                "SELECT * FROM m.t ORDER BY 1",
                "SELECT count(*) FROM a.t",
                "BEGIN",
                "INSERT INTO a.t SELECT range FROM range(5000)",
                "SELECT count(*) FROM a.t",
                "ROLLBACK",
                "SELECT count(*) FROM a.t",
                "BEGIN",
                "SELECT count(*) FROM m.t",
                "DETACH m",
                "ROLLBACK",
                "DETACH m",
                "SHOW DATABASES");
    }

    @Test
    void readOnlyAttachmentsRefuseWritesAsDuckDb() throws Exception {
        sameAsDuckDb(
                "ATTACH '{DIR}/ro.db' AS w",
                "CREATE TABLE w.t AS SELECT range AS i FROM range(3000)",
                "DETACH w",
                "ATTACH '{DIR}/ro.db' AS ro (READ_ONLY)",
                "SELECT database_name, readonly FROM duckdb_databases() WHERE NOT internal ORDER BY 1",
                "SELECT count(*), sum(i) FROM ro.t",
                "INSERT INTO ro.t VALUES (1)",
                "CREATE TABLE ro.z (x INTEGER)",
                "DELETE FROM ro.t",
                "UPDATE ro.t SET i = 1",
                "DROP TABLE ro.t",
                "CREATE SCHEMA ro.s",
                "USE ro",
                "INSERT INTO t VALUES (1)",
                "SELECT count(*) FROM t",
                "USE memory",
                "CREATE TABLE copy AS SELECT * FROM ro.t WHERE i < 10",
                "SELECT count(*) FROM copy",
                "DETACH ro",
                "ATTACH '{DIR}/ro.db' AS rw",
                "INSERT INTO rw.t VALUES (-1)",
                "SELECT count(*), min(i) FROM rw.t");
    }

    @Test
    void viewsBindInTheirDatabaseAndShowDescribeCheckpointNameDatabasesAsInDuckDb() throws Exception {
        sameAsDuckDb(
                "ATTACH '{DIR}/x.db'",
                "CREATE TABLE x.t AS SELECT 1 AS a",
                "CREATE TABLE t AS SELECT 2 AS a",
                // a view's query resolves its names in the view's database, at creation and at each use
                "CREATE VIEW x.v AS SELECT * FROM t",
                "SELECT * FROM x.v",
                "CREATE VIEW v2 AS SELECT * FROM x.t",
                "SELECT * FROM v2",
                "CREATE TABLE x.s AS SELECT a + 10 AS a FROM x.v",
                "SELECT * FROM x.s",
                "USE x",
                "SELECT * FROM v",
                "SELECT * FROM memory.v2",
                "USE memory",
                "SHOW TABLES FROM x",
                "SHOW TABLES FROM x.main",
                "DESCRIBE x.t",
                "CHECKPOINT nope",
                "DETACH x",
                "ATTACH '{DIR}/x.db' (READ_ONLY)",
                "SELECT * FROM x.v",
                "SELECT * FROM x.s",
                "SELECT database_name, schema_name, view_name, column_count, sql FROM duckdb_views() WHERE NOT internal ORDER BY ALL",
                "DETACH x",
                "ATTACH '{DIR}/y.db'",
                // sequences, macros and types of an attached database, by db-qualified names
                "CREATE SEQUENCE y.seq START 5",
                "SELECT nextval('y.seq'), nextval('y.seq')",
                "CREATE MACRO y.plus1(a) AS a + 1",
                "SELECT y.plus1(41)",
                "CREATE TYPE y.small AS SMALLINT",
                "CREATE TABLE y.typed (c y.small)",
                "INSERT INTO y.typed VALUES (7)",
                "SELECT c, typeof(c) FROM y.typed",
                "DETACH y",
                "ATTACH '{DIR}/y.db' AS y2",
                "SELECT nextval('y2.seq')",
                "SELECT y2.plus1(1)",
                "SELECT * FROM y2.typed");
    }

    @Test
    void attachedFilesKeepTheirDataAcrossDetachCloseAndReopen() throws Exception {
        Path a = dir.resolve("kept.db");
        Path b = dir.resolve("other.db");
        try (Connection c = Teal.connect()) {
            c.execute("ATTACH '" + a + "' AS k");
            c.execute("ATTACH '" + b + "'");
            c.execute("CREATE TABLE k.big AS SELECT range AS i, 'x' || (range % 100) AS s FROM range(50000)");
            c.execute("CREATE TABLE other.small (i INTEGER, s VARCHAR)");
            c.execute("INSERT INTO other.small SELECT i, s FROM k.big WHERE i % 1000 = 0");
            c.execute("BEGIN");
            c.execute("DELETE FROM k.big WHERE i >= 40000");
            c.execute("UPDATE k.big SET s = 'changed' WHERE i < 10");
            c.execute("COMMIT");
            c.execute("DETACH other");
            // k stays attached: closing the connection's database must checkpoint it
        }
        try (Connection c = Teal.connect(a.toString())) {
            // a file opened directly is named after it, as in DuckDB
            assertEquals(List.<Object>of("kept"), List.of(c.sql("SELECT current_database()").fetchAll().get(0)));
            Object[] r = c.sql("SELECT count(*), max(i), count(*) FILTER (WHERE s = 'changed') FROM big").fetchAll().get(0);
            assertEquals("[40000, 39999, 10]", java.util.Arrays.toString(r));
            c.execute("ATTACH '" + b + "' AS o (READ_ONLY)");
            Object[] o = c.sql("SELECT count(*), sum(i) FROM o.small").fetchAll().get(0);
            assertEquals("[50, 1225000]", java.util.Arrays.toString(o));
            Object[] j = c.sql("SELECT count(*) FROM big JOIN o.small USING (i)").fetchAll().get(0);
            assertEquals("[40]", java.util.Arrays.toString(j));
            // PRAGMA database_size has a row per attached database, as DuckDB's
            List<Object[]> sizes = c.execute("PRAGMA database_size").fetchAll();
            assertEquals(List.of("kept", "o"), sizes.stream().map(row -> row[0]).toList());
            assertTrue(((Number) sizes.get(1)[3]).longValue() > 0, "total_blocks of the attached file");
            TealException e = assertThrows(TealException.class, () -> c.execute("INSERT INTO o.small VALUES (1, 'x')"));
            assertEquals("Invalid Input Error: Cannot execute statement of type \"INSERT\" on database \"o\" which is attached in read-only mode!",
                    e.describe());
        }
        // a commit to an attached file goes to its log; CHECKPOINT o folds the log into the file
        try (Connection c = Teal.connect()) {
            c.execute("ATTACH '" + b + "' AS o");
            c.execute("INSERT INTO o.small VALUES (-1, 'new')");
            long logged = Files.size(Path.of(b + ".wal"));
            c.execute("CHECKPOINT o");
            assertTrue(Files.size(Path.of(b + ".wal")) < logged, "CHECKPOINT o emptied the attached file's log");
            c.execute("USE o");
            assertEquals(51L, ((Number) c.sql("SELECT count(*) FROM small").fetchAll().get(0)[0]).longValue());
        }
        try (Connection c = Teal.connect()) {
            c.execute("ATTACH '" + b + "' AS o (READ_ONLY)");
            assertEquals("[51, 1224999]", java.util.Arrays.toString(c.sql("SELECT count(*), sum(i) FROM o.small").fetchAll().get(0)));
        }
    }

    @Test
    void aFileCannotBeAttachedTwiceNorWhileItsDefaultDatabaseHoldsIt() {
        Path a = dir.resolve("main.db");
        try (Connection c = Teal.connect(a.toString())) {
            TealException e = assertThrows(TealException.class, () -> c.execute("ATTACH '" + a + "' AS again"));
            assertTrue(e.getMessage().contains("already attached by database \"main\""), e.getMessage());
            List<Object[]> rows = c.sql("SELECT database_name, path FROM duckdb_databases() WHERE NOT internal").fetchAll();
            assertEquals(1, rows.size());
            assertEquals(List.of("main", a.toAbsolutePath().toString()), new ArrayList<>(List.of(rows.get(0))));
        }
    }
}
