package io.tealdb.planner;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ARRAY(subquery)} (the subquery's column as a list, in its ORDER BY order, [] when empty)
 * and {@code generate_subscripts(list, 1)} beside {@code unnest(list)}, against DuckDB JDBC, over a
 * 5,000-row table so the lists cross several chunks.
 */
class ArraySubqueryDuckDbTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, "CREATE TABLE t AS SELECT i, i % 10 AS g, 'v' || (i % 37) AS s FROM range(5000) r(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT ARRAY(SELECT i FROM t ORDER BY i DESC)::VARCHAR",
            "SELECT ARRAY(SELECT s FROM t WHERE i < 50 ORDER BY s, i)::VARCHAR",
            "SELECT ARRAY(SELECT i AS k FROM t WHERE g = 3 ORDER BY k DESC)::VARCHAR",
            "SELECT ARRAY(SELECT i FROM t WHERE i < 10 ORDER BY 1 DESC)::VARCHAR",
            "SELECT ARRAY(SELECT i FROM t WHERE false)::VARCHAR",
            "SELECT g, ARRAY(SELECT i FROM t WHERE t.g = u.g AND i < 100 ORDER BY i DESC)::VARCHAR FROM (SELECT DISTINCT g FROM t) u ORDER BY g",
            "SELECT ARRAY(SELECT count(*) FROM t)::VARCHAR",
            "SELECT ARRAY(SELECT DISTINCT g FROM t ORDER BY g)::VARCHAR",
            "SELECT ARRAY(SELECT i FROM t ORDER BY i LIMIT 5)::VARCHAR",
            "SELECT generate_subscripts(l, 1) AS k, unnest(l) AS v FROM (SELECT [10, 20, NULL, 40] AS l)",
            "SELECT i, generate_subscripts([i, i + 1, i + 2], 1) AS k FROM t WHERE i < 700 ORDER BY i, k",
            "SELECT count(*), sum(k) FROM (SELECT generate_subscripts(list(i), 1) AS k FROM t)",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        assertEquals(DuckDbTwins.rows(db.duck(), sql), DuckDbTwins.rows(db.teal(), sql), sql);
    }
}
