package io.tealdb.optimizer;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CTE that aggregates, windows or joins and is referenced more than once is computed once per
 * execution and read by every reference (TPC-DS Q04/Q11/Q47/Q57/Q64 join such a CTE with itself);
 * one referenced once, one that only filters a table, and one that reads an outer query's columns
 * are inlined as before. Plans show CTE_SCAN only in the first case; answers equal DuckDB's.
 */
class CteMaterializationTest {
    static final String[] SETUP = {
            "CREATE TABLE sales (yr INTEGER, cust INTEGER, item INTEGER, amount DECIMAL(10,2), kind VARCHAR)",
            "INSERT INTO sales SELECT 2000 + range % 3, range % 997, range % 101, (range % 1000) / 10.0,"
                    + " CASE range % 3 WHEN 0 THEN 's' WHEN 1 THEN 'c' ELSE 'w' END FROM range(60000)",
            "CREATE TABLE cust (c_id INTEGER, c_name VARCHAR)",
            "INSERT INTO cust SELECT range, 'name' || range FROM range(997)",
    };
    static final String SELF_JOIN = "WITH totals AS (SELECT cust, yr, kind, sum(amount) AS total FROM sales GROUP BY cust, yr, kind) "
            + "SELECT a.cust, a.total, b.total FROM totals a, totals b WHERE a.cust = b.cust AND a.yr = 2000 AND b.yr = 2001 "
            + "AND a.kind = 's' AND b.kind = 's' AND b.total > a.total ORDER BY a.cust";

