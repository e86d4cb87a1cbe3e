package io.tealdb.execution.window;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

/**
 * RANGE frames ordered by an INTERVAL (lengths compared as DuckDB normalises them, a month as 30
 * days), with INTERVAL offsets, against DuckDB on 6,000 rows with ties, months and days mixed.
 */
class IntervalRangeFrameOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE iv AS SELECT i, i % 5 AS g, CASE WHEN i % 3 = 0 THEN to_months((i % 40)::INTEGER) "
                    + "ELSE to_days((i % 1200)::INTEGER) + to_hours((i % 7)::INTEGER) END AS k, i % 11 AS x FROM range(6000) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, sum(x) OVER (ORDER BY k RANGE BETWEEN INTERVAL 4 DAY PRECEDING AND CURRENT ROW) FROM iv ORDER BY i",
            "SELECT i, count(*) OVER (PARTITION BY g ORDER BY k DESC RANGE BETWEEN INTERVAL 1 MONTH PRECEDING AND INTERVAL 10 HOURS FOLLOWING) FROM iv ORDER BY i",
            "SELECT i, min(x) OVER (ORDER BY k RANGE BETWEEN CURRENT ROW AND INTERVAL '1 month 2 days' FOLLOWING) FROM iv ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }
}
