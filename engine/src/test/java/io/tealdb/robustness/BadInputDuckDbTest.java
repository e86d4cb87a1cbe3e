package io.tealdb.robustness;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The inputs of issue 12 that used to end in an internal error, and their relatives: each either
 * answers what DuckDB answers or fails with the same kind of error DuckDB reports (the text before
 * the first colon, e.g. "Out of Range Error"), never an internal one.
 */
class BadInputDuckDbTest {
    private static final String[] SETUP = {
            "CREATE TABLE integers AS SELECT 5 k",
            "CREATE TABLE strings AS SELECT '5'::VARCHAR k",
            // 5,000 rows: several chunks for the window and subquery cases
            "CREATE TABLE t AS SELECT range id, range % 3 g FROM range(5000)",
            "CREATE TABLE lat AS SELECT 1 i, [1, 2] arr UNION ALL SELECT 2, [3, 4, 5]",
    };

    private static final List<String> QUERIES = List.of(
            // a sign folded into a signed literal's text
            "SELECT - -1", "SELECT (- -17.4)", "SELECT - -1e308", "SELECT - - -1", "SELECT -(-1)",
            "SELECT - -9223372036854775808", "SELECT - -0.0",
            // subqueries where an expression stands
            "SELECT * FROM generate_series(0, 10000, 1) tbl(i) ORDER BY i DESC LIMIT (SELECT k FROM integers)",
            "SELECT * FROM generate_series(0, 10000, 1) tbl(i) ORDER BY i DESC LIMIT (SELECT k FROM strings)",
            "SELECT * FROM range(10) LIMIT 3 OFFSET (SELECT k FROM integers)",
            "SELECT * FROM range(10) OFFSET (SELECT max(k) FROM integers)",
            "SELECT count(*) OVER (ORDER BY id ROWS BETWEEN (SELECT 1) FOLLOWING AND UNBOUNDED FOLLOWING) c FROM t ORDER BY id LIMIT 5",
            "SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN (SELECT k FROM integers) PRECEDING AND CURRENT ROW) s FROM t ORDER BY id DESC LIMIT 5",
            "SELECT g, (WITH cte AS (SELECT g AS n) SELECT n FROM cte WHERE n IN (SELECT n FROM cte)) FROM t GROUP BY g ORDER BY g",
            "SELECT g, (WITH cte AS (SELECT g + 1 AS n) SELECT (SELECT n * 2 FROM cte)) FROM t GROUP BY g ORDER BY g",
            // overflow-checked arithmetic
            "SELECT lcm(-9223372036854775808, 25)", "SELECT lcm(9223372036854775807, 2)", "SELECT lcm(4, 6), lcm(-4, 6), lcm(0, 5)",
            "SELECT round(1.0::HUGEINT, (-2147483648)::INT)", "SELECT round(12345, -2147483648)",
            "SELECT round(12::BIGINT, 2147483647)", "SELECT round(1.5::DOUBLE, -2147483648)", "SELECT round(1.5::DOUBLE, 2147483647)",
            "SELECT round(1.5::DECIMAL(4,1), -2147483648)", "SELECT round(127::TINYINT, -1)",
            "SELECT round(9223372036854775807, -1)", "SELECT round(5223372036854775807, -19)", "SELECT round(1234::BIGINT, -2)",
            "SELECT round(-1250::INTEGER, -2)", "SELECT round(170141183460469231731687303715884105727::HUGEINT, -1)",
            "SELECT epoch_ms(9223372036854775807)",
            "SELECT interval '2147483647 months' + interval '1 month'",
            "SELECT interval '-2147483648 days' - interval '1 day'",
            "SELECT 1 << -1", "SELECT 2::BIGINT << 70",
            // a subquery inside a lambda body (found by the fuzzer): DuckDB's Binder Error, not an internal one
            "SELECT list_filter([10], lambda x: x > (SELECT count(*) FROM range(10)))",
            "SELECT list_transform([1, 2], lambda x: (SELECT 1) + x)",
            // an empty file list (found by the fuzzer): an error naming it, not an IndexOutOfBoundsException
            "FROM read_parquet([])", "FROM read_json([])",
            // an aggregate in a lambda body (found by the fuzzer): computed outside the lambda, where a subquery's
            // own x is not the lambda's x; an aggregate of the lambda's parameter is an error, not an internal one
            "SELECT list_transform([10], lambda x: sum((SELECT * FROM (VALUES (1), (2)) t(x) WHERE x > 1)) + {'title': x}.title)",
            "SELECT list_transform([10], lambda x: sum(x) + 1)",
            // found by the 200k campaigns (FuzzBench, GrammarFuzzBench) of this issue:
            // a subquery in a LATERAL join's ON clause reached execution
            "SELECT * FROM lat JOIN LATERAL (SELECT UNNEST(lat.arr)) t(b) ON (i >= (SELECT 1)) ORDER BY i, b",
            "SELECT * FROM lat LEFT JOIN LATERAL (SELECT UNNEST(lat.arr)) t(b) ON (b >= (SELECT 3)) ORDER BY i, b",
            // the epoch of an infinite timestamp is NULL; nanoseconds past 2262 are a conversion error, not an ArithmeticException
            "SELECT epoch_ns(TIMESTAMP 'infinity'), epoch_us(TIMESTAMP '-infinity'), epoch_ms(TIMESTAMP 'infinity'), epoch(TIMESTAMP 'infinity')",
            "SELECT epoch_ns(TIMESTAMPTZ 'infinity'), epoch_us(TIMESTAMPTZ '-infinity'), epoch_ms(TIMESTAMPTZ 'infinity')",
            "SELECT epoch_ns(TIMESTAMP '294247-01-10 04:00:54.775806')", "SELECT epoch_ns(TIMESTAMPTZ '294247-01-09 04:00:54.775806+00')",
            "SELECT epoch_ns(TIMESTAMP '2020-01-01 00:00:01.5'), epoch_ms(TIMESTAMP '1960-01-01 00:00:00.0015')",
            // round_even with more digits than a double or decimal holds: setScale underflowed (an ArithmeticException)
            "SELECT round_even(CAST(3.4e38 AS DOUBLE), 2147483647), round_even(4.9e-324::DOUBLE, 2147483647), round_even(1.5::DOUBLE, -2147483648)",
            "SELECT round_even(1.25::DECIMAL(18,3), 2147483647), round_even(1.25::DECIMAL(18,3), 1), round_even(125::INTEGER, 2147483647)",
            // range's element count overflowed a long (and then the heap)
            "SELECT range(9223372036854775807, 10, -48)", "SELECT generate_series(-9223372036854775808, 9223372036854775807)",
            "SELECT range(-9223372036854775808, 9223372036854775807, 4611686018427387904)",
            "SELECT generate_series(9223372036854775806, 9223372036854775807)", "SELECT range(9223372036854775807, 9223372036854775800, -3)",
            "SELECT range(5, 1, -2), generate_series(5, 1, -2), range(1, 5, -1), generate_series(3, 3, -7)",
            // long literal patterns: RE2/J parsed them in quadratic time (100,000 characters: 7 s in one call)
            "SELECT regexp_matches('aaa', repeat('a', 100000))",
            "SELECT regexp_matches(repeat('a', 3000), repeat('a', 3000)), regexp_matches(repeat('a', 3000), repeat('a', 3001))",
            "SELECT regexp_replace(repeat('ab', 2000) || 'c', repeat('ab', 2000), 'z')",
            "SELECT regexp_matches('x' || repeat('a.', 2000), '^x' || repeat('a\\.', 2000) || '$')",
            "SELECT regexp_matches(repeat('a', 2000) || 'b', '^[' || repeat('a', 2000) || ']+b$')",
            "SELECT regexp_extract(repeat('a', 1500) || 'XY' || repeat('b', 1500), '(' || repeat('a', 1500) || ')(XY)', 2)",
            "SELECT regexp_matches(repeat('a', 3000), '(?i)' || repeat('A', 3000))",
            // a sample of a SELECT without FROM samples its single row
            "SELECT 1 USING SAMPLE 5", "SELECT 42 AS x USING SAMPLE 10 ROWS", "SELECT 1 USING SAMPLE 0", "SELECT 1, 'a' USING SAMPLE 100%",
            "SELECT 1 USING SAMPLE reservoir(3 ROWS) REPEATABLE (7)");

    @Test
    void answersOrFailsLikeDuckDb() throws SQLException {
        try (DuckDbTwins twins = DuckDbTwins.open(2, SETUP)) {
            for (String sql : QUERIES) {
                String duckError = null;
                List<List<String>> expected = null;
                try {
                    expected = DuckDbTwins.rows(twins.duck(), sql);
                } catch (SQLException e) {
                    duckError = e.getMessage();
                }
                try {
                    List<List<String>> actual = DuckDbTwins.rows(twins.teal(), sql);
                    if (duckError != null) fail(sql + ": DuckDB fails (" + duckError + ") but TealDB answers " + actual);
                    assertEquals(expected, actual, sql);
                } catch (SQLException e) {
                    String msg = e.getMessage();
                    assertFalse(msg.contains("INTERNAL"), sql + ": " + msg);
                    if (duckError == null) fail(sql + ": DuckDB answers " + expected + " but TealDB fails: " + msg);
                    assertEquals(kind(duckError), kind(msg), sql + ": DuckDB: " + duckError + " / TealDB: " + msg);
                }
            }
        }
    }

    private static String kind(String message) {
        int colon = message.indexOf(':');
        return colon < 0 ? message : message.substring(0, colon);
    }
}
