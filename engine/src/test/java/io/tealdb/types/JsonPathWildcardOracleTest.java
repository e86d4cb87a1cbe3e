package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * JSON path wildcards ({@code [*]}, {@code .*}, recursive {@code ..}), json_each / json_tree, and
 * yyjson's lenient reading (nan / inf in any case, trailing commas) against DuckDB, on 4,000
 * generated documents (several 2,048-row chunks, NULLs included).
 */
class JsonPathWildcardOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
                "CREATE TABLE j AS SELECT i, CASE WHEN i % 97 = 0 THEN NULL ELSE "
                        + "'{\"a\": ' || i || ', \"b\": [' || (i % 5) || ', {\"c\": \"x' || (i % 3) || '\", \"d\": null}, [' || (i % 7) || ', true]], "
                        + "\"e\": {\"f\": {\"c\": ' || (i % 11) || '}, \"g\": []}}' END AS doc FROM range(4000) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, json_extract(doc, '$.b[*]'), json_extract(doc, '$.*'), json_extract(doc, '$.b[*].c') FROM j ORDER BY i",
            "SELECT i, json_extract(doc, '$..c'), json_extract(doc, '$..*'), json_extract(doc, '$.**') FROM j ORDER BY i",
            "SELECT i, json_extract(doc, '$..[0]'), json_extract(doc, '$.e..c'), json_extract_string(doc, '$.b[*]') FROM j ORDER BY i",
            "SELECT i, doc -> '$.b[*][0]', doc ->> '$.e.*' FROM j ORDER BY i",
            "SELECT json_valid('{\"a\": nan}'), json_valid('[1, inf, -Infinity]'), json_valid('{\"a\": 1,}'), json_type('{\"x\": NaN}', '$.x')",
            "SELECT * FROM json_each('{\"a\": 1, \"b.c\": [1, {\"d\": null}], \"é\": \"x\"}')",
            "SELECT * FROM json_tree('{\"a\": 1, \"b.c\": [1, {\"d\": null}], \"e\": {\"f\": [true, 2.5]}}')",
            "SELECT * FROM json_each('{\"a\": {\"b\": [3, 4]}}', '$.a.b')",
            "SELECT * FROM json_tree('[{\"a\": [1]}, 7]', '$[0]')",
            "SELECT * FROM json_each('42')",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "WITH t AS (SELECT doc, '$.b[*]' AS p FROM j) SELECT json_extract(doc, p) FROM t",
            "SELECT json_extract('[1]', '$[*.a')",
            "SELECT json_extract('[1]', '$.[*]')",
            "SELECT json_set('{\"a\": [1]}', '$.a[*]', '2')",
    })
    void errorsLikeDuckDb(String sql) {
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.duck(), sql));
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql));
    }
}
