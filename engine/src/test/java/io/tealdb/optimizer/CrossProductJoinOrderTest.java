package io.tealdb.optimizer;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Join ordering avoids a large cross product when the relations connect through a third one:
 * TPC-DS Q65 joins per-(store, item) sales with store and item on both keys, and the cross product
 * store × item (12 × 18,000 rows; here 12 × 2,000) looked as cheap as joining the sales with each in turn. Answers equal
 * DuckDB's, also where a cross product of a few filtered rows, or a genuine one, remains.
 */
class CrossProductJoinOrderTest {
    static final String[] SETUP = {
            "CREATE TABLE store (s_key INTEGER, s_name VARCHAR)",
            "INSERT INTO store SELECT range, 'store' || range FROM range(12)",
            "CREATE TABLE item (i_key INTEGER, i_desc VARCHAR)",
            "INSERT INTO item SELECT range, 'item' || range FROM range(2000)",
            "CREATE TABLE sales (sa_store INTEGER, sa_item INTEGER, sa_price DECIMAL(7,2))",
            "INSERT INTO sales SELECT range % 12, (range * 7) % 2000, (range % 500) / 10.0 FROM range(200000)",
    };
    /** Q65's shape: revenue per (store, item) against the store's average. */
    static final String Q65_SHAPE = "SELECT s_name, i_desc, sc.revenue FROM store, item, "
            + "(SELECT sa_store, avg(revenue) AS ave FROM (SELECT sa_store, sa_item, sum(sa_price) AS revenue FROM sales "
            + "GROUP BY sa_store, sa_item) sa GROUP BY sa_store) sb, "
            + "(SELECT sa_store, sa_item, sum(sa_price) AS revenue FROM sales GROUP BY sa_store, sa_item) sc "
            + "WHERE sb.sa_store = sc.sa_store AND sc.revenue <= 0.3 * sb.ave AND s_key = sc.sa_store AND i_key = sc.sa_item "
            + "ORDER BY s_name, i_desc LIMIT 100";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @Test
    void dimensionsJoinTheFactsOneAfterTheOther() throws Exception {
        String plan = db.explain(Q65_SHAPE);
        assertFalse(plan.contains("CROSS_PRODUCT"), plan);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            Q65_SHAPE,
            "SELECT count(*), sum(sa_price) FROM sales, store, item WHERE sa_store = s_key AND sa_item = i_key AND s_name = 'store3' AND i_desc = 'item21'",
            "SELECT s_name, count(*) FROM store, item, sales WHERE sa_store = s_key AND sa_item = i_key AND i_key < 100 GROUP BY s_name ORDER BY s_name",
            // a genuine cross product (no condition connects store and item)
            "SELECT count(*) FROM store, item WHERE s_key < 3 AND i_key < 10",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }
}
