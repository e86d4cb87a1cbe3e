package io.tealdb.planner;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIMIT p% / p PERCENT against DuckDB, over tables that cross many chunks and morsels. */
class LimitPercentDuckDbTest {
    private static final List<String> QUERIES = List.of(
            "SELECT * FROM t LIMIT 10%",
            "SELECT * FROM t LIMIT 33.3 PERCENT OFFSET 100",
            "SELECT count(*), sum(i) FROM (SELECT i FROM t WHERE i % 3 = 0 LIMIT 12.5%)",
            "SELECT i, s FROM t ORDER BY s DESC, i LIMIT 0.5%",
            "SELECT k, count(*) AS n FROM t GROUP BY k ORDER BY k LIMIT 50% OFFSET 3",
            "SELECT * FROM t LIMIT (SELECT max(k) FROM t) % OFFSET 199990",
            "SELECT * FROM t LIMIT (SELECT max(i) FROM t WHERE i < 0) %",
            "SELECT * FROM t LIMIT 0%",
            "SELECT * FROM t LIMIT 100%");

    @Test
    void percentLimitsMatchDuckDb() throws SQLException {
        try (DuckDbTwins twins = DuckDbTwins.open(2,
                "CREATE TABLE t AS SELECT i, i % 37 AS k, 'v' || (i * 7919 % 200000) AS s FROM range(200000) r(i)")) {
            for (String q : QUERIES) {
                assertEquals(DuckDbTwins.rows(twins.duck(), q), DuckDbTwins.rows(twins.teal(), q), q);
            }
        }
    }
}
