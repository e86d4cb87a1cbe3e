package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.ConstraintException;
import io.tealdb.error.TealException;
import io.tealdb.error.TransactionException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tealdb.session.SessionTestUtil.rows;
import static io.tealdb.session.SessionTestUtil.scalar;
import static io.tealdb.session.SessionTestUtil.update;
import static org.junit.jupiter.api.Assertions.*;

/** End-to-end tests through ClientContext: DDL, DML, transactions, prepared statements, settings. */
class SessionTest {
    Database db;
    ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "2"));
        c = db.connect();
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    @Test
    void createInsertSelect() {
        update(c, "CREATE TABLE t (a INTEGER, b VARCHAR)");
        assertEquals(3, update(c, "INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, NULL)"));
        assertEquals(List.of(List.of(3, "x")), rows(c, "SELECT count(*)::INTEGER, min(b) FROM t"));
        assertEquals(List.of(List.of(3), List.of(2)), rows(c, "SELECT a FROM t WHERE a >= 2 ORDER BY a DESC"));
        assertEquals(2L, update(c, "UPDATE t SET a = a * 10 WHERE b IS NOT NULL"));
        assertEquals(1L, update(c, "DELETE FROM t WHERE b IS NULL"));
        assertEquals(List.of(List.of(10, "x"), List.of(20, "y")), rows(c, "SELECT * FROM t ORDER BY a"));
    }

    @Test
    void insertColumnListDefaultsAndCasts() {
        update(c, "CREATE TABLE t (a INTEGER DEFAULT 7, b VARCHAR, c DECIMAL(10,2) DEFAULT 1.5)");
        update(c, "INSERT INTO t (b) VALUES ('x')");
        update(c, "INSERT INTO t VALUES ('5', 6, 2)");
        update(c, "INSERT INTO t DEFAULT VALUES");
        update(c, "INSERT INTO t SELECT 1, 'y', 3.333");
        assertEquals(List.of(List.of(1, "y", new java.math.BigDecimal("3.33")), List.of(5, "6", new java.math.BigDecimal("2.00")),
                        List.of(7, "x", new java.math.BigDecimal("1.50"))),
                rows(c, "SELECT * FROM t WHERE b IS NOT NULL ORDER BY a"));
        assertEquals(4L, ((Number) scalar(c, "SELECT count(*) FROM t")).longValue());
    }

    @Test
    void constraintsAndStatementAtomicity() {
        update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL CHECK (v > 0))");
        update(c, "INSERT INTO t VALUES (1, 1)");
        TealException dup = assertThrows(TealException.class, () -> update(c, "INSERT INTO t VALUES (2, 2), (1, 3)"));
        assertInstanceOf(ConstraintException.class, dup, dup.getMessage());
        assertThrows(ConstraintException.class, () -> update(c, "INSERT INTO t VALUES (3, NULL)"));
        assertThrows(ConstraintException.class, () -> update(c, "INSERT INTO t VALUES (4, -1)"));
        assertThrows(ConstraintException.class, () -> update(c, "UPDATE t SET v = 0"));
        // a failing multi-row insert adds nothing
        StringBuilder sb = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 10; i < 1010; i++) sb.append(i > 10 ? ", " : "").append('(').append(i).append(", ").append(i == 900 ? -5 : 1).append(')');
        assertThrows(ConstraintException.class, () -> update(c, sb.toString()));
        assertEquals(List.of(List.of(1, 1)), rows(c, "SELECT * FROM t"));
    }

    @Test
    void explicitTransactionsAndSnapshotIsolation() {
        update(c, "CREATE TABLE t (a INTEGER)");
        update(c, "INSERT INTO t VALUES (1)");
        try (ClientContext other = db.connect()) {
            update(c, "BEGIN");
            assertTrue(c.inTransaction());
            update(c, "INSERT INTO t VALUES (2)");
            assertEquals(2L, ((Number) scalar(c, "SELECT count(*) FROM t")).longValue());
            assertEquals(1L, ((Number) scalar(other, "SELECT count(*) FROM t")).longValue(), "uncommitted rows are invisible");
            update(other, "BEGIN");
            assertEquals(1L, ((Number) scalar(other, "SELECT count(*) FROM t")).longValue());
            update(c, "COMMIT");
            assertFalse(c.inTransaction());
            assertEquals(1L, ((Number) scalar(other, "SELECT count(*) FROM t")).longValue(), "snapshot taken at BEGIN");
            update(other, "COMMIT");
            assertEquals(2L, ((Number) scalar(other, "SELECT count(*) FROM t")).longValue());
        }
        update(c, "BEGIN");
        update(c, "DELETE FROM t");
        update(c, "CREATE TABLE gone (x INTEGER)");
        update(c, "ROLLBACK");
        assertEquals(2L, ((Number) scalar(c, "SELECT count(*) FROM t")).longValue());
        assertThrows(CatalogException.class, () -> rows(c, "SELECT * FROM gone"));
        assertThrows(TransactionException.class, () -> update(c, "COMMIT"));
    }

    @Test
    void failedStatementInsideTransactionAbortsItAsInDuckDb() {
        update(c, "CREATE TABLE t (a INTEGER PRIMARY KEY)");
        update(c, "INSERT INTO t VALUES (0)");
        update(c, "BEGIN");
        update(c, "INSERT INTO t VALUES (1)");
        assertThrows(ConstraintException.class, () -> update(c, "INSERT INTO t VALUES (2), (1)"));
        assertThrows(io.tealdb.error.TransactionException.class, () -> rows(c, "SELECT * FROM t"));
        update(c, "COMMIT"); // rolls the aborted transaction back
        assertEquals(List.of(List.of(0)), rows(c, "SELECT * FROM t"));
    }

    @Test
    void preparedStatementsAndBatches() {
        update(c, "CREATE TABLE t (a INTEGER, b VARCHAR, d DOUBLE)");
        ClientContext.PreparedQuery ins = c.prepare("INSERT INTO t VALUES (?, ?, ?)");
        assertEquals(3, ins.parameterCount());
        assertEquals(List.of(LogicalType.INTEGER, LogicalType.VARCHAR, LogicalType.DOUBLE), ins.parameterTypes());
        List<List<Value>> batch = new ArrayList<>();
        for (int i = 0; i < 5000; i++) batch.add(List.of(Value.ofInteger(i), Value.ofVarchar("v" + i), Value.ofInteger(i)));
        long[] counts = ins.executeBatch(batch);
        assertEquals(5000, counts.length);
        assertEquals(5000L, ((Number) scalar(c, "SELECT count(*) FROM t")).longValue());
        ClientContext.PreparedQuery q = c.prepare("SELECT b, d FROM t WHERE a = ?");
        assertEquals(List.of("b", "d"), q.columnNames());
        assertEquals(List.of(LogicalType.INTEGER), q.parameterTypes());
        List<List<Object>> r = new ArrayList<>();
        try (QueryResult res = q.execute(List.of(Value.ofVarchar("42")))) {
            for (DataChunk ch = res.nextChunk(); ch != null; ch = res.nextChunk()) r.add(List.of(ch.getObject(0, 0), ch.getObject(1, 0)));
        }
        assertEquals(List.of(List.of("v42", 42.0)), r);
        update(c, "PREPARE p AS SELECT count(*) FROM t WHERE a < $1");
        assertEquals(10L, ((Number) scalar(c, "EXECUTE p(10)")).longValue());
        update(c, "DEALLOCATE p");
        assertThrows(TealException.class, () -> rows(c, "EXECUTE p(1)"));
    }

    @Test
    void viewsSchemasSequencesAndAlter() {
        update(c, "CREATE SCHEMA s");
        update(c, "CREATE TABLE s.t (a INTEGER, b INTEGER)");
        update(c, "INSERT INTO s.t VALUES (1, 2), (3, 4)");
        update(c, "CREATE VIEW v (x, y) AS SELECT a + b, a FROM s.t");
        assertEquals(List.of(List.of(3, 1), List.of(7, 3)), rows(c, "SELECT * FROM v ORDER BY x"));
        update(c, "CREATE OR REPLACE VIEW v AS SELECT a FROM s.t WHERE a > 1");
        assertEquals(List.of(List.of(3)), rows(c, "SELECT * FROM v"));
        update(c, "CREATE SEQUENCE seq START 10");
        assertEquals(10L, scalar(c, "SELECT nextval('seq')"));
        assertEquals(11L, scalar(c, "SELECT nextval('seq')"));
        assertEquals(11L, scalar(c, "SELECT currval('seq')"));
        update(c, "ALTER TABLE s.t ADD COLUMN c VARCHAR DEFAULT 'z'");
        update(c, "ALTER TABLE s.t RENAME COLUMN a TO aa");
        update(c, "ALTER TABLE s.t DROP COLUMN b");
        assertEquals(List.of(List.of(1, "z"), List.of(3, "z")), rows(c, "SELECT * FROM s.t ORDER BY aa"));
        update(c, "ALTER TABLE s.t RENAME TO u");
        assertEquals(2L, ((Number) scalar(c, "SELECT count(*) FROM s.u")).longValue());
        update(c, "DROP VIEW v");
        update(c, "DROP TABLE s.u");
        update(c, "DROP TABLE IF EXISTS s.u");
        update(c, "DROP SCHEMA s");
        assertThrows(CatalogException.class, () -> update(c, "DROP TABLE nothere"));
    }

    @Test
    void createTableAsTruncateAndCopy() throws Exception {
        update(c, "CREATE TABLE src AS SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'y'");
        assertEquals(List.of(java.util.Arrays.asList("a", "INTEGER", "YES", null, null, null), java.util.Arrays.asList("b", "VARCHAR", "YES", null, null, null)),
                rows(c, "DESCRIBE src"));
        update(c, "TRUNCATE src");
        assertEquals(0L, ((Number) scalar(c, "SELECT count(*) FROM src")).longValue());
        Path file = Files.createTempFile("tealdb-copy", ".tbl");
        try {
            Files.writeString(file, "1|one|\n2|two|\n");
            update(c, "CREATE TABLE lines (n INTEGER, s VARCHAR)");
            assertEquals(2L, update(c, "COPY lines FROM '" + file + "' (DELIMITER '|', HEADER false)"));
            assertEquals(List.of(List.of(1, "one"), List.of(2, "two")), rows(c, "SELECT * FROM lines ORDER BY n"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void showDescribeAndInformationSchema() {
        update(c, "CREATE TABLE b (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL DEFAULT 'n')");
        update(c, "CREATE TABLE a (x DOUBLE)");
        assertEquals(List.of(List.of("a"), List.of("b")), rows(c, "SHOW TABLES"));
        assertEquals(List.of(java.util.Arrays.asList("id", "INTEGER", "NO", "PRI", null, null), java.util.Arrays.asList("name", "VARCHAR", "NO", null, "'n'", null)),
                rows(c, "DESCRIBE b"));
        assertEquals(List.of(List.of("a", "x", "DOUBLE"), List.of("b", "id", "INTEGER"), List.of("b", "name", "VARCHAR")),
                rows(c, "SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY table_name, ordinal_position"));
        assertEquals(List.of(List.of("main", "a", "BASE TABLE"), List.of("main", "b", "BASE TABLE")),
                rows(c, "SELECT table_schema, table_name, table_type FROM information_schema.tables ORDER BY table_name"));
    }

    @Test
    void settingsAndVariables() {
        update(c, "SET threads = 3");
        assertEquals(List.of(List.of("3")), rows(c, "SELECT current_setting_is_not_needed FROM (SELECT '3' AS current_setting_is_not_needed)"));
        update(c, "SET enable_verification = true");
        update(c, "PRAGMA enable_verification");
        assertThrows(CatalogException.class, () -> update(c, "SET no_such_setting = 1"));
        update(c, "SET VARIABLE answer = 42");
        assertEquals(42, scalar(c, "SELECT getvariable('answer')"));
        update(c, "RESET VARIABLE answer");
        assertNull(scalar(c, "SELECT getvariable('answer')"));
        update(c, "CREATE TABLE n (x INTEGER)");
        update(c, "INSERT INTO n VALUES (1), (NULL)");
        assertEquals(List.of(List.of(1), nullRow()), rows(c, "SELECT x FROM n ORDER BY x"));
        update(c, "SET default_null_order = 'nulls_first'");
        assertEquals(List.of(nullRow(), List.of(1)), rows(c, "SELECT x FROM n ORDER BY x"));
    }

    /** A one-column row holding NULL (List.of does not take nulls). */
    static List<Object> nullRow() {
        List<Object> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    @Test
    void errorsCarryKindAndPosition() {
        update(c, "CREATE TABLE t (a INTEGER)");
        TealException e = assertThrows(TealException.class, () -> rows(c, "SELECT b FROM t"));
        assertInstanceOf(BinderException.class, e);
        assertEquals(7, e.position());
        TealException p = assertThrows(TealException.class, () -> rows(c, "SELEC 1"));
        assertEquals("Parser Error", p.kind());
        // the session stays usable after errors
        assertEquals(1, scalar(c, "SELECT 1"));
    }

    @Test
    void returningClauses() {
        update(c, "CREATE TABLE t (a INTEGER, b VARCHAR CHECK (b <> 'bad'))");
        assertEquals(List.of(List.of(1, "x", 2), List.of(2, "y", 3)), rows(c, "INSERT INTO t VALUES (1, 'x'), (2, 'y') RETURNING *, a + 1 AS z"));
        assertEquals(List.of(List.of(10, "x")), rows(c, "UPDATE t SET a = a * 10 WHERE a = 1 RETURNING a, b"));
        assertEquals(List.of(List.of("y")), rows(c, "DELETE FROM t WHERE a = 2 RETURNING b"));
        assertThrows(ConstraintException.class, () -> rows(c, "INSERT INTO t VALUES (3, 'bad') RETURNING a"));
        assertEquals(List.of(List.of(10)), rows(c, "WITH x AS (SELECT 10 AS v) DELETE FROM t WHERE a IN (SELECT v FROM x) RETURNING a"));
        assertEquals(0L, ((Number) scalar(c, "SELECT count(*) FROM t")).longValue());
        update(c, "INSERT INTO t VALUES (5, 'q')");
        assertEquals(1L, update(c, "TRUNCATE t"));
    }

    @Test
    void macrosAndRowid() {
        update(c, "CREATE MACRO add1(x) AS x + 1");
        update(c, "CREATE MACRO plus(a, b := 10) AS a + b");
        update(c, "CREATE TABLE t AS SELECT * FROM range(4) r(i)");
        assertEquals(List.of(List.of(1L, 10L, 1L), List.of(4L, 13L, 4L)),
                rows(c, "SELECT add1(i), plus(i), plus(i, b := 1) FROM t WHERE i IN (0, 3) ORDER BY 1"));
        update(c, "CREATE MACRO tot(x) AS sum(x)");
        assertEquals(6L, ((Number) scalar(c, "SELECT tot(i) FROM t")).longValue());
        update(c, "CREATE MACRO below(n) AS TABLE SELECT * FROM t WHERE i < n");
        assertEquals(List.of(List.of(0L), List.of(1L)), rows(c, "SELECT * FROM below(2) ORDER BY 1"));
        update(c, "DROP MACRO add1");
        assertThrows(CatalogException.class, () -> rows(c, "SELECT add1(1)"));
        assertEquals(List.of(List.of(2L, 2L), List.of(3L, 3L)), rows(c, "SELECT rowid, i FROM t WHERE rowid > 1 ORDER BY rowid"));
        assertEquals(1L, update(c, "DELETE FROM t WHERE rowid = 0"));
        assertEquals(List.of("i"), c.prepare("SELECT * FROM t").columnNames(), "rowid is not part of *");
    }

    @Test
    void readCsvSniffsHeaderDelimiterAndTypes() throws Exception {
        Path file = Files.createTempFile("tealdb-read", ".csv");
        try {
            Files.writeString(file, "id,name,score,day\n1,ann,1.5,2020-01-01\n2,bob,,2021-02-03\n3,\"c, d\",3.25,2022-12-31\n");
            ClientContext.PreparedQuery q = c.prepare("SELECT * FROM read_csv('" + file + "')");
            assertEquals(List.of("id", "name", "score", "day"), q.columnNames());
            assertEquals(List.of(LogicalType.BIGINT, LogicalType.VARCHAR, LogicalType.DOUBLE, LogicalType.DATE), q.columnTypes());
            assertEquals(List.of(List.of(3L, "c, d")), rows(c, "SELECT id, name FROM '" + file + "' WHERE score > 2"));
            update(c, "CREATE TABLE x AS SELECT * FROM read_csv_auto('" + file + "')");
            assertEquals(4.75, ((Number) scalar(c, "SELECT sum(score) FROM x")).doubleValue(), 1e-9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void copyToWritesCsvLikeDuckDb() throws Exception {
        Path file = Files.createTempFile("tealdb-out", ".csv");
        try {
            update(c, "CREATE TABLE t AS SELECT 1 AS a, 'x,y' AS b UNION ALL SELECT NULL, 'q\"r'");
            assertEquals(2L, update(c, "COPY t TO '" + file + "'"));
            assertEquals("a,b\n1,\"x,y\"\n,\"q\"\"r\"\n", Files.readString(file));
            assertEquals(1L, update(c, "COPY (SELECT a FROM t WHERE a = 1) TO '" + file + "' (HEADER false, DELIMITER '|')"));
            assertEquals("1\n", Files.readString(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void explainShowsThePhysicalPlan() {
        update(c, "CREATE TABLE t (a INTEGER)");
        update(c, "INSERT INTO t VALUES (1), (2)");
        List<List<Object>> r = rows(c, "EXPLAIN SELECT a FROM t WHERE a > 1");
        assertEquals(1, r.size());
        assertEquals("physical_plan", r.get(0).get(0));
        assertTrue(((String) r.get(0).get(1)).contains("SCAN"), (String) r.get(0).get(1));
        List<List<Object>> a = rows(c, "EXPLAIN ANALYZE SELECT count(*) FROM t");
        assertTrue(((String) a.get(0).get(1)).contains("Total Time"), (String) a.get(0).get(1));
    }

    @Test
    void tooDeepExpressionsFailWithTheDepthLimitWhateverTheThreadStack() throws Exception {
        update(c, "CREATE TABLE integers (x INTEGER)");
        update(c, "SET max_expression_depth = 250");
        String deep = "SELECT " + String.join(" + ", java.util.Collections.nCopies(5000, "x")) + " FROM integers";
        for (long stack : new long[]{256 * 1024, 4 * 1024 * 1024}) {
            Throwable[] error = new Throwable[1];
            Thread t = new Thread(null, () -> {
                try {
                    rows(c, deep);
                } catch (Throwable e) {
                    error[0] = e;
                }
            }, "deep", stack);
            t.start();
            t.join();
            assertNotNull(error[0], "stack " + stack);
            assertInstanceOf(io.tealdb.parser.ParserException.class, error[0], "stack " + stack);
            assertTrue(error[0].getMessage().startsWith("Max expression depth limit of 250 exceeded"),
                    "stack " + stack + ": " + error[0].getMessage().substring(0, Math.min(200, error[0].getMessage().length())));
        }
    }

    @Test
    void explainAnalyzeCountsTheRowsEachOperatorOutputs() {
        update(c, "CREATE TABLE big AS SELECT range AS k FROM range(5000)");
        update(c, "CREATE TABLE small AS SELECT range * 10 AS k FROM range(100)");
        String plan = (String) rows(c, "EXPLAIN ANALYZE SELECT count(*) FROM big JOIN small USING (k)").get(0).get(1);
        // the join outputs 100 matches; the 100 build rows it consumed are not added to them
        assertTrue(plan.matches("(?s).*HASH_JOIN[^\\n]*\\[rows: 100,.*"), plan);
        assertTrue(plan.matches("(?s).*HASH_GROUP_BY[^\\n]*\\[rows: 1,.*|(?s).*AGGREGATE[^\\n]*\\[rows: 1,.*"), plan);
    }

    @Test
    void appenderAndMultipleStatements() {
        update(c, "CREATE TABLE t (a INTEGER, b VARCHAR)");
        try (TableAppender app = c.appender(null, "t")) {
            DataChunk chunk = new DataChunk(app.types());
            for (int i = 0; i < 3; i++) {
                chunk.column(0).setObject(i, i);
                chunk.column(1).setObject(i, "r" + i);
            }
            chunk.setSize(3);
            app.append(chunk);
        }
        assertEquals(List.of(List.of(3L)), rows(c, "INSERT INTO t VALUES (9, 'z'); SELECT count(*) FROM t WHERE a < 9"));
        assertEquals(4L, ((Number) scalar(c, "SELECT count(*) FROM t")).longValue());
    }
}
