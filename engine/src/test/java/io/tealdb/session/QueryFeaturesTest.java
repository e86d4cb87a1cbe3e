package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Query features (recursive CTEs, ...) checked row by row against DuckDB JDBC, plus the error
 * messages DuckDB gives for misuse.
 */
class QueryFeaturesTest {
    static final String[] SETUP = {
            "CREATE TABLE emp (id INTEGER, name VARCHAR, boss INTEGER)",
            "INSERT INTO emp VALUES (1, 'ann', NULL), (2, 'bob', 1), (3, 'cid', 1), (4, 'dan', 3), (5, 'eve', 4)",
            "CREATE TABLE edges (a INTEGER, b INTEGER)",
            "INSERT INTO edges VALUES (1, 2), (2, 3), (3, 1), (3, 4)",
            "CREATE VIEW paren_view AS (WITH v AS (SELECT * FROM emp) SELECT id FROM v)",
    };

    static Connection duck;
    static Database db;
    static ClientContext teal;

    @BeforeAll
    static void setUp() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        db = Database.open(null, Map.of("threads", "2"));
        teal = db.connect();
        try (Statement s = duck.createStatement()) {
            for (String sql : SETUP) {
                s.execute(sql);
                SessionTestUtil.update(teal, sql);
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        teal.close();
        db.close();
        duck.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 10) SELECT * FROM t",
            "WITH RECURSIVE t(n, f) AS (SELECT 1, 1::BIGINT UNION ALL SELECT n + 1, f * (n + 1) FROM t WHERE n < 15) SELECT * FROM t ORDER BY n",
            // UNION drops duplicates, also across rounds: a cyclic graph terminates
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT e.b FROM r JOIN edges e ON e.a = r.n) SELECT n FROM r ORDER BY n",
            "WITH RECURSIVE chain(id, name, depth) AS (SELECT id, name, 0 FROM emp WHERE boss IS NULL UNION ALL "
                    + "SELECT e.id, e.name, c.depth + 1 FROM emp e JOIN chain c ON e.boss = c.id) SELECT * FROM chain ORDER BY id",
            // several references to the working table in one round
            "WITH RECURSIVE t AS (SELECT 1 AS x UNION SELECT t1.x + t2.x FROM t t1, t t2 WHERE t1.x < 50) SELECT * FROM t ORDER BY 1",
            // the recursive part's result is cast to the anchor's types
            "WITH RECURSIVE t AS (SELECT 1::BIGINT AS x UNION ALL SELECT x + 1 FROM t WHERE x < 3) SELECT x, typeof(x) FROM t",
            // a recursion that only ends because the consumer stops reading
            "SELECT * FROM (WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t) SELECT * FROM t LIMIT 5) ORDER BY 1",
            // nested: the second CTE reads the first one
            "WITH RECURSIVE t(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM t WHERE x < 4), "
                    + "u(x) AS (SELECT * FROM t UNION ALL SELECT u.x * 2 + t.x FROM u, t WHERE u.x < 32 AND t.x = 1) SELECT * FROM u ORDER BY 1",
            // WITH RECURSIVE whose CTE does not reference itself is an ordinary CTE
            "WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT 2) SELECT * FROM t ORDER BY 1",
            // partial column aliases on a CTE reference keep the CTE's other column names
            "WITH cte1(x, y) AS (SELECT 42 a, 84 b) SELECT zzz, y FROM cte1 t1(zzz)",
            "SELECT * FROM paren_view ORDER BY id",
            // COLUMNS(..): one select entry per matching column, named after it
            "SELECT COLUMNS(*) FROM emp ORDER BY id",
            "SELECT COLUMNS('^(id|boss)$') + 1 FROM emp ORDER BY 1",
            "SELECT min(COLUMNS(* EXCLUDE (name))), max(COLUMNS(['name'])) FROM emp",
            "SELECT COLUMNS(* EXCLUDE (name)) * COLUMNS(* EXCLUDE (name)) FROM emp ORDER BY 1",
            "SELECT min_id, min_boss FROM (SELECT min(COLUMNS('^(id|boss)$')) AS \"min_\\0\" FROM emp)",
            "SELECT coalesce(*COLUMNS(['boss', 'id'])) FROM emp ORDER BY 1",
            "SELECT id FROM emp WHERE COLUMNS(['id', 'boss']) >= 2 ORDER BY id",
            // UNION BY NAME: columns matched by name, missing ones NULL
            "SELECT id, name FROM emp UNION ALL BY NAME SELECT boss AS id, 'x' AS other FROM emp ORDER BY ALL",
            "SELECT 1 AS a, 2 AS b UNION BY NAME SELECT 3 AS B, 4 AS c ORDER BY ALL",
            "SELECT id FROM emp UNION SELECT boss FROM emp ORDER BY emp.id NULLS FIRST",
            // nested GROUPING SETS / CUBE / ROLLUP inside GROUPING SETS, GROUPING() over all groups
            "SELECT boss, name, count(*) FROM emp GROUP BY GROUPING SETS (GROUPING SETS (boss), CUBE (name), ROLLUP (boss, name)) ORDER BY ALL",
            "SELECT GROUPING(), boss, count(*) FROM emp GROUP BY CUBE (boss) ORDER BY ALL",
            // ORDER BY inside aggregates, per aggregate; first/last keep NULLs, any_value skips them
            "SELECT first(name ORDER BY id DESC), first(name ORDER BY id), string_agg(name, ',' ORDER BY boss DESC NULLS FIRST, id) FROM emp",
            "SELECT boss, string_agg(name, '|' ORDER BY name DESC), last(id ORDER BY name) FROM emp GROUP BY boss ORDER BY boss NULLS FIRST",
            "SELECT first(boss ORDER BY id), any_value(boss ORDER BY id), last(boss ORDER BY id DESC) FROM emp",
            "SELECT string_agg(DISTINCT name, ',' ORDER BY name DESC), sum(id ORDER BY name) FROM emp",
            // table and column aliases written as string literals after AS
            "SELECT t.k FROM emp AS 't'('k') ORDER BY 1",
            // repeated names of a derived table get suffixes
            "SELECT * FROM (SELECT 1 a, 2 A, 3 a_1, 4 a)",
    })
    void sameAsDuckDb(String sql) throws Exception {
        List<List<String>> duckRows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.add(SessionTestUtil.normalize(rs.getObject(i)));
                duckRows.add(row);
            }
        }
        List<List<String>> tealRows = new ArrayList<>();
        for (List<Object> r : SessionTestUtil.rows(teal, sql)) {
            List<String> row = new ArrayList<>();
            for (Object o : r) row.add(SessionTestUtil.normalize(o));
            tealRows.add(row);
        }
        if (!sql.toUpperCase().contains("ORDER BY")) {
            duckRows.sort(Comparator.comparing(Object::toString));
            tealRows.sort(Comparator.comparing(Object::toString));
        }
        assertEquals(duckRows, tealRows, "rows of " + sql);
    }

    @Test
    void orderByOrLimitInRecursiveTermIsAParserError() {
        TealException e = assertThrows(io.tealdb.parser.ParserException.class, () -> SessionTestUtil.rows(teal,
                "WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 3 ORDER BY x) SELECT * FROM t"));
        assertTrue(e.getMessage().contains("ORDER BY in a recursive query is not allowed"), e.getMessage());
        e = assertThrows(io.tealdb.parser.ParserException.class, () -> SessionTestUtil.rows(teal,
                "WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 3 LIMIT 1) SELECT * FROM t"));
        assertTrue(e.getMessage().contains("LIMIT in a recursive query is not allowed"), e.getMessage());
    }

    @Test
    void groupingWithoutGroupsIsAnError() {
        TealException e = assertThrows(TealException.class, () -> SessionTestUtil.rows(teal, "SELECT GROUPING() FROM emp"));
        assertTrue(e.getMessage().contains("GROUPING statement cannot be used without groups"), e.getMessage());
    }

    @Test
    void cteBodiesBindWhereTheyAreDefined() {
        // the CTE body cannot see columns of the query that references it
        assertThrows(io.tealdb.error.BinderException.class, () -> SessionTestUtil.rows(teal,
                "WITH t(x) AS (SELECT x) SELECT * FROM range(10) AS _(x), LATERAL (SELECT * FROM t)"));
        TealException e = assertThrows(io.tealdb.error.BinderException.class,
                () -> SessionTestUtil.rows(teal, "WITH cte AS (SELECT * FROM cte) SELECT * FROM cte"));
        assertTrue(e.getMessage().startsWith("Circular reference to CTE \"cte\""), e.getMessage());
    }

    @Test
    void duplicateCteNameIsAParserError() {
        TealException e = assertThrows(io.tealdb.parser.ParserException.class,
                () -> SessionTestUtil.rows(teal, "WITH a AS (SELECT 1), a AS (SELECT 2) SELECT * FROM a"));
        assertTrue(e.getMessage().startsWith("Duplicate CTE name"), e.getMessage());
    }
}
