package io.tealdb.planner;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * PostgreSQL's SETOF rule as DuckDB keeps it: the alias of a one-column table function without
 * column names names its column, the function's own name still reaches the column qualified, a
 * star shows only the alias; also range / generate_series WITH ORDINALITY over 5,000 rows.
 */
class TableFunctionAliasDuckDbTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE lists AS SELECT i AS id, range(i % 5) AS l FROM range(3000) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, i.generate_series, i.i FROM generate_series(1, 5000) i ORDER BY 1",
            "SELECT r, r.range FROM range(1, 3000) r WHERE r % 7 = 0 ORDER BY 1",
            "SELECT * FROM range(1, 5) r ORDER BY 1",
            "SELECT i.unnest, i FROM unnest(range(4000)) i ORDER BY 1",
            "SELECT lst.id, x.unnest, x FROM lists lst, unnest(lst.l) AS x ORDER BY 1, 2",
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM unnest([1, 2]) i)",
            "SELECT column_name FROM (DESCRIBE SELECT i.unnest FROM unnest([1, 2]) i)",
            "SELECT g.generate_series, g.ordinality, g FROM generate_series(1, 5000) WITH ORDINALITY AS g ORDER BY 2",
            "SELECT * FROM range(10, 0, -3) WITH ORDINALITY ORDER BY ordinality",
            "SELECT v, ordinality FROM range(5) WITH ORDINALITY AS t(v, ordinality) WHERE ordinality > 2 ORDER BY 1",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT t.unnest FROM unnest([1, 2]) t(v)", "SELECT t.range FROM range(3) t(v)"})
    void errorsLikeDuckDb(String sql) {
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.duck(), sql));
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql));
    }
}
