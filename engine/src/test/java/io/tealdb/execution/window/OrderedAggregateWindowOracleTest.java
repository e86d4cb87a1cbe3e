package io.tealdb.execution.window;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Windowed aggregates with their own ORDER BY over whole partitions (string_agg, list, first) follow
 * that order, as in DuckDB (5,000 rows, partitions across chunks); with a window ORDER BY too they are
 * refused, not aggregated in another order.
 */
class OrderedAggregateWindowOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE w AS SELECT i, i % 17 AS p, (i * 7919) % 5003 AS k, 'v' || (i % 101) AS s FROM range(5000) r(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, string_agg(s, ',' ORDER BY k DESC) OVER (PARTITION BY p) FROM w ORDER BY i",
            "SELECT i, list(i ORDER BY k) OVER (PARTITION BY p % 3), first(s ORDER BY k DESC) OVER (PARTITION BY p) FROM w WHERE i < 600 ORDER BY i",
            "SELECT p, string_agg(i, '|' ORDER BY k) OVER () FROM w WHERE i < 40 ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @Test
    void withAWindowOrderTooItIsRefused() {
        try (Statement s = db.teal().createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT string_agg(s, ',' ORDER BY k) OVER (PARTITION BY p ORDER BY i) FROM w").next());
            assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
