package io.tealdb.planner;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

/**
 * A select-list alias of a column named inside a subquery of the same SELECT (scalar, EXISTS, IN,
 * nested two levels down) is that column, correlated, as in DuckDB; an inner column of the same
 * name wins. 5,000 outer rows against DuckDB.
 */
class OuterSelectAliasOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE lt AS SELECT range AS a, range % 7 AS b FROM range(5000)",
            "CREATE TABLE rt AS SELECT range * 3 AS a, range % 11 AS b FROM range(2000)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT a AS outer_a, (SELECT max(rt.b) FROM rt WHERE rt.a = outer_a) AS m FROM lt ORDER BY outer_a",
            "SELECT a AS outer_a, EXISTS (SELECT 1 FROM rt WHERE rt.a = outer_a + 1) AS e, outer_a IN (SELECT rt.a FROM rt WHERE rt.b = 3) FROM lt ORDER BY 1",
            "SELECT b AS k, (SELECT count(*) FROM rt WHERE rt.b = k AND rt.a > (SELECT min(x.a) FROM rt x WHERE x.b = k)) FROM lt ORDER BY a",
            "SELECT a AS b, (SELECT max(b) FROM rt WHERE rt.a < 10) FROM lt ORDER BY a",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }
}
