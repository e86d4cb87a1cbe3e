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
