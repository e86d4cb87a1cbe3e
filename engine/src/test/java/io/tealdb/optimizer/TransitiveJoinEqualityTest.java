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
 * Join ordering sees the equalities implied by transitivity: TPC-H Q9 equates part's, partsupp's
 * and supplier's keys with lineitem's only, yet the few matching partsupp rows are best joined with
 * part (and supplier) before lineitem probes them. Answers equal DuckDB's over tables of several
 * 2048-row chunks with NULL keys, for chains, written cycles (a = b, b = c, c = a), mixed key types
 * (not made transitive) and outer joins around the inner ones.
 */
class TransitiveJoinEqualityTest {
    static final String[] SETUP = {
            "CREATE TABLE part (p_pk BIGINT, p_color VARCHAR)",
            "INSERT INTO part SELECT range, ['green', 'red', 'blue', 'black', 'white'][range % 5 + 1] || (range % 7) FROM range(4000)",
            "INSERT INTO part VALUES (NULL, 'green1')",
            "CREATE TABLE supplier (s_sk BIGINT, s_nk INTEGER)",
            "INSERT INTO supplier SELECT range, CAST(range % 25 AS INTEGER) FROM range(200)",
            "INSERT INTO supplier VALUES (NULL, 3)",
            "CREATE TABLE partsupp (ps_pk BIGINT, ps_sk BIGINT, ps_cost INTEGER)",
            "INSERT INTO partsupp SELECT range % 4000, (range % 4000 + range // 4000 * 50) % 200, CAST(range % 100 AS INTEGER) FROM range(16000)",
            "INSERT INTO partsupp VALUES (NULL, 1, 5), (7, NULL, 6)",
            "CREATE TABLE nation (n_nk INTEGER, n_name VARCHAR)",
            "INSERT INTO nation SELECT CAST(range AS INTEGER), 'n' || range FROM range(25)",
            "CREATE TABLE ord (o_ok BIGINT, o_year INTEGER)",
            "INSERT INTO ord SELECT range, CAST(1992 + range % 7 AS INTEGER) FROM range(30000)",
            "CREATE TABLE li (l_ok BIGINT, l_pk BIGINT, l_sk BIGINT, l_qty INTEGER, l_pk_int INTEGER)",
            "INSERT INTO li SELECT range % 30000, range % 4000, (range % 4000 + (range // 7 % 4) * 50) % 200, CAST(range % 50 AS INTEGER), "
                    + "CAST(range % 4000 AS INTEGER) FROM range(120000)",
            "INSERT INTO li VALUES (NULL, 1, 1, 1, 1), (1, NULL, 1, 1, NULL), (2, 2, NULL, 1, 2)",
    };
    static final String Q9 = "SELECT n_name, o_year, sum(l_qty * ps_cost), count(*) FROM part, supplier, li, partsupp, ord, nation "
            + "WHERE s_sk = l_sk AND ps_sk = l_sk AND ps_pk = l_pk AND p_pk = l_pk AND o_ok = l_ok AND s_nk = n_nk "
            + "AND p_color = 'green3' GROUP BY n_name, o_year ORDER BY n_name, o_year DESC";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            Q9,
            "SELECT count(*), sum(ps_cost) FROM part, li, partsupp WHERE p_pk = l_pk AND l_pk = ps_pk AND p_color = 'red2'",
            // a written cycle: one of its three equalities is implied by the other two
            "SELECT count(*), sum(ps_cost) FROM part, li, partsupp WHERE p_pk = l_pk AND l_pk = ps_pk AND ps_pk = p_pk AND p_color = 'red2'",
            // two classes through one relation, and a relation in no class
            "SELECT count(*), min(n_name) FROM li, partsupp, supplier, nation WHERE l_pk = ps_pk AND l_sk = ps_sk AND ps_sk = s_sk "
                    + "AND s_nk = n_nk AND n_name = 'n4'",
            // INTEGER = BIGINT is compared through a cast: not made transitive
            "SELECT count(*) FROM part, li, partsupp WHERE p_pk = l_pk_int AND l_pk_int = ps_pk AND p_color = 'blue0'",
            "SELECT count(*), count(o_year) FROM li LEFT JOIN ord ON o_ok = l_ok, part, partsupp WHERE p_pk = l_pk AND l_pk = ps_pk "
                    + "AND p_color = 'white6'",
            "SELECT count(*) FROM part p1, part p2, li WHERE p1.p_pk = l_pk AND p2.p_pk = l_pk AND p1.p_color = 'green0'",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    /** Part and partsupp join on p_pk = ps_pk, an equality the query does not write. */
    @Test
    void partJoinsPartsuppDirectly() throws Exception {
        String plan = db.explain(Q9);
        boolean direct = false;
        for (String line : plan.split("\n")) {
            if (line.contains("name=p_pk") && line.contains("name=ps_pk") && line.contains(" = ")) direct = true;
        }
        assertTrue(direct, plan);
    }
}
