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
 * A predicate above an outer join that no padded row can satisfy makes it an inner join (TPC-DS
 * Q93: {@code sales LEFT JOIN returns ..., reason WHERE sr_reason_sk = r_reason_sk}); predicates
 * that padded rows may pass (IS NULL, IS NOT DISTINCT FROM, coalesce, an OR with the other side)
 * leave it alone. Answers equal DuckDB's.
 */
class OuterJoinSimplificationTest {
    static final String[] SETUP = {
            "CREATE TABLE sales (s_item INTEGER, s_ticket INTEGER, s_qty INTEGER)",
            "INSERT INTO sales SELECT range % 500, range, range % 10 FROM range(30000)",
            "CREATE TABLE returns (r_item INTEGER, r_ticket INTEGER, r_reason INTEGER, r_qty INTEGER)",
            "INSERT INTO returns SELECT range % 500, range * 7, CASE WHEN range % 11 = 0 THEN NULL ELSE range % 30 END, range % 3"
                    + " FROM range(4000)",
            "CREATE TABLE reason (re_id INTEGER, re_desc VARCHAR)",
            "INSERT INTO reason SELECT range, 'reason ' || range FROM range(30)",
    };
    static final String Q93 = "SELECT s_qty, count(*), sum(s_qty - coalesce(r_qty, 0)) FROM sales LEFT JOIN returns "
            + "ON r_item = s_item AND r_ticket = s_ticket, reason WHERE r_reason = re_id AND re_desc = 'reason 7' GROUP BY s_qty ORDER BY 1";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @Test
    void rejectedPaddingMakesAnInnerJoin() throws Exception {
        String plan = db.explain(Q93);
        assertFalse(plan.contains("LEFT"), plan);
        plan = db.explain("SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_qty > 1");
        assertFalse(plan.contains("LEFT"), plan);
    }

    @Test
    void paddingThatMaySurviveKeepsTheOuterJoin() throws Exception {
        for (String where : new String[] {"r_qty IS NULL", "coalesce(r_qty, 0) = 0", "r_qty IS NOT DISTINCT FROM NULL",
                "(r_qty = 1 OR s_qty = 2)"}) {
            String plan = db.explain("SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE " + where);
            assertTrue(plan.contains("LEFT"), where + "\n" + plan);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            Q93,
            "SELECT count(*), sum(r_qty) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_qty > 1",
            "SELECT count(*), sum(r_qty) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_qty IS NULL",
            "SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE coalesce(r_qty, 0) = 0",
            "SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_qty IS NOT DISTINCT FROM NULL",
            "SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_qty = 1 OR s_qty = 2",
            "SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_qty = 1 OR r_reason = 2",
            "SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_reason IN (1, 2, 3)",
            "SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket WHERE r_reason NOT IN (1, 2, 3)",
            "SELECT count(*) FROM returns RIGHT JOIN sales ON r_ticket = s_ticket WHERE CAST(r_qty AS BIGINT) >= 1",
            // FULL join: a predicate on one side removes the other side's padding only
            "SELECT count(*), count(s_ticket), count(r_ticket) FROM sales FULL JOIN returns ON r_ticket = s_ticket WHERE s_qty > 5",
            "SELECT count(*), count(s_ticket), count(r_ticket) FROM sales FULL JOIN returns ON r_ticket = s_ticket WHERE r_qty >= 1",
            "SELECT count(*) FROM sales FULL JOIN returns ON r_ticket = s_ticket WHERE r_qty >= 1 AND s_qty < 3",
            // a chain: the inner join's condition rejects the padding of both LEFT joins below
            "SELECT count(*) FROM sales LEFT JOIN returns ON r_ticket = s_ticket LEFT JOIN reason ON re_id = r_reason "
                    + "JOIN reason r2 ON r2.re_desc = reason.re_desc",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }
}
