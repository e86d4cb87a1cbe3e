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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The JSON type and DuckDB's everyday JSON functions against DuckDB, over 10,000 generated
 * documents (five chunks, NULLs and JSON nulls included): extraction with paths, indexes and path
 * lists, json_type / json_array_length / json_keys / json_structure / json_valid, to_json,
 * json_object, json_array, and casts between JSON, VARCHAR and nested types.
 */
class JsonFunctionsOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE d (i INTEGER, j JSON, s VARCHAR)",
            "INSERT INTO d SELECT i, CASE WHEN i % 97 = 0 THEN NULL ELSE ('{\"id\": ' || i || ', \"name\": \"n' || i || '\", "
                    + "\"tags\": [' || (i % 5) || ', ' || (i % 7 - 3) || ', \"t' || (i % 3) || '\"], "
                    + "\"nested\": {\"x\": ' || (i % 1000) || '.25, \"flag\": ' || (i % 2 = 0) || ', \"deep\": {\"k\": [' || i || ']}}, "
                    + "\"maybe\": ' || CASE WHEN i % 3 = 0 THEN 'null' ELSE '\"v' || (i % 4) || '\"' END || ', "
                    + "\"big\": ' || (i::BIGINT * 1000000007 - 5000000000) || '}')::JSON END, "
                    + "CASE WHEN i % 11 = 0 THEN '{\"broken\": ' WHEN i % 13 = 0 THEN NULL ELSE '[' || i || ', {\"a\": \"b\"}]' END "
                    + "FROM range(10000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, j FROM d ORDER BY i",
            "SELECT i, j->'name', j->>'name', j->'tags', j->'tags'->1, j->>'$.nested.flag', j->'$.nested.deep.k[0]', "
                    + "json_extract(j, '$.tags[#-1]'), j->'missing', j->'maybe', j->>'maybe', j->>'big' FROM d ORDER BY i",
            "SELECT i, json_extract_string(j, '/nested/deep/k/0'), json_extract(j, 'id'), json_extract_path_text(j, '$.tags[2]') FROM d ORDER BY i",
            "SELECT i, json_extract(j, ['$.id', '$.name', '$.nope']), json_extract_string(j, ['$.maybe', '$.tags[0]']) FROM d ORDER BY i",
            "SELECT i, json_type(j), json_type(j, '$.maybe'), json_type(j, '$.nested.x'), json_type(j, '$.tags[1]'), "
                    + "json_type(j, '$.big'), json_type(j, '$.nested.deep') FROM d ORDER BY i",
            "SELECT i, json_array_length(j, '$.tags'), json_array_length(j), json_keys(j), json_keys(j, '$.nested') FROM d ORDER BY i",
            "SELECT i, json_structure(j), json(j) FROM d WHERE i % 10 = 1 ORDER BY i",
            "SELECT i, s, json_valid(s), json_array_length(CASE WHEN json_valid(s) THEN s END) FROM d ORDER BY i",
            "SELECT j->>'maybe' AS m, count(*), sum((j->>'id')::INTEGER) FROM d GROUP BY m ORDER BY m NULLS FIRST",
            "SELECT i, to_json({'a': i, 'b': [i, NULL], 's': 'x' || i, 'd': (i / 4)::DECIMAL(10,2), 'ok': i % 2 = 0, 'day': DATE '2020-01-01' + i}) FROM d ORDER BY i",
            "SELECT i, to_json([i, i + 1]), to_json('quote\"' || i), to_json(MAP {'k' || i: i}), json_quote(i) FROM d ORDER BY i",
            "SELECT i, json_object('k', i, 's', 'x' || i, 'l', [i]), json_array(i, 'a', NULL, i % 2 = 0) FROM d ORDER BY i",
            "SELECT i, ('[' || i || ', 2]')::JSON::INTEGER[], ('{\"a\": ' || i || ', \"b\": \"x\"}')::JSON::STRUCT(a INTEGER, b VARCHAR), "
                    + "[i, 2]::JSON, {'a': i}::JSON, j::VARCHAR = j FROM d ORDER BY i",
            "SELECT i % 3 AS g, json_array_length(json_group_array(i)), json_group_structure(j) FROM d GROUP BY g ORDER BY g",
            "SELECT json_group_array(i), json_group_object('k' || i, j->'tags') FROM d WHERE i < 20",
            "SELECT i, length(j->'name'), upper(j->>'name') FROM d ORDER BY i",
            "SELECT typeof(j), typeof(j->'id'), typeof(j->>'id'), typeof(json_extract(j, ['$.id'])) FROM d LIMIT 1",
            // json_value: a scalar's JSON text as VARCHAR; objects, arrays and JSON null are NULL
            "SELECT i, json_value(j, '$.name'), json_value(j, '$.maybe'), json_value(j, '$.tags'), json_value(j, ['$.id', '$.nested']), "
                    + "typeof(json_value(j, '$.id')) FROM d ORDER BY i",
            // an empty object gives way to any other structure, and is "JSON" alone
            "SELECT json_structure('{}'), json_structure('[{}, {\"a\": 1}]'), json_structure('{\"a\": {}}'), json_structure('[{\"a\": 1}, {}]')",
            // JSON inside nested values is printed as it is; max/min of JSON stay JSON
            "SELECT i, [j->'name', j->'nested', NULL]::VARCHAR, {'k': j->'tags'}::VARCHAR FROM d ORDER BY i",
            "SELECT i % 5 AS g, max(j->'name'), typeof(max(j->'name')), min(j) FROM d GROUP BY g ORDER BY g",
            // dot and subscript on JSON: a member by its whole key, an array element from 0 (negative from the back)
            "SELECT i, j.name, j.nested.deep.k[0], j.tags[-1], j['maybe'], j.missing, j.tags.\"0\", typeof(j.id), j.id = i, "
                    + "j.name = '\"n' || i || '\"' FROM d ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void malformedJsonFailsAndTryCastGivesNull() throws Exception {
        for (String bad : List.of("{\"a\": ", "abc", "[1, 2", "{\"a\" 1}")) {
            String sql = "SELECT '" + bad + "'::JSON";
            assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException e = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(true, e.getMessage().contains("Malformed JSON"), e.getMessage());
            String tryCast = "SELECT TRY_CAST('" + bad + "' AS JSON)";
            assertEquals(rows(db.duck(), tryCast), rows(db.teal(), tryCast));
        }
    }
}
