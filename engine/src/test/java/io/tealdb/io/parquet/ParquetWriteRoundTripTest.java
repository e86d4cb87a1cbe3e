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
        assertEquals(rows(duck, QUERY + " ORDER BY id"), fromDuck, "DuckDB reading the TealDB file gives the query's rows");
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
        String all = "SELECT id, tz, ts_s, ts_ms, ts_ns, ut, us, u, typeof(tz), typeof(ts_ns), typeof(ut), typeof(u) FROM read_parquet('" + duckFile + "') ORDER BY id";
        assertEquals(rows(duck, all), rows(teal, all));
        exec(teal, "RESET TimeZone");
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
