package io.tealdb.function.aggregate;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;


/**
 * max(x, n), min(x, n), arg_max/arg_min/max_by/min_by(arg, val, n) against DuckDB on 50,000 rows
 * (many chunks, two threads, so partial states are combined), grouped and not, over numbers,
 * strings, dates and nested values, with NULLs, and as window aggregates. The keys are distinct:
 * DuckDB's order among ties is its heap's.
 */
class TopNAggregateOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE t AS SELECT i, i % 97 AS g, (i * 7919) % 50021 AS k, CASE WHEN i % 13 = 0 THEN NULL ELSE 's' || (i * 31 % 1009) END AS s, "
                    + "CASE WHEN i % 17 = 0 THEN NULL ELSE ((i * 7919) % 50021) / 7.0 END AS d FROM range(50000) r(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT max(k, 5), min(k, 5), max(d, 3), min(d, 3), arg_max(i, k, 4), arg_min(s, k, 4), max_by(i, d, 2), min_by(i, d, 2) FROM t",
            "SELECT g, max(k, 3), min(k, 3), arg_max(s, k, 3), arg_min(i, d, 3), max_by('2020-01-01'::DATE + i::INTEGER, k, 2), "
                    + "min_by([i, g], k, 2), arg_max({'i': i, 's': s}, k, 2) FROM t GROUP BY g ORDER BY g",
            "SELECT g, max('2000-01-01'::TIMESTAMP + to_seconds(k), 2), min(k::DECIMAL(18,2) / 3, 2), max(k::HUGEINT * 1000000000000, 2) FROM t GROUP BY g ORDER BY g",
            "SELECT g % 5 AS h, max(k, 1000), typeof(max(k, 2)), typeof(arg_min(s, k, 2)) FROM t WHERE i < 4000 GROUP BY h ORDER BY h",
            "SELECT max(k, 3), arg_max(s, k, 3) FROM t WHERE k < 0",
            "SELECT g, arg_max_nulls_last(s, d), arg_min_nulls_last(s, d), arg_max_nulls_last(s, d, 3), arg_min_nulls_last(i, d, 4) FROM t GROUP BY g ORDER BY g",
            "SELECT arg_max_nulls_last(s, CASE WHEN i % 3 = 0 THEN NULL ELSE k END, 5), arg_min_nulls_last(s, CASE WHEN i > 5 THEN NULL ELSE k END, 4) FROM t",
            "SELECT i, max(k, 2) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW), arg_min(s, k, 2) OVER (PARTITION BY g ORDER BY i ROWS BETWEEN 5 PRECEDING AND 1 FOLLOWING) FROM t WHERE i < 3000 ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @Test
    void badNIsAnError() throws SQLException {
        String[][] cases = {
                {"SELECT max(k, NULL) FROM t", "Invalid input for MIN/MAX: n value cannot be NULL"},
                {"SELECT min(k, -1) FROM t", "Invalid input for MIN/MAX: n value must be > 0"},
                {"SELECT max(k, 1000000) FROM t", "Invalid input for MIN/MAX: n value must be < 1000000"},
                {"SELECT arg_max(i, k, 0) FROM t", "Invalid input for arg_min/arg_max: n value must be > 0"},
                {"SELECT min_by(i, k, NULL) FROM t", "Invalid input for arg_min/arg_max: n value cannot be NULL"},
        };
        for (String[] c : cases) db.assertBothFail(c[0], c[1]);
    }
}
