package io.tealdb.session;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code SET schema}, {@code SET search_path} and {@code USE} against DuckDB: which schema an unqualified
 * name is created in and found in (tables, macros, sequences; SELECT, INSERT, UPDATE, DELETE, ALTER,
 * DESCRIBE, DROP), what current_setting/current_schema show, the errors, RESET, and a current schema
 * dropped under the session. Data spans several chunks.
 */
class SearchPathDuckDbTest {

    @Test
    void searchPathAsInDuckDb() throws SQLException {
        List<String> statements = List.of(
                "CREATE SCHEMA s1",
                "CREATE SCHEMA s2",
                "CREATE TABLE main.tm AS SELECT range AS i FROM range(3000)",
                "CREATE TABLE s1.t1 AS SELECT range * 2 AS i FROM range(2500)",
                "CREATE TABLE s2.t2 AS SELECT range * 3 AS i FROM range(2100)",
                "CREATE TABLE s2.t1 AS SELECT 7 AS i",
                "SELECT current_setting('schema'), current_schema()",
                "SET search_path = 's1,s2'",
                "SELECT current_setting('schema'), current_setting('search_path'), current_schema()",
                "SELECT count(*), sum(i) FROM t1",
                "SELECT count(*), sum(i) FROM t2",
                "SELECT count(*), sum(i) FROM tm",
                "CREATE TABLE t3 (k INTEGER)",
                "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL",
                "CREATE MACRO m2(x) AS x * 10",
                "CREATE SEQUENCE sq",
                "SELECT m2(4), nextval('sq')",
                "SET search_path = 's2,s1'",
                "SELECT count(*), sum(i) FROM t1",
                "SELECT m2(5), nextval('sq')",
                "INSERT INTO t3 SELECT range FROM range(2200)",
                "SELECT count(*) FROM s1.t3",
                "DELETE FROM t2 WHERE i < 300",
                "SELECT count(*) FROM s2.t2",
                "UPDATE t3 SET k = k + 1",
                "SELECT sum(k) FROM s1.t3",
                "ALTER TABLE t3 ADD COLUMN l INTEGER",
                "DESCRIBE t3",
                "DROP TABLE t3",
                "DROP MACRO m2",
                "DROP SEQUENCE sq",
                "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL",
                "SELECT count(*) FROM duckdb_sequences()",
                "SET search_path = 's2,nosuch'",
                "SELECT current_setting('search_path')",
                "SET schema = 's1,s2'",
                "SET schema = 'nosuch'",
                "SET schema = 'temp'",
                "SET schema = 'memory.s1'",
                "SELECT current_setting('schema'), current_setting('search_path'), current_schema()",
                "SELECT count(*) FROM t2",
                "SET schema = 'memory'",
                "SELECT current_setting('schema'), current_setting('search_path'), current_schema()",
                "USE s2",
                "SELECT current_setting('schema'), current_setting('search_path'), current_schema()",
                "SELECT count(*), sum(i) FROM t1",
                "RESET schema",
                "SELECT current_setting('schema'), current_schema()",
                "SELECT count(*), sum(i) FROM t1",
                "SET search_path = '\"s1\"'",
                "SELECT current_setting('search_path'), current_schema()",
                "SELECT count(*), sum(i) FROM t1",
                "RESET search_path",
                "SELECT current_schema()",
                "USE memory",
                "SET search_path = 's1,s2'",
                "SELECT current_setting('search_path')",
                "USE s2",
                "SELECT current_setting('search_path')",
                "RESET search_path",
                "USE s1",
                "SELECT current_setting('search_path')",
                "RESET schema",
                "SET SESSION schema = 's1'",
                "CREATE VIEW v1 AS SELECT count(*) AS n FROM t1",
                "SET schema = 'main'",
                "SELECT n FROM s1.v1",
                "SELECT count(*) FROM v1",
                "ATTACH ':memory:' AS s1",
                "CREATE TABLE s1.main.only_in_db AS SELECT 1 AS i",
                "SET schema = 's1'",
                "SELECT current_database(), current_setting('schema'), current_setting('search_path')",
                "SELECT count(*) FROM t1",
                "USE s1",
                "SELECT current_database(), current_setting('schema'), current_setting('search_path')",
                "USE memory",
                "DETACH s1",
                "SET schema = 's1'",
                "DROP SCHEMA s1 CASCADE",
                "SELECT count(*) FROM tm",
                "DROP SCHEMA s2 CASCADE");
        sameAsDuckDb(statements);
    }

