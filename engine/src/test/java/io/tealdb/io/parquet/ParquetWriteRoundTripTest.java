package io.tealdb.io.parquet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * Files TealDB writes with COPY ... TO (every type it has, NULLs, several row groups, each codec,
 * dictionary and plain pages, statistics, key/value metadata, hive partitions) read identically in
 * DuckDB (JDBC) and in TealDB, and hold the values of the query that wrote them.
 */
class ParquetWriteRoundTripTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;

    /** Runs in both engines: every TealDB type, NULLs in each column, low- and high-cardinality values. */
    static final String QUERY = """
            SELECT i AS id,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
                   CAST(i % 100 AS TINYINT) AS t, CAST(i % 30000 AS SMALLINT) AS s, CAST(i AS INTEGER) AS n,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1000003 END AS big,
                   CAST(i AS HUGEINT) * 12345 AS h,
                   CAST(i / 8.0 AS FLOAT) AS f, CASE WHEN i % 11 = 0 THEN NULL ELSE i / 4.0 END AS d,
                   CAST(i % 100 / 100.0 AS DECIMAL(4,2)) AS d4, CAST(i * 1.5 AS DECIMAL(12,3)) AS d12,
                   CAST(i * 1000.25 AS DECIMAL(18,2)) AS d18, CAST(i * -12345.678 AS DECIMAL(30,3)) AS d30,
                   'str' || (i % 97) AS dict_s, CASE WHEN i % 3 = 0 THEN NULL ELSE 'unique-' || i || '-' || (i * 7919 % 100003) END AS plain_s,
                   DATE '2020-01-01' + CAST(i % 1000 AS INTEGER) AS dt, TIME '00:00:01' + i * INTERVAL 1 SECOND AS tm,
                   TIMESTAMP '2021-03-04 05:06:07.123' + i * INTERVAL 1 MINUTE AS ts,
                   CAST('blob' || (i % 13) AS BLOB) AS bl, (i % 40) * INTERVAL 1 DAY AS iv
            FROM range(0, 9000) r(i)""";

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

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "lz4", "uncompressed"})
    void everyTypeReadsBackInDuckDbAndTealDb(String codec) throws SQLException {
        String f = dir.resolve("t_" + codec + ".parquet").toString();
        exec(teal, "COPY (" + QUERY + ") TO '" + f + "' (FORMAT parquet, COMPRESSION " + codec + ", ROW_GROUP_SIZE 4000)");
        String read = "SELECT * FROM read_parquet('" + f + "') ORDER BY id";
        List<String> fromDuck = rows(duck, read);
        // HUGEINT is written as DOUBLE, as DuckDB writes it
        assertEquals(rows(duck, "SELECT * REPLACE (CAST(h AS DOUBLE) AS h) FROM (" + QUERY + ") ORDER BY id"), fromDuck,
                "DuckDB reading the TealDB file gives the query's rows");
        assertEquals(fromDuck, rows(teal, read), "TealDB reads back what DuckDB reads");
        // three row groups of at most 4000 rows
        assertEquals(List.of("count(DISTINCT row_group_id)|max(row_group_num_rows)|", "3|4000|"),
                rows(duck, "SELECT count(DISTINCT row_group_id), max(row_group_num_rows) FROM parquet_metadata('" + f + "')"));
    }

    @Test
    void statisticsMatchTheData() throws SQLException {
        String f = dir.resolve("stats.parquet").toString();
        exec(teal, "COPY (" + QUERY + ") TO '" + f + "' (ROW_GROUP_SIZE 4000)");
        for (String col : List.of("n", "big", "d", "dict_s", "dt", "d18", "t")) {
            List<String> meta = rows(duck, "SELECT stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('" + f
                    + "') WHERE path_in_schema = '" + col + "' ORDER BY row_group_id");
            List<String> data = rows(duck, "SELECT min(" + col + ")::VARCHAR, max(" + col + ")::VARCHAR, count(*) - count(" + col
                    + ") FROM (" + QUERY + ") GROUP BY id // 4000 ORDER BY id // 4000");
            assertEquals(data.subList(1, data.size()), meta.subList(1, meta.size()), col);
        }
        // TealDB's own reader skips row groups with these statistics
        assertEquals(rows(duck, "SELECT count(*) FROM read_parquet('" + f + "') WHERE n BETWEEN 4100 AND 4200"),
                rows(teal, "SELECT count(*) FROM read_parquet('" + f + "') WHERE n BETWEEN 4100 AND 4200"));
    }

    @Test
    void keyValueMetadataAndPartitions() throws Exception {
        String f = dir.resolve("kv.parquet").toString();
        exec(teal, "COPY (SELECT 1 AS a) TO '" + f + "' (FORMAT parquet, KV_METADATA {origin: 'tealdb', answer: '42'})");
        assertEquals(List.of("key|value|", "origin|tealdb|", "answer|42|"),
                rows(duck, "SELECT key::VARCHAR AS key, value::VARCHAR AS value FROM parquet_kv_metadata('" + f + "')"));
        Path root = dir.resolve("parts");
        exec(teal, "COPY (SELECT i AS v, 2020 + i % 3 AS year, 'k' || (i % 2) AS kind FROM range(0, 5000) r(i)) TO '" + root
                + "' (FORMAT parquet, PARTITION_BY (year, kind))");
        assertTrue(Files.exists(root.resolve("year=2021").resolve("kind=k1").resolve("data_0.parquet")));
        String glob = root + "/*/*/*.parquet";
        String q = "SELECT year, kind, count(*), sum(v) FROM read_parquet('" + glob + "') GROUP BY ALL ORDER BY ALL";
        assertEquals(rows(duck, q), rows(teal, q));
        assertEquals(List.of("count_star()|", "5000|"), rows(duck, "SELECT count(*) FROM read_parquet('" + glob + "')"));
    }

    @Test
    void duckDbFilesRoundTripThroughTealDb() throws SQLException {
        // DuckDB writes, TealDB reads and writes again, DuckDB reads TealDB's copy: nothing changes
        String a = dir.resolve("from_duck.parquet").toString(), b = dir.resolve("via_teal.parquet").toString();
        exec(duck, "COPY (" + QUERY + ") TO '" + a + "' (FORMAT parquet, ROW_GROUP_SIZE 3000)");
        exec(teal, "COPY (SELECT * FROM '" + a + "') TO '" + b + "' (FORMAT parquet, COMPRESSION zstd)");
        assertEquals(rows(duck, "SELECT * FROM '" + a + "' ORDER BY id"), rows(duck, "SELECT * FROM '" + b + "' ORDER BY id"));
    }

    /** The newer types both ways: TealDB's files read in DuckDB with the same types and values, and DuckDB's in TealDB. */
    @Test
    void timestampUnitsTimeZonesUnsignedUuidAndJson() throws SQLException {
        String q = "SELECT i AS id, TIMESTAMPTZ '2021-03-28 00:30:00+00' + INTERVAL (i * 37) MINUTE AS tz, "
                + "(TIMESTAMP '1969-12-30 10:00:00' + INTERVAL (i * 3601) SECOND)::TIMESTAMP_S AS ts_s, "
                + "(TIMESTAMP '1969-12-30 10:00:00.123' + INTERVAL (i * 3601) SECOND)::TIMESTAMP_MS AS ts_ms, "
                + "(TIMESTAMP '1969-12-30 10:00:00.123456' + INTERVAL (i * 3601) SECOND)::TIMESTAMP_NS AS ts_ns, "
                + "CASE WHEN i % 9 = 0 THEN NULL ELSE (i % 250)::UTINYINT END AS ut, (i * 7)::USMALLINT AS us, "
                + "('{\"k\": ' || i || '}')::JSON AS j FROM range(0, 9000) r(i)";
        String tealFile = dir.resolve("newer_teal.parquet").toString(), duckFile = dir.resolve("newer_duck.parquet").toString();
        exec(teal, "SET TimeZone = 'UTC'");
        exec(duck, "SET TimeZone = 'UTC'");
        exec(teal, "COPY (" + q + ") TO '" + tealFile + "' (FORMAT parquet, ROW_GROUP_SIZE 4000)");
        String types = "SELECT typeof(tz), typeof(ts_s), typeof(ts_ms), typeof(ts_ns), typeof(ut), typeof(us) FROM read_parquet('%s') LIMIT 1";
        // DuckDB reads millisecond timestamps as TIMESTAMP (µs), as TealDB does; TIMESTAMP_S goes out in milliseconds
        assertEquals(List.of("typeof(tz)|typeof(ts_s)|typeof(ts_ms)|typeof(ts_ns)|typeof(ut)|typeof(us)|",
                        "TIMESTAMP WITH TIME ZONE|TIMESTAMP|TIMESTAMP|TIMESTAMP_NS|UTINYINT|USMALLINT|"),
                rows(duck, types.formatted(tealFile)));
        String values = "SELECT id, tz::VARCHAR, ts_s::VARCHAR, ts_ms::VARCHAR, ts_ns::VARCHAR, ut, us, j::VARCHAR FROM read_parquet('%s') ORDER BY id";
        List<String> original = rows(duck, q.replace("SELECT i AS id,", "SELECT id, tz::VARCHAR, ts_s::TIMESTAMP_MS::VARCHAR, ts_ms::VARCHAR, ts_ns::VARCHAR, ut, us, j::VARCHAR FROM (SELECT i AS id,") + ") ORDER BY id");
        List<String> read = rows(duck, values.formatted(tealFile));
        assertEquals(original.subList(1, original.size()), read.subList(1, read.size()), "DuckDB reads the query's values from TealDB's file");
        assertEquals(rows(duck, values.formatted(tealFile)), rows(teal, values.formatted(tealFile)));
        // DuckDB's file of the same (and UUIDs): TealDB reads DuckDB's types and values
        exec(duck, "COPY (SELECT *, CASE WHEN id % 10 = 0 THEN NULL ELSE md5(id::VARCHAR)::UUID END AS u FROM (" + q + ")) TO '" + duckFile + "' (FORMAT parquet)");
        String all = "SELECT id, tz, ts_s, ts_ms, ts_ns, ut, us, u, j::VARCHAR, typeof(tz), typeof(ts_ns), typeof(ut), typeof(u), typeof(j) FROM read_parquet('" + duckFile + "') ORDER BY id";
        assertEquals(rows(duck, all), rows(teal, all));
        exec(teal, "RESET TimeZone");
    }

    /** UINTEGER and UBIGINT go out as INT32/INT64 annotated unsigned, with statistics in unsigned order. */
    @Test
    void unsignedIntegersKeepTypesValuesAndOrder() throws SQLException {
        String q = "SELECT i AS id, CASE WHEN i % 13 = 0 THEN NULL ELSE (4294967295 - i * 477211)::UINTEGER END AS ui, "
                + "(18446744073709551615 - i * 2049638230412172::UBIGINT)::UBIGINT AS ub FROM range(0, 9000) r(i)";
        String f = dir.resolve("unsigned.parquet").toString();
        exec(teal, "COPY (" + q + ") TO '" + f + "' (FORMAT parquet, ROW_GROUP_SIZE 2000)");
        assertEquals(List.of("typeof(ui)|typeof(ub)|", "UINTEGER|UBIGINT|"), rows(duck, "SELECT typeof(ui), typeof(ub) FROM '" + f + "' LIMIT 1"));
        String all = "SELECT * FROM '" + f + "' ORDER BY id";
        assertEquals(rows(duck, q + " ORDER BY id"), rows(duck, all), "DuckDB reads the values TealDB wrote");
        assertEquals(rows(duck, all), rows(teal, all));
        // comparisons above 2^31 / 2^63 prune row groups by unsigned statistics, and must not lose rows
        for (String filter : List.of("ui > 3000000000", "ui < 2000000000", "ub > 9223372036854775808", "ub <= 100000000000000000")) {
            String c = "SELECT count(*), min(id), max(id) FROM '" + f + "' WHERE " + filter;
            assertEquals(rows(duck, c), rows(teal, c), filter);
        }
        // the row groups' statistics, read by DuckDB, bound the values in unsigned order
        assertEquals(rows(duck, "SELECT min(ui) AS lo, max(ui) AS hi FROM (" + q + ")"),
                rows(duck, "SELECT min(stats_min_value::UINTEGER) AS lo, max(stats_max_value::UINTEGER) AS hi FROM parquet_metadata('" + f
                        + "') WHERE path_in_schema = 'ui'"));
    }

    @Test
    void partitionColumnsInFilesAndFlatLayout() throws Exception {
        Path kept = dir.resolve("kept");
        exec(teal, "COPY (SELECT i AS v, i % 3 AS p FROM range(0, 5000) r(i)) TO '" + kept
                + "' (FORMAT parquet, PARTITION_BY (p), WRITE_PARTITION_COLUMNS true)");
        // the file itself holds p (DuckDB reads it without hive partitioning)
        assertEquals(List.of("count_star()|sum(p)|", "1667|1667|"),
                rows(duck, "SELECT count(*), sum(p) FROM read_parquet('" + kept + "/p=1/data_0.parquet', hive_partitioning = false)"));
        Path flat = dir.resolve("flat");
        exec(teal, "COPY (SELECT i AS v, i % 3 AS p FROM range(0, 5000) r(i)) TO '" + flat
                + "' (FORMAT parquet, PARTITION_BY (p), HIVE_FILE_PATTERN false, WRITE_PARTITION_COLUMNS true)");
        try (var files = Files.list(flat)) {
            assertEquals(List.of("data_0.parquet", "data_1.parquet", "data_2.parquet"),
                    files.map(x -> x.getFileName().toString()).sorted().toList());
        }
        String q = "SELECT p, count(*), sum(v) FROM read_parquet('" + flat + "/*.parquet') GROUP BY p ORDER BY p";
        assertEquals(rows(duck, q), rows(teal, q));
        SQLException e = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT 1 AS p) TO '" + dir.resolve("none")
                + "' (FORMAT parquet, PARTITION_BY (p))"));
        assertTrue(e.getMessage().contains("WRITE_PARTITION_COLUMNS"), e.getMessage());
    }

    /** A parameter as the file of read_parquet or in a COPY option: PREPARE binds at EXECUTE. */
    @Test
    void parametersInFileArgumentsAndCopyOptions() throws SQLException {
        String a = dir.resolve("param_a.parquet").toString(), b = dir.resolve("param_b.parquet").toString();
        exec(teal, "COPY (SELECT i AS x FROM range(0, 5000) r(i)) TO '" + a + "'");
        exec(teal, "COPY (SELECT 'v' || i AS y, i FROM range(0, 3) r(i)) TO '" + b + "'");
        try (var ps = teal.prepareStatement("SELECT count(*), sum(x) FROM read_parquet(?) WHERE x >= ?")) {
            ps.setString(1, a);
            ps.setInt(2, 1000);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(4000, rs.getLong(1));
                assertEquals(12497500L - 499500L, rs.getLong(2));
            }
        }
        exec(teal, "PREPARE pq AS SELECT * FROM read_parquet($1) ORDER BY 1");
        assertEquals(List.of("y|i|", "v0|0|", "v1|1|", "v2|2|"), rows(teal, "EXECUTE pq('" + b + "')"));
        String c = dir.resolve("param_kv.parquet").toString();
        exec(teal, "PREPARE cp AS COPY (SELECT 1 AS a) TO '" + c + "' (FORMAT parquet, KV_METADATA {answer: $1, r: random()})");
        exec(teal, "EXECUTE cp(42)");
        assertEquals(List.of("value|", "42|"),
                rows(duck, "SELECT value::VARCHAR AS value FROM parquet_kv_metadata('" + c + "') WHERE key = 'answer'"));
        // the file's columns by DESCRIBE, and a quoted file name as a table
        assertEquals(List.of("column_name|column_type|", "y|VARCHAR|", "i|BIGINT|"),
                rows(teal, "SELECT column_name, column_type FROM (DESCRIBE '" + b + "')"));
        assertEquals(List.of("count_star()|", "3|"), rows(teal, "SELECT count(*) FROM \"" + b + "\""));
    }

    /** PARQUET_VERSION V2 writes DATA_PAGE_V2 pages (flat and nested columns) that DuckDB and TealDB read back. */
    @Test
    void version2DataPages() throws SQLException {
        String f = dir.resolve("v2.parquet").toString();
        String q = "SELECT i AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE 'p' || (i % 300) END AS s, [i, NULL, i + 1] AS l, "
                + "{'a': i, 'l': [i, i + 1]} AS st, i / 3.0 AS d FROM range(0, 9000) r(i)";
        exec(teal, "COPY (" + q + ") TO '" + f + "' (FORMAT parquet, PARQUET_VERSION V2, COMPRESSION zstd, ROW_GROUP_SIZE 4000)");
        String all = "SELECT * FROM '" + f + "' ORDER BY id";
        assertEquals(rows(duck, q + " ORDER BY id"), rows(duck, all));
        assertEquals(rows(duck, all), rows(teal, all));
        SQLException e = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT 1) TO '" + f + "' (PARQUET_VERSION V3)"));
        assertTrue(e.getMessage().contains("PARQUET_VERSION"), e.getMessage());
    }

    /** TIMETZ goes out as TIME adjusted to UTC (read back at +00, as DuckDB does); intervals are normalized or refused. */
    @Test
    void timeWithTimeZoneAndIntervals() throws SQLException {
        String f = dir.resolve("timetz.parquet").toString();
        String q = "SELECT i AS id, ('0' || (i % 10) || ':' || (10 + i % 50) || ':00+0' || (i % 5))::TIMETZ AS t, "
                + "INTERVAL (i * 3607) SECOND + INTERVAL (i % 3) MONTH AS iv FROM range(0, 5000) r(i)";
        exec(teal, "COPY (" + q + ") TO '" + f + "'");
        String read = "SELECT id, t::VARCHAR, typeof(t), iv::VARCHAR, datepart('day', iv), datepart('hour', iv) FROM '" + f + "' ORDER BY id";
        assertEquals(rows(duck, read), rows(teal, read));
        // DuckDB's own file of the query holds the same (UTC) times and intervals
        String duckFile = dir.resolve("timetz_duck.parquet").toString();
        exec(duck, "COPY (" + q + ") TO '" + duckFile + "'");
        assertEquals(rows(duck, read.replace(f, duckFile)), rows(duck, read));
        SQLException e = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT -INTERVAL 1 DAY) TO '" + dir.resolve("neg.parquet") + "'"));
        assertTrue(e.getMessage().contains("negative intervals"), e.getMessage());
    }

    /** filename and file_index are there when named, not in *; a failed COPY keeps the previous file. */
    @Test
    void virtualColumnsAndFailedCopies() throws Exception {
        Path d = Files.createDirectories(dir.resolve("virtual"));
        for (int k = 0; k < 3; k++) {
            exec(teal, "COPY (SELECT i + " + (k * 10000) + " AS x FROM range(0, 3000) r(i)) TO '" + d.resolve("f" + k + ".parquet") + "'");
        }
        String glob = d + "/f*.parquet";
        assertEquals(List.of("x|", "0|"), rows(teal, "SELECT * FROM '" + glob + "' ORDER BY x LIMIT 1"));
        assertEquals(List.of("file_index|count_star()|min(x)|fname|", "0|3000|0|f0.parquet|", "1|3000|10000|f1.parquet|",
                        "2|3000|20000|f2.parquet|"),
                rows(teal, "SELECT file_index, count(*), min(x), parse_filename(any_value(filename)) AS fname FROM '" + glob
                        + "' GROUP BY file_index ORDER BY file_index"));
        assertEquals(List.of("count_star()|", "3000|"), rows(teal, "SELECT count(*) FROM '" + glob + "' WHERE file_index = 1"));
        // a file with its own filename column keeps it; filename=true then conflicts
        String own = d.resolve("own.parquet").toString();
        exec(teal, "COPY (SELECT 1 AS id, 'mine' AS filename) TO '" + own + "'");
        assertEquals(List.of("filename|", "mine|"), rows(teal, "SELECT filename FROM '" + own + "'"));
        SQLException conflict = assertThrows(SQLException.class, () -> rows(teal, "SELECT * FROM read_parquet('" + own + "', filename = true)"));
        assertTrue(conflict.getMessage().contains("filename"), conflict.getMessage());
        // a COPY whose query fails part-way leaves the earlier file in place
        String keep = d.resolve("keep.parquet").toString();
        exec(teal, "COPY (SELECT i FROM range(0, 5000) r(i)) TO '" + keep + "'");
        assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT CASE WHEN i < 4000 THEN i ELSE ('x' || i)::INT END AS i "
                + "FROM range(0, 5000) r(i)) TO '" + keep + "'"));
        assertEquals(List.of("count_star()|", "5000|"), rows(duck, "SELECT count(*) FROM '" + keep + "'"));
        try (var files = Files.list(d)) {
            assertTrue(files.noneMatch(x -> x.getFileName().toString().startsWith("tmp_")), "no temporary file is left behind");
        }
        // a directory written with PARTITION_BY reads back by its name
        Path parts = dir.resolve("by_dir.parquet");
        exec(teal, "COPY (SELECT i % 2 AS g, i FROM range(0, 3000) r(i)) TO '" + parts + "' (PARTITION_BY (g))");
        assertEquals(List.of("g|count_star()|", "0|1500|", "1|1500|"), rows(teal, "SELECT g, count(*) FROM '" + parts + "' GROUP BY g ORDER BY g"));
    }

    /** A partitioned COPY into an existing file or non-empty directory needs OVERWRITE; an unknown option gets a suggestion. */
    @Test
    void overwriteRulesAndOptionSuggestions() throws Exception {
        Path target = dir.resolve("overwrite_dir");
        String copy = "COPY (SELECT i %% 3 AS p, i FROM range(0, 3000) r(i)) TO '" + target + "' (FORMAT parquet, PARTITION_BY (p)%s)";
        exec(teal, copy.formatted(""));
        SQLException notEmpty = assertThrows(SQLException.class, () -> exec(teal, copy.formatted("")));
        assertTrue(notEmpty.getMessage().contains("Enable OVERWRITE option"), notEmpty.getMessage());
        exec(teal, "COPY (SELECT 7 AS p, 1 AS i) TO '" + target + "' (FORMAT parquet, PARTITION_BY (p), OVERWRITE)");
        assertEquals(List.of("p|i|", "7|1|"), rows(duck, "SELECT p, i FROM read_parquet('" + target + "/*/*.parquet')"));
        Path file = dir.resolve("overwrite_file");
        exec(teal, "COPY (SELECT 1 AS a) TO '" + file + "' (FORMAT parquet)");
        SQLException isFile = assertThrows(SQLException.class, () -> exec(teal, copy.replace(target.toString(), file.toString()).formatted("")));
        assertTrue(isFile.getMessage().contains("it exists and is a file"), isFile.getMessage());
        exec(teal, copy.replace(target.toString(), file.toString()).formatted(", OVERWRITE true"));
        assertEquals(List.of("count_star()|", "3000|"), rows(duck, "SELECT count(*) FROM read_parquet('" + file + "/*/*.parquet')"));
        SQLException both = assertThrows(SQLException.class, () -> exec(teal, copy.formatted(", OVERWRITE, OVERWRITE_OR_IGNORE")));
        assertTrue(both.getMessage().contains("OVERWRITE"), both.getMessage());
        for (String format : List.of("parquet", "csv")) {
            SQLException typo = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT 42 AS a) TO '" + dir.resolve("typo." + format)
                    + "' (FORMAT " + format + ", partition_b (a))"));
            assertTrue(typo.getMessage().contains("Binder Error") && typo.getMessage().contains("\"partition_by\""), typo.getMessage());
        }
    }

    /** A file with a plaintext footer over encrypted columns is refused with DuckDB's message, not misread. */
    @Test
    void encryptedFilesAreRefused() {
        Path f = Path.of("..", "..", "shared", "sqllogictest", "duckdb-data", "parquet-testing", "plaintext_footer_crypto_metadata.parquet");
        Path file = Files.exists(f) ? f : Path.of("..", "shared", "sqllogictest", "duckdb-data", "parquet-testing", "plaintext_footer_crypto_metadata.parquet");
        assertTrue(Files.exists(file), file.toAbsolutePath().toString());
        SQLException e = assertThrows(SQLException.class, () -> rows(teal, "SELECT * FROM read_parquet('" + file + "')"));
        assertTrue(e.getMessage().contains("Invalid Input Error: File is encrypted but no file crypto metadata is set"), e.getMessage());
    }

    /** FIELD_IDS 'auto' and as a STRUCT (nested ids included) put the ids DuckDB puts into the schema; DuckDB's errors for bad specs. */
    @Test
    void fieldIdsAsDuckDbWritesThem() throws SQLException {
        String cols = "SELECT 1 AS i, {'a': 2, 'b': [3]} AS s, [1, 2] AS l, MAP {'k': 1} AS m";
        for (String spec : List.of("'auto'", "{i: 42, s: {__duckdb_field_id: 43, a: 44, b: {__duckdb_field_id: 45, element: 46}}, "
                + "l: {element: 47}, M: {key: 48, value: 49}}", "{s: 1}", "{i: 1, s: {a: 2}}")) {
            String t = dir.resolve("fid_teal.parquet").toString(), d = dir.resolve("fid_duck.parquet").toString();
            exec(teal, "COPY (" + cols + ") TO '" + t + "' (FORMAT parquet, FIELD_IDS " + spec + ")");
            exec(duck, "COPY (" + cols + ") TO '" + d + "' (FORMAT parquet, FIELD_IDS " + spec + ")");
            String schema = "SELECT name, field_id, num_children FROM parquet_schema('%s')";
            assertEquals(rows(duck, schema.formatted(d)), rows(duck, schema.formatted(t)), spec);
            assertEquals(rows(duck, "SELECT * FROM '" + d + "'"), rows(duck, "SELECT * FROM '" + t + "'"), spec);
        }
        String f = dir.resolve("fid_bad.parquet").toString();
        for (String[] c : new String[][]{
                {"{x: 1}", "Column name \"x\" specified in FIELD_IDS not found"},
                {"'none'", "Expected FIELD_IDS to be a STRUCT"},
                {"{i: {__duckdb_field_id: 1, q: 3}}", "Column \"i\" with type \"INTEGER\" cannot have a nested FIELD_IDS specification"},
                {"{i: 'a'}", "Could not convert string 'a' to INT32"}}) {
            for (Connection conn : List.of(teal, duck)) {
                SQLException e = assertThrows(SQLException.class, () -> exec(conn, "COPY (SELECT 1 AS i) TO '" + f + "' (FORMAT parquet, FIELD_IDS " + c[0] + ")"));
                assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            }
        }
    }

    /**
     * PER_THREAD_OUTPUT writes dir/data_N.parquet, one per writer thread that got rows, which together hold
     * the query's rows; RETURN_FILES makes the result (Count, Files) for a file, a directory per thread
     * and partitions; PER_THREAD_OUTPUT with PARTITION_BY is DuckDB's Not Implemented error.
     */
    @Test
    void perThreadOutputAndReturnFiles() throws Exception {
        Path out = dir.resolve("per_thread");
        try (Statement s = teal.createStatement()) {
            s.execute("SET threads = 2");
            s.execute("COPY (" + QUERY + ", range(0, 10) x(k)) TO '" + out + "' (FORMAT parquet, PER_THREAD_OUTPUT, ROW_GROUP_SIZE 20000)");
        }
        List<Path> files;
        try (var list = Files.list(out)) {
            files = list.sorted().toList();
        }
        assertTrue(!files.isEmpty() && files.size() <= 2, files.toString());
        for (int i = 0; i < files.size(); i++) assertEquals("data_" + i + ".parquet", files.get(i).getFileName().toString());
        String all = "SELECT * REPLACE (CAST(h AS DOUBLE) AS h) FROM (" + QUERY + ", range(0, 10) x(k)) ORDER BY id";
        assertEquals(rows(duck, all), rows(duck, "SELECT * FROM read_parquet('" + out + "/*.parquet') ORDER BY id"));
        SQLException notEmpty = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT 1 AS a) TO '" + out + "' (FORMAT parquet, PER_THREAD_OUTPUT)"));
        assertTrue(notEmpty.getMessage().contains("Enable OVERWRITE option"), notEmpty.getMessage());

        String one = dir.resolve("returned.parquet").toString();
        assertEquals(List.of("Count|Files|", "10|[" + one + "]|"),
                rows(teal, "COPY (SELECT * FROM range(10)) TO '" + one + "' (FORMAT parquet, RETURN_FILES)"));
        Path parts = dir.resolve("returned_parts");
        // a list of strings prints them quoted when they hold '=' (DuckDB's list to VARCHAR)
        assertEquals(List.of("Count|Files|", "10|['" + parts.resolve("p=0").resolve("data_0.parquet") + "', '"
                        + parts.resolve("p=1").resolve("data_0.parquet") + "']|"),
                rows(teal, "COPY (SELECT range AS i, range % 2 AS p FROM range(10)) TO '" + parts + "' (FORMAT parquet, PARTITION_BY p, RETURN_FILES)"));
        Path threads = dir.resolve("returned_threads");
        List<String> r = rows(teal, "COPY (SELECT * FROM range(10)) TO '" + threads + "' (FORMAT parquet, PER_THREAD_OUTPUT, RETURN_FILES true)");
        assertEquals("10|[" + threads.resolve("data_0.parquet") + "]|", r.get(1));
        SQLException both = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT 1 AS a, 2 AS p) TO '" + dir.resolve("both")
                + "' (FORMAT parquet, PARTITION_BY p, PER_THREAD_OUTPUT)"));
        assertTrue(both.getMessage().contains("Can't combine PER_THREAD_OUTPUT and PARTITIONED BY for COPY"), both.getMessage());
    }

    @Test
    void badOptionsAreErrors() {
        String f = dir.resolve("bad.parquet").toString();
        SQLException e = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT 1) TO '" + f + "' (FORMAT parquet, COMPRESSION lzo)"));
        assertTrue(e.getMessage().contains("lzo"), e.getMessage());
        SQLException g = assertThrows(SQLException.class, () -> exec(teal, "COPY (SELECT 1 AS a) TO '" + f + "' (FORMAT parquet, ROW_GROUP_SIZE 0)"));
        assertTrue(g.getMessage().contains("ROW_GROUP_SIZE"), g.getMessage());
    }
}
