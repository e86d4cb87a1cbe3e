package io.tealdb.function;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

/**
 * round_even, string_agg over values that are not strings, list_element on a string, the
 * grapheme-cluster string functions (length_grapheme, left_grapheme, right_grapheme, reverse) and
 * maximum_depth of read_json's inference, mad (grouped and in windows), overlay, regexp_extract_all and the
 * named-group regexp_extract, the repeat and repeat_row table functions, list_reduce with an initial value and
 * a widening accumulator, list + list, against DuckDB on 5,000 generated rows (several
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
            "SELECT i % 7 AS g, mad(d), mad(f), mad(k), mad(d::DECIMAL(24,3)), mad('2020-01-01'::DATE + (k // 5)::INTEGER), "
                    + "mad('2020-01-01'::TIMESTAMP + to_seconds(k)), mad('01:00:00'::TIME + to_seconds(i)) FROM n GROUP BY g ORDER BY g",
            "SELECT i % 13 AS g, mad(d - 300), mad((d - 300)::DECIMAL(30,2)), mad(-d::DECIMAL(18,2) / 3) FROM n GROUP BY g ORDER BY g",
            "SELECT i, mad(f) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 4 FOLLOWING), mad(d) OVER (PARTITION BY i % 3) FROM n ORDER BY i",
            // mode and entropy: keyed for numbers, dates and times, boxed otherwise. Ties go to the value that arrived
            // first, as DuckDB tracks it for integers and doubles; its ties among strings, dates and wide decimals follow
            // its hash map, so the tests have none there. entropy rounded: DuckDB sums in its hash map's order, with C's log2
            "SELECT i % 7 AS g, mode(least(i % 13, i % 11)), mode(-1 - least(i % 13, i % 11)::DOUBLE), mode(least(i % 13, i % 11)::DECIMAL(30,2)), "
                    + "mode('2020-01-01'::DATE + least(i % 13, i % 11)::INTEGER), mode('x' || least(i % 13, i % 11)), round(entropy(k // 40 % 50), 9), "
                    + "round(entropy(d), 9), entropy(f * 0), round(entropy(s), 9), round(entropy(d::DECIMAL(30,2)), 9), entropy(NULL::INTEGER) "
                    + "FROM n GROUP BY g ORDER BY g",
            // negating a constant that holds its type's minimum widens the type instead of overflowing
            "SELECT i, -(CAST(-128 AS TINYINT)), typeof(-(CAST(-128 AS TINYINT))), -(CAST(-32768 AS SMALLINT)), -(CAST(-2147483648 AS INTEGER)), "
                    + "typeof(-(CAST(-2147483648 AS INTEGER))), -(CAST(-9223372036854775808 AS BIGINT)), typeof(-(CAST(-9223372036854775808 AS BIGINT))), "
                    + "-(CAST(-64 AS TINYINT) + CAST(-64 AS TINYINT)), typeof(-(CAST(-100 AS TINYINT))), -(k::SMALLINT), typeof(-(k::SMALLINT)) FROM n ORDER BY i",
            // no tie for the top count: DuckDB 2.0's mode of an INTEGER tie (2, 1, 1, 2, 3) is 1 or 2 from run to run
            "SELECT mode(x), mode(x::DOUBLE), mode(x::BIGINT), round(entropy(x), 12), round(entropy(x::VARCHAR), 12) "
                    + "FROM (VALUES (2), (1), (1), (NULL), (2), (3), (2)) t(x)",
            "SELECT i, mode(k // 40 % 50) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 4 FOLLOWING), round(entropy(k // 40 % 50) OVER (PARTITION BY i % 3), 9), "
                    + "mode(k // 40 % 50) OVER (PARTITION BY i % 3) FROM n ORDER BY i",
            "SELECT i, overlay(s PLACING 'XY' FROM i % 9 - 2 FOR i % 5 - 1), overlay(s PLACING 'é' FROM i % 6), overlay(s, '', 2, 1) FROM n ORDER BY i",
            "SELECT i, regexp_extract_all(s || ' ' || k, '(\\d)(\\d)?'), regexp_extract_all(s, '(\\d)(\\d)?', 2), "
                    + "regexp_extract_all(s || k, '([a-z]+)(-?\\d)?', ['w', 'd']), regexp_extract(s, 'str(\\d)(\\d)?', ['a', 'b']) FROM n ORDER BY i",
            "SELECT i, list_reduce([k, i, 3], lambda x, y: x - y, i % 5), list_reduce([k, i], lambda x, y, j: x * 2 + y + j, d), "
                    + "list_reduce([i, k], lambda x, y: x + y * 1.5), list_reduce(string_split(s, 'r'), lambda x, y: x || y, '>'), [i] + [k, NULL] FROM n ORDER BY i",
            "SELECT count(*), count(DISTINCT x), min(x), max(x) FROM repeat('abc', 5000) t(x)",
            // text of a full timestamp cast to DATE: the date as written (offsets and 24:00:00 too), DuckDB's rule
            "SELECT i, ('2023-12-11 ' || lpad((i % 24)::VARCHAR, 2, '0') || ':15:00' || (['', '+05', '-07:30', '.123'])[1 + i % 4])::DATE, "
                    + "TRY_CAST('2023-12-' || (1 + i % 31) || 'T0' || (i % 10) || ':00:00' AS DATE) FROM n ORDER BY i",
            "SELECT * FROM repeat_row(1, 'x', [2, 3]::INTEGER[], {'a': 4}::STRUCT(a INTEGER), num_rows = 4100) LIMIT 3 OFFSET 4097",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @org.junit.jupiter.api.Test
    void aListOrStructWhereRepeatRowWantsItsCountIsABinderError() throws Exception {
        // found by the statement fuzzer: num_rows = {'a': 1} was an internal ClassCastException
        for (java.sql.Connection con : new java.sql.Connection[]{db.teal(), db.duck()}) {
            for (String sql : new String[]{"SELECT * FROM repeat_row(NULL, 2, 'foo', num_rows = {'a': 1})",
                    "SELECT * FROM repeat_row(1, num_rows = [2, 3])", "SELECT * FROM repeat(1, {'a': 1})"}) {
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> io.tealdb.testing.DuckDbTwins.rows(con, sql), sql);
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("No function matches the given name and argument types"),
                        con.getMetaData().getDatabaseProductName() + ": " + sql + " -> " + e.getMessage());
            }
        }
    }
}
