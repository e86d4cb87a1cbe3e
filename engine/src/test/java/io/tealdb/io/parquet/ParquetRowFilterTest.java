package io.tealdb.io.parquet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static io.tealdb.io.parquet.ParquetTestingFilesTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Filters pushed into a Parquet scan decode the filtered columns first and the others only for the
 * rows that pass. Against DuckDB: integer, date, timestamp, decimal and string filters of every
 * comparison (and null tests) over files with NULLs, several row groups, dictionary and plain
 * pages, and pages far smaller than a 2,048-row batch (parquet-testing's alltypes_tiny_pages, so
 * batches cross page boundaries), including batches where no row or every row passes.
 */
class ParquetRowFilterTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;
    static String file;

    @BeforeAll
    static void write() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
        file = dir.resolve("f.parquet").toString();
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 1000 END AS k,"
                    + " DATE '2020-01-01' + (i // 50)::INTEGER AS day, TIMESTAMP '2021-01-01' + INTERVAL (i) SECOND AS ts,"
                    + " ((i % 5000) * 0.01)::DECIMAL(12,2) AS price, CASE WHEN i % 13 = 0 THEN NULL ELSE 'tag' || (i % 37) END AS tag,"
                    + " md5(i::VARCHAR) AS note, (i % 3)::SMALLINT AS small"
                    + " FROM range(100000) r(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 30000)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
        teal.close();
    }

    static void same(String sql) throws SQLException {
        assertEquals(rows(duck, sql), rows(teal, sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "k = 17", "k <> 17", "k < 100", "k <= 100", "k > 990", "k >= 990", "k IS NULL", "k IS NOT NULL",
            "day = DATE '2020-02-01'", "day BETWEEN DATE '2020-03-01' AND DATE '2020-03-10'", "day > DATE '2025-01-01'",
            "ts >= TIMESTAMP '2021-01-01 10:00:00' AND ts < TIMESTAMP '2021-01-01 10:05:00'",
            "price < 1.50", "price = 12.34", "price >= 49.99",
            "tag = 'tag5'", "tag > 'tag30'", "tag <= 'tag1'", "tag IS NULL",
            "k < 500 AND tag = 'tag7' AND day < DATE '2020-06-01'", "id >= 0", "id < 0", "small = 2 AND k > 10"})
    void filteredRowsAreDuckDbs(String where) throws SQLException {
        same("SELECT id, k, day, ts, price, tag, note, small FROM read_parquet('" + file + "') WHERE " + where + " ORDER BY id");
        same("SELECT count(*), sum(price), count(tag), max(note) FROM read_parquet('" + file + "') WHERE " + where);
    }

    /**
     * PLAIN pages of INT32/INT64/FLOAT/DOUBLE (copied from the page bytes straight into the vectors)
     * and dictionary pages, with and without NULLs, read whole and for the rows a filter keeps:
     * every row, most rows, a few, none.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sel < 100", "sel < 9000", "sel % 7 = 3", "sel >= 0", "sel < 0", "sel > 4000 AND sel < 4100"})
    void plainAndDictionaryNumbersUnderAFilter(String where) throws SQLException {
        String f = dir.resolve("numbers.parquet").toString();
        if (!java.nio.file.Files.exists(Path.of(f))) {
            try (Statement s = duck.createStatement()) {
                s.execute("COPY (SELECT hash(i) % 10000 AS sel, i::INTEGER AS i32, (i * 7919)::BIGINT AS i64, (i / 3.0)::FLOAT AS f32,"
                        + " (i * 0.25)::DOUBLE AS f64, CASE WHEN i % 5 = 0 THEN NULL ELSE i END::INTEGER AS n32,"
                        + " CASE WHEN i % 4 = 1 THEN NULL ELSE i * 1.5 END::DOUBLE AS n64, (i % 40)::BIGINT AS d64, (i % 30)::INTEGER AS d32,"
                        + " CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 20) * 0.5 END::DOUBLE AS dnull"
                        + " FROM range(70000) r(i)) TO '" + f + "' (FORMAT parquet, ROW_GROUP_SIZE 25000)");
            }
        }
        same("SELECT * FROM read_parquet('" + f + "') WHERE " + where + " ORDER BY i32");
        same("SELECT count(*), sum(i32), sum(i64), sum(f32), sum(f64), sum(n32), sum(n64), sum(d64), sum(d32), sum(dnull)"
                + " FROM read_parquet('" + f + "') WHERE " + where);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet"})
    void batchesCrossingTinyPages(String name) throws SQLException {
        String f = ParquetTestingFilesTest.sharedDir().resolve(name).toString();
        for (String where : new String[]{"id % 3 = 0 AND int_col > 4", "int_col = 5", "bigint_col < 30", "string_col = '7'",
                "id > 3000 AND id < 3100", "year = 2010 AND month >= 11", "tinyint_col <> 1", "id < 0"}) {
            same("SELECT id, bool_col, tinyint_col, smallint_col, int_col, bigint_col, float_col, double_col, date_string_col,"
                    + " string_col, timestamp_col, year, month FROM read_parquet('" + f + "') WHERE " + where + " ORDER BY id");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"int32_with_null_pages.parquet"})
    void nullPages(String name) throws SQLException {
        String f = ParquetTestingFilesTest.sharedDir().resolve(name).toString();
        for (String where : new String[]{"int32_field IS NULL", "int32_field IS NOT NULL", "int32_field > 0", "int32_field <= 0"}) {
            same("SELECT * FROM read_parquet('" + f + "') WHERE " + where + " ORDER BY ALL");
        }
    }
}
