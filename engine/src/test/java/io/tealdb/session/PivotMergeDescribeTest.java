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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PIVOT / UNPIVOT, DESCRIBE as a table, and MERGE INTO, checked against DuckDB JDBC: the same
 * statements run on both engines must give the same column names and rows (and, for MERGE, the
 * same count and table contents afterwards).
 */
class PivotMergeDescribeTest {
    static final String[] SETUP = {
            "CREATE TABLE cities (country VARCHAR, name VARCHAR, year INTEGER, population INTEGER)",
            "INSERT INTO cities VALUES ('NL', 'Amsterdam', 2000, 1005), ('NL', 'Amsterdam', 2010, 1065), ('NL', 'Amsterdam', 2020, 1158),"
                    + " ('US', 'Seattle', 2000, 564), ('US', 'Seattle', 2010, 608), ('US', 'Seattle', 2020, 738),"
                    + " ('US', 'New York City', 2000, 8015), ('US', 'New York City', 2010, 8175), ('US', 'New York City', 2020, 8772),"
                    + " (NULL, 'Nowhere', 2010, 1)",
            "CREATE TABLE wide (id INTEGER, q1 INTEGER, q2 INTEGER, q3 INTEGER, note VARCHAR)",
            "INSERT INTO wide VALUES (1, 10, NULL, 30, 'a'), (2, NULL, NULL, NULL, 'b'), (3, 7, 8, 9, NULL)",
    };

    static Connection duck;
    static Database db;
    static ClientContext teal;

