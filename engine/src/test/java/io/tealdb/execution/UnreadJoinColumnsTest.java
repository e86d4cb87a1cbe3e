package io.tealdb.execution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hash join emits NULL vectors for output columns nothing above it reads instead of copying them
 * (TPC-DS Q99: the keys of four dimension joins and a {@code SELECT *} subquery's pruned columns).
 * Results equal DuckDB's for every join kind and for the operators above a join that read all of
 * their input (set operations, DISTINCT, materialized CTEs, windows, ORDER BY), over 30,000 fact
 * rows (15 chunks) with NULL keys.
 */
class UnreadJoinColumnsTest {
    static final String[] SETUP = {
            "CREATE TABLE sales (sold INTEGER, shipped INTEGER, wh INTEGER, mode INTEGER, cc INTEGER, qty INTEGER, note VARCHAR)",
            "INSERT INTO sales SELECT range % 400, range % 400 + range % 150, range % 7, range % 5, range % 4, range % 23,"
                    + " 'n' || (range % 97) FROM range(30000)",
            "INSERT INTO sales VALUES (NULL, 3, 1, 1, 1, 5, NULL), (4, NULL, NULL, 2, 2, 6, 'x'), (5, 9, 2, NULL, NULL, NULL, 'y')",
            "CREATE TABLE warehouse (w_sk INTEGER, w_name VARCHAR, w_city VARCHAR, w_size INTEGER, w_note VARCHAR)",
            "INSERT INTO warehouse SELECT range, 'warehouse number ' || range || ' of many', 'city' || (range % 3), range * 100,"
                    + " NULL FROM range(6)",
            "CREATE TABLE mode (m_sk INTEGER, m_type VARCHAR, m_code VARCHAR)",
            "INSERT INTO mode SELECT range, 'type' || (range % 3), 'code' || range FROM range(5)",
            "CREATE TABLE center (c_sk INTEGER, c_name VARCHAR, c_open DATE)",
            "INSERT INTO center SELECT range, 'center ' || range, DATE '2000-01-01' + range::INTEGER FROM range(4)",
            "CREATE TABLE days (d_sk INTEGER, d_seq INTEGER, d_name VARCHAR)",
            "INSERT INTO days SELECT range, range // 30, 'day' || (range % 7) FROM range(500)",
    };
    /** TPC-DS Q99's shape: a fact table, a SELECT * subquery and three more dimensions. */
    static final String Q99_SHAPE = "SELECT w_substr, m_type, c_name, sum(CASE WHEN shipped - sold <= 30 THEN 1 ELSE 0 END) AS a,"
            + " sum(CASE WHEN shipped - sold > 30 AND shipped - sold <= 60 THEN 1 ELSE 0 END) AS b, count(*) AS n"
            + " FROM sales, (SELECT substring(w_name, 1, 20) AS w_substr, * FROM warehouse) AS sq1, mode, center, days"
            + " WHERE d_seq BETWEEN 2 AND 9 AND shipped = d_sk AND wh = w_sk AND mode = m_sk AND cc = c_sk"
            + " GROUP BY w_substr, m_type, c_name ORDER BY w_substr, m_type, c_name";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            Q99_SHAPE,
            "SELECT note, w_city, count(*), sum(qty) FROM sales JOIN warehouse ON wh = w_sk GROUP BY ALL ORDER BY ALL",
            "SELECT note, w_city, count(*) FROM sales LEFT JOIN warehouse ON wh = w_sk AND w_size > 100 GROUP BY ALL ORDER BY ALL",
            "SELECT w_name, count(sold), sum(qty) FROM sales RIGHT JOIN warehouse ON wh = w_sk AND qty > 20 GROUP BY ALL ORDER BY ALL",
            "SELECT w_name, note, count(*) FROM sales FULL JOIN (SELECT * FROM warehouse WHERE w_sk > 2) w ON wh = w_sk"
                    + " GROUP BY ALL ORDER BY ALL",
            "SELECT count(*), sum(qty) FROM sales WHERE wh IN (SELECT w_sk FROM warehouse WHERE w_city = 'city1')",
            "SELECT count(*), sum(qty) FROM sales WHERE wh NOT IN (SELECT w_sk FROM warehouse WHERE w_city = 'city1')",
            "SELECT m_code, count(*) FROM sales JOIN mode ON mode = m_sk WHERE EXISTS (SELECT 1 FROM center WHERE c_sk = cc)"
                    + " GROUP BY ALL ORDER BY ALL",
            "SELECT DISTINCT w_city, m_type FROM sales JOIN warehouse ON wh = w_sk JOIN mode ON mode = m_sk ORDER BY ALL",
            "SELECT w_city FROM sales JOIN warehouse ON wh = w_sk WHERE qty = 3 UNION SELECT m_type FROM sales JOIN mode ON mode = m_sk"
                    + " ORDER BY 1",
            "SELECT w_city, count(*) FROM (SELECT w_city, qty FROM sales JOIN warehouse ON wh = w_sk WHERE qty < 4"
                    + " UNION ALL SELECT m_type, qty FROM sales JOIN mode ON mode = m_sk WHERE qty > 20) GROUP BY ALL ORDER BY ALL",
            "WITH j AS MATERIALIZED (SELECT * FROM sales JOIN warehouse ON wh = w_sk JOIN center ON cc = c_sk)"
                    + " SELECT a.w_city, b.c_name, count(*) FROM j a JOIN j b ON a.sold = b.sold AND a.qty = b.qty AND a.note = b.note"
                    + " WHERE a.qty < 2 GROUP BY ALL ORDER BY ALL",
            "SELECT sold, w_name, row_number() OVER (PARTITION BY w_city ORDER BY sold, qty, note) AS rn FROM sales"
                    + " JOIN warehouse ON wh = w_sk WHERE qty = 7 ORDER BY w_name, rn LIMIT 50",
            "SELECT note, c_name, qty FROM sales JOIN center ON cc = c_sk ORDER BY qty DESC, note, c_name, sold LIMIT 40",
            "SELECT w_city, m_type, sum(qty) FROM sales JOIN warehouse ON wh = w_sk JOIN mode ON mode = m_sk"
                    + " GROUP BY ROLLUP (w_city, m_type) ORDER BY ALL",
            "SELECT cc, m_type, (SELECT max(c_name) FROM center WHERE c_sk = s.cc) FROM sales s JOIN mode ON mode = m_sk"
                    + " WHERE qty = 4 ORDER BY ALL",
            "SELECT * FROM sales JOIN warehouse ON wh = w_sk JOIN mode ON mode = m_sk WHERE qty = 11 AND sold < 40 ORDER BY ALL",
    })
    void sameAsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }

    @Test
    void joinsLeaveUnreadColumnsEmpty() throws Exception {
        String plan = db.explain(Q99_SHAPE);
        assertTrue(plan.contains("Unread columns"), plan);
        // SELECT * reads every column: nothing is left out
        String all = db.explain("SELECT * FROM sales JOIN warehouse ON wh = w_sk");
        assertFalse(all.contains("Unread columns"), all);
    }
}
