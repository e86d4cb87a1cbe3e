package io.tealdb.optimizer;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A recursive CTE inside a correlated subquery (asyncpg's type introspection query has one): the
 * outer value is carried through both parts of the CTE, so each outer row recurses on its own.
 * Compared with DuckDB over 5,000 outer rows (several chunks and morsels).
 */
class CorrelatedRecursiveCteDuckDbTest {
    private static final String SETUP = "CREATE TABLE nodes AS SELECT i AS id, CASE WHEN i % 25 = 0 THEN NULL ELSE i - 1 END AS parent "
            + "FROM range(5000) t(i)";

    @Test
    void scalarSubqueryWithACorrelatedAnchor() throws Exception {
        try (DuckDbTwins t = DuckDbTwins.open(2, SETUP)) {
            String sql = "SELECT id, (WITH RECURSIVE up(n, d) AS (SELECT n2.parent, 1 FROM nodes n2 WHERE n2.id = o.id "
                    + "UNION ALL SELECT p.parent, up.d + 1 FROM nodes p, up WHERE p.id = up.n AND p.parent IS NOT NULL) "
                    + "SELECT max(d) FROM up) AS depth FROM nodes o ORDER BY id";
            assertEquals(DuckDbTwins.rows(t.duck(), sql), DuckDbTwins.rows(t.teal(), sql));
        }
    }

    @Test
    void correlationInTheRecursivePartAndUnionDeduplication() throws Exception {
        try (DuckDbTwins t = DuckDbTwins.open(2, SETUP)) {
            String sql = "SELECT o.id, (WITH RECURSIVE r(k) AS (SELECT o.id % 7 UNION SELECT (k + o.id) % 7 FROM r) "
                    + "SELECT count(*) FROM r) AS c, "
                    + "CASE WHEN o.id % 2 = 0 THEN (WITH RECURSIVE s(x, lvl) AS (SELECT o.id, 0 UNION ALL "
                    + "SELECT x / 2, lvl + 1 FROM s WHERE x > 1) SELECT max(lvl) FROM s) END AS halvings "
                    + "FROM nodes o WHERE o.id < 3000 ORDER BY o.id";
            assertEquals(DuckDbTwins.rows(t.duck(), sql), DuckDbTwins.rows(t.teal(), sql));
        }
    }
}
