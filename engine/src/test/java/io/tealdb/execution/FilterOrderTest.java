package io.tealdb.execution;

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
 * The conjuncts of a filter run cheapest first (integer and date comparisons before string
 * comparisons and IN lists); conjuncts that may raise an error (casts, function calls) keep their
 * written order after those. Results equal DuckDB's over 30,000 rows (15 chunks) with NULLs in every
 * column, and a cast that would fail on rows an earlier conjunct drops still never sees them.
 */
class FilterOrderTest {
    static final String[] SETUP = {
            "CREATE TABLE t (mode VARCHAR, d DATE, a INTEGER, b INTEGER, s VARCHAR)",
            "INSERT INTO t SELECT CASE WHEN range % 13 = 0 THEN NULL ELSE ['MAIL', 'SHIP', 'AIR', 'RAIL', 'TRUCK'][range % 5 + 1] END, "
                    + "CASE WHEN range % 17 = 0 THEN NULL ELSE DATE '1994-01-01' + CAST(range % 2000 AS INTEGER) END, "
                    + "CASE WHEN range % 19 = 0 THEN NULL ELSE CAST(range % 101 AS INTEGER) END, CAST(range % 97 AS INTEGER), "
                    + "CASE WHEN range % 7 = 0 THEN 'x' || range ELSE CAST(range % 50 AS VARCHAR) END FROM range(30000)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT mode, count(*), sum(a) FROM t WHERE mode IN ('MAIL', 'SHIP') AND a < b AND d >= DATE '1995-01-01' "
                    + "AND d < DATE '1996-01-01' GROUP BY mode ORDER BY mode",
            "SELECT count(*), sum(b) FROM t WHERE mode = 'AIR' AND a IS NOT NULL AND b > 40",
            "SELECT count(*) FROM t WHERE (mode = 'RAIL' OR a = 3) AND b <> 5 AND NOT (d IS NULL)",
            "SELECT count(*), min(s) FROM t WHERE mode NOT IN ('TRUCK', 'AIR') AND a BETWEEN 10 AND 20",
            "SELECT count(*), sum(a) FROM t WHERE mode LIKE '%AI%' AND b < 30 AND a > 5",
            // the cast fails on the 'x…' strings: the cheaper string test ahead of it drops them first
            "SELECT count(*), sum(CAST(s AS INTEGER)) FROM t WHERE s NOT LIKE 'x%' AND CAST(s AS INTEGER) > 20 AND b < 50",
            "SELECT count(*) FROM (SELECT * FROM t WHERE a < 60) q WHERE mode = 'SHIP' AND q.b > 2 * q.a",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    /** The date range and the integer comparison run before the string IN list, as in TPC-H Q12. */
    @Test
    void stringInListRunsAfterTheIntegerComparisons() throws Exception {
        String plan = db.explain("SELECT count(*) FROM t WHERE mode IN ('MAIL', 'SHIP') AND a < b AND d >= DATE '1995-01-01'");
        int in = plan.indexOf("mode IN");
        int date = plan.indexOf("(d >=");
        int ints = plan.indexOf("(a < b)");
        assertTrue(in > 0 && date > 0 && ints > 0 && date < in && ints < in, plan);
    }

    /** A cast (which may fail) stays behind the conjuncts written before it, also when those cost more. */
    @Test
    void castKeepsItsPlaceBehindAnEarlierStringTest() throws Exception {
        String plan = db.explain("SELECT count(*) FROM t WHERE s NOT LIKE 'x%' AND CAST(s AS INTEGER) > 20 AND b < 50");
        int like = plan.indexOf("x%");
        int cast = plan.indexOf("CAST(s");
        int b = plan.indexOf("(b < 50)");
        assertTrue(like > 0 && cast > like && b > 0 && b < like, plan);
    }
}
