package io.tealdb.execution.hash;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEMI / ANTI joins whose subquery side is much larger than the outer side are planned as
 * RIGHT_SEMI / RIGHT_ANTI (hash table on the outer side, probed by the subquery's rows). Each query
 * asserts the plan it expects from EXPLAIN and compares the result with DuckDB's, on two threads
 * with several morsels on both sides (the outer table spans two row groups, the inner one five),
 * with duplicate and NULL keys on both sides.
 */
class RightSemiAntiJoinDuckDbTest {
    /**
     * small: 150,000 rows, k in [0, 60000) (NULL every 101st row), so ~2.5 rows per key; g a
     * VARCHAR second key; s a small integer for residuals. big: 600,000 rows, k in [0, 30000)
     * (NULL every 97th row), ~20 rows per key, so half of small's keys have no partner.
     */
    static final String[] SETUP = {
            "CREATE TABLE small (k INTEGER, g VARCHAR, s INTEGER, v BIGINT)",
            "INSERT INTO small SELECT CASE WHEN i % 101 = 0 THEN NULL ELSE (i * 7919) % 60000 END, "
                    + "'g' || (i % 3), i % 7, i FROM range(150000) r(i)",
            "CREATE TABLE big (k INTEGER, g VARCHAR, s INTEGER, late BOOLEAN)",
            "INSERT INTO big SELECT CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 104729) % 30000 END, "
                    + "CASE WHEN i % 89 = 0 THEN NULL ELSE 'g' || (i % 5) END, i % 5, i % 3 = 0 FROM range(600000) r(i)",
            "CREATE TABLE empty_t (k INTEGER, s INTEGER)",
    };

    static Connection duck;
    static Connection teal;

    @BeforeAll
    static void setUp() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        Properties p = new Properties();
        p.setProperty("threads", "2");
        teal = DriverManager.getConnection("jdbc:teal:", p);
        try (Statement d = duck.createStatement(); Statement t = teal.createStatement()) {
            for (String sql : SETUP) {
                d.execute(sql);
                t.execute(sql);
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        teal.close();
        duck.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // single integer key, no residual
            "SELECT * FROM small o WHERE EXISTS (SELECT * FROM big b WHERE b.k = o.k)",
            "SELECT * FROM small o WHERE k IN (SELECT k FROM big)",
            // residual: a pair counts only if it passes; a build row may need a later partner
            "SELECT * FROM small o WHERE EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s <> o.s)",
            "SELECT * FROM small o WHERE EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s > o.s + 2)",
            // multi-column keys (integer + VARCHAR, the generic probe path), with and without residual
            "SELECT * FROM small o WHERE EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.g = o.g)",
            "SELECT * FROM small o WHERE EXISTS (SELECT * FROM big b WHERE b.g = o.g AND b.k = o.k AND b.s < o.s)",
            // a computed VARCHAR key with a residual
            "SELECT * FROM small o WHERE EXISTS (SELECT * FROM big b WHERE 'x' || b.k = 'x' || o.k AND b.s > o.s)",
            // empty probe side
            "SELECT * FROM small o WHERE o.s = 3 AND EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s > 100)",
            // empty build side
            "SELECT * FROM small o WHERE o.s > 100 AND EXISTS (SELECT * FROM big b WHERE b.k = o.k)",
            // both: the Q21 shape
            "SELECT s, count(*) FROM small o WHERE EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s <> o.s) "
                    + "AND NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s <> o.s AND b.late) GROUP BY s",
    })
    void rightSemi(String sql) throws Exception {
        assertPlanAndResult(sql, "RIGHT_SEMI");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // NULL outer keys never match: they are in every anti result
            "SELECT * FROM small o WHERE NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k)",
            "SELECT * FROM small o WHERE NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s <> o.s)",
            "SELECT * FROM small o WHERE NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s >= o.s)",
            "SELECT * FROM small o WHERE NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.g = o.g)",
            "SELECT * FROM small o WHERE NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.g = o.g AND b.s <> o.s)",
            "SELECT * FROM small o WHERE NOT EXISTS (SELECT * FROM big b WHERE 'x' || b.k = 'x' || o.k AND b.s > o.s)",
            // empty probe side: every outer row, NULL keys included
            "SELECT * FROM small o WHERE o.s = 3 AND NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s > 100)",
            // empty build side
            "SELECT * FROM small o WHERE o.s > 100 AND NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k)",
            // the anti join's outer side is itself a RIGHT_SEMI result
            "SELECT * FROM small o WHERE o.v < 40000 AND EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s <> o.s) "
                    + "AND NOT EXISTS (SELECT * FROM big b WHERE b.k = o.k AND b.s <> o.s AND b.late)",
    })
    void rightAnti(String sql) throws Exception {
        assertPlanAndResult(sql, "RIGHT_ANTI");
    }

    @Test
    void notInStaysAMarkJoinWithNullSemantics() throws Exception {
        // NOT IN over a side with NULLs is empty; without NULLs it is an anti join with NULL semantics
        String withNulls = "SELECT * FROM small o WHERE k NOT IN (SELECT k FROM big)";
        String withoutNulls = "SELECT * FROM small o WHERE k NOT IN (SELECT k FROM big WHERE k IS NOT NULL)";
        for (String sql : List.of(withNulls, withoutNulls)) {
            String plan = explain(sql);
            assertFalse(plan.contains("RIGHT_"), plan);
            assertTrue(plan.contains("MARK"), plan);
            assertEquals(sorted(rows(duck, sql)), sorted(rows(teal, sql)), sql);
        }
        assertEquals(0, rows(teal, withNulls).size());
    }

    @Test
    void comparableSidesKeepBuildingOnTheRight() throws Exception {
        // the subquery side is not larger than the outer side: plain SEMI / ANTI
        String semi = "SELECT * FROM big b WHERE EXISTS (SELECT * FROM small o WHERE o.k = b.k AND o.s <> b.s)";
        String anti = "SELECT * FROM big b WHERE NOT EXISTS (SELECT * FROM small o WHERE o.k = b.k)";
        for (String sql : List.of(semi, anti)) {
            String plan = explain(sql);
            assertFalse(plan.contains("RIGHT_"), plan);
            assertEquals(sorted(rows(duck, sql)), sorted(rows(teal, sql)), sql);
        }
    }

    @Test
    void emptyOuterTable() throws Exception {
        for (String sql : List.of("SELECT * FROM empty_t e WHERE EXISTS (SELECT * FROM big b WHERE b.k = e.k)",
                "SELECT * FROM empty_t e WHERE NOT EXISTS (SELECT * FROM big b WHERE b.k = e.k AND b.s <> e.s)")) {
            assertTrue(explain(sql).contains("RIGHT_"), explain(sql));
            assertEquals(0, rows(teal, sql).size(), sql);
        }
    }

    private static void assertPlanAndResult(String sql, String joinKind) throws Exception {
        String plan = explain(sql);
        assertTrue(plan.contains(joinKind), "expected a " + joinKind + " join:\n" + plan);
        List<String> expected = sorted(rows(duck, sql));
        List<String> actual = sorted(rows(teal, sql));
        assertFalse(expected.isEmpty() && !sql.contains("> 100"), "test query selects nothing: " + sql);
        assertEquals(expected.size(), actual.size(), sql);
        assertEquals(expected, actual, sql);
    }

    private static String explain(String sql) throws Exception {
        try (Statement s = teal.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            assertTrue(rs.next());
            return rs.getString(2);
        }
    }

    private static List<String> sorted(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        out.sort(null);
        return out;
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) row.append(i > 1 ? "|" : "").append(normalize(rs.getObject(i)));
                out.add(row.toString());
            }
        }
        return out;
    }

    private static String normalize(Object o) {
        if (o == null) return "NULL";
        if (o instanceof Double || o instanceof Float || o instanceof BigDecimal) {
            return new BigDecimal(o.toString()).stripTrailingZeros().toPlainString();
        }
        if (o instanceof Number n) return Long.toString(n.longValue());
        return o.toString();
    }
}
