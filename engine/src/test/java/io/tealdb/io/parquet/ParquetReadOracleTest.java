package io.tealdb.io.parquet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.io.parquet.ParquetTestingFilesTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files DuckDB writes (every flat type, NULLs, several row groups of several chunks, each codec,
 * pages v1 and v2 with their encodings) read by TealDB give DuckDB's rows; plus file lists, globs,
 * filename, union_by_name, hive partitions, projections and filters that skip row groups.
 */
class ParquetReadOracleTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;

    static final String TYPES_QUERY = """
            SELECT i AS id,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
                   (i % 100)::TINYINT AS t, (i % 30000)::SMALLINT AS s, i::INTEGER AS n,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1000003 END AS big,
                   (i * 12345678901)::HUGEINT AS h,
                   (i / 7.0)::FLOAT AS f, CASE WHEN i % 11 = 0 THEN NULL ELSE i / 3.0 END AS d,
                   (i / 100.0)::DECIMAL(4,2) AS d4, (i * 1.5)::DECIMAL(9,3) AS d9, (i * 1000.25)::DECIMAL(18,2) AS d18,
                   (i * 12345.678)::DECIMAL(30,3) AS d30,
                   CASE WHEN i % 13 = 0 THEN NULL ELSE ((i % 50) * 1.5)::DECIMAL(30,3) END AS d30_dict,
                   ((i % 40) * 2.25)::DECIMAL(18,2) AS d18_dict, (i % 64)::BIGINT AS big_dict,
                   ('00000000-0000-0000-0000-0000000000' || lpad((i % 50)::VARCHAR, 2, '0'))::UUID AS uuid_dict,
                   'str' || (i % 97) AS dict_s, CASE WHEN i % 3 = 0 THEN NULL ELSE md5(i::VARCHAR) END AS plain_s,
                   DATE '2020-01-01' + (i % 1000)::INTEGER AS dt, TIME '00:00:01' + INTERVAL (i) SECOND AS tm,
                   TIMESTAMP '2021-03-04 05:06:07.123456' + INTERVAL (i) MINUTE AS ts,
                   ('2022-01-01'::TIMESTAMP + INTERVAL (i) SECOND)::TIMESTAMP_MS AS ts_ms,
                   ('2022-01-01'::TIMESTAMP + INTERVAL (i) SECOND)::TIMESTAMP_NS AS ts_ns,
                   ('\\x' || lpad(to_hex(i), 8, '0'))::BLOB AS bl
            FROM range(0, 10000) r(i)""";

    @BeforeAll
    static void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
        teal.close();
    }

    static String path(String name) {
        return dir.resolve(name).toString();
    }

    static void duck(String sql) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(sql);
        }
    }

    static void same(String tealSql, String duckSql) throws SQLException {
        assertEquals(rows(duck, duckSql), rows(teal, tealSql), tealSql);
    }

    static void same(String sql) throws SQLException {
        same(sql, sql);
    }

    @ParameterizedTest
    @CsvSource({"uncompressed,V1", "snappy,V1", "gzip,V1", "zstd,V1", "lz4,V1", "brotli,V1", "zstd,V2", "snappy,V2", "uncompressed,V2"})
    void everyTypeCodecAndPageVersion(String codec, String version) throws SQLException {
        String f = path("types_" + codec + "_" + version + ".parquet");
        duck("COPY (" + TYPES_QUERY + ") TO '" + f + "' (FORMAT parquet, COMPRESSION " + codec + ", ROW_GROUP_SIZE 3000, PARQUET_VERSION "
                + version + ")");
        String select = "SELECT id, b, t, s, n, big, h, f, d, d4, d9, d18, d30, d30_dict, d18_dict, big_dict, uuid_dict, dict_s, plain_s, dt, tm, ts, ts_ms,"
                + " ts_ns::TIMESTAMP AS ts_ns, bl";
        List<String> expected = rows(duck, select + " FROM read_parquet('" + f + "')");
        // both read ts_ns as TIMESTAMP_NS; compared as TIMESTAMP, which both drivers print alike
        List<String> actual = rows(teal, select + " FROM read_parquet('" + f + "')");
        assertEquals(rows(duck, "SELECT typeof(ts_ns) FROM read_parquet('" + f + "') LIMIT 1"), rows(teal, "SELECT typeof(ts_ns) FROM read_parquet('" + f + "') LIMIT 1"));
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), actual.get(i), "row " + i);
        // a projection, an aggregate over all row groups, and the FROM 'file' form
        same("SELECT sum(n), count(plain_s), min(dict_s), max(d18), count(*) FROM '" + f + "'");
        same("SELECT dict_s, count(*) AS c FROM read_parquet('" + f + "') GROUP BY dict_s ORDER BY dict_s");
        // dictionary-coded columns read in parallel row groups, whose buffers each thread reuses
        same("SELECT big_dict, d30_dict, uuid_dict, count(*), sum(d18_dict), min(plain_s), max(dict_s) FROM read_parquet('" + f
                + "') WHERE n > 500 GROUP BY ALL ORDER BY ALL");
    }

    @Test
    void filtersSkipRowGroupsWithoutChangingResults() throws SQLException {
        String f = path("sorted.parquet");
        duck("COPY (SELECT i, i * 2 AS j, 'v' || i AS s, DATE '2000-01-01' + i::INTEGER AS dt FROM range(0, 20000) r(i)) TO '" + f
                + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        for (String where : List.of("i = 5000", "i < 100", "i <= 2048", "i > 19990", "i >= 18000 AND j < 36010", "s = 'v777'",
                "dt = DATE '2010-01-01'", "i BETWEEN 4000 AND 4100", "j IS NULL", "i <> 3")) {
            same("SELECT count(*), sum(i), min(s) FROM read_parquet('" + f + "') WHERE " + where);
        }
        // the plan shows how many row groups remain
        List<String> plan = rows(teal, "EXPLAIN SELECT * FROM read_parquet('" + f + "') WHERE i = 5000");
        assertTrue(String.join("\n", plan).contains("1 row groups"), String.join("\n", plan));
    }

    @Test
    void listsGlobsFilenameAndUnionByName() throws Exception {
        Path sub = dir.resolve("multi");
        Files.createDirectories(sub);
        duck("COPY (SELECT i AS a, 'x' || i AS b FROM range(0, 3000) r(i)) TO '" + sub.resolve("p1.parquet") + "' (FORMAT parquet)");
        duck("COPY (SELECT i AS a, 'y' || i AS b FROM range(3000, 5000) r(i)) TO '" + sub.resolve("p2.parquet") + "' (FORMAT parquet)");
        duck("COPY (SELECT i AS c, i::DOUBLE AS a FROM range(0, 2500) r(i)) TO '" + sub.resolve("q.parquet") + "' (FORMAT parquet)");
        String glob = sub.resolve("p*.parquet").toString();
        same("SELECT count(*), sum(a), max(b) FROM read_parquet('" + glob + "')");
        same("SELECT * FROM '" + glob + "' ORDER BY a LIMIT 5 OFFSET 2998");
        same("SELECT count(*), min(b) FROM read_parquet(['" + sub.resolve("p2.parquet") + "', '" + sub.resolve("p1.parquet") + "'])");
        same("SELECT filename, count(*) FROM read_parquet('" + glob + "', filename = true) GROUP BY filename ORDER BY filename");
        same("SELECT a, b, c FROM read_parquet('" + sub.resolve("*.parquet") + "', union_by_name = true) ORDER BY a, c NULLS FIRST LIMIT 20");
        same("SELECT count(*), count(b), count(c), sum(a) FROM read_parquet('" + sub.resolve("*.parquet") + "', union_by_name = true)");
        // without union_by_name, a file lacking a column of the first is an error naming it
        SQLException e = assertThrows(SQLException.class,
                () -> rows(teal, "SELECT * FROM read_parquet(['" + sub.resolve("p1.parquet") + "', '" + sub.resolve("q.parquet") + "'])"));
        assertTrue(e.getMessage().contains("q.parquet"), e.getMessage());
        // a later file's column of another type is cast to the first file's type, matched by name
        duck("COPY (SELECT 'f1' AS f, CASE WHEN i % 9 = 0 THEN NULL ELSE i END AS i FROM range(0, 3000) r(i)) TO '" + sub.resolve("m1.parquet") + "'");
        duck("COPY (SELECT lpad((i * 7)::VARCHAR, 5, '0') AS i, 'f2' AS f FROM range(0, 3000) r(i)) TO '" + sub.resolve("m2.parquet") + "'");
        for (String order : List.of("'" + sub.resolve("m1.parquet") + "', '" + sub.resolve("m2.parquet") + "'",
                "'" + sub.resolve("m2.parquet") + "', '" + sub.resolve("m1.parquet") + "'")) {
            same("SELECT f, typeof(i), count(*), count(i), min(i), max(i) FROM read_parquet([" + order + "]) GROUP BY ALL ORDER BY ALL");
            same("SELECT f, count(*) FROM read_parquet([" + order + "]) WHERE i > '01000' GROUP BY f ORDER BY f");
        }
    }

    @Test
    void hivePartitionsAreTypedColumnsAndPruneFiles() throws Exception {
        Path root = dir.resolve("hive");
        duck("COPY (SELECT i AS v, 2020 + i % 3 AS year, 1 + i % 2 AS month, 'k' || (i % 2) AS kind FROM range(0, 6000) r(i)) TO '" + root
                + "' (FORMAT parquet, PARTITION_BY (year, month))");
        String glob = root.resolve("*/*/*.parquet").toString();
        same("SELECT year, month, count(*), sum(v) FROM read_parquet('" + glob + "') GROUP BY ALL ORDER BY ALL");
        same("SELECT typeof(year), typeof(month) FROM read_parquet('" + glob + "') LIMIT 1");
        same("SELECT count(*), min(v) FROM read_parquet('" + glob + "', hive_partitioning = true) WHERE year = 2021 AND month = 2");
        same("SELECT count(*) FROM read_parquet('" + glob + "') WHERE year > 2020");
        List<String> plan = rows(teal, "EXPLAIN SELECT * FROM read_parquet('" + glob + "') WHERE year = 2021 AND month = 2");
        assertTrue(String.join("\n", plan).contains("1 row groups"), String.join("\n", plan));
        same("SELECT count(*) FROM read_parquet('" + glob + "', hive_partitioning = false)");
    }

    @Test
    void metadataFunctionsMatchDuckDb() throws SQLException {
        String written = path("meta.parquet");
        duck("COPY (SELECT i, 'n' || (i % 50) AS s, i / 4.0 AS d, DATE '2001-02-03' + i::INTEGER AS dt, (i * 1.25)::DECIMAL(12,2) AS m FROM range(0, 7000) r(i)) TO '"
                + written + "' (FORMAT parquet, ROW_GROUP_SIZE 2500)");
        Path shared = ParquetTestingFilesTest.DIR;
        for (String f : List.of(written, shared.resolve("alltypes_tiny_pages.parquet").toString(), shared.resolve("byte_array_decimal.parquet").toString(),
                shared.resolve("datapage_v1-snappy-compressed-checksum.parquet").toString(), shared.resolve("delta_byte_array.parquet").toString())) {
            same("SELECT file_name, row_group_id, row_group_num_rows, row_group_num_columns, column_id, num_values, path_in_schema, type, "
                    + "stats_null_count, stats_min_value, stats_max_value, compression, encodings, dictionary_page_offset, data_page_offset, "
                    + "total_compressed_size, total_uncompressed_size FROM parquet_metadata('" + f + "')");
            same("SELECT file_name, name, type, type_length, repetition_type, num_children, converted_type, scale, precision, field_id, "
                    + "duckdb_type, column_id FROM parquet_schema('" + f + "')");
            same("SELECT file_name, created_by, num_rows, num_row_groups, format_version, file_size_bytes, footer_size FROM parquet_file_metadata('" + f + "')");
        }
    }

    @Test
    void errorsNameTheFile() throws Exception {
        Path notParquet = dir.resolve("text.parquet");
        Files.writeString(notParquet, "hello, this is not a parquet file at all");
        SQLException e = assertThrows(SQLException.class, () -> rows(teal, "SELECT * FROM '" + notParquet + "'"));
        assertTrue(e.getMessage().contains(notParquet.toString()) && e.getMessage().contains("not a Parquet file"), e.getMessage());
        SQLException missing = assertThrows(SQLException.class, () -> rows(teal, "SELECT * FROM read_parquet('" + dir.resolve("nope.parquet") + "')"));
        assertTrue(missing.getMessage().contains("nope.parquet"), missing.getMessage());
        // a truncated file: footer gone
        String good = path("trunc_src.parquet");
        duck("COPY (SELECT i FROM range(0, 5000) r(i)) TO '" + good + "' (FORMAT parquet)");
        byte[] bytes = Files.readAllBytes(Path.of(good));
        Path cut = dir.resolve("truncated.parquet");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        SQLException t = assertThrows(SQLException.class, () -> rows(teal, "SELECT * FROM '" + cut + "'"));
        assertTrue(t.getMessage().contains("truncated.parquet"), t.getMessage());
    }
}
