package io.tealdb.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A join or aggregate written twice in one statement is computed once and read twice (two
 * CTE_SCANs of one shared definition): TPC-H Q11's HAVING subquery repeats the query's own join,
 * TPC-DS Q65 repeats a derived table. Subplans that differ in a constant, read an enclosing query's
 * columns, call a volatile function, are bare cross products or lie below a UNION stay as they are.
 * Answers equal DuckDB's.
 */
class CommonSubplansTest {
    static final String[] SETUP = {
            "CREATE TABLE ps (partkey INTEGER, suppkey INTEGER, cost DECIMAL(15,2), qty INTEGER)",
            "INSERT INTO ps SELECT range % 5003, range % 211, (range % 997) / 10.0, range % 41 FROM range(40000)",
            "CREATE TABLE supp (s_key INTEGER, s_nation INTEGER)",
            "INSERT INTO supp SELECT range, range % 25 FROM range(211)",
            "CREATE TABLE nat (n_key INTEGER, n_name VARCHAR)",
            "INSERT INTO nat SELECT range, 'N' || range FROM range(25)",
    };
    /** TPC-H Q11's shape. */
    static final String Q11 = "SELECT partkey, sum(cost * qty) AS v FROM ps, supp, nat "
            + "WHERE suppkey = s_key AND s_nation = n_key AND n_name = 'N7' GROUP BY partkey "
            + "HAVING sum(cost * qty) > (SELECT sum(cost * qty) * 0.0005 FROM ps, supp, nat "
            + "WHERE suppkey = s_key AND s_nation = n_key AND n_name = 'N7') ORDER BY v DESC, partkey";
    /** TPC-DS Q65's shape: the same aggregate as two derived tables, one of them aggregated again. */
    static final String Q65 = "SELECT sc.suppkey, sc.partkey, sc.revenue FROM "
            + "(SELECT suppkey, avg(revenue) AS ave FROM (SELECT suppkey, partkey, sum(cost) AS revenue FROM ps, supp "
            + "WHERE suppkey = s_key AND s_nation BETWEEN 3 AND 14 GROUP BY suppkey, partkey) sa GROUP BY suppkey) sb, "
            + "(SELECT suppkey, partkey, sum(cost) AS revenue FROM ps, supp "
            + "WHERE suppkey = s_key AND s_nation BETWEEN 3 AND 14 GROUP BY suppkey, partkey) sc "
            + "WHERE sb.suppkey = sc.suppkey AND sc.revenue <= 0.5 * sb.ave ORDER BY 1, 2 LIMIT 200";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @Test
    void havingSubqueryOverTheQuerysOwnJoinReadsItOnce() throws Exception {
        String plan = db.explain(Q11);
        assertEquals(2, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
        assertEquals(1, DuckDbTwins.count(plan, "Table: ps"), plan);
    }

    @Test
    void repeatedDerivedTableIsComputedOnce() throws Exception {
        String plan = db.explain(Q65);
        assertEquals(2, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
        assertEquals(1, DuckDbTwins.count(plan, "Table: ps"), plan);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a different constant
            "SELECT partkey, sum(cost * qty) AS v FROM ps, supp, nat WHERE suppkey = s_key AND s_nation = n_key AND n_name = 'N7' "
                    + "GROUP BY partkey HAVING sum(cost * qty) > (SELECT sum(cost * qty) * 0.0005 FROM ps, supp, nat "
                    + "WHERE suppkey = s_key AND s_nation = n_key AND n_name = 'N8')",
            // correlated: the subquery's filter reads the outer row
            "SELECT s_key, (SELECT count(*) FROM ps, supp s2 WHERE suppkey = s2.s_key AND s2.s_nation = supp.s_nation) FROM supp",
            // volatile
            "SELECT (SELECT count(*) FROM ps, supp WHERE suppkey = s_key AND random() < 2), "
                    + "(SELECT count(*) FROM ps, supp WHERE suppkey = s_key AND random() < 2)",
    })
    void differentOrUnsafeSubplansAreNotShared(String sql) throws Exception {
        String plan = db.explain(sql);
        assertEquals(0, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
    }

    /** A cross product whose conditions sit above it (in the outer query) is not materialized whole. */
    @Test
    void bareCrossProductIsNotShared() throws Exception {
        String sql = "SELECT count(*) FROM (SELECT * FROM ps, supp) a, (SELECT * FROM ps, supp) b "
                + "WHERE a.suppkey = a.s_key AND b.suppkey = b.s_key AND a.partkey = b.partkey AND a.qty = 3 AND b.qty = 4";
        String plan = db.explain(sql);
        assertEquals(0, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
        db.assertSameRows(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            Q11,
            Q65,
            // the shared join read by two scalar subqueries and by the query, columns by position in a UNION
            "SELECT count(*), sum(cost) FROM ps, supp WHERE suppkey = s_key AND s_nation < 5 "
                    + "UNION ALL SELECT count(*), sum(cost) FROM ps, supp WHERE suppkey = s_key AND s_nation < 5",
            "SELECT (SELECT max(cost) FROM ps, supp WHERE suppkey = s_key AND s_nation = 3), "
                    + "(SELECT max(cost) FROM ps, supp WHERE suppkey = s_key AND s_nation = 3) + 1",
            // an IN subquery and the outer query over the same aggregate
            "SELECT partkey, c FROM (SELECT partkey, count(*) AS c FROM ps WHERE qty < 20 GROUP BY partkey) x "
                    + "WHERE partkey IN (SELECT partkey FROM (SELECT partkey, count(*) AS c FROM ps WHERE qty < 20 GROUP BY partkey) y "
                    + "WHERE c > 3) ORDER BY partkey LIMIT 100",
            // all output columns of the shared join unused but counted
            "SELECT (SELECT count(*) FROM ps JOIN supp ON suppkey = s_key), (SELECT count(*) FROM ps JOIN supp ON suppkey = s_key)",
            // shared subplan on both sides of a join, filtered differently above
            "SELECT count(*), sum(a.revenue - b.revenue) FROM "
                    + "(SELECT suppkey, partkey, sum(cost) AS revenue FROM ps GROUP BY suppkey, partkey) a, "
                    + "(SELECT suppkey, partkey, sum(cost) AS revenue FROM ps GROUP BY suppkey, partkey) b "
                    + "WHERE a.partkey = b.partkey AND a.suppkey = b.suppkey + 1 AND a.suppkey < 50 AND b.revenue > 10",
    })
    void equalsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }

    /**
     * Identical UNION branches stay apart: a filter above the UNION reaches each branch on its own
     * (TPC-DS Q04's inlined CTE copies are each pruned to one branch and one year by their reference's filters).
     */
    @Test
    void unionBranchesAreLeftAlone() throws Exception {
        String plan = db.explain("SELECT count(*), sum(cost) FROM ps, supp WHERE suppkey = s_key AND s_nation < 5 "
                + "UNION ALL SELECT count(*), sum(cost) FROM ps, supp WHERE suppkey = s_key AND s_nation < 5");
        assertEquals(0, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
        plan = db.explain("WITH t AS (SELECT suppkey, sum(cost) AS c, 'a' AS k FROM ps GROUP BY suppkey "
                + "UNION ALL SELECT s_key, count(*), 'b' FROM supp GROUP BY s_key) "
                + "SELECT count(*) FROM t x, t y WHERE x.suppkey = y.suppkey AND x.k = 'a' AND y.k = 'a' AND x.c > 5");
        assertEquals(0, DuckDbTwins.count(plan, "CTE_SCAN"), plan);
    }
}