    @BeforeAll
    static void setUp() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        db = Database.open(null, Map.of("threads", "2"));
        teal = db.connect();
        for (String sql : SETUP) both(sql);
    }

    @AfterAll
    static void tearDown() throws Exception {
        teal.close();
        db.close();
        duck.close();
    }

    private static void both(String sql) throws Exception {
        try (Statement s = duck.createStatement()) {
            s.execute(sql);
        }
        SessionTestUtil.update(teal, sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // PIVOT statement: values from the data, from an IN list, several ON columns, several aggregates
            "PIVOT cities ON year USING sum(population) ORDER BY ALL",
            "PIVOT cities ON year USING sum(population) GROUP BY country ORDER BY ALL",
            "PIVOT cities ON year IN (2020, 2000) USING sum(population) GROUP BY country ORDER BY ALL",
            "PIVOT cities ON country, year USING sum(population) GROUP BY name ORDER BY ALL",
            "PIVOT cities ON year USING sum(population) AS total, max(population) AS top GROUP BY country ORDER BY ALL",
            "PIVOT cities ON year USING sum(population), count(*) GROUP BY country ORDER BY ALL",
            "PIVOT cities ON year GROUP BY country ORDER BY ALL",
            "PIVOT cities USING sum(population) GROUP BY country ORDER BY ALL",
            "PIVOT cities ON (country = 'NL') USING avg(population) GROUP BY name ORDER BY ALL",
            "PIVOT cities ON year IN (SELECT year FROM cities WHERE year > 2000 ORDER BY year DESC) USING coalesce(sum(population), 0) GROUP BY country ORDER BY ALL",
            "PIVOT (SELECT country, year, population FROM cities) ON year USING sum(population) ORDER BY ALL",
            // SQL-standard PIVOT in FROM
            "SELECT * FROM cities PIVOT (sum(population) FOR year IN (2000 AS y2000, 2020 AS y2020) GROUP BY country) ORDER BY ALL",
            "SELECT * FROM (SELECT country, year, population FROM cities) PIVOT (sum(population) AS s, min(population) AS m FOR year IN (2000, 2010)) p ORDER BY ALL",
            "SELECT * FROM cities PIVOT (sum(population) FOR (country, year) IN (('NL', 2000) AS nl0, ('US', 2020) AS us2) GROUP BY name) ORDER BY ALL",
            // UNPIVOT: statement and FROM forms, NULL handling, several value columns, COLUMNS selector
            "UNPIVOT wide ON q1, q2, q3",
            "UNPIVOT wide ON q1, q2, q3 INTO NAME quarter VALUE amount",
            "UNPIVOT wide ON COLUMNS('q.*') INTO NAME quarter VALUE amount",
            "UNPIVOT wide ON (q1, q2) AS first, (q3, q3) AS second INTO NAME part VALUE x, y",
            "SELECT * FROM wide UNPIVOT INCLUDE NULLS (v FOR q IN (q1 AS 'one', q2, q3))",
            "SELECT id, q, v FROM wide UNPIVOT (v FOR q IN (q1, q2, q3)) u WHERE v > 8 ORDER BY ALL",
            "SELECT count(*), sum(value) FROM (UNPIVOT wide ON * EXCLUDE (id, note))",
            // DESCRIBE / SHOW as a table
            "SELECT column_name, column_type FROM (DESCRIBE SELECT 42 AS a, 'x' AS b)",
            "SELECT column_name, column_type, \"null\" FROM (DESCRIBE cities)",
            "SELECT * FROM (DESCRIBE (DESCRIBE SELECT 1 AS a))",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(duckResult(sql), tealResult(sql), sql);
    }

    @Test
    void unpivotKeepsRowOrderPerSourceRow() {
        List<List<Object>> rows = SessionTestUtil.rows(teal, "UNPIVOT (SELECT * FROM wide WHERE id = 3) ON q1, q2, q3");
        assertEquals(List.of(List.of(3, "q1", 7), List.of(3, "q2", 8), List.of(3, "q3", 9)),
                rows.stream().map(r -> List.of(r.get(0), r.get(2), r.get(3))).toList());
    }

    @Test
    void pivotErrorsAreDuckDbs() {
        assertError("PIVOT cities ON year USING sum(cities.population)", "PIVOT expression cannot contain qualified columns");
        assertError("PIVOT cities ON year USING now()", "no aggregates were found");
        assertError("PIVOT cities ON year USING sum(population) OVER ()", "cannot contain window functions");
        assertError("SELECT * FROM cities PIVOT (sum(population) FOR (country, year) IN (('NL', 2000, 1) AS x))",
                "inconsistent amount of rows");
        assertError("SELECT * FROM cities PIVOT (sum(population) FOR year IN (2000, 2000))", "specified multiple times");
        assertError("UNPIVOT wide ON columns(* EXCLUDE (id, q1, q2, q3, note))", "UNPIVOT clause must unpivot on at least one column");
        assertError("UNPIVOT wide ON (q1, q2), q3", "UNPIVOT value count mismatch");
        assertError("UNPIVOT wide ON (q1, q2), (q3, q1) INTO NAME n VALUE v", "UNPIVOT name count mismatch");
        assertError("CREATE VIEW pv AS PIVOT cities ON year USING sum(population)", "cannot be used in views");
    }

    @Test
    void mergeMatchesDuckDb() throws Exception {
        String[] statements = {
                "CREATE TABLE stock (item_id INTEGER PRIMARY KEY, balance INTEGER DEFAULT 0, CHECK (balance >= 0))",
                "INSERT INTO stock VALUES (1, 10), (2, 20), (3, 30)",
                "CREATE TABLE moves (item_id INTEGER, delta INTEGER)",
                "INSERT INTO moves VALUES (1, -5), (2, -20), (4, 7), (5, 0)",
        };
        for (String s : statements) both(s);
        String[] merges = {
                "MERGE INTO stock USING moves ON stock.item_id = moves.item_id "
                        + "WHEN MATCHED AND balance + delta = 0 THEN DELETE "
                        + "WHEN MATCHED THEN UPDATE SET balance = balance + delta "
                        + "WHEN NOT MATCHED AND delta > 0 THEN INSERT VALUES (moves.item_id, moves.delta) "
                        + "WHEN NOT MATCHED THEN INSERT (item_id) VALUES (moves.item_id)",
                "MERGE INTO stock AS s USING (VALUES (1, 100), (9, 9)) v(item_id, balance) USING (item_id) "
                        + "WHEN MATCHED THEN UPDATE WHEN NOT MATCHED BY TARGET THEN INSERT WHEN NOT MATCHED BY SOURCE THEN DELETE",
                "MERGE INTO stock USING (SELECT 9 AS item_id) src USING (item_id) WHEN MATCHED THEN DO NOTHING "
                        + "WHEN NOT MATCHED BY SOURCE THEN UPDATE SET balance = stock.balance + 1",
        };
        for (String m : merges) {
            long duckCount;
            try (Statement s = duck.createStatement()) {
                duckCount = s.executeUpdate(m);
            }
            assertEquals(duckCount, SessionTestUtil.update(teal, m), m);
            assertEquals(duckResult("FROM stock ORDER BY ALL"), tealResult("FROM stock ORDER BY ALL"), m);
        }
    }

    @Test
    void mergeIsAtomicAndChecksConstraints() {
        SessionTestUtil.update(teal, "CREATE TABLE acct (id INTEGER NOT NULL, amount INTEGER, CHECK (amount > 0))");
        SessionTestUtil.update(teal, "INSERT INTO acct VALUES (1, 5)");
        // the insert of id 2 must be undone when the update of id 1 violates the CHECK constraint
        assertError("MERGE INTO acct USING (VALUES (1, -10), (2, 3)) src(id, delta) USING (id) "
                + "WHEN MATCHED THEN UPDATE SET amount = amount + delta WHEN NOT MATCHED THEN INSERT VALUES (src.id, src.delta)",
                "CHECK constraint");
        assertEquals(List.of(List.of(1, 5)), SessionTestUtil.rows(teal, "FROM acct ORDER BY ALL"));
        assertError("MERGE INTO acct USING (VALUES (NULL, 1)) src(id, v) ON acct.id = src.id "
                + "WHEN NOT MATCHED THEN INSERT VALUES (src.id, src.v)", "NOT NULL constraint");
        assertError("MERGE INTO acct USING (VALUES (1)) src(id) USING (id) WHEN MATCHED THEN ERROR 'boom'", "boom");
        assertError("MERGE INTO acct AS t USING (VALUES (2, 1)) s(id, v) ON t.id = s.id "
                + "WHEN NOT MATCHED THEN INSERT VALUES (s.id, t.amount)", "not found");
        assertError("MERGE INTO acct USING (VALUES (2)) s(id) USING (id) WHEN NOT MATCHED THEN DELETE",
                "cannot be combined with UPDATE or DELETE actions");
    }

    private static void assertError(String sql, String fragment) {
        TealException e = assertThrows(TealException.class, () -> SessionTestUtil.update(teal, sql), sql);
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static List<List<String>> duckResult(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) header.add(md.getColumnName(i));
            rows.add(header);
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.add(SessionTestUtil.normalize(rs.getObject(i)));
                rows.add(row);
            }
        }
        return sortedIfUnordered(sql, rows);
    }

    private static List<List<String>> tealResult(String sql) {
        List<List<String>> rows = new ArrayList<>();
        try (QueryResult r = teal.execute(sql, List.of())) {
            rows.add(new ArrayList<>(r.columnNames()));
            for (var ch = r.nextChunk(); ch != null; ch = r.nextChunk()) {
                for (int i = 0; i < ch.size(); i++) {
                    List<String> row = new ArrayList<>();
                    for (int j = 0; j < ch.columnCount(); j++) row.add(SessionTestUtil.normalize(ch.getObject(j, i)));
                    rows.add(row);
                }
            }
        }
        return sortedIfUnordered(sql, rows);
    }

    /** Rows of statements without ORDER BY compared as multisets (the header stays first). */
    private static List<List<String>> sortedIfUnordered(String sql, List<List<String>> rows) {
        if (sql.toUpperCase().contains("ORDER BY")) return rows;
        List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
        body.sort(java.util.Comparator.comparing(Object::toString));
        List<List<String>> out = new ArrayList<>();
        out.add(rows.get(0));
        out.addAll(body);
        return out;
    }
}
