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
 * Join estimates use the distinct values of columns that come through projections, UNION ALL
 * branches and group keys (TPC-DS Q05: the UNION ALL of sales and returns joined with the one-row
 * store table was estimated at one row, so the 300k-row join was built as a hash table and probed
 * with the date_dim rows instead of the other way round).
 */
class DistinctThroughUnionTest {
    static final String[] SETUP = {
            "CREATE TABLE sales (store INTEGER, d INTEGER, amt INTEGER)",
            "INSERT INTO sales SELECT 1, range % 400, range % 91 FROM range(30000)",
            "CREATE TABLE returns (store INTEGER, d INTEGER, amt INTEGER)",
            "INSERT INTO returns SELECT 1, range % 400, range % 37 FROM range(5000)",
            "CREATE TABLE store (s_sk INTEGER, s_id VARCHAR)",
            "INSERT INTO store VALUES (1, 'S1')",
            "CREATE TABLE dates (d_sk INTEGER, d_day INTEGER)",
            "INSERT INTO dates SELECT range, range FROM range(400)",
    };
    static final String UNION_JOIN = "SELECT s_id, count(*), sum(amt) FROM (SELECT store, d, amt FROM sales UNION ALL "
            + "SELECT store, d, -amt FROM returns) u, store, dates WHERE u.store = s_sk AND u.d = d_sk AND d_day BETWEEN 10 AND 24 "
            + "GROUP BY s_id";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            UNION_JOIN,
            "SELECT count(*) FROM (SELECT store, 7 AS c FROM sales UNION ALL SELECT store, 8 FROM returns) u JOIN store ON u.store = s_sk",
            "SELECT count(*), sum(n) FROM (SELECT d, count(*) AS n FROM sales GROUP BY d) g JOIN dates ON g.d = d_sk WHERE d_day < 50",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void theUnionProbesTheDimensionsInsteadOfBeingBuilt() throws Exception {
        String plan = db.explain(UNION_JOIN);
        // the top join's probe (first) child leads to the 35,000 union rows; before, the union joined
        // with store was estimated at one row, built into a hash table and probed by the dates
        String below = plan.substring(plan.indexOf("HASH_JOIN"));
        String probe = below.lines().filter(l -> l.contains("├── ")).findFirst().orElse("");
        assertTrue(probe.contains("UNION") || probe.contains("HASH_JOIN"), plan);
        assertFalse(probe.contains("TABLE_SCAN"), plan);
    }
}
