package io.tealdb.io.json;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * json_set / json_insert / json_replace / json_remove and TRY(expr) against DuckDB, on 9,000
 * generated documents and paths (several 2,048-row chunks): keys that exist and do not, nested
 * objects and arrays created on the way, indexes from the end, JSON Pointer paths, NULLs, and TRY
 * over expressions that fail on some rows only.
 */
class JsonMutateOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE d (i INTEGER, j JSON, p VARCHAR, v JSON, a INTEGER, b INTEGER)",
            "INSERT INTO d SELECT i, "
                    + "CASE WHEN i % 97 = 0 THEN NULL WHEN i % 7 = 0 THEN '[1,[2,3],{\"k\":4}]' "
                    + "ELSE ('{\"id\":' || i || ',\"o\":{\"x\":' || (i % 5) || ',\"l\":[' || (i % 3) || ',\"s\"]},\"n\":null}') END, "
                    + "CASE WHEN i % 89 = 0 THEN NULL ELSE ['$.id', '$.o.x', '$.o.l[0]', '$.o.l[#-1]', '$.o.l[#]', '$.new', '$.a.b.c', "
                    + "'$.o.l[5]', '/o/l/-', '/o/x', '$[1][0]', '$[#-0]', '$[2].k', '$', 'id', '$.o.new[0]', '$.n.z', '$[-1]'][i % 18 + 1] END, "
                    + "CASE WHEN i % 83 = 0 THEN NULL WHEN i % 2 = 0 THEN (i * 10)::VARCHAR ELSE '{\"v\":[' || i || ']}' END, "
                    + "i % 17 - 3, CASE WHEN i % 13 = 0 THEN 0 ELSE i % 5 END "
                    + "FROM range(9000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, p, json_set(j, p, v), json_insert(j, p, v), json_replace(j, p, v), json_remove(j, p) FROM d ORDER BY i",
            "SELECT i, json_set(j, '$.o.l[#-0]', v), json_insert(j, '$.o.y', '\"t\"'), json_replace(j, '$[#-1].k', 'true'), "
                    + "json_remove(j, '$.o.l[0]'), json_set(j, '$.o', [i, NULL]) FROM d ORDER BY i",
            "SELECT json_set('{\"a\\\"b\":1}', '$.\"a\\\"b\"', '9'), json_remove('{\"a\\\\\":1,\"b\":2}', '$.\"a\\\\\"'), "
                    + "json_set('[1,2]', '$[9999999999999999999]', '9'), json_set('{}', '$.a[0].b', '1'), json_set('[]', '$[#].b', '5')",
            // TRY: NULL exactly for the rows whose evaluation fails
            "SELECT i, TRY(a // b), TRY(CAST(p AS INTEGER)), TRY(json_set(j, p, v)) IS NULL, TRY(i::TINYINT) FROM d ORDER BY i",
            "SELECT i FROM d WHERE TRY(100 // b) IS NULL ORDER BY i",
            "SELECT b, count(*), sum(TRY(1000 // b)) FROM d GROUP BY b ORDER BY b",
    })
    void sameAsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }

    @Test
    void errorsMatchDuckDb() {
        for (String sql : List.of(
                "SELECT json_set('{\"a\":1}', '$not_a_path', '2')",
                "SELECT json_set('[1,2]', '$[#-]', '9')",
                "SELECT json_remove('{\"\":1}', '$.\"\"')",
                "SELECT json_set('{}', '$.a', 'abc')")) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            String kind = duck.getMessage().substring(0, duck.getMessage().indexOf(':'));
            assertTrue(teal.getMessage().startsWith(kind), sql + ": " + teal.getMessage() + " vs " + duck.getMessage());
        }
    }
}
