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
 * VARCHAR / BLOB slicing ({@code s[a:b]}, array_slice), list slices with NULL and omitted bounds,
 * list_resize, struct_keys / struct_concat, entropy and the list_bit_* shorthands against DuckDB,
 * on 9,000 generated rows (several 2,048-row chunks) with multi-byte text, NULLs and bounds of
 * every sign.
 */
class SliceAndStructFunctionsOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE s (i INTEGER, v VARCHAR, b BLOB, a BIGINT, z BIGINT, l INTEGER[], st STRUCT(x INTEGER, y VARCHAR))",
            "INSERT INTO s SELECT i, "
                    + "CASE WHEN i % 97 = 0 THEN NULL WHEN i % 5 = 0 THEN repeat('ä🦆b', i % 4) ELSE 'row' || i END, "
                    + "CASE WHEN i % 89 = 0 THEN NULL ELSE ('x' || i)::BLOB END, "
                    + "CASE WHEN i % 83 = 0 THEN NULL ELSE (i % 13) - 6 END, "
                    + "CASE WHEN i % 79 = 0 THEN NULL ELSE (i % 11) - 4 END, "
                    + "CASE WHEN i % 71 = 0 THEN NULL ELSE [i, NULL, i + 1, i % 7][1:(i % 5)] END, "
                    + "CASE WHEN i % 67 = 0 THEN NULL ELSE {'x': i, 'y': i::VARCHAR} END "
                    + "FROM range(9000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, v[a:z], v[a:], v[:z], array_slice(v, a, z), list_slice(v, a, z) FROM s ORDER BY i",
            "SELECT i, b[a:z], array_slice(b, a, z), octet_length(b[2:]) FROM s ORDER BY i",
            "SELECT i, l[a:z], l[a:], l[:z], l[::-1], l[a:z:2], l[z:a:-1], list_slice(l, a, NULL), list_slice(l, NULL, z) FROM s ORDER BY i",
            "SELECT 'MotörHead'[3:5], 'a🦆b'[2:2], 'hello'[0:0], 'hello'[-2:], typeof(('{\"a\":1}'::JSON)[2:3])",
            "SELECT i, list_resize(l, i % 6), list_resize(l, z + 4, i), array_resize(l, NULL) FROM s ORDER BY i",
            "SELECT list_resize(NULL, 3), list_resize(NULL, 2, 7), list_resize([1, 2], 3.7)",
            "SELECT i, struct_keys(st), struct_concat(st, {'w': a}), struct_concat({'k': i}, st, {'q': l}) FROM s ORDER BY i",
            "SELECT struct_keys(NULL), struct_concat(row('a'), row('b')), struct_concat(NULL::STRUCT(k INT), {'b': 2})",
            // the sum's order follows hash-table order in both engines: compare 9 decimals
            "SELECT i % 7 AS g, round(entropy(v), 9), round(entropy(a), 9), round(entropy(l), 9) FROM s GROUP BY g ORDER BY g",
            "SELECT i, round(list_entropy(l), 9), list_bit_and(l), list_bit_or(l), list_bit_xor(l) FROM s ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void errorsMatchDuckDb() {
        for (String sql : List.of(
                "SELECT 'hello'[1:3:1]",
                "SELECT list_resize([1, 2], -1)",
                "SELECT list_resize([1, 2], 3, 'abc')",
                "SELECT struct_keys(42)",
                "SELECT struct_keys(ROW(1, 2))",
                "SELECT struct_concat({'a': 1}, {'a': 2})",
                "SELECT struct_concat({'a': 1}, {'A': 2})",
                "SELECT struct_concat({'a': 1}, 'x')",
                "SELECT struct_concat({'a': 1}, ROW(2))",
                "SELECT list_bit_and()")) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(firstLine(duck), firstLine(teal), sql);
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage().lines().findFirst().orElseThrow();
    }
}
