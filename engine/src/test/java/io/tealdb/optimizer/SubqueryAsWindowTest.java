package io.tealdb.optimizer;

import static io.tealdb.testing.DuckDbTwins.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scalar MIN/MAX/AVG subquery over the query's own join is answered by a window over that join
 * (TPC-H Q2, Q17): answers equal DuckDB's over tables of several 2048-row chunks with NULL keys and
 * values and repeated outer keys (each subquery row then occurs several times in a partition), and
 * the near misses (another filter, another aggregate, a table read twice) keep the general unnesting.
 */
class SubqueryAsWindowTest {
    static final String[] SETUP = {
            "CREATE TABLE part (p_pk BIGINT, p_size INTEGER, p_type VARCHAR, p_name VARCHAR)",
            "INSERT INTO part SELECT range, CAST(range % 50 AS INTEGER), ['STEEL', 'BRASS', 'TIN'][range % 3 + 1], 'p' || (range % 900) "
                    + "FROM range(6000)",
            // repeated keys: a partition then pairs every subquery row with several part rows
            "INSERT INTO part SELECT range * 7, CAST(range * 7 % 50 AS INTEGER), 'BRASS', 'dup' FROM range(300)",
            "INSERT INTO part VALUES (NULL, 15, 'BRASS', 'null key'), (15, NULL, 'BRASS', NULL)",
            "CREATE TABLE supplier (s_sk BIGINT, s_nk INTEGER, s_name VARCHAR)",
            "INSERT INTO supplier SELECT range, CAST(range % 25 AS INTEGER), 's' || range FROM range(400)",
            "INSERT INTO supplier VALUES (NULL, 3, 'null key'), (400, NULL, 'no nation')",
            "CREATE TABLE nation (n_nk INTEGER, n_rk INTEGER, n_name VARCHAR)",
            "INSERT INTO nation SELECT CAST(range AS INTEGER), CAST(range % 5 AS INTEGER), 'n' || range FROM range(25)",
            "CREATE TABLE region (r_rk INTEGER, r_name VARCHAR)",
            "INSERT INTO region VALUES (0, 'AFRICA'), (1, 'AMERICA'), (2, 'ASIA'), (3, 'EUROPE'), (4, 'MIDDLE EAST')",
            "CREATE TABLE partsupp (ps_pk BIGINT, ps_sk BIGINT, ps_cost DECIMAL(12,2), ps_qty INTEGER)",
            "INSERT INTO partsupp SELECT range % 6000, (range * 37 + range // 6000) % 401, "
                    + "CASE WHEN range % 97 = 0 THEN NULL ELSE CAST((range * 7919) % 100000 AS DECIMAL(12,2)) / 100 END, "
                    + "CAST(range % 1000 AS INTEGER) FROM range(24000)",
            // ties for the minimum, a NULL part key, a NULL supplier key
            "INSERT INTO partsupp SELECT ps_pk, (ps_sk + 1) % 400, ps_cost, ps_qty FROM partsupp WHERE ps_pk % 11 = 0 AND ps_cost IS NOT NULL",
            "INSERT INTO partsupp VALUES (NULL, 5, 1.00, 1), (15, NULL, 0.01, 1), (15, 3, NULL, 2)",
            "CREATE TABLE li (l_pk BIGINT, l_qty DECIMAL(12,2), l_price DOUBLE)",
            "INSERT INTO li SELECT range % 6100, CASE WHEN range % 89 = 0 THEN NULL ELSE CAST(range % 50 + 1 AS DECIMAL(12,2)) END, "
                    + "range * 1.5 FROM range(60000)",
            "INSERT INTO li VALUES (NULL, 1, 1.0), (14, NULL, 2.0)",
    };

    static final String Q2 = "SELECT s_name, n_name, p_pk, ps_cost FROM part, supplier, partsupp, nation, region "
            + "WHERE p_pk = ps_pk AND s_sk = ps_sk AND p_size = 15 AND p_type LIKE '%BRASS' AND s_nk = n_nk AND n_rk = r_rk "
            + "AND r_name = 'EUROPE' AND ps_cost = (SELECT min(ps_cost) FROM partsupp, supplier, nation, region "
            + "WHERE p_pk = ps_pk AND s_sk = ps_sk AND s_nk = n_nk AND n_rk = r_rk AND r_name = 'EUROPE') "
            + "ORDER BY p_pk, s_name, n_name, ps_cost";

