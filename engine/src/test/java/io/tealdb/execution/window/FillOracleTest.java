package io.tealdb.execution.window;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;


/**
 * fill() against DuckDB on 6,000 rows (several 2,048-row chunks; partitions split across the
 * parallel ranges): interpolation and extrapolation with DuckDB's rounding for every numeric and
 * temporal type, its own ORDER BY or the window's, NULL and infinite keys and values, partitions
 * with one value or none, and results out of the type's range.
 */
class FillOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE g AS SELECT i, i % 7 AS p, (i * 37) % 6000 AS k, "
                    + "CASE WHEN i % 3 = 0 OR i % 11 = 0 THEN NULL ELSE (i * 13) % 1000 - 500 END AS v, "
                    + "CASE WHEN i % 97 = 5 THEN NULL ELSE (i * 7919) % 6007 END AS u FROM range(6000) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, fill(v) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(v ORDER BY u) OVER (PARTITION BY p ORDER BY i) FROM g ORDER BY i",
            "SELECT i, fill(v ORDER BY u DESC NULLS FIRST) OVER (PARTITION BY i % 500) FROM g ORDER BY i",
            "SELECT i, fill((v % 100)::TINYINT) OVER (PARTITION BY p ORDER BY k), fill((abs(v) % 200)::UTINYINT) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(v::SMALLINT) OVER (ORDER BY k DESC), fill(abs(v)::USMALLINT) OVER (ORDER BY k), fill(abs(v)::UINTEGER) OVER (ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(v::BIGINT * 1000003) OVER (PARTITION BY p ORDER BY k::DOUBLE / 7), fill(v::HUGEINT * 1000003) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(abs(v)::UBIGINT) OVER (PARTITION BY p ORDER BY k), fill(v::DECIMAL(7,2) / 3) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(v::DECIMAL(30,4) / 7) OVER (PARTITION BY p ORDER BY k), fill(v::DECIMAL(4,1)) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(v / 3.0) OVER (PARTITION BY p ORDER BY k), fill((v / 3.0)::FLOAT) OVER (PARTITION BY p ORDER BY k::DECIMAL(10,2) / 7) FROM g ORDER BY i",
            "SELECT i, fill('2024-01-01'::DATE + v::INTEGER) OVER (PARTITION BY p ORDER BY k), "
                    + "fill('2024-01-01'::TIMESTAMP + to_seconds(v * 997)) OVER (PARTITION BY p ORDER BY '2020-01-01'::DATE + k::INTEGER) FROM g ORDER BY i",
            "SELECT i, fill('12:00:00'::TIME + to_seconds(v * 37)) OVER (PARTITION BY p ORDER BY k), "
                    + "fill(to_timestamp(v * 1000)) OVER (PARTITION BY p ORDER BY '2020-01-01'::TIMESTAMP + to_seconds(k)) FROM g ORDER BY i",
            // one value in a partition, none, and keys that are NULL or infinite
            "SELECT i, fill(CASE WHEN i < 7 THEN v END) OVER (PARTITION BY p ORDER BY k), fill(CASE WHEN p = 3 THEN NULL ELSE v END) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(v) OVER (PARTITION BY p ORDER BY CASE WHEN i % 5 = 0 THEN NULL ELSE k END NULLS FIRST), "
                    + "fill(v ORDER BY CASE WHEN i % 4 = 0 THEN 'inf'::DOUBLE WHEN i % 9 = 0 THEN 'nan'::DOUBLE ELSE k END) OVER (PARTITION BY p) FROM g ORDER BY i",
            "SELECT i, fill(CASE WHEN i % 4 = 0 THEN 'inf'::DOUBLE ELSE v END) OVER (PARTITION BY p ORDER BY k), "
                    + "fill(CASE WHEN i % 4 = 0 THEN 'infinity'::DATE ELSE '2024-01-01'::DATE + v::INTEGER END) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            // extrapolation out of range (NULL), a frame that is ignored
            "SELECT i, fill(CASE WHEN v IS NOT NULL THEN (127 - (k % 3) * 60)::TINYINT END) OVER (PARTITION BY p ORDER BY k) FROM g ORDER BY i",
            "SELECT i, fill(v) OVER (PARTITION BY p ORDER BY k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM g ORDER BY i",
            "SELECT x, y, fill(y ORDER BY x) OVER () FROM (VALUES (0::BIGINT, 9223372036854775807::BIGINT), (1, NULL), (2, -9223372036854775807), (5, NULL)) t(x, y) ORDER BY x",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @Test
    void errorsNameWhatIsWrong() throws SQLException {
        String[][] cases = {
                {"SELECT fill(v ORDER BY k, i) OVER (ORDER BY i) FROM g", "FILL functions must have only one ORDER BY expression"},
                {"SELECT fill(v) OVER (ORDER BY k, i) FROM g", "FILL functions must have only one ORDER BY expression"},
                {"SELECT fill(v) OVER (PARTITION BY p) FROM g", "FILL functions must have only one ORDER BY expression"},
                {"SELECT fill(v::VARCHAR) OVER (ORDER BY i) FROM g", "FILL argument must support subtraction"},
                {"SELECT fill(v) OVER (ORDER BY i::VARCHAR) FROM g", "FILL ordering must support subtraction"},
                {"SELECT fill(v, 2) OVER (ORDER BY i) FROM g", "No function matches the given name and argument types 'fill("},
                {"SELECT fill(DISTINCT v) OVER (ORDER BY i) FROM g", "DISTINCT is not implemented for the window function"},
                {"SELECT fill(v IGNORE NULLS) OVER (ORDER BY i) FROM g", "RESPECT/IGNORE NULLS is not supported for the window function \"fill\""},
                {"SELECT fill(v) FILTER (WHERE i > 1) OVER (ORDER BY i) FROM g", "FILTER is not implemented for the window function"},
        };
        for (String[] c : cases) db.assertBothFail(c[0], c[1]);
    }
}