    /**
     * Search path entries naming schemas of other attached databases: bare names are created,
     * written (INSERT, UPDATE, DELETE, ALTER, DROP) and read there; a name qualified by a schema only
     * is created in the database of the first entry naming that schema (else the first entry's), and
     * an existing one is found in the first such database that holds it.
     */
    @Test
    void searchPathIntoAttachedDatabases() throws SQLException {
        List<String> statements = List.of(
                "ATTACH ':memory:' AS db2",
                "CREATE SCHEMA db2.s",
                "CREATE SCHEMA db2.x",
                "SET search_path = 'db2.s'",
                "SELECT current_schema(), current_database(), current_setting('search_path')",
                "CREATE TABLE t(i INT)",
                "INSERT INTO t SELECT range FROM range(5000)",
                "INSERT INTO t VALUES (-1)",
                "UPDATE t SET i = i + 10 WHERE i % 3 = 0",
                "DELETE FROM t WHERE i % 7 = 0",
                "SELECT count(*), sum(i) FROM db2.s.t",
                "SELECT count(*), sum(i) FROM t",
                "ALTER TABLE t ADD COLUMN j INTEGER DEFAULT 4",
                "CREATE VIEW v AS SELECT i, j FROM t WHERE i < 100",
                "CREATE SEQUENCE sq",
                "SELECT nextval('sq'), nextval('s.sq')",
                "CREATE MACRO m(x) AS x + 1",
                "SELECT m(1), count(*) FROM v",
                "CREATE TABLE main.t7(i INT)",
                "CREATE TABLE x.t8 AS SELECT range AS i FROM range(2500)",
                "INSERT INTO x.t8 VALUES (8)",
                "DELETE FROM x.t8 WHERE i < 100",
                "SELECT count(*), sum(i) FROM x.t8",
                "SELECT table_catalog, table_schema, table_name FROM information_schema.tables ORDER BY ALL",
                "SET search_path = 'memory.main,db2.s'",
                "CREATE TABLE t2 AS SELECT range AS i FROM range(3000)",
                "INSERT INTO t (i) VALUES (5)",
                "UPDATE t SET j = 5 WHERE i = 5",
                "SELECT count(*), sum(i), sum(j) FROM t",
                "SET search_path = 'db2.s,memory.main'",
                "CREATE TABLE main.t4(i INT)",
                "INSERT INTO main.t4 VALUES (1)",
                "SELECT * FROM main.t4",
                "CREATE TABLE s.t6(i INT)",
                "INSERT INTO s.t6 VALUES (6)",
                "UPDATE s.t6 SET i = 7",
                "SELECT * FROM s.t6",
                "UPDATE main.t2 SET i = i + 1 WHERE i < 10",
                "DELETE FROM main.t2 WHERE i > 2000",
                "SELECT count(*), sum(i) FROM main.t2",
                "SET search_path = 'db2.main,memory.main'",
                "CREATE TABLE db2.main.u(i INT)",
                "SELECT count(*) FROM main.t4",
                "INSERT INTO main.t4 VALUES (2)",
                "CREATE TABLE main.t4(i INT)",
                "SELECT count(*) FROM main.t4",
                "DROP TABLE main.t4",
                "SELECT count(*) FROM main.t4",
                "DROP TABLE main.t4",
                "SELECT count(*) FROM main.t4",
                "SET search_path = 'db2'",
                "CREATE TABLE t5(i INT)",
                "DROP TABLE t5",
                "SET search_path = 'db2.s'",
                "DROP VIEW v",
                "DROP TABLE t",
                "DROP SEQUENCE sq",
                "SELECT table_catalog, table_schema, table_name FROM information_schema.tables ORDER BY ALL",
                "USE db2",
                "SET search_path = 'memory.main'",
                "CREATE TABLE t9(i INT)",
                "CREATE TABLE main.t10(i INT)",
                "CREATE TABLE s.t11(i INT)",
                "SELECT table_catalog, table_schema, table_name FROM information_schema.tables ORDER BY ALL");
        sameAsDuckDb(statements);
    }

    private static void sameAsDuckDb(List<String> statements) throws SQLException {
        List<String> duck = SessionTestUtil.transcript("jdbc:duckdb:", statements), teal = SessionTestUtil.transcript("jdbc:teal:", statements);
        for (int i = 0; i < statements.size(); i++) assertEquals(duck.get(i), teal.get(i)); // the first difference
    }

    /** JDBC batches of INSERT ... VALUES (?, ?) find their table as a statement does: a temporary one first, then along the path. */
    @Test
    void batchInsertsFindTheirTableOnTheSearchPath() throws SQLException {
        assertEquals(batches("jdbc:duckdb:"), batches("jdbc:teal:"));
    }

    private static List<String> batches(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA s1");
            s.execute("CREATE TABLE main.in_main (k BIGINT, v VARCHAR)");
            s.execute("CREATE TABLE s1.in_s1 (k BIGINT, v VARCHAR)");
            s.execute("CREATE TEMP TABLE scratch (k BIGINT, v VARCHAR)");
            s.execute("SET schema = 's1'");
            for (String table : List.of("in_main", "in_s1", "scratch")) {
                try (java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                    for (int i = 0; i < 3000; i++) {
                        p.setLong(1, i);
                        p.setString(2, table + i);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            return SessionTestUtil.transcript(c, List.of(
                    "SELECT count(*), sum(k), max(v) FROM main.in_main",
                    "SELECT count(*), sum(k), max(v) FROM s1.in_s1",
                    "SELECT count(*), sum(k), max(v) FROM temp.scratch"));
        }
    }
}
