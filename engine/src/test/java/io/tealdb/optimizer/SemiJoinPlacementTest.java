package io.tealdb.optimizer;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A selective semi/anti join over a tree of inner joins moves onto the one relation its condition
 * reads (TPC-H Q18's shape: orders IN (a few big orders) joined with lineitem and customer), and an
 * unselective one stays on top; results equal DuckDB's either way.
 */
class SemiJoinPlacementTest {
    static final String[] SETUP = {
            "CREATE TABLE cust (c_key INTEGER, c_name VARCHAR)",
            "INSERT INTO cust SELECT range, 'c' || range FROM range(2000)",
            "CREATE TABLE ord (o_key INTEGER, o_cust INTEGER, o_total INTEGER)",
            "INSERT INTO ord SELECT range, range % 2000, range % 997 FROM range(30000)",
            "CREATE TABLE item (i_ord INTEGER, i_qty INTEGER)",
            "INSERT INTO item SELECT range % 30000, CASE WHEN range % 30000 < 40 THEN 100 ELSE 1 END FROM range(120000)",
            "INSERT INTO item VALUES (NULL, 500)",
            "CREATE TABLE part (p_key INTEGER, p_name VARCHAR)",
            "INSERT INTO part SELECT range, CASE WHEN range % 50 = 0 THEN 'forest ' ELSE 'plain ' END || range FROM range(30000)",
    };
    /**
     * TPC-H Q20's shape: the correlated key is semi-joined with a filtered table's keys, so the
     * decorrelated aggregate needs only those keys' groups though the key's own table is unfiltered.
     */
    static final String Q20_SHAPE = "SELECT o_key, o_total FROM ord WHERE o_key IN (SELECT p_key FROM part WHERE p_name LIKE 'forest%') "
            + "AND o_total > (SELECT 150 * sum(i_qty) FROM item WHERE i_ord = o_key AND i_qty < 100) ORDER BY o_key";
    static final String Q18_SHAPE = "SELECT c_name, o_key, sum(i_qty) FROM cust, ord, item WHERE o_key IN "
            + "(SELECT i_ord FROM item GROUP BY i_ord HAVING sum(i_qty) > 300) AND c_key = o_cust AND o_key = i_ord "
            + "GROUP BY c_name, o_key ORDER BY o_key";

    /** TPC-H Q17's shape: a correlated average per key, compared for the few keys of a filtered table. */
    // sum / count, not avg: an avg over the query's own join is a window (SubqueryAsWindow), not a join with an aggregate
    static final String Q17_SHAPE = "SELECT count(*), sum(i_qty) FROM ord, item WHERE o_key = i_ord AND o_total = 5 "
            + "AND i_qty <= (SELECT 2 * sum(i_qty) / count(i_qty) FROM item i2 WHERE i2.i_ord = o_key)";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            Q18_SHAPE,
            Q17_SHAPE,
            Q20_SHAPE,
            "SELECT o_key, o_total FROM ord, cust WHERE o_cust = c_key AND c_name LIKE 'c1%' "
                    + "AND o_total > (SELECT 150 * sum(i_qty) FROM item WHERE i_ord = o_cust) ORDER BY o_key",
            "SELECT o_key, s FROM ord JOIN (SELECT i_ord, sum(i_qty) AS s FROM item GROUP BY i_ord HAVING count(*) > 3) g "
                    + "ON g.i_ord = o_key WHERE o_total < 3 ORDER BY o_key",
            "SELECT o_key, s FROM ord LEFT JOIN (SELECT i_ord, sum(i_qty) AS s FROM item GROUP BY i_ord) g ON g.i_ord = o_key "
                    + "WHERE o_total = 7 ORDER BY o_key",
            "SELECT o_key, n FROM ord JOIN (SELECT i_ord AS k, count(*) AS n FROM item GROUP BY ALL) g ON k = o_key "
                    + "WHERE o_total IN (1, 2) AND o_cust < 100 ORDER BY o_key",
            "SELECT count(*), sum(i_qty) FROM cust, ord, item WHERE o_key NOT IN (SELECT i_ord FROM item WHERE i_qty = 1) "
                    + "AND c_key = o_cust AND o_key = i_ord",
            "SELECT count(*) FROM cust, ord WHERE c_key = o_cust AND NOT EXISTS (SELECT 1 FROM item WHERE i_ord = o_key AND i_qty > 50)",
            "SELECT count(*) FROM cust, ord WHERE c_key = o_cust AND EXISTS (SELECT 1 FROM item WHERE i_ord = o_key AND i_qty > 50 AND o_total > 3)",
            "SELECT c_name, count(*) FROM cust, ord WHERE c_key = o_cust AND o_key IN (SELECT i_ord FROM item WHERE i_qty > 50) "
                    + "GROUP BY c_name ORDER BY c_name",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void selectiveSemiJoinFiltersItsRelationBeforeTheInnerJoins() throws Exception {
        String plan = db.explain(Q18_SHAPE);
        // the SEMI join's probe (first) child is the scan of ord itself, not a join of the three tables
        assertTrue(plan.matches("(?s).*SEMI\\n[^\\n]*\\n[^\\n]*├── TABLE_SCAN[^\\n]*\\n[^\\n]*Table: ord\\n.*"), plan);
    }

    @Test
    void aggregateComputesOnlyTheGroupsOfTheFilteredKeys() throws Exception {
        String plan = db.explain(Q17_SHAPE);
        int aggregate = plan.indexOf("HASH_GROUP_BY");
        assertTrue(aggregate >= 0 && plan.indexOf("SEMI", aggregate) > aggregate, plan);
    }

    @Test
    void aggregateComputesOnlyTheGroupsOfKeysASemiJoinFilters() throws Exception {
        String plan = db.explain(Q20_SHAPE);
        int aggregate = plan.indexOf("HASH_GROUP_BY");
        assertTrue(aggregate >= 0 && plan.indexOf("SEMI", aggregate) > aggregate, plan);
        assertTrue(plan.indexOf("Table: part", aggregate) > aggregate, plan);
    }
}
