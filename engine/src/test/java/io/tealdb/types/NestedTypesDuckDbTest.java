package io.tealdb.types;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LIST / STRUCT / MAP end to end against DuckDB JDBC as the oracle: the same table (6,000 rows, so
 * several 2,048-row chunks) is built in both databases and every query's rows, rendered as DuckDB's
 * VARCHAR text, must match exactly and in order.
 */
class NestedTypesDuckDbTest {
    private static final String TABLE = "CREATE TABLE t AS SELECT i, [i, i % 7, NULL] AS l, "
            + "{'a': i % 13, 'b': 'v' || (i % 5)} AS s, MAP {'k' || (i % 3): i} AS m, "
            + "CASE WHEN i % 11 = 0 THEN NULL ELSE [i % 4, i % 3] END AS ln, "
            + "CASE WHEN i % 17 = 0 THEN NULL ELSE {'x': [i % 2], 'y': {'z': i % 3}} END AS deep "
            + "FROM range(6000) r(i)";

    private static Connection teal;
    private static Connection duck;

    @BeforeAll
    static void setUp() throws SQLException {
        teal = DriverManager.getConnection("jdbc:teal:");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        for (Connection c : List.of(teal, duck)) {
            try (Statement s = c.createStatement()) {
                s.execute(TABLE);
            }
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        teal.close();
        duck.close();
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int k = 1; k <= n; k++) sb.append(k > 1 ? " | " : "").append(rs.getString(k));
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static void same(String sql) throws SQLException {
        List<String> expected = rows(duck, sql);
        List<String> actual = rows(teal, sql);
        assertEquals(expected.size(), actual.size(), "row count of " + sql);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "row " + i + " of " + sql);
        }
    }

    @Test
    void storedValuesPrintAsDuckDb() throws SQLException {
        same("SELECT l::VARCHAR, s::VARCHAR, m::VARCHAR, ln::VARCHAR, deep::VARCHAR FROM t ORDER BY i");
        same("SELECT [1, 2, 3]::VARCHAR, {'a': 1, 'b': 'x y'}::VARCHAR, MAP {'k': 1}::VARCHAR, [['a', NULL], []]::VARCHAR, "
                + "row(1, 'x')::VARCHAR, [1.5, 2]::VARCHAR, typeof([1, 2.5]), typeof({'a': [1]}), typeof(MAP {'k': [1]})");
    }

    @Test
    void accessorsAndSlices() throws SQLException {
        same("SELECT s.a, s['b'], t.s.b, l[1], l[-1], l[5], len(l), l[2:3]::VARCHAR, l[:2]::VARCHAR, l[-2:]::VARCHAR, "
                + "m['k1'], deep.y.z, deep['x'][1] FROM t ORDER BY i");
        same("SELECT map_keys(m)::VARCHAR, map_values(m)::VARCHAR, map_extract(m, 'k2')::VARCHAR, element_at(m, 'k0')::VARCHAR, "
                + "cardinality(m) FROM t ORDER BY i");
        same("SELECT struct_extract(s, 'a'), struct_pack(q := i, r := l)::VARCHAR, list_value(i, NULL)::VARCHAR, "
                + "list_extract(ln, 2), array_slice(ln, 1, 1)::VARCHAR FROM t ORDER BY i");
    }

    @Test
    void mapExtractOfANullMapIsNull() throws SQLException {
        // a NULL map gives NULL, a NULL key an empty list (map_extract) or NULL (the value forms)
        same("SELECT map_extract(mm, kk)::VARCHAR, element_at(mm, kk)::VARCHAR, map_extract_value(mm, kk), mm[kk] "
                + "FROM (SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE m END AS mm, CASE WHEN i % 7 = 0 THEN NULL ELSE 'k1' END AS kk FROM t) "
                + "ORDER BY i");
        same("SELECT map_extract(MAP([], []), NULL)::VARCHAR, map_extract(MAP(NULL, NULL), NULL)::VARCHAR, map_extract(NULL, NULL)::VARCHAR, "
                + "map_extract(NULL::MAP(INT, BIGINT), NULL)::VARCHAR, map_extract(NULL::MAP(INT, BIGINT), 1)::VARCHAR");
    }

    @Test
    void groupingSortingJoiningOnNestedValues() throws SQLException {
        same("SELECT ln::VARCHAR, count(*) FROM t GROUP BY ln ORDER BY ln");
        same("SELECT ln::VARCHAR, s::VARCHAR, count(*) FROM t GROUP BY ln, s ORDER BY ln DESC NULLS FIRST, s LIMIT 200");
        same("SELECT DISTINCT deep::VARCHAR FROM t ORDER BY deep");
        same("SELECT count(*) FROM t a JOIN t b ON a.ln = b.ln");
        same("SELECT min(l)::VARCHAR, max(s)::VARCHAR, min(ln)::VARCHAR, max(deep)::VARCHAR, arg_max(ln, i)::VARCHAR FROM t");
        same("SELECT i FROM t ORDER BY deep NULLS FIRST, ln DESC, i LIMIT 300");
        same("SELECT [i, i + 1] = [i, i + 1], [i] < [i + 1], ln = [1, 1], s = {'a': 1, 'b': 'v1'}, ln IN ([1, 1], [2, 2]), "
                + "ln IS DISTINCT FROM [0, 0] FROM t ORDER BY i");
    }

    @Test
    void castsBetweenNestedTypes() throws SQLException {
        same("SELECT l::BIGINT[]::VARCHAR, l::VARCHAR[]::VARCHAR, s::STRUCT(a VARCHAR, b VARCHAR)::VARCHAR, "
                + "m::MAP(VARCHAR, DOUBLE)::VARCHAR, typeof(l::DOUBLE[]) FROM t ORDER BY i");
    }

    @Test
    void tablesStoreUpdateAndCopyNestedValues() throws SQLException {
        for (Connection c : List.of(teal, duck)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE u (id INTEGER, l INTEGER[], s STRUCT(a INTEGER, b VARCHAR), m MAP(VARCHAR, INTEGER))");
                s.execute("INSERT INTO u SELECT i, ln, s, m FROM t WHERE i % 3 = 0");
                s.execute("INSERT INTO u VALUES (-1, [], {'a': NULL, 'b': NULL}, MAP {}), (-2, NULL, NULL, NULL)");
                s.execute("UPDATE u SET l = [id, id], s = {'a': id, 'b': 'upd'} WHERE id % 7 = 0");
                s.execute("DELETE FROM u WHERE id % 5 = 1");
            }
        }
        same("SELECT id, l::VARCHAR, s::VARCHAR, m::VARCHAR FROM u ORDER BY id");
        same("SELECT count(*), count(l), count(s), count(m) FROM u");
    }

    @Test
    void listFunctions() throws SQLException {
        same("SELECT list_concat(l, ln)::VARCHAR, list_contains(l, 3), list_position(ln, 1), list_sort(l)::VARCHAR, "
                + "list_reverse_sort(l)::VARCHAR, list_sort(l, 'DESC', 'NULLS LAST')::VARCHAR, list_sort(list_distinct(l))::VARCHAR, "
                + "list_unique(l), flatten([l, ln])::VARCHAR, list_zip(l, ln)::VARCHAR, array_length(ln), range(i % 5)::VARCHAR, "
                + "generate_series(1, i % 4)::VARCHAR, list_reverse(l)::VARCHAR FROM t ORDER BY i");
    }

    @Test
    void lambdasAndListAggregates() throws SQLException {
        same("SELECT list_transform(l, lambda x: x + i)::VARCHAR, list_filter(ln, lambda x: x > 1)::VARCHAR, "
                + "list_reduce(ln, lambda a, b: a * 10 + b), list_transform(ln, lambda x, k: x * k)::VARCHAR, "
                + "[x || s.b FOR x IN ['p', 'q'] IF i % 2 = 0]::VARCHAR, "
                + "list_transform([l, ln], lambda y: list_filter(y, lambda z: z IS NOT NULL))::VARCHAR FROM t ORDER BY i");
        // DuckDB 2.0: the single arrow is an error until the session enables it
        org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> rows(teal, "SELECT list_transform([1], x -> x + 1)"));
        for (Connection c : List.of(teal, duck)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET lambda_syntax = 'ENABLE_SINGLE_ARROW'");
            }
        }
        same("SELECT list_transform(ln, x -> x + 1)::VARCHAR, list_reduce(l, (a, b) -> coalesce(a, 0) + coalesce(b, 0)) FROM t ORDER BY i");
        for (Connection c : List.of(teal, duck)) {
            try (Statement s = c.createStatement()) {
                s.execute("RESET lambda_syntax");
            }
        }
        same("SELECT list_sum(l), list_min(ln), list_max(l), list_count(l), list_avg(ln), list_aggregate(ln, 'max'), "
                + "list_aggregate(l, 'count'), list_first(ln), list_product(ln) FROM t ORDER BY i");
    }

    @Test
    void moreListFunctionsAndUnnestForms() throws SQLException {
        same("SELECT list_append(ln, i)::VARCHAR, list_prepend(i, l)::VARCHAR, list_has_any(l, ln), list_has_all(l, ln), "
                + "(l || ln)::VARCHAR, l[3:1:-1]::VARCHAR, list_slice(l, -1, 1, -1)::VARCHAR, i % 3 = ANY(ln), i % 3 = ALL(ln), "
                + "array_to_string(l, '-'), string_split('a,b,' || i, ',')::VARCHAR, [TIMESTAMP '2020-01-01 10:00:00' + to_days(i::INTEGER)]::VARCHAR, "
                + "array_value(i, i + 1)::VARCHAR, typeof(array_value(i, i + 1)), list_concat(NULL::INT[], NULL::INT[])::VARCHAR FROM t ORDER BY i");
        same("SELECT * FROM unnest([1, 2, 3])");
        same("SELECT i, u FROM t, unnest(ln) AS x(u) WHERE i < 100 ORDER BY i, u");
        same("SELECT unnest(s), unnest(deep) FROM t WHERE i < 100 ORDER BY i");
        same("SELECT unnest([[1, 2], [3, NULL]], recursive := true)");
        same("SELECT unnest([[[1]], [[2, 3]]], max_depth := 2)::VARCHAR");
        same("SELECT list_inner_product([1.0, 2.0], [3.0, 4.0]), list_distance([1.0, 2.0], [3.0, 4.0]), "
                + "list_cosine_similarity([1.0, 2.0], [3.0, 4.0])");
    }

    @Test
    void unnestAndListAggregates() throws SQLException {
        same("SELECT i, unnest(ln) FROM t ORDER BY i, 2");
        same("SELECT i, unnest(l), unnest(ln) FROM t WHERE i < 300 ORDER BY i");
        same("SELECT count(*), sum(x) FROM (SELECT unnest(range(i % 50)) AS x FROM t)");
        same("SELECT i % 10, list(i ORDER BY i)::VARCHAR, array_agg(s ORDER BY i DESC)::VARCHAR, histogram(i % 4)::VARCHAR "
                + "FROM t GROUP BY i % 10 ORDER BY 1");
        same("SELECT list(ln ORDER BY i)::VARCHAR FROM t WHERE i < 100");
    }

    @Test
    void castsFromText() throws SQLException {
        same("SELECT l::VARCHAR::INTEGER[]::VARCHAR, s::VARCHAR::STRUCT(a INTEGER, b VARCHAR)::VARCHAR, "
                + "m::VARCHAR::MAP(VARCHAR, BIGINT)::VARCHAR, deep::VARCHAR::STRUCT(x INTEGER[], y STRUCT(z INTEGER))::VARCHAR FROM t ORDER BY i");
        same("SELECT '[1, 2, NULL]'::INTEGER[], '[ a , \"b c\", ''d'']'::VARCHAR[], '{a: 1, ''b'': x y}'::STRUCT(a INTEGER, b VARCHAR), "
                + "'{k=1, j=2}'::MAP(VARCHAR, INTEGER), '[[1], [2, 3], NULL]'::INTEGER[][], TRY_CAST('[1, x]' AS INTEGER[])");
    }

    @Test
    void jdbcArraysAndParameters() throws SQLException {
        try (Statement s = teal.createStatement(); ResultSet rs = s.executeQuery("SELECT [1, 2, NULL], {'a': 1}")) {
            assertTrue(rs.next());
            java.sql.Array a = rs.getArray(1);
            assertEquals("INTEGER", a.getBaseTypeName());
            assertEquals(java.sql.Types.INTEGER, a.getBaseType());
            org.junit.jupiter.api.Assertions.assertArrayEquals(new Object[]{1, 2, null}, (Object[]) a.getArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(new Object[]{2}, (Object[]) a.getArray(2, 1));
            assertEquals(java.sql.Types.ARRAY, rs.getMetaData().getColumnType(1));
            assertEquals(java.sql.Types.STRUCT, rs.getMetaData().getColumnType(2));
            org.junit.jupiter.api.Assertions.assertArrayEquals(new Object[]{1}, rs.getObject(2, java.sql.Struct.class).getAttributes());
        }
        record Point(int x, String label) {
        }
        try (java.sql.PreparedStatement p = teal.prepareStatement("SELECT ?::VARCHAR, typeof(?), ?::VARCHAR, typeof(?), ?::VARCHAR, ?::VARCHAR, ?")) {
            p.setObject(1, List.of(12345, "test"));
            p.setObject(2, List.of(12345, "test"));
            p.setObject(3, java.util.Map.of("key", List.of("a", "b"), "value", List.of(1, 2)));
            p.setObject(4, java.util.Map.of("key", List.of("a"), "value", List.of(1)));
            p.setObject(5, new Point(3, "p"));
            p.setArray(6, teal.createArrayOf("INTEGER", new Object[]{1, 2}));
            p.setObject(7, List.of(1L, 2L));
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("[12345, test]", rs.getString(1));
                assertEquals("VARCHAR[]", rs.getString(2));
                assertEquals("{a=1, b=2}", rs.getString(3));
                assertEquals("MAP(VARCHAR, INTEGER)", rs.getString(4));
                assertEquals("{'x': 3, 'label': p}", rs.getString(5));
                assertEquals("[1, 2]", rs.getString(6));
                assertEquals(List.of(1L, 2L), rs.getObject(7));
            }
        }
    }

    @Test
    void javaResultsAreCollections() throws SQLException {
        try (Statement s = teal.createStatement();
             ResultSet rs = s.executeQuery("SELECT [1, NULL, 3], {'a': 1, 'b': [DATE '2024-01-02']}, MAP {'k': 2}")) {
            assertTrue(rs.next());
            assertEquals(java.util.Arrays.asList(1, null, 3), rs.getObject(1));
            java.util.Map<String, Object> struct = new java.util.LinkedHashMap<>();
            struct.put("a", 1);
            struct.put("b", List.of(java.time.LocalDate.of(2024, 1, 2)));
            assertEquals(struct, rs.getObject(2));
            assertEquals(java.util.Map.of("k", 2), rs.getObject(3));
        }
    }
}
