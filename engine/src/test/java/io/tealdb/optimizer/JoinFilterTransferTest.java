package io.tealdb.optimizer;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A filter on the preserved input's join key of a LEFT/RIGHT/SEMI join also filters the other
 * input by the matching key (TPC-DS Q78: three channels' per-year aggregates LEFT JOINed on the
 * year, the store year filtered; the other channels then aggregate that year only). ANTI and MARK
 * joins (NOT IN / IN with NULLs) are left alone. Answers equal DuckDB's, with NULL keys on both
 * sides.
 */
class JoinFilterTransferTest {
    static final String[] SETUP = {
            "CREATE TABLE store (yr INTEGER, item INTEGER, qty INTEGER)",
            "INSERT INTO store SELECT 1998 + range % 5, range % 701, range % 13 FROM range(40000)",
            "INSERT INTO store VALUES (NULL, 1, 1), (2000, NULL, 2)",
            "CREATE TABLE web (w_yr INTEGER, w_item INTEGER, w_qty INTEGER)",
            "INSERT INTO web SELECT 1998 + range % 5, range % 677, range % 7 FROM range(30000)",
            "INSERT INTO web VALUES (NULL, 1, 1), (2000, NULL, 5)",
    };
    static final String Q78 = "SELECT s.yr, s.item, s.q, w.q FROM (SELECT yr, item, sum(qty) q FROM store GROUP BY yr, item) s "
            + "LEFT JOIN (SELECT w_yr, w_item, sum(w_qty) q FROM web GROUP BY w_yr, w_item) w ON w_yr = s.yr AND w_item = s.item "
            + "WHERE s.yr = 2000 ORDER BY 2, 3, 4 LIMIT 30";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    /** Both scans carry the year filter: the web aggregate computes one year, not five. */
    @Test
    void leftJoinKeyFilterReachesTheOtherInput() throws Exception {
        String plan = db.explain(Q78);
        assertTrue(plan.contains("Filters: (yr = 2000)"), plan);
        assertTrue(plan.contains("Filters: (w_yr = 2000)"), plan);
        plan = db.explain("SELECT count(*) FROM web RIGHT JOIN store ON w_item = item WHERE item BETWEEN 10 AND 20");
        assertTrue(plan.contains("w_item >= 10") && plan.contains("w_item <= 20"), plan);
    }

    /** An ANTI join's other input keeps its rows (NOT IN is NULL when it holds a NULL). */
    @Test
    void antiJoinLeavesTheOtherInputAlone() throws Exception {
        String plan = db.explain("SELECT count(*) FROM store WHERE item NOT IN (SELECT w_item FROM web) AND item = 3");
        assertTrue(!plan.contains("w_item = 3"), plan);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            Q78,
            "SELECT count(*), sum(w.q), count(w.q) FROM (SELECT yr, item, sum(qty) q FROM store GROUP BY yr, item) s "
                    + "LEFT JOIN (SELECT w_yr, w_item, sum(w_qty) q FROM web GROUP BY w_yr, w_item) w ON w_yr = s.yr AND w_item = s.item "
                    + "WHERE s.yr IN (1999, 2001) AND s.item < 100",
            "SELECT count(*), count(w_qty), sum(qty) FROM store LEFT JOIN web ON w_item = item AND w_yr = yr WHERE yr IS NULL OR yr = 2002",
            "SELECT count(*), count(w_qty) FROM store LEFT JOIN web ON w_item = item WHERE item % 100 = 7",
            "SELECT count(*), count(qty) FROM web RIGHT JOIN store ON w_item = item WHERE item BETWEEN 10 AND 20",
            "SELECT count(*), sum(qty) FROM store WHERE item IN (SELECT w_item FROM web WHERE w_qty = 3) AND item < 50",
            "SELECT count(*) FROM store WHERE EXISTS (SELECT 1 FROM web WHERE w_item = item AND w_yr = yr) AND yr = 2001",
            "SELECT count(*), sum(qty) FROM store WHERE item NOT IN (SELECT w_item FROM web) AND item = 3",
            "SELECT count(*), sum(qty) FROM store WHERE NOT EXISTS (SELECT 1 FROM web WHERE w_item = item) AND item > 670",
            "SELECT yr, count(*), sum(w_qty) FROM store LEFT JOIN web ON w_item = item AND w_yr = yr + 1 WHERE yr = 1999 GROUP BY yr",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }
}
