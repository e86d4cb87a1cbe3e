package io.tealdb.session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the same data and queries through TealDB and DuckDB JDBC and compares column names, column
 * types and rows (in order when the query orders, as sorted multisets otherwise).
 */
class DuckDbComparisonTest {
    static final String[] SETUP = {
            "CREATE TABLE emp (id INTEGER PRIMARY KEY, name VARCHAR, dept VARCHAR, salary DECIMAL(10,2), boss INTEGER, hired DATE)",
            "INSERT INTO emp VALUES (1, 'ann', 'eng', 120.50, NULL, DATE '2020-01-01'), (2, 'bob', 'eng', 100.00, 1, DATE '2021-03-04'),"
                    + " (3, 'cid', 'ops', 90.25, 1, DATE '2019-07-08'), (4, 'dan', 'ops', NULL, 3, NULL), (5, 'eve', NULL, 70.00, 3, DATE '2022-02-02')",
            "CREATE TABLE dept (dept VARCHAR, floor INTEGER)",
            "INSERT INTO dept VALUES ('eng', 3), ('ops', 1), ('hr', 2)",
            "CREATE TABLE nums AS SELECT * FROM (VALUES (1, 1.5::DOUBLE, 'a'), (2, 2.5, 'b'), (3, NULL, 'c'), (NULL, 4.0, NULL)) t(i, d, s)",
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
            "SELECT 1, 1.5, 'x', NULL IS NULL, 2 * 3 + 1",
            "SELECT id, name FROM emp WHERE salary > 95 ORDER BY id",
            "SELECT * FROM emp ORDER BY id DESC",
            "SELECT dept, count(*), sum(salary), min(name), max(hired) FROM emp GROUP BY dept ORDER BY dept NULLS FIRST",
            "SELECT dept, count(*) AS n FROM emp GROUP BY ALL HAVING count(*) > 1 ORDER BY n DESC, dept",
            "SELECT e.name, d.floor FROM emp e JOIN dept d ON e.dept = d.dept ORDER BY e.name",
            "SELECT e.name, d.floor FROM emp e LEFT JOIN dept d USING (dept) ORDER BY 1",
            "SELECT * FROM emp NATURAL JOIN dept ORDER BY id",
            "SELECT dept, floor FROM dept WHERE dept NOT IN (SELECT dept FROM emp WHERE dept IS NOT NULL) ORDER BY 1",
            "SELECT name FROM emp e WHERE EXISTS (SELECT 1 FROM emp x WHERE x.boss = e.id) ORDER BY name",
            "SELECT name, (SELECT count(*) FROM emp x WHERE x.boss = e.id) AS reports FROM emp e ORDER BY name",
            "SELECT DISTINCT dept FROM emp ORDER BY dept NULLS LAST",
            "SELECT name, salary FROM emp ORDER BY salary DESC NULLS LAST LIMIT 2 OFFSET 1",
            "SELECT id FROM emp WHERE name LIKE '%a%' OR id BETWEEN 4 AND 5 ORDER BY id",
            "SELECT CASE WHEN salary >= 100 THEN 'high' WHEN salary IS NULL THEN 'none' ELSE 'low' END AS band, count(*) FROM emp GROUP BY band ORDER BY band",
            "SELECT coalesce(dept, 'none'), nullif(boss, 1), ifnull(salary, 0) FROM emp ORDER BY id",
            "SELECT i, d, s FROM nums ORDER BY i NULLS FIRST",
            "SELECT sum(i), avg(d), count(s), count(*) FROM nums",
            "SELECT i + 1, i * 2.5, d / 2, i // 2, i % 2 FROM nums ORDER BY i",
            "SELECT name FROM emp UNION SELECT dept FROM dept ORDER BY 1",
            "SELECT 1 AS x UNION ALL SELECT 2.5 ORDER BY x",
            "SELECT dept FROM emp INTERSECT SELECT dept FROM dept ORDER BY 1",
            "SELECT dept FROM dept EXCEPT SELECT dept FROM emp ORDER BY 1",
            "WITH big AS (SELECT * FROM emp WHERE salary > 80) SELECT dept, count(*) FROM big GROUP BY dept ORDER BY dept",
            "SELECT * FROM (SELECT dept, max(salary) AS m FROM emp GROUP BY dept) t WHERE m > 95 ORDER BY dept",
            "SELECT id, name FROM emp WHERE id IN (1, 3, 5) AND name <> 'x' ORDER BY id",
            "SELECT count(DISTINCT dept) FROM emp",
            "SELECT * EXCLUDE (hired, salary) FROM emp WHERE id < 3 ORDER BY id",
            "SELECT a.name, b.name FROM emp a, emp b WHERE a.boss = b.id ORDER BY a.name",
            "SELECT CAST(salary AS INTEGER), salary::VARCHAR, CAST('42' AS BIGINT), TRY_CAST('x' AS INTEGER) FROM emp ORDER BY id",
            "SELECT name FROM emp ORDER BY hired DESC NULLS FIRST, name",
            "VALUES (1, 'a'), (2, 'b')",
            "SELECT id FROM emp WHERE salary = '100' ORDER BY id",
            "SELECT max(id) FILTER (WHERE dept = 'ops'), min(id) FROM emp",
            "SELECT a, b, count(*) FROM (VALUES (1, 'x'), (1, 'y'), (2, 'x')) t(a, b) GROUP BY ROLLUP (a, b) ORDER BY a NULLS LAST, b NULLS LAST",
            "SELECT dept, (SELECT count(*) FROM emp x WHERE x.dept = e.dept) AS c FROM emp e GROUP BY dept ORDER BY dept",
            "SELECT * FROM range(5) r WHERE r % 2 = 0 ORDER BY 1",
            "SELECT * FROM range(2, 5) ORDER BY 1",
            "SELECT sum(generate_series) FROM generate_series(1, 100)",
            "SELECT DISTINCT ON (dept) dept, name FROM emp ORDER BY dept, name",
            "SELECT name AS n FROM emp ORDER BY n DESC LIMIT 2",
            "SELECT id, salary * salary AS s2 FROM emp WHERE s2 > 9000 ORDER BY s2",
            "SELECT upper(name), length(name), substring(name, 1, 2) FROM emp ORDER BY 1",
            "SELECT id FROM emp WHERE hired > DATE '2020-06-01' ORDER BY id",
            "SELECT 10 / 4, 10 // 4, 10 % 4, 1 / 3.0",
            "SELECT dept, boss, GROUPING(dept), GROUPING(dept, boss), count(*) FROM emp GROUP BY ROLLUP (dept, boss) ORDER BY ALL",
            "SELECT dept, boss, count(*) FROM emp GROUP BY CUBE (dept, boss) ORDER BY ALL",
            "SELECT dept, boss, count(*) FROM emp GROUP BY GROUPING SETS ((dept), (boss), ()) ORDER BY ALL",
            "SELECT dept, count(*) FROM emp GROUP BY (dept, boss) ORDER BY ALL",
            "SELECT COUNT(*), SUM(id), MAX(Name) FROM emp",
            "SELECT DISTINCT dept FROM emp ORDER BY hired NULLS LAST",
            "SELECT * FROM emp e1 JOIN emp e2 USING (id) ORDER BY id",
            "SELECT a FROM (SELECT 1 AS a) WHERE a = 1",
            "SELECT name FROM emp WHERE boss = (SELECT id FROM emp WHERE name = 'ann') ORDER BY 1",
            "SELECT dept, avg(salary) FROM emp GROUP BY 1 HAVING avg(salary) > 80 ORDER BY 2",
            "SELECT e.* EXCLUDE (hired) FROM emp e ORDER BY id",
            "SELECT #1, #2 FROM emp ORDER BY #1",
            "SELECT id FROM emp ORDER BY -id",
            "SELECT x FROM (VALUES (1),(2)) v(x) WHERE x NOT IN (SELECT NULL)",
            "SELECT CASE WHEN id > 2 THEN id END FROM emp ORDER BY 1 NULLS FIRST",
            "SELECT 1 = 1.0, 1::bigint = 1, 'abc' < 'abd'",
            "SELECT NULL = NULL, NULL IS NULL",
            "SELECT count(*) FROM emp a CROSS JOIN dept b",
            "SELECT * FROM emp a LEFT JOIN dept b ON a.dept = b.dept AND b.floor > 1 ORDER BY a.id",
            "SELECT * FROM emp a FULL OUTER JOIN dept b USING (dept) ORDER BY dept NULLS FIRST, id",
            "SELECT * FROM emp SEMI JOIN dept USING (dept) ORDER BY id",
            "SELECT * FROM emp ANTI JOIN dept USING (dept)",
            "SELECT dept FROM emp GROUP BY dept HAVING dept LIKE 'e%'",
            "SELECT sum(salary)::DOUBLE / count(*) FROM emp",
            "SELECT id, (SELECT name FROM emp x WHERE x.id = e.boss) FROM emp e ORDER BY id",
            "SELECT max(x) FROM (SELECT salary AS x FROM emp UNION ALL SELECT floor FROM dept)",
            "SELECT coalesce(NULL, NULL, 3), typeof(NULL)",
            "SELECT * FROM emp WHERE hired BETWEEN '2020-01-01' AND '2021-12-31' ORDER BY id",
            "SELECT id FROM emp WHERE name = ANY (SELECT name FROM emp WHERE id < 3) ORDER BY 1",
            "SELECT count(*), count(boss), count(DISTINCT boss) FROM emp",
            "SELECT id FROM emp WHERE id IN (SELECT boss FROM emp) ORDER BY 1",
            "SELECT id FROM emp WHERE id NOT IN (SELECT boss FROM emp WHERE boss IS NOT NULL) ORDER BY 1",
            "SELECT DISTINCT boss FROM emp ORDER BY boss NULLS FIRST",
            "SELECT name FROM emp WHERE salary IS NULL OR dept IS NULL ORDER BY 1",
            "SELECT id, name FROM emp ORDER BY dept NULLS FIRST, salary DESC",
            "SELECT 1 LIMIT 0",
            "SELECT id FROM emp LIMIT 3 OFFSET 10",
            "SELECT dept, count(*) FILTER (WHERE salary > 95) FROM emp GROUP BY dept ORDER BY dept",
            "SELECT * FROM (SELECT * FROM emp ORDER BY id LIMIT 2) ORDER BY id DESC",
            "SELECT min(hired), max(hired) FROM emp",
            "SELECT id, hired FROM emp WHERE hired = '2020-01-01'",
            "SELECT name || '-' || dept FROM emp ORDER BY 1",
            "SELECT abs(-3), round(2.567, 1), greatest(1, 5, 3), least(2, 1)",
            "SELECT floor, count(*) FROM dept JOIN emp USING (dept) GROUP BY floor ORDER BY floor",
            "WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM a, b",
            "SELECT (SELECT max(salary) FROM emp) - salary FROM emp ORDER BY id",
            "SELECT 'x' AS c UNION SELECT 'y' UNION SELECT 'x' ORDER BY c",
            "SELECT id FROM emp EXCEPT ALL SELECT boss FROM emp ORDER BY 1",
            "SELECT count(*) FROM emp WHERE EXISTS (SELECT * FROM dept WHERE dept.dept = emp.dept AND floor > 2)",
    })
    void sameAsDuckDb(String sql) throws Exception {
        List<String> duckCols = new ArrayList<>();
        List<List<String>> duckRows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) duckCols.add(md.getColumnName(i) + ":" + md.getColumnTypeName(i));
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object o = rs.getObject(i);
                    if (o instanceof java.time.LocalDate d) o = d.toString();
                    row.add(SessionTestUtil.normalize(o));
                }
                duckRows.add(row);
            }
        }
        List<String> tealCols = new ArrayList<>();
        List<List<String>> tealRows = new ArrayList<>();
        try (QueryResult r = teal.execute(sql, List.of())) {
            for (int i = 0; i < r.columnNames().size(); i++) tealCols.add(r.columnNames().get(i) + ":" + r.columnTypes().get(i));
            for (var ch = r.nextChunk(); ch != null; ch = r.nextChunk()) {
                for (int i = 0; i < ch.size(); i++) {
                    List<String> row = new ArrayList<>();
                    for (int j = 0; j < ch.columnCount(); j++) {
                        Object o = ch.getObject(j, i);
                        if (o != null && r.columnTypes().get(j).id() == io.tealdb.types.TypeId.DATE) {
                            o = java.time.LocalDate.ofEpochDay((Integer) o).toString();
                        }
                        row.add(SessionTestUtil.normalize(o));
                    }
                    tealRows.add(row);
                }
            }
        }
        assertEquals(duckCols, tealCols, "columns of " + sql);
        if (!sql.toUpperCase().contains("ORDER BY")) {
            duckRows.sort(java.util.Comparator.comparing(Object::toString));
            tealRows.sort(java.util.Comparator.comparing(Object::toString));
        }
        assertEquals(duckRows, tealRows, "rows of " + sql);
    }
}
