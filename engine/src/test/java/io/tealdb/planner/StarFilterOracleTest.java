package io.tealdb.planner;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code SELECT * [NOT] LIKE|ILIKE|GLOB|SIMILAR TO pattern} against DuckDB over 5,000 rows (several
 * chunks): the selected columns and their names (aliases with {@code \0} and regex groups), EXCLUDE
 * and qualified stars, and the errors of non-constant patterns, REPLACE / RENAME and operators on a star.
 */
class StarFilterOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE t AS SELECT i AS col1, i * 2 AS col2, i % 7 AS k, 'v' || i AS _name1 FROM range(5000) r(i)",
            "CREATE TABLE u AS SELECT i AS id, i + 1 AS col2 FROM range(3) r(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * LIKE 'col%' FROM t ORDER BY ALL",
            "SELECT * NOT LIKE 'col%' FROM t ORDER BY ALL",
            "SELECT x_col2, x_col1 FROM (SELECT * ILIKE 'COL_' AS 'x_\\0' FROM t) ORDER BY ALL",
            "SELECT * GLOB '*1' FROM t ORDER BY ALL",
            "SELECT c2, c1 FROM (SELECT * SIMILAR TO 'col(\\d)' AS 'c\\1' FROM t) ORDER BY ALL",
            "SELECT * NOT SIMILAR TO 'col.*' FROM t ORDER BY ALL",
            "SELECT * EXCLUDE (col1) LIKE '%col%' FROM t ORDER BY ALL",
            "SELECT * LIKE '\\_%' ESCAPE '\\' FROM t ORDER BY ALL",
            "SELECT t.* LIKE 'col%', u.* LIKE 'col%' FROM t, u WHERE t.col1 = u.id ORDER BY ALL",
            "SELECT sum(c) FROM (SELECT * LIKE 'col1' AS c FROM t)",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * SIMILAR TO pattern FROM t, (SELECT '.*col.*') p(pattern)",
            "SELECT * + 42 FROM t",
            "SELECT * REPLACE (col1 + 1 AS col1) LIKE 'col%' FROM t",
            "SELECT * RENAME (col1 AS c) LIKE 'col%' FROM t",
            "SELECT * LIKE 'zz%' FROM t",
    })
    void errorsLikeDuckDb(String sql) {
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.duck(), sql));
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql));
    }
}
