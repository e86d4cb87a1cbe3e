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
 * A filter pushed into a UNION ALL branch that tags its rows with a literal (TPC-DS Q04/Q11/Q74's
 * year_total CTE: one aggregate per channel, {@code 's' sale_type} / {@code 'c' sale_type}) becomes
 * a comparison of two constants there; when it is false the branch is not computed at all.
 * Results equal DuckDB's, including global aggregates (one row even over no input) and NULLs.
 */
class ConstantFilterPruningTest {
    static final String[] SETUP = {
            "CREATE TABLE ss (k INTEGER, y INTEGER, v INTEGER)",
            "INSERT INTO ss SELECT range % 500, 2000 + range % 3, range % 97 FROM range(20000)",
            "CREATE TABLE cs (k INTEGER, y INTEGER, v INTEGER)",
            "INSERT INTO cs SELECT range % 400, 2000 + range % 3, range % 89 FROM range(15000)",
            "INSERT INTO cs VALUES (NULL, NULL, NULL)",
    };
    static final String CTE_DEF = "(SELECT k, y, sum(v) AS total, 's' AS kind FROM ss GROUP BY k, y "
            + "UNION ALL SELECT k, y, sum(v) AS total, 'c' AS kind FROM cs GROUP BY k, y) ";
    static final String CTE = "WITH t AS " + CTE_DEF;
    static final String SELF_JOIN_QUERY = "SELECT a.k, a.total, b.total FROM t a, t b WHERE a.k = b.k AND a.kind = 's' "
            + "AND b.kind = 'c' AND a.y = 2001 AND b.y = 2001 AND b.total > a.total ORDER BY a.k";
    static final String SELF_JOIN = CTE + SELF_JOIN_QUERY;
    static final String SELF_JOIN_INLINED = "WITH t AS NOT MATERIALIZED " + CTE_DEF + SELF_JOIN_QUERY;
    static final String SELF_JOIN_MATERIALIZED = "WITH t AS MATERIALIZED " + CTE_DEF + SELF_JOIN_QUERY;

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            SELF_JOIN,
            SELF_JOIN_INLINED,
            SELF_JOIN_MATERIALIZED,
            CTE + "SELECT kind, count(*), sum(total) FROM t WHERE kind = 'c' GROUP BY kind",
            CTE + "SELECT count(*), sum(total) FROM t WHERE kind = 'x'",
            CTE + "SELECT kind, count(*) FROM t WHERE kind <> 's' OR k IS NULL GROUP BY kind ORDER BY kind",
            "SELECT count(*), sum(v) FROM (SELECT v, 1 AS one FROM ss) WHERE one = 2",
            "SELECT * FROM (SELECT k, NULL::INTEGER AS n FROM ss) WHERE n = 1",
            "SELECT count(*) FROM (SELECT k, NULL::INTEGER AS n FROM cs) WHERE n IS NOT DISTINCT FROM NULL",
            "SELECT count(*) FROM (SELECT k, 5 AS f FROM ss UNION ALL SELECT k, 7 FROM cs) WHERE f > 6",
            "SELECT k, count(*) FROM ss WHERE 1 = 1 AND k < 3 GROUP BY k ORDER BY k",
            "SELECT count(*) FROM ss WHERE false",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void branchesWhoseTagDoesNotMatchAreNotScanned() throws Exception {
        String plan = db.explain(CTE + "SELECT k, total FROM t WHERE kind = 'c'");
        assertTrue(plan.contains("Table: cs"), plan);
        assertFalse(plan.contains("Table: ss"), plan);
        // inlined (NOT MATERIALIZED), each of the two references keeps only its own channel's branch
        String selfJoin = db.explain(SELF_JOIN_INLINED);
        assertEquals(1, count(selfJoin, "Table: ss"), selfJoin);
        assertEquals(1, count(selfJoin, "Table: cs"), selfJoin);
        assertFalse(selfJoin.contains("CTE_SCAN"), selfJoin);
        // a UNION ALL CTE is inlined by default, as NOT MATERIALIZED
        assertEquals(selfJoin, db.explain(SELF_JOIN));
        // AS MATERIALIZED: both channels, computed once for both references, each for its own
        // reference's year only (the OR of the references' filters folds to one disjunct per branch)
        String shared = db.explain(SELF_JOIN_MATERIALIZED);
        assertEquals(1, count(shared, "Table: ss"), shared);
        assertEquals(1, count(shared, "Table: cs"), shared);
        assertEquals(2, count(shared, "CTE_SCAN"), shared);
        assertEquals(2, count(shared, "Filters: (y = 2001)"), shared);
        assertFalse(shared.contains("'c' = 's'") || shared.contains("'s' = 'c'"), shared);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
