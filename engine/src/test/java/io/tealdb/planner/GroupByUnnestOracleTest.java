package io.tealdb.planner;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

/**
 * GROUP BY over UNNEST (directly, inside expressions, through a select-list alias, with another
 * unnest left in the select list) unnests below the aggregate, as DuckDB does; 8,000 rows of tag
 * lists of varying length against DuckDB.
 */
class GroupByUnnestOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE tags AS SELECT i, string_split('t' || (i % 13) || '>u' || (i % 5) || repeat('>v' || (i % 3), (i % 4)::INTEGER), '>') AS l "
                    + "FROM range(8000) r(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT unnest(l) AS tag, count(*), sum(i) FROM tags GROUP BY tag ORDER BY tag",
            "SELECT upper(unnest(l)) AS tag, count(DISTINCT i) FROM tags GROUP BY upper(unnest(l)) ORDER BY tag",
            "SELECT i % 3 AS m, length(unnest(l)) AS n, count(*) FROM tags GROUP BY m, n ORDER BY m, n",
            "SELECT unnest(l) AS tag, count(*) FROM tags WHERE i % 7 = 1 GROUP BY 1 HAVING count(*) > 10 ORDER BY 1",
            "SELECT i % 4 AS g, unnest([1, 2]) AS x, count(*) FROM tags GROUP BY g ORDER BY g, x",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }
}
