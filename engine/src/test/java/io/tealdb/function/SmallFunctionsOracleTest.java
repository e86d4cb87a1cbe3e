package io.tealdb.function;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

/**
 * round_even, string_agg over values that are not strings, list_element on a string, the
 * grapheme-cluster string functions (length_grapheme, left_grapheme, right_grapheme, reverse) and
 * maximum_depth of read_json's inference, against DuckDB on 5,000 generated rows (several
 * 2,048-row chunks, NULLs included).
 */
class SmallFunctionsOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
                "CREATE TABLE n AS SELECT i, CASE WHEN i % 89 = 0 THEN NULL ELSE (i - 2500) / 8.0 END AS d, "
                        + "((i - 2500) / 8.0)::DOUBLE AS f, (i - 2500) * 5 AS k, 'str' || i AS s FROM range(5000) t(i)");

    @org.junit.jupiter.api.Test
    void maximumDepthKeepsDeeperValuesAsJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("nested.ndjson");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("{\"a\": \"v").append(i).append("\", \"b\": {\"c\": ").append(i).append(", \"d\": [").append(i % 3).append("]}}\n");
        }
        java.nio.file.Files.writeString(f, sb.toString());
        for (int depth : new int[]{1, 2, 3, -1}) {
            db.assertSameRows("SELECT typeof(a), typeof(b), a, b FROM read_ndjson('" + f + "', maximum_depth=" + depth + ") ORDER BY a");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, round_even(d, 0), round_even(d, 1), round_even(f, 0), round_even(f, 2), round_even(k, -1), round_even(k::HUGEINT, -2) FROM n ORDER BY i",
            "SELECT i, round_even(d::DECIMAL(10,3), 1), round_even(d::DECIMAL(12,3), 0), round_even(d::DECIMAL(12,3), -1) FROM n ORDER BY i",
            "SELECT typeof(round_even(d, 0)), typeof(round_even(f, 1)), typeof(round_even(k, -1)) FROM n LIMIT 1",
            "SELECT i % 7 AS g, string_agg(i, ',' ORDER BY i), string_agg(d ORDER BY i), group_concat(f, '|' ORDER BY i) FROM n GROUP BY g ORDER BY g",
            "SELECT i, list_element(s, 2), list_element(s, -1), list_element(s, 40) FROM n ORDER BY i",
            "SELECT i, length_grapheme(x), left_grapheme(x, 2), left_grapheme(x, -1), right_grapheme(x, 2), right_grapheme(x, -2), reverse(x) "
                    + "FROM (SELECT i, (['S̈a', '🤦🏼‍♂️ L🤦🏼‍♂️R', 'MotörHead', 'abc', ''])[1 + i % 5] || s AS x FROM n) ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }
}
