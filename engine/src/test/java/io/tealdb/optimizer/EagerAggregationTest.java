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
 * An aggregate grouped by a dimension's (string) columns over a fact/dimension join aggregates the
 * facts by the join key first (TPC-DS Q04/Q11/Q74's year_total); answers equal DuckDB's, including
 * a dimension with duplicate keys (each fact row then counts once per match), NULL keys, fact-side
 * group columns, and the shapes the rewrite must leave alone.
 */
class EagerAggregationTest {
    static final String[] SETUP = {
            "CREATE TABLE fact (f_key INTEGER, f_day INTEGER, f_amount DECIMAL(7,2), f_qty INTEGER, f_price DOUBLE)",
            "INSERT INTO fact SELECT CASE WHEN range % 97 = 0 THEN NULL ELSE range % 1200 END, range % 7, (range % 1000) / 10.0,"
                    + " range % 13, (range % 77) / 4.0 FROM range(80000)",
            "CREATE TABLE dim (d_key INTEGER, d_name VARCHAR, d_city VARCHAR, d_flag VARCHAR)",
            // keys 0..999, keys 0..99 twice (duplicates), so 1,100 rows; fact keys 1000..1199 match nothing
            "INSERT INTO dim SELECT range % 1000, 'name' || range, 'city' || (range % 37), CASE WHEN range % 2 = 0 THEN 'Y' END FROM range(1100)",
            // outer rows without facts: a key no fact has, a NULL key
            "INSERT INTO dim VALUES (5000, 'lonely', 'city1', NULL), (NULL, 'nullkey', 'city2', 'Y')",
            // a dimension half the size of its facts (TPC-DS Q04: a year of web sales per customer)
            "CREATE TABLE cust (c_key INTEGER, c_id VARCHAR, c_name VARCHAR, c_num INTEGER)",
            "INSERT INTO cust SELECT range, 'AAAA' || range, CASE WHEN range % 11 = 0 THEN NULL ELSE 'n' || (range % 3000) END, "
                    + "CAST(range % 3000 AS INTEGER) FROM range(40000)",
            "CREATE TABLE sale (s_cust INTEGER, s_amt DECIMAL(7,2))",
            "CREATE TABLE wk (w_day INTEGER, w_on BOOLEAN)",
            "INSERT INTO wk VALUES (0, true), (1, false), (2, true), (3, NULL), (5, true)",
            "INSERT INTO sale SELECT CASE WHEN range % 89 = 0 THEN NULL ELSE (range * 7) % 42000 END, (range % 500) / 4.0 FROM range(80000)",
    };
    static final String BY_CUSTOMER_STRINGS = "SELECT c_id, c_name, sum(s_amt), count(s_amt) FROM sale, cust WHERE s_cust = c_key "
            + "GROUP BY c_id, c_name ORDER BY c_id LIMIT 50";
    /** TPC-H Q13's shape: the number of facts per dimension row, over a LEFT join. */
    static final String COUNT_PER_KEY = "SELECT c, count(*) AS n FROM (SELECT d_key, count(f_amount) AS c FROM dim "
            + "LEFT JOIN fact ON f_key = d_key AND f_day <> 3 GROUP BY d_key) t GROUP BY c ORDER BY n DESC, c DESC";
    static final String BY_NAME = "SELECT d_name, d_city, d_flag, sum(f_amount) AS s, min(f_qty) AS lo, max(f_amount) AS hi "
            + "FROM fact, dim WHERE f_key = d_key GROUP BY d_name, d_city, d_flag ORDER BY d_name";

    static final String ROLLUP = "SELECT d_city, d_flag, d_name, avg(f_qty) AS a, sum(f_amount), count(f_qty), min(f_price), "
            + "grouping(d_city, d_flag) FROM fact, dim WHERE f_key = d_key GROUP BY ROLLUP (d_city, d_flag, d_name) "
            + "ORDER BY a NULLS FIRST, d_city NULLS FIRST, d_flag NULLS FIRST, d_name NULLS FIRST";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @Test
    void factsAreAggregatedBelowTheJoin() throws Exception {
        String plan = db.explain(BY_NAME);
        assertEquals(2, DuckDbTwins.count(plan, "HASH_GROUP_BY"), plan);
        int join = plan.indexOf("HASH_JOIN");
        assertTrue(join >= 0 && plan.indexOf("HASH_GROUP_BY", plan.indexOf("HASH_GROUP_BY") + 1) > join, plan);
    }

    /** Facts only twice the dimension still split when the groups are the dimension's strings. */
    @Test
    void stringGroupsSplitAtASmallerFactRatio() throws Exception {
        assertEquals(rows(db.duck(), BY_CUSTOMER_STRINGS), rows(db.teal(), BY_CUSTOMER_STRINGS));
        assertEquals(2, DuckDbTwins.count(db.explain(BY_CUSTOMER_STRINGS), "HASH_GROUP_BY"));
        // an integer dimension group keeps the 4x bar
        String byNumber = "SELECT c_num, sum(s_amt) FROM sale, cust WHERE s_cust = c_key GROUP BY c_num ORDER BY c_num";
        assertEquals(rows(db.duck(), byNumber), rows(db.teal(), byNumber));
        assertEquals(1, DuckDbTwins.count(db.explain(byNumber), "HASH_GROUP_BY"));
    }

    @Test
    void factsOfALeftJoinAreAggregatedBelowIt() throws Exception {
        String plan = db.explain(COUNT_PER_KEY);
        assertEquals(3, DuckDbTwins.count(plan, "HASH_GROUP_BY"), plan);
        int join = plan.indexOf("LEFT");
        assertTrue(join >= 0 && plan.lastIndexOf("HASH_GROUP_BY") > join, plan);
        assertTrue(plan.contains("sum_no_overflow"), plan);
    }

    @Test
    void filteredOuterDimensionIsNotSplit() throws Exception {
        String plan = db.explain("SELECT d_key, count(f_qty) FROM dim LEFT JOIN fact ON f_key = d_key WHERE d_city = 'city3' GROUP BY d_key");
        assertEquals(1, DuckDbTwins.count(plan, "HASH_GROUP_BY"), plan);
    }

    /** avg over exact numbers is a sum and a count below the join, folded above it (same state, same result). */
    @Test
    void averageOfExactNumbersIsSplit() throws Exception {
        String plan = db.explain("SELECT d_name, d_city, avg(f_amount) FROM fact, dim WHERE f_key = d_key GROUP BY d_name, d_city");
        assertEquals(2, DuckDbTwins.count(plan, "HASH_GROUP_BY"), plan);
    }

    /** avg over doubles would sum in another order: not split. */
    @Test
    void averageOfDoublesIsNotSplit() throws Exception {
        String plan = db.explain("SELECT d_name, d_city, avg(f_price) FROM fact, dim WHERE f_key = d_key GROUP BY d_name, d_city");
        assertEquals(1, DuckDbTwins.count(plan, "HASH_GROUP_BY"), plan);
    }

    /** TPC-DS Q22's shape: ROLLUP over the dimension's strings folds the facts' per-key partials. */
    @Test
    void rollupIsSplit() throws Exception {
        String plan = db.explain(ROLLUP);
        assertEquals(2, DuckDbTwins.count(plan, "HASH_GROUP_BY"), plan);
    }

    @Test
    void selectiveDimensionIsNotSplit() throws Exception {
        // the join keeps a few fact rows: aggregating all facts first would be wasted work
        String plan = db.explain("SELECT d_name, sum(f_amount) FROM fact, dim WHERE f_key = d_key AND d_name = 'name7' GROUP BY d_name");
        assertEquals(1, DuckDbTwins.count(plan, "HASH_GROUP_BY"), plan);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            BY_NAME,
            // a fact column among the groups, exact and floating sums
            "SELECT d_city, f_day, sum(f_qty), sum(f_price), max(f_price) FROM fact JOIN dim ON d_key = f_key GROUP BY d_city, f_day ORDER BY 1, 2",
            // an expression over fact columns inside the aggregate
            "SELECT d_flag, sum((f_amount - f_qty) * 2), min(f_amount * 2) FROM fact, dim WHERE f_key = d_key GROUP BY d_flag ORDER BY 1",
            ROLLUP,
            // a join that only filters the facts, above the one with the dimension (TPC-DS Q22's dates)
            "SELECT d_city, d_flag, avg(f_qty), sum(f_amount) FROM fact, dim, wk WHERE f_key = d_key AND f_day = w_day AND w_on "
                    + "GROUP BY ROLLUP (d_city, d_flag) ORDER BY ALL",
            // avg of integers and decimals from partial sums and counts, NULL-only groups, LEFT joins
            "SELECT d_name, d_city, avg(f_amount), avg(f_qty), avg(f_key) FROM fact, dim WHERE f_key = d_key GROUP BY d_name, d_city ORDER BY 1, 2",
            "SELECT d_key, d_city, avg(f_amount), avg(f_qty) FROM dim LEFT JOIN fact ON f_key = d_key AND f_day <> 2 "
                    + "GROUP BY d_key, d_city ORDER BY 1, 2",
            "SELECT d_city, d_flag, avg(f_qty) FROM fact, dim WHERE f_key = d_key GROUP BY CUBE (d_city, d_flag) ORDER BY ALL",
            // not applicable: count distinct, an aggregate over dimension columns
            "SELECT d_city, round(avg(f_amount), 6), count(*), count(DISTINCT f_qty) FROM fact, dim WHERE f_key = d_key GROUP BY d_city ORDER BY 1",
            "SELECT d_city, sum(f_amount), max(length(d_name)) FROM fact, dim WHERE f_key = d_key GROUP BY d_city ORDER BY 1",
            // LEFT joins: the facts on the NULL-supplied side, outer rows without facts (count 0, NULL sums)
            "SELECT d_city, sum(f_amount) FROM dim LEFT JOIN fact ON f_key = d_key GROUP BY d_city ORDER BY 1",
            COUNT_PER_KEY,
            "SELECT d_key, d_name, count(f_qty), sum(f_amount), min(f_price), max(f_day) FROM dim LEFT JOIN fact ON f_key = d_key "
                    + "GROUP BY d_key, d_name ORDER BY d_key, d_name",
            "SELECT d_key, count(f_qty), sum(f_price) FROM dim LEFT JOIN fact ON f_key = d_key AND f_qty > 11 GROUP BY d_key ORDER BY d_key",
            "SELECT f_day, d_flag, count(f_qty), sum(f_amount) FROM dim LEFT JOIN fact ON f_key = d_key GROUP BY f_day, d_flag ORDER BY 1, 2",
            // a fact-side aggregate of an inner join may now count (partial counts are summed)
            "SELECT d_city, count(f_qty), sum(f_amount) FROM fact, dim WHERE f_key = d_key GROUP BY d_city ORDER BY 1",
            // in a subquery joined back
            "SELECT count(*), sum(s) FROM (SELECT d_name, sum(f_amount) AS s FROM fact, dim WHERE f_key = d_key GROUP BY d_name) t "
                    + "WHERE s > (SELECT avg(f_amount) * 10 FROM fact)",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }
}
