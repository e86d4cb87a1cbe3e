package io.tealdb.planner;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * POSITIONAL JOIN against DuckDB on tables of 300,000 and 7,001 rows (many chunks, several row
 * groups read in parallel on two threads): rows pair by position in source order, the shorter side
 * is padded with NULLs whichever side it is, filters inside either side change the positions while
 * a WHERE above the join does not, and nested columns travel along.
 */
class PositionalJoinDuckDbTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE big AS SELECT i, i * 3 % 1000 AS v, CASE WHEN i % 11 = 0 THEN NULL ELSE 's' || i END AS s FROM range(300000) t(i)",
            "CREATE TABLE small AS SELECT i AS j, [i, i + 1] AS l, {'a': i} AS st FROM range(7001) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count(*), count(i), count(j), sum(i - j), min(i - j), max(i - j) FROM big POSITIONAL JOIN small",
            "SELECT count(*), count(i), count(j), sum(i - j) FROM small POSITIONAL JOIN big",
            "SELECT * FROM small POSITIONAL JOIN (SELECT * FROM big WHERE v < 10) b ORDER BY j NULLS LAST, i LIMIT 3000",
            "SELECT * FROM (SELECT * FROM big WHERE i % 7 = 3) a POSITIONAL JOIN (SELECT * FROM small WHERE j % 2 = 1) b WHERE j IS NOT NULL ORDER BY i",
            "SELECT i, s, j, l, st FROM big POSITIONAL JOIN small WHERE i % 1000 = 0 ORDER BY i",
            "SELECT a.i, b.i FROM big a POSITIONAL JOIN (SELECT i FROM big ORDER BY i DESC) b WHERE a.i % 9973 = 0 ORDER BY a.i",
            "SELECT x.j, y.j FROM small x POSITIONAL JOIN small y POSITIONAL JOIN (SELECT 1 AS one) z WHERE x.j <> y.j",
            "SELECT count(*) FROM (SELECT 1 AS k) POSITIONAL JOIN (SELECT 2 AS m WHERE false)",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM big POSITIONAL JOIN small ON i = j", "SELECT * FROM big POSITIONAL JOIN small USING (i)"})
    void errorsLikeDuckDb(String sql) {
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.duck(), sql));
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql));
    }
}
