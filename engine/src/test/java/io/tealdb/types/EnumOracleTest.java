package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
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
 * ENUM against DuckDB on 12,000 rows (six chunks, NULLs included): labels out, enum order in
 * comparisons, sorting, grouping, min/max and joins, casts both ways (failures and TRY_CAST), the
 * enum functions, mixing with text and with other enums, enums inside lists, and the errors of
 * CREATE TYPE.
 */
class EnumOracleTest {
    static final String[] SETUP = {
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic', 'it''s complicated')",
            "CREATE TYPE color AS ENUM ('red', 'green', 'blue', 'ok')",
            "CREATE TABLE e (i INTEGER, m mood, c color, s VARCHAR)",
            "INSERT INTO e SELECT i, CASE WHEN i % 97 = 0 THEN NULL ELSE (['happy', 'sad', 'ok', 'it''s complicated', 'ecstatic'])[i * 7 % 5 + 1] END, "
                    + "(['red', 'green', 'blue', 'ok'])[i % 4 + 1], (['happy', 'sad', 'zzz', 'ok'])[i % 4 + 1] FROM range(12000) t(i)",
            "CREATE TABLE labels (m mood, n INTEGER)",
            "INSERT INTO labels VALUES ('sad', 1), ('ok', 2), ('happy', 3), (NULL, 4)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM e ORDER BY i",
            "SELECT m, count(*) FROM e GROUP BY m ORDER BY m NULLS FIRST",
            "SELECT m, i FROM e ORDER BY m DESC NULLS LAST, i LIMIT 50",
            "SELECT min(m), max(m), count(DISTINCT m), count(m), typeof(min(m)) FROM e",
            "SELECT count(*) FROM e WHERE m > 'ok'::mood",
            "SELECT count(*) FROM e WHERE m BETWEEN 'ok'::mood AND 'ecstatic'::mood",
            "SELECT count(*) FROM e WHERE m = 'happy'",
            "SELECT count(*) FROM e WHERE m < 'happy'",
            "SELECT count(*) FROM e WHERE m = 'no such label'",
            "SELECT count(*) FROM e WHERE m IN ('sad', 'ok')",
            "SELECT count(*) FROM e WHERE m = s",
            "SELECT count(*) FROM e WHERE m::VARCHAR = c::VARCHAR",
            "SELECT count(*) FROM e WHERE m = c",
            "SELECT count(*) FROM e a JOIN labels b ON a.m = b.m",
            "SELECT b.n, count(*) FROM e a JOIN labels b ON a.m = b.m GROUP BY b.n ORDER BY b.n",
            "SELECT i, m::VARCHAR, m || '!', length(m), upper(m) FROM e WHERE i % 13 = 0 ORDER BY i",
            "SELECT i, TRY_CAST(s AS mood), TRY_CAST(c AS mood), TRY_CAST(m AS color) FROM e WHERE i < 300 ORDER BY i",
            "SELECT typeof(m), typeof(c), typeof(m::VARCHAR) FROM e LIMIT 1",
            "SELECT enum_range(NULL::mood), enum_first(NULL::mood), enum_last('ok'::mood), enum_code('happy'::mood), typeof(enum_code('happy'::mood))",
            "SELECT enum_range_boundary('ok'::mood, NULL), enum_range_boundary(NULL, 'ok'::mood), enum_range_boundary('ok'::mood, 'ecstatic'::mood)",
            "SELECT i, enum_code(m), enum_first(m), enum_last(c) FROM e WHERE i < 100 ORDER BY i",
            "SELECT 'ok'::ENUM('a', 'ok'), typeof('ok'::ENUM('a', 'ok'))",
            "SELECT ['sad', 'happy']::mood[], typeof(['sad']::mood[])",
            "SELECT list(m ORDER BY i) FILTER (WHERE i < 20) FROM e",
            "SELECT CASE WHEN i % 2 = 0 THEN m ELSE 'x' END, typeof(CASE WHEN i % 2 = 0 THEN m ELSE 'x' END) FROM e WHERE i < 10 ORDER BY i",
            "SELECT coalesce(m, 'none'), typeof(coalesce(m, s)) FROM e WHERE i % 97 = 0 ORDER BY i LIMIT 5",
            "SELECT m FROM e WHERE i < 10 UNION ALL SELECT 'x' ORDER BY 1",
            "SELECT 'ok'::mood = 'ok'::color, 'ok'::mood::color, 'sad'::mood < 'happy'::mood",
            "SELECT m, c, count(*) FROM e GROUP BY ALL ORDER BY ALL",
            "SELECT DISTINCT m FROM e ORDER BY m",
            "SELECT * FROM (PIVOT (SELECT i % 3 AS g, m FROM e) ON m IN mood USING count(*) GROUP BY g) ORDER BY g",
            "SELECT i, m, row_number() OVER (PARTITION BY m ORDER BY i DESC), lag(m) OVER (ORDER BY i) FROM e WHERE i < 500 ORDER BY i",
            "SELECT m, to_json(m), to_json({'m': m}) FROM e WHERE i < 20 ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 'x'::mood",
            "SELECT 1::mood",
            "SELECT 'sad'::mood::color",
            "SELECT m::INTEGER FROM e",
            "SELECT enum_range('x')",
            "CREATE TYPE dup AS ENUM ('a', 'b', 'a')",
            "CREATE TYPE withnull AS ENUM ('a', NULL)",
            "INSERT INTO e VALUES (1, 'nope', 'red', 'x')",
    })
    void failsLikeDuckDb(String sql) {
        SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
        SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
        assertEquals(duck.getMessage().lines().findFirst().orElseThrow(), teal.getMessage().lines().findFirst().orElseThrow(), sql);
    }

    /** TealDB writes the files, DuckDB reads them: an enum is its label in CSV, JSON and Parquet. */
    @Test
    void filesWrittenByTealDbReadInDuckDbAsLabels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        for (String format : List.of("parquet", "csv", "json")) {
            String file = dir.resolve("e." + format).toString().replace("'", "''");
            try (Statement s = db.teal().createStatement()) {
                s.execute("COPY (SELECT i, m, c FROM e ORDER BY i) TO '" + file + "' (FORMAT " + format + ")");
            }
            String read = "SELECT i, m::VARCHAR, c::VARCHAR FROM '" + file + "' ORDER BY i";
            assertEquals(rows(db.duck(), "SELECT i, m::VARCHAR, c::VARCHAR FROM e ORDER BY i"), rows(db.duck(), read), format);
            assertEquals(rows(db.duck(), read), rows(db.teal(), read), format);
        }
    }

    @Test
    void describeAndJdbcMetadataMatchDuckDb() throws Exception {
        assertEquals(rows(db.duck(), "DESCRIBE e"), rows(db.teal(), "DESCRIBE e"));
        for (var c : List.of(db.duck(), db.teal())) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT m FROM e WHERE m IS NOT NULL LIMIT 1")) {
                rs.next();
                assertEquals("ENUM", rs.getMetaData().getColumnTypeName(1));
                assertEquals(String.class, rs.getObject(1).getClass());
            }
        }
    }
}
