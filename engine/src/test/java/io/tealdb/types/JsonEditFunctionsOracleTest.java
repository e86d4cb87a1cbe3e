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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * json_strip_nulls, json_normalize, json_pretty, json_merge_patch, json_merge_patch_diff and the
 * list-of-paths forms of json_exists / json_type against
 * DuckDB over 9,000 generated documents (nested objects and arrays, null members, keys out of
 * order, several 2,048-row chunks), plus the round trip patch(a, diff(a, b)) = b.
 */
class JsonEditFunctionsOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE j AS SELECT i, "
                    + "CASE WHEN i % 101 = 0 THEN NULL ELSE json_object('k' || (i % 5), i, 'n', CASE WHEN i % 3 = 0 THEN NULL ELSE i % 4 END, "
                    + "'o', json_object('z', i % 7, 'a', CASE WHEN i % 2 = 0 THEN NULL ELSE 'x' || i END), 'arr', [i, NULL, i % 3]) END AS a, "
                    + "CASE WHEN i % 97 = 0 THEN NULL ELSE json_object('o', json_object('a', 'x' || i, 'm', [i % 2]), 'k' || (i % 3), i + 1, "
                    + "'n', CASE WHEN i % 5 = 0 THEN NULL ELSE i % 4 END) END AS b "
                    + "FROM range(9000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, json_strip_nulls(a), json_normalize(a), json_pretty(b) FROM j ORDER BY i",
            "SELECT i, json_merge_patch(a, b), json_merge_patch(b, a, '{\"n\": null}'), json_merge_patch(NULL, b) FROM j ORDER BY i",
            "SELECT i, json_merge_patch_diff(a, b), json_merge_patch_diff(b, a), json_merge_patch_diff(NULL, a) FROM j ORDER BY i",
            "SELECT i, json_exists(a, ['$.n', '$.o.z', '$.zz']), json_type(a, ['$.n', '$.arr', '$.k1', '$.o.a']) FROM j ORDER BY i",
            "SELECT typeof(json_strip_nulls('{}')), typeof(json_normalize('{}')), typeof(json_pretty('{}')), "
                    + "typeof(json_merge_patch('{}', '{}')), typeof(json_merge_patch_diff('{}', '{}'))",
            "SELECT json_pretty('[]'), json_pretty('{\"a\": []}'), json_normalize('{\"zzz\": 3, \"äbc\": 1, \"abc\": 2}'), "
                    + "json_merge_patch('[1]', '{\"a\": {\"b\": null, \"c\": 1}}'), json_merge_patch_diff('{\"a\": 1}', '{\"a\": 1.0}')",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void patchOfDiffGivesTheTarget() throws Exception {
        // without null members (a null in the target cannot be told from a removal by a patch)
        String sql = "WITH s AS (SELECT json_strip_nulls(a) AS a, json_strip_nulls(b) AS b FROM j WHERE a IS NOT NULL AND b IS NOT NULL) "
                + "SELECT count(*) FROM s WHERE json_normalize(json_merge_patch(a, json_merge_patch_diff(a, b))) <> json_normalize(b)";
        assertEquals(List.of(List.of("0")), rows(db.teal(), sql));
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql));
        assertTrue(rows(db.teal(), "SELECT count(*) FROM j WHERE json_merge_patch_diff(a, b) <> '{}'").get(0).get(0).compareTo("0") > 0);
    }

    @Test
    void malformedDocumentsFailLikeDuckDb() {
        for (String sql : List.of("SELECT json_strip_nulls('{bad')", "SELECT json_merge_patch('{}', '[1')",
                "SELECT json_merge_patch_diff('{', '{}')")) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertTrue(duck.getMessage().contains("Malformed JSON") && teal.getMessage().contains("Malformed JSON"),
                    duck.getMessage() + " / " + teal.getMessage());
        }
    }
}