    static final String TAGGED_DEF = "(SELECT cust, yr, sum(amount) AS total, 's' AS k FROM sales WHERE kind = 's' GROUP BY cust, yr "
            + "UNION ALL SELECT cust, yr, sum(amount), 'c' FROM sales WHERE kind = 'c' GROUP BY cust, yr) ";
    static final String TAGGED_QUERY = "SELECT a.cust, a.total, b.total, c.total FROM t a, t b, t c WHERE a.cust = b.cust AND a.cust = c.cust "
            + "AND a.k = 's' AND b.k = 's' AND c.k = 'c' AND a.yr = 2000 AND b.yr = 2001 AND c.yr = 2000 AND a.total > 0 "
            + "AND b.total > a.total ORDER BY a.cust";
    static final String TAGGED_UNION = "WITH t AS " + TAGGED_DEF + TAGGED_QUERY;
    static final String TAGGED_UNION_MATERIALIZED = "WITH t AS MATERIALIZED " + TAGGED_DEF + TAGGED_QUERY;

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @Test
    void sharedAggregateIsMaterialized() throws Exception {
        String plan = db.explain(SELF_JOIN);
        assertEquals(2, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
    }

    /**
     * Every reference filters its own slice (TPC-DS Q39: two months, Q31: three quarters): the OR of
     * their filters reaches the definition's scan, below its aggregate, and each reference keeps its own.
     */
    @Test
    void referenceFiltersArePushedIntoTheDefinition() throws Exception {
        String plan = db.explain(SELF_JOIN);
        assertEquals(2, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
        String scan = plan.substring(plan.indexOf("Table: sales"));
        scan = scan.substring(0, scan.indexOf("\n", scan.indexOf("Filters")));
        assertTrue(scan.contains("(kind = 's')") && scan.contains("(yr = 2000)") && scan.contains("(yr = 2001)"), plan);
    }

    /** One reference without a filter of its own: the definition computes all its rows. */
    @Test
    void unfilteredReferenceKeepsTheDefinitionWhole() throws Exception {
        String plan = db.explain("WITH totals AS (SELECT cust, yr, sum(amount) AS total FROM sales GROUP BY cust, yr) "
                + "SELECT count(*) FROM totals a, totals b WHERE a.cust = b.cust AND a.yr = 2000");
        assertEquals(2, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
        String scan = plan.substring(plan.indexOf("Table: sales"));
        assertFalse(scan.substring(0, Math.min(scan.length(), 200)).contains("Filters"), plan);
    }

    @Test
    void singleReferenceIsInlined() throws Exception {
        String plan = db.explain("WITH totals AS (SELECT cust, sum(amount) AS total FROM sales GROUP BY cust) "
                + "SELECT * FROM totals WHERE cust < 10");
        assertEquals(0, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
    }

    /** A UNION ALL of per-channel aggregates read with a channel filter per reference (TPC-DS Q04/Q11/Q74's year_total) stays inlined. */
    @Test
    void taggedUnionIsInlined() throws Exception {
        assertEquals(0, DuckDbTwins.count(db.explain(TAGGED_UNION), "CTE_SCAN"));
    }

    /**
     * Shared on request: the OR of the references' channel and year filters, folded per branch
     * ({@code 'c' = 's'} drops out), leaves each branch its own years, and their group-key part
     * reaches the branch's scan below its aggregate; each channel is scanned once.
     */
    @Test
    void materializedTaggedUnionGetsEachBranchsYears() throws Exception {
        String plan = db.explain(TAGGED_UNION_MATERIALIZED);
        assertEquals(3, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
        assertEquals(2, DuckDbTwins.count(plan, "Table: sales"), plan);
        String first = plan.substring(plan.indexOf("Table: sales"));
        first = first.substring(0, first.indexOf("\n", first.indexOf("Filters")));
        String second = plan.substring(plan.lastIndexOf("Table: sales"));
        second = second.substring(0, second.indexOf("\n", second.indexOf("Filters")));
        assertTrue(first.contains("(kind = 's')") && first.contains("((yr = 2000) OR (yr = 2001))"), plan);
        assertTrue(second.contains("(kind = 'c')") && second.contains("(yr = 2000)") && !second.contains("2001"), plan);
    }

    @Test
    void filteredScanIsInlined() throws Exception {
        String plan = db.explain("WITH s AS (SELECT * FROM sales WHERE kind = 's') "
                + "SELECT count(*) FROM s a, s b WHERE a.cust = b.cust AND a.item = 3 AND b.item = 4");
        assertEquals(0, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            SELF_JOIN,
            TAGGED_UNION,
            TAGGED_UNION_MATERIALIZED,
            // one reference unfiltered: nothing is pushed
            "WITH totals AS (SELECT cust, yr, sum(amount) AS total FROM sales GROUP BY cust, yr) "
                    + "SELECT count(*), sum(a.total), sum(b.total) FROM totals a, totals b WHERE a.cust = b.cust AND a.yr = 2000",
            // filters on different columns per reference, one with an OR of its own
            "WITH totals AS (SELECT cust, yr, kind, sum(amount) AS total FROM sales GROUP BY cust, yr, kind) "
                    + "SELECT count(*), sum(a.total), sum(b.total) FROM totals a, totals b WHERE a.cust = b.cust "
                    + "AND (a.yr = 2000 OR a.kind = 'w') AND b.kind = 'c' AND b.total > 10",
            // window CTE read three times (TPC-DS Q47's shape)
            "WITH v AS (SELECT cust, yr, sum(amount) AS s, rank() OVER (PARTITION BY cust ORDER BY yr) AS rn FROM sales GROUP BY cust, yr) "
                    + "SELECT v.cust, v.s, lag.s, lead.s FROM v, v lag, v lead WHERE v.cust = lag.cust AND v.cust = lead.cust "
                    + "AND v.rn = lag.rn + 1 AND v.rn = lead.rn - 1 ORDER BY v.cust LIMIT 50",
            // a shared CTE referenced from another shared CTE and from subqueries
            "WITH t AS (SELECT cust, sum(amount) AS total FROM sales GROUP BY cust), "
                    + "big AS (SELECT t.cust, total, c_name FROM t JOIN cust ON t.cust = c_id WHERE total > (SELECT avg(total) FROM t)) "
                    + "SELECT count(*), sum(total), min(c_name) FROM big WHERE cust IN (SELECT cust FROM big WHERE cust % 2 = 0) "
                    + "AND EXISTS (SELECT 1 FROM t WHERE t.cust = big.cust + 1)",
            // referenced in both branches of a UNION ALL, with column aliases
            "WITH t(c, n) AS (SELECT cust, count(*) FROM sales WHERE item < 50 GROUP BY cust) "
                    + "SELECT sum(n), count(*) FROM (SELECT c, n FROM t WHERE c < 100 UNION ALL SELECT c + 1, n FROM t WHERE c >= 900) x",
            // correlated use of a CTE inside a subquery: inlined
            "WITH t AS (SELECT cust, item, sum(amount) AS total FROM sales GROUP BY cust, item) "
                    + "SELECT c_id, (SELECT max(total) FROM t WHERE t.cust = c_id) AS m, (SELECT count(*) FROM t WHERE t.cust = c_id) "
                    + "FROM cust WHERE c_id < 20 ORDER BY c_id",
            // empty CTE
            "WITH t AS (SELECT cust, sum(amount) AS s FROM sales WHERE yr = 1990 GROUP BY cust) "
                    + "SELECT count(*) FROM t a, t b WHERE a.cust = b.cust",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void preparedStatementRunsTwice() throws Exception {
        String sql = "WITH t AS (SELECT cust, sum(amount) AS s FROM sales WHERE yr = ? GROUP BY cust) "
                + "SELECT count(*), sum(a.s + b.s) FROM t a, t b WHERE a.cust = b.cust + 1";
        for (int yr : new int[] {2000, 2001}) {
            try (var t = db.teal().prepareStatement(sql); var d = db.duck().prepareStatement(sql)) {
                t.setInt(1, yr);
                d.setInt(1, yr);
                try (var tr = t.executeQuery(); var dr = d.executeQuery()) {
                    tr.next();
                    dr.next();
                    assertEquals(dr.getLong(1), tr.getLong(1));
                    assertEquals(dr.getBigDecimal(2), tr.getBigDecimal(2));
                }
            }
        }
    }
}
