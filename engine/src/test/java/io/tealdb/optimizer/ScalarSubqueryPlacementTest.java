package io.tealdb.optimizer;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An uncorrelated scalar subquery compared with a column of one relation (TPC-DS Q06:
 * {@code d_month_seq = (SELECT DISTINCT d_month_seq FROM date_dim WHERE ...)}) filters that relation
 * before the joins instead of the joined rows after them. Results equal DuckDB's, also when the
 * subquery has no row (NULL) and with the error of a subquery that returns several rows.
 */
class ScalarSubqueryPlacementTest {
    static final String[] SETUP = {
            "CREATE TABLE dates (d_sk INTEGER, d_month INTEGER, d_year INTEGER)",
            "INSERT INTO dates SELECT range, range // 30, 2000 + range // 365 FROM range(2000)",
            "CREATE TABLE sales (s_date INTEGER, s_item INTEGER, s_cust INTEGER, s_q INTEGER)",
            "INSERT INTO sales SELECT range % 2000, range % 300, range % 1000, range % 17 FROM range(40000)",
            "CREATE TABLE items (i_sk INTEGER, i_cat VARCHAR)",
            "INSERT INTO items SELECT range, 'cat' || (range % 5) FROM range(300)",
    };
    static final String Q06_SHAPE = "SELECT i_cat, count(*), sum(s_q) FROM sales, dates, items WHERE s_date = d_sk "
            + "AND s_item = i_sk AND d_month = (SELECT DISTINCT d_month FROM dates WHERE d_year = 2001 AND d_sk % 365 = 40) "
            + "GROUP BY i_cat ORDER BY i_cat";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            Q06_SHAPE,
            "SELECT count(*) FROM sales, dates WHERE s_date = d_sk AND d_month BETWEEN (SELECT min(d_month) FROM dates "
                    + "WHERE d_year = 2002) AND (SELECT min(d_month) + 2 FROM dates WHERE d_year = 2002)",
            "SELECT count(*) FROM sales, dates WHERE s_date = d_sk AND d_month = (SELECT d_month FROM dates WHERE d_sk = -1)",
            "SELECT count(*), sum(s_q) FROM sales, dates, items WHERE s_date = d_sk AND s_item = i_sk "
                    + "AND d_month + i_sk = (SELECT max(i_sk) FROM items)",
            "SELECT count(*), max(x) FROM (SELECT s_q, (SELECT max(d_year) FROM dates) AS x FROM sales, items "
                    + "WHERE s_item = i_sk AND i_cat = 'cat1') t WHERE s_q < x - 1990",
            "SELECT count(*) FROM sales LEFT JOIN items ON s_item = i_sk WHERE s_q = (SELECT max(s_q) FROM sales)",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void severalRowsStillFail() {
        String sql = "SELECT count(*) FROM sales, dates WHERE s_date = d_sk AND d_month = (SELECT d_month FROM dates)";
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> rows(db.teal(), sql));
        assertTrue(e.getMessage().contains("More than one row returned by a subquery"), e.getMessage());
    }

    @Test
    void subqueryFiltersTheDateRelationBeforeTheJoins() throws Exception {
        String plan = db.explain(Q06_SHAPE);
        // the SINGLE join sits directly on the scan of dates, below the hash joins with sales
        assertTrue(plan.matches("(?s).*Join Type: SINGLE\\n[^\\n]*├── TABLE_SCAN[^\\n]*\\n[^\\n]*Table: dates\\n.*"), plan);
    }
}