    static final String Q17 = "SELECT sum(l_price) / 7.0, count(*) FROM li, part WHERE p_pk = l_pk AND p_type = 'BRASS' "
            + "AND p_size < 20 AND l_qty < (SELECT 0.2 * avg(l_qty) FROM li WHERE l_pk = p_pk)";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            Q2,
            Q17,
            // the repeated part keys alone: avg sees each li row once per part row of the partition
            "SELECT p_name, l_pk, l_qty FROM li, part WHERE p_pk = l_pk AND p_name = 'dup' "
                    + "AND l_qty > (SELECT avg(l_qty) FROM li WHERE l_pk = p_pk) ORDER BY ALL",
            // max, subquery on the left, conditions written the other way round in the subquery
            "SELECT p_pk, s_name, ps_cost FROM part, partsupp, supplier WHERE p_pk = ps_pk AND ps_sk = s_sk AND p_size = 7 "
                    + "AND s_nk < 10 AND (SELECT max(ps_cost) FROM supplier, partsupp WHERE s_nk < 10 AND s_sk = ps_sk "
                    + "AND ps_pk = p_pk) <= ps_cost ORDER BY ALL",
            // a VARCHAR partition key, read through an expression
            "SELECT s_name, ps_pk, ps_qty FROM supplier, partsupp WHERE 's' || ps_sk = s_name AND s_nk = 4 "
                    + "AND ps_qty = (SELECT min(ps_qty) FROM partsupp WHERE 's' || ps_sk = s_name) ORDER BY ALL",
            // a correlation that is not an equality
            "SELECT p_pk, count(*) FROM part, partsupp WHERE ps_pk < p_pk AND p_pk BETWEEN 100 AND 140 "
                    + "AND ps_cost > (SELECT avg(ps_cost) FROM partsupp WHERE ps_pk < p_pk) GROUP BY p_pk ORDER BY ALL",
            // near misses: another region in the subquery, sum, an extra filter, partsupp read twice
            "SELECT p_pk, ps_cost FROM part, supplier, partsupp, nation, region WHERE p_pk = ps_pk AND s_sk = ps_sk AND p_size = 15 "
                    + "AND s_nk = n_nk AND n_rk = r_rk AND r_name = 'EUROPE' AND ps_cost = (SELECT min(ps_cost) FROM partsupp, "
                    + "supplier, nation, region WHERE p_pk = ps_pk AND s_sk = ps_sk AND s_nk = n_nk AND n_rk = r_rk "
                    + "AND r_name = 'ASIA') ORDER BY ALL",
            "SELECT p_pk, ps_qty FROM part, partsupp WHERE p_pk = ps_pk AND p_size = 3 "
                    + "AND ps_qty * 3 > (SELECT sum(ps_qty) FROM partsupp WHERE ps_pk = p_pk) ORDER BY ALL",
            "SELECT p_pk, ps_qty FROM part, partsupp WHERE p_pk = ps_pk AND p_size = 3 "
                    + "AND ps_qty = (SELECT min(ps_qty) FROM partsupp WHERE ps_pk = p_pk AND ps_qty > 100) ORDER BY ALL",
            "SELECT p_pk, ps_qty FROM part, partsupp WHERE p_pk = ps_pk AND p_size = 4 AND ps_qty > 500 "
                    + "AND ps_qty = (SELECT min(ps_qty) FROM partsupp WHERE ps_pk = p_pk) ORDER BY ALL",
            "SELECT a.ps_pk, a.ps_qty FROM partsupp a, partsupp b WHERE a.ps_pk = b.ps_pk AND a.ps_sk = b.ps_sk AND a.ps_pk < 50 "
                    + "AND a.ps_qty = (SELECT min(ps_qty) FROM partsupp WHERE ps_pk = a.ps_pk) ORDER BY ALL",
    })
    void equalsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }

    /** Q2 scans and joins partsupp, supplier, nation and region once, under a window. */
    @Test
    void q2ScansPartsuppOnce() throws Exception {
        String plan = db.explain(Q2);
        assertEquals(1, count(plan, "WINDOW"), plan);
        assertEquals(1, count(plan, "Table: partsupp"), plan);
        assertEquals(1, count(plan, "Table: region"), plan);
    }

    @Test
    void q17ScansLineitemOnce() throws Exception {
        String plan = db.explain(Q17);
        assertEquals(1, count(plan, "WINDOW"), plan);
        assertEquals(1, count(plan, "Table: li"), plan);
    }

    /** Another filter in the subquery than in the query: the subquery's rows are not the query's. */
    @Test
    void otherFiltersKeepTheJoin() throws Exception {
        String plan = db.explain("SELECT p_pk FROM part, partsupp WHERE p_pk = ps_pk AND p_size = 4 AND ps_qty > 500 "
                + "AND ps_qty = (SELECT min(ps_qty) FROM partsupp WHERE ps_pk = p_pk)");
        assertEquals(0, count(plan, "WINDOW"), plan);
        assertTrue(count(plan, "Table: partsupp") == 2, plan);
    }
}
