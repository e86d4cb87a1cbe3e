package io.tealdb.function;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * parse_path / parse_dirname / parse_dirpath / parse_filename against DuckDB on 9,000 generated
 * paths (absolute, relative, Windows-style, doubled separators, no directory, no extension, NULLs)
 * with each separator option, and the method syntax on a column ({@code p.parse_filename()}).
 */
class PathFunctionsOracleTest {
    private static final String PATHS = """
            CREATE TABLE paths AS
            SELECT i, CASE i % 9
                WHEN 0 THEN NULL
                WHEN 1 THEN '/data/year=' || (i % 7) || '/part-' || i || '.parquet'
                WHEN 2 THEN 'rel/dir' || (i % 5) || '/file' || i || '.csv.gz'
                WHEN 3 THEN 'C:\\\\users\\\\u' || (i % 3) || '\\\\f' || i || '.json'
                WHEN 4 THEN 'plain' || i
                WHEN 5 THEN 'a//b' || i || '/c.txt'
                WHEN 6 THEN '/top' || i
                WHEN 7 THEN 'mixed/dir\\\\sub' || i || '/x.y.z'
                ELSE '.hidden' || i END AS p
            FROM range(0, 9000) r(i)""";

    @Test
    void pathFunctionsMatchDuckDb() throws SQLException {
        try (DuckDbTwins t = DuckDbTwins.open(2, PATHS)) {
            for (String sep : List.of("", ", 'both_slash'", ", 'forward_slash'", ", 'backslash'", ", 'system'")) {
                String q = "SELECT i, parse_path(p" + sep + ")::VARCHAR, parse_dirpath(p" + sep + "), parse_filename(p" + sep + "), "
                        + "parse_filename(p, true" + sep + "), parse_filename(p, false" + sep + ") FROM paths ORDER BY i";
                if (sep.contains("system")) q = q.replace("parse_path(p, 'system')::VARCHAR, ", "");
                assertEquals(DuckDbTwins.rows(t.duck(), q), DuckDbTwins.rows(t.teal(), q), "separator" + sep);
            }
            String method = "SELECT i, p.parse_filename(true), p.parse_path()[-2:]::VARCHAR, paths.p.upper() FROM paths ORDER BY i";
            assertEquals(DuckDbTwins.rows(t.duck(), method), DuckDbTwins.rows(t.teal(), method));
        }
    }
}
