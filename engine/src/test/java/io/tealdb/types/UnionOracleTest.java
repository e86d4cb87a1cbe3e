package io.tealdb.types;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * UNION against DuckDB on 10,000 rows (five chunks) of a three-member union with NULL unions and
 * unions holding NULL: the type's text, union_value / union_tag / union_extract / member access,
 * casts into, between and out of unions (and their errors), comparisons (tag first, a NULL member
 * making the comparison NULL), ORDER BY, DISTINCT, GROUP BY, joins, and unions inside lists and structs.
 */
class UnionOracleTest {
    static final String U = "UNION(num INTEGER, str VARCHAR, d DOUBLE)";
    static final String[] SETUP = {
            "CREATE TABLE u (i INTEGER, v " + U + ")",
            "INSERT INTO u SELECT i, CASE WHEN i % 97 = 0 THEN NULL "
                    + "WHEN i % 89 = 0 THEN union_value(str := NULL::VARCHAR)::" + U + " "
                    + "WHEN i % 83 = 0 THEN union_value(num := NULL::INTEGER)::" + U + " "
                    + "WHEN i % 3 = 0 THEN union_value(num := (i * 7) % 50 - 20)::" + U + " "
                    + "WHEN i % 3 = 1 THEN union_value(str := 's' || (i % 41))::" + U + " "
                    + "ELSE union_value(d := (i % 23) / 4)::" + U + " END FROM range(10000) t(i)",
            "CREATE TABLE keys (k " + U + ", n INTEGER)",
            "INSERT INTO keys VALUES (1, 1), ('s1', 2), (2.5::DOUBLE, 3), (NULL, 4), (union_value(num := NULL::INTEGER), 5), (-20, 6)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM u ORDER BY i",
            "SELECT i, v::VARCHAR, union_tag(v), v.num, v.str, union_extract(v, 'd'), union_extract(v, 'NUM') FROM u ORDER BY i",
            "SELECT typeof(v), typeof(union_tag(v)), typeof(v.num), typeof(v.d) FROM u LIMIT 1",
            "SELECT v, union_tag(v) FROM u ORDER BY v, i",
            "SELECT v, union_tag(v) FROM u ORDER BY v DESC, i",
            "SELECT v, union_tag(v) FROM u ORDER BY v DESC NULLS LAST, i LIMIT 100",
            "SELECT v, count(*) FROM u GROUP BY v ORDER BY v",
            "SELECT union_tag(v), count(*), count(v), count(DISTINCT v) FROM u GROUP BY ALL ORDER BY ALL",
            "SELECT DISTINCT v FROM u ORDER BY v",
            "SELECT count(*) FROM u WHERE v = 1",
            "SELECT count(*) FROM u WHERE v = 's1'",
            "SELECT count(*) FROM u WHERE v < 's1'",
            "SELECT count(*) FROM u WHERE v > 10",
            "SELECT count(*), count(v = 1), count(v < 's1') FROM u",
            "SELECT i, v = 1, v <> 's3', v < 2.5::DOUBLE, v IS DISTINCT FROM union_value(num := NULL::INTEGER)::" + U + " FROM u WHERE i < 300 ORDER BY i",
            "SELECT a.i, b.n FROM u a JOIN keys b ON a.v = b.k ORDER BY a.i, b.n",
            "SELECT b.n, count(*) FROM u a JOIN keys b ON a.v = b.k GROUP BY b.n ORDER BY b.n",
            "SELECT min(v), max(v), arg_max(i, v) FROM u",
            "SELECT list(v ORDER BY i) FILTER (WHERE i < 30) FROM u",
            "SELECT i, [v, v], {'x': v, 'y': i}, [v]::VARCHAR FROM u WHERE i < 200 ORDER BY i",
            "SELECT i, v::UNION(d DOUBLE, extra DATE, str VARCHAR, num BIGINT), typeof(v::UNION(d DOUBLE, extra DATE, str VARCHAR, num BIGINT)) FROM u WHERE i < 300 ORDER BY i",
            "SELECT i, union_tag(v::UNION(d DOUBLE, extra DATE, str VARCHAR, num BIGINT)) FROM u WHERE i < 300 ORDER BY i",
            "SELECT * FROM keys ORDER BY n",
            "SELECT k, union_tag(k), k.num, k.str, k.d FROM keys ORDER BY n",
            "SELECT typeof(union_value(num := 1)), union_value(num := 1), union_value(k := [1, 2]), union_value(k := NULL)",
            "SELECT typeof(union_value(k := NULL)), union_tag(union_value(k := 'x')), union_tag(NULL::UNION(a INT, b VARCHAR))",
            "SELECT 1::UNION(num INT, str VARCHAR), 'a'::UNION(num INT, str VARCHAR), 1::UNION(a BIGINT, b VARCHAR), 1::UNION(a DOUBLE, b VARCHAR)",
            "SELECT typeof(1::UNION(\"A B\" INT, \"Select\" VARCHAR)), typeof(NULL::UNION(\"tag\" INT))",
            "SELECT union_value(num := 1)::UNION(num INT, str VARCHAR)::UNION(str VARCHAR, num INT, d DOUBLE)",
            "SELECT union_value(num := 1)::UNION(num INT, str VARCHAR)::UNION(num VARCHAR, str VARCHAR)",
            "SELECT union_value(a := NULL::INT)::UNION(a INT, b VARCHAR) IS NULL, union_tag(union_value(a := NULL::INT)::UNION(a INT, b VARCHAR))",
            "SELECT NULL::INT::UNION(a INT, b VARCHAR) IS NULL, union_tag(NULL::INT::UNION(a INT, b VARCHAR))",
            "SELECT union_value(a := NULL::INT)::UNION(a INT, b VARCHAR)::VARCHAR, ''::UNION(a INT, b VARCHAR)::VARCHAR",
            "SELECT union_tag(union_value(k := 1)) || 'x', union_extract(1::UNION(num INT, s VARCHAR), NULL)",
            "SELECT s.u.num FROM (SELECT {'u': 1::UNION(num INT, s VARCHAR)} s)",
            "SELECT '2020-01-01'::DATE::UNION(a TIMESTAMP, b VARCHAR)",
            "SELECT str_split('a,b', ',')::UNION(l VARCHAR[], b VARCHAR)",
            "SELECT v FROM u WHERE i < 10 UNION ALL SELECT 7 ORDER BY 1",
            "SELECT CASE WHEN i % 2 = 0 THEN v ELSE 5 END FROM u WHERE i < 20 ORDER BY i",
            "SELECT coalesce(v, 'none') FROM u WHERE i % 97 = 0 ORDER BY i LIMIT 5",
            "SELECT i, to_json(v), to_json({'x': v}), v::JSON FROM u WHERE i < 300 ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1.5::UNION(num INT, str VARCHAR)",
            "SELECT 1::UNION(a INT, b INT)",
            "SELECT 1::UNION(a INT, b INT, c VARCHAR)",
            "SELECT 1::UNION(a DATE, b BOOLEAN)",
            "SELECT '1'::VARCHAR::UNION(a INT, b DATE)",
            "SELECT 1::UNION(a INT, A VARCHAR)",
            "SELECT NULL::UNION(a INT, b INT, a VARCHAR)",
            "SELECT union_value(num := 1)::UNION(num INT, str VARCHAR)::UNION(num DATE, str VARCHAR)",
            "SELECT union_value(num := 1)::UNION(num INT, str VARCHAR)::INT",
            "SELECT union_value(num := 'x')::UNION(num INT, str VARCHAR)",
            "SELECT union_value(a := 1, b := 2)",
            "SELECT union_extract(union_value(num := 1)::UNION(num INT, str VARCHAR), 'zz')",
            "SELECT (1::UNION(num INT, s VARCHAR)).x",
            "SELECT union_tag(1)",
            "SELECT v FROM u WHERE v = DATE '2020-01-01'",
            "INSERT INTO keys VALUES (DATE '2020-01-01', 9)",
            "SELECT x FROM (SELECT union_value(num := 1)::UNION(num INT, s VARCHAR) x UNION ALL SELECT DATE '2020-01-01')",
    })
    void failsLikeDuckDb(String sql) {
        SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
        SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
        assertEquals(duck.getMessage().lines().findFirst().orElseThrow(), teal.getMessage().lines().findFirst().orElseThrow(), sql);
    }

    /**
     * Where DuckDB 2.0.1 (the Python package) and the 2.0.0 JDBC driver differ, the newer one's answer,
     * taken from {@code duckdb.sql(...)} of the Python package: strings of a UNION inside a LIST are
     * quoted like other strings, and a missing member is named in double quotes.
     */
    @Test
    void newerDuckDbAnswers() throws Exception {
        assertEquals(List.of(List.of("[1, 'x y,', '', NULL]")),
                rows(db.teal(), "SELECT [1::UNION(a INT, b VARCHAR), 'x y,', '', union_value(b := NULL::VARCHAR)]::VARCHAR"));
        assertEquals(List.of(List.of("UNION(num INTEGER, str VARCHAR)", "1"), List.of("UNION(num INTEGER, str VARCHAR)", "a")),
                rows(db.teal(), "SELECT typeof(x), x FROM (SELECT union_value(num := 1) x UNION ALL SELECT union_value(str := 'a')) ORDER BY 2"));
        assertEquals(List.of(List.of("UNION(num INTEGER, s VARCHAR, b DECIMAL(2,1))")),
                rows(db.teal(), "SELECT DISTINCT typeof(x) FROM (SELECT union_value(num := 1)::UNION(num INT, s VARCHAR) x UNION ALL SELECT union_value(b := 2.5))"));
        assertEquals(List.of(List.of("UNION(num INTEGER, str VARCHAR)[]", "[1, a]")),
                rows(db.teal(), "SELECT typeof([union_value(num := 1), union_value(str := 'a')]), [union_value(num := 1), union_value(str := 'a')]::VARCHAR"));
        // an ambiguous TRY_CAST is NULL
        assertEquals(java.util.Collections.singletonList(java.util.Collections.singletonList(null)),
                rows(db.teal(), "SELECT try_cast(1 AS UNION(a INT, b INT))"));
        SQLException e = assertThrows(SQLException.class,
                () -> rows(db.teal(), "SELECT union_value(num := 1)::UNION(num INT, str VARCHAR)::UNION(num INT)"));
        assertEquals("Conversion Error: Type UNION(num INTEGER, str VARCHAR) can't be cast as UNION(num INTEGER). "
                + "The member \"str\" is not present in target union", e.getMessage().lines().findFirst().orElseThrow());
    }

    @Test
    void atMost255Members() {
        StringBuilder members = new StringBuilder();
        for (int k = 0; k < 255; k++) members.append(k > 0 ? ", " : "").append("m").append(k).append(" INT");
        String ok = "SELECT typeof(NULL::UNION(" + members + "))";
        String tooMany = "SELECT NULL::UNION(" + members + ", m255 INT)";
        try {
            assertEquals(rows(db.duck(), ok), rows(db.teal(), ok));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), tooMany));
        SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), tooMany));
        assertEquals(duck.getMessage().lines().findFirst().orElseThrow(), teal.getMessage().lines().findFirst().orElseThrow());
    }

    @Test
    void describeAndJdbcGetObjectGiveTheActiveMember() throws Exception {
        assertEquals(rows(db.duck(), "DESCRIBE u"), rows(db.teal(), "DESCRIBE u"));
        String sql = "SELECT k FROM keys ORDER BY n";
        List<Object> teal = new java.util.ArrayList<>();
        try (Statement s = db.teal().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) teal.add(rs.getObject(1));
        }
        assertEquals(java.util.Arrays.asList(1, "s1", 2.5, null, null, -20), teal);
    }
}
