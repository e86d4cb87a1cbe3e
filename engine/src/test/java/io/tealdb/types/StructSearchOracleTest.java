package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * struct_contains / struct_position (and their aliases), contains() over lists, maps and tuples,
 * {@code x IN expr} without parentheses, map_contains, struct_insert, casts between unnamed
 * STRUCTs, the text of non-text values inside nested values, NULL constants cast to any type,
 * DATE(x), pg_typeof, repeat(BLOB), the common type of timestamps, flatten and window ORDER BY
 * over LIST keys, against DuckDB on 9,000 generated rows (several 2,048-row chunks) with NULLs
 * at every level.
 */
class StructSearchOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE t (i INTEGER, a INTEGER, b BIGINT, c DECIMAL(10, 2), d BOOLEAN, v VARCHAR, n INTEGER, l INTEGER[], "
                    + "m MAP(INTEGER, VARCHAR), iv INTERVAL, ts TIMESTAMP)",
            "INSERT INTO t SELECT i, "
                    + "CASE WHEN i % 61 = 0 THEN NULL ELSE i % 17 END, "
                    + "CASE WHEN i % 53 = 0 THEN NULL ELSE i % 11 END, "
                    + "CASE WHEN i % 47 = 0 THEN NULL ELSE (i % 13) / 2 END, "
                    + "CASE WHEN i % 43 = 0 THEN NULL ELSE i % 3 = 0 END, "
                    + "CASE WHEN i % 41 = 0 THEN NULL ELSE (i % 7)::VARCHAR END, "
                    + "CASE WHEN i % 37 = 0 THEN NULL ELSE i % 9 END, "
                    + "CASE WHEN i % 31 = 0 THEN NULL ELSE [i % 5, NULL, i % 4][1:(i % 4)] END, "
                    + "CASE WHEN i % 29 = 0 THEN NULL ELSE MAP([i % 6, i % 6 + 1], ['x', NULL]) END, "
                    + "CASE WHEN i % 23 = 0 THEN NULL ELSE to_days(i % 400) + to_hours(i % 3) END, "
                    + "TIMESTAMP '2024-01-01' + to_minutes(i) "
                    + "FROM range(9000) r(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, struct_contains(ROW(a, b, c), n), struct_position(ROW(a, b, c), n), struct_has(ROW(a, v), n), struct_indexof(ROW(v, a), n) FROM t ORDER BY i",
            "SELECT i, struct_contains(ROW(a, d, v), v), struct_position(ROW(d, a, c), d), struct_position(ROW(a, NULL, b), NULL), struct_contains(ROW(a, b), NULL) FROM t ORDER BY i",
            "SELECT i, struct_contains(ROW(l, a), [n, NULL]), struct_position(ROW(ROW(a, b), l), ROW(n, n)), contains(ROW(a, b), n), n IN ROW(a, b) FROM t ORDER BY i",
            "SELECT i, n IN l, n NOT IN l, contains(l, n), map_contains(m, n), contains(m, a), v IN 'a0123', n IN [a, b] FROM t ORDER BY i",
            "SELECT i, struct_insert({'x': a, 'y': v}, z := l, w := n)::VARCHAR, struct_insert(CASE WHEN d THEN NULL ELSE {'k': i} END, q := a)::VARCHAR FROM t ORDER BY i",
            "SELECT i, CAST(ROW(a, b) AS STRUCT(p BIGINT, q DOUBLE))::VARCHAR, [ROW(a, b), ROW(b, c)]::VARCHAR FROM t ORDER BY i",
            "SELECT i, [iv, NULL]::VARCHAR, {'k': iv, 't': ts}::VARCHAR, MAP([coalesce(iv, INTERVAL 1 DAY)], [ts])::VARCHAR, [ts::TIME]::VARCHAR FROM t ORDER BY i",
            "SELECT i, typeof([ts, ts::TIMESTAMP_NS]), typeof([ts::TIMESTAMP_S, ts::TIMESTAMP_MS]), typeof([ts::DATE, ts::TIMESTAMP_S]), [ts::TIMESTAMP_MS, ts]::VARCHAR FROM t WHERE i % 500 = 0 ORDER BY i",
            "SELECT i, DATE(ts), date(ts::DATE::VARCHAR), pg_typeof(c), pg_typeof(l), repeat(v::BLOB, a % 3)::VARCHAR FROM t ORDER BY i",
            "SELECT NULL::BIGINT::VARCHAR::INT[]::ROW(i INTEGER, k INTEGER)::DECIMAL(4,0), typeof(NULL::INT[]::ROW(i INTEGER)::DATE), pg_typeof(X'FF')",
            "SELECT i, flatten([l, NULL, l])::VARCHAR, flatten([NULL, NULL])::VARCHAR, TRY_CAST(('[' || a || ', ' || b || ']') AS INTEGER[2][1])::VARCHAR FROM t ORDER BY i",
            "SELECT i, l::VARCHAR, first(i) OVER (ORDER BY l DESC, i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW), count(*) OVER (ORDER BY l) FROM t ORDER BY i",
            "SELECT i, count(*) OVER (ORDER BY ROW(a % 3, b % 2)), rank() OVER (PARTITION BY a % 4 ORDER BY l DESC NULLS FIRST) FROM t ORDER BY i",
            // concat over lists, list_concat with any number of arguments (NULLs skipped)
            "SELECT i, concat(l, NULL, l)::VARCHAR, list_concat(l)::VARCHAR, list_concat(l, [a], NULL, l)::VARCHAR, concat(NULL, l)::VARCHAR, "
                    + "list_concat(NULL, NULL) FROM t ORDER BY i",
            "SELECT i, md5_number(v), md5_number_upper(v), md5_number_lower(v::BLOB), lcm(a, 0), lcm(a - 8, b), lcm(0, b) FROM t ORDER BY i",
            "SELECT i, regexp_split_to_table(v || ' x,y', '[ ,]') AS part FROM t WHERE i < 3000 ORDER BY ALL",
            "SELECT i, TRY(CAST(v AS INTEGER) // (a % 3)) FROM t ORDER BY i",
            // timestamp series: months add to the previous value (Jan 31, Feb 29, Mar 29, ...)
            "SELECT i, generate_series(ts, ts + to_days(a), to_hours(b * 5 + 1))::VARCHAR, range(ts, ts - to_days(b), -to_hours(7))::VARCHAR, "
                    + "len(range(ts::DATE, ts::DATE + 400, INTERVAL 1 MONTH)), generate_series(TIMESTAMP '2020-01-31', ts, INTERVAL 1 MONTH)[-1] FROM t ORDER BY i",
            "SELECT i, hex(a::HUGEINT - 5::HUGEINT), hex(i::UHUGEINT * 18446744073709551616::UHUGEINT + b::UHUGEINT), to_hex(n::HUGEINT * (-1000000000000)::HUGEINT) FROM t ORDER BY i",
            // a string literal in a list takes the other elements' type
            "SELECT i, [a, '4', NULL]::VARCHAR, list_value(c, '1.5')::VARCHAR, typeof(['x', v]), typeof([ts, '2024-01-01']) FROM t ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }

    @Test
    void errorsMatchDuckDb() {
        for (String sql : List.of(
                "SELECT struct_contains({'a': 1, 'b': 2}, 2)",
                "SELECT struct_position({'a': 1, 'b': 2}, 2)",
                "SELECT struct_insert({'a': 1})",
                "SELECT struct_insert(ROW(1), b := 3)",
                "SELECT CAST('[1,2]' AS INTEGER[3])",
                "SELECT MAP(['a'], [1])[0]",
                "SELECT 9900000000000000000000000000000000000.0::DECIMAL(38,1) + 9900000000000000000000000000000000000.0::DECIMAL(38,1)",
                "SELECT -9900000000000000000000000000000000000.0::DECIMAL(38,1) - 9900000000000000000000000000000000000.0::DECIMAL(38,1)",
                "SELECT generate_series(TIMESTAMP '2020-01-01', TIMESTAMP '2020-06-01', INTERVAL '3' MONTH - INTERVAL '3' DAY)",
                "SELECT range('294247-01-10'::TIMESTAMP, 'infinity'::TIMESTAMP, INTERVAL '1 DAY')",
                "SELECT quantile(a, NULL) FROM t",
                "SELECT quantile_cont(a, NULL::DOUBLE[]) FROM t",
                "SELECT concat([1], 'a')",
                "SELECT concat('a', [1])",
                "SELECT x",
                "VALUES (x)",
                "SELECT (SELECT y)",
                "SELECT map_extract(MAP([[1]], [1]), 2)",
                "SELECT CAST(array_value(1, 2) AS INTEGER[3])",
                "SELECT list_distance([1, 2, 3], [1, NULL, 3])",
                "SELECT list_cosine_distance([1, NULL, 3], [1, NULL, 3])")) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(firstLine(duck), firstLine(teal), sql);
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage().lines().findFirst().orElseThrow();
    }
}
