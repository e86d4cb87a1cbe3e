package io.tealdb.execution;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ROLLUP / CUBE / GROUPING SETS with a set covering all others sink only that finest set and fold
 * the coarser sets from its groups (TPC-DS Q22/Q67: one pass over the input instead of one per
 * set). Results equal DuckDB's for the decomposable aggregates, NULL keys and values, sets without
 * a covering set, DISTINCT aggregates (which keep one table per set) and an empty input.
 */
class RollupFromFinestSetTest {
    static final String[] SETUP = {
            "CREATE TABLE inv (cat VARCHAR, cls VARCHAR, brand VARCHAR, qty INTEGER, price DECIMAL(7,2), w DOUBLE)",
            "INSERT INTO inv SELECT 'cat' || (range % 7), CASE WHEN range % 11 = 0 THEN NULL ELSE 'cls' || (range % 13) END, "
                    + "'brand' || (range % 101), CASE WHEN range % 17 = 0 THEN NULL ELSE range % 1000 END, "
                    + "(range % 5000) / 100.0, (range % 333) * 0.25 FROM range(30000)",
            "CREATE TABLE empty_inv AS SELECT * FROM inv WHERE false",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT cat, cls, brand, avg(qty), count(*), count(qty), sum(price), min(brand), max(w) FROM inv "
                    + "GROUP BY ROLLUP (cat, cls, brand) ORDER BY ALL NULLS FIRST",
            "SELECT cat, cls, sum(qty), grouping(cat), grouping(cls), round(stddev_samp(w), 6) FROM inv GROUP BY CUBE (cat, cls) "
                    + "ORDER BY ALL NULLS FIRST",
            "SELECT cls, cat, sum(price) FROM inv GROUP BY GROUPING SETS ((cls, cat), (cat), (cls), ()) ORDER BY ALL NULLS FIRST",
            "SELECT cat, cls, count(*) FROM inv GROUP BY GROUPING SETS ((cat), (cls)) ORDER BY ALL NULLS FIRST",
            "SELECT cat, cls, count(DISTINCT brand), sum(qty) FROM inv GROUP BY ROLLUP (cat, cls) ORDER BY ALL NULLS FIRST",
            "SELECT cat, sum(qty) FILTER (WHERE qty > 500), count(*) FROM inv GROUP BY ROLLUP (cat) ORDER BY ALL NULLS FIRST",
            "SELECT cat, cls, avg(qty), count(*) FROM empty_inv GROUP BY ROLLUP (cat, cls) ORDER BY ALL NULLS FIRST",
            "SELECT cat, cls, sum(qty) FROM inv GROUP BY GROUPING SETS ((cat, cls), (cat, cls), (cat)) ORDER BY ALL NULLS FIRST",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }
}
