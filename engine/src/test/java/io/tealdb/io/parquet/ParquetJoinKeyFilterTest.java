package io.tealdb.io.parquet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.io.parquet.ParquetTestingFilesTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Parquet scan on the probe side of a hash join is told the join's build keys when it starts (their
 * range and, for a selective build, the set of values): row groups whose statistics lie outside the
 * range are skipped and rows whose key cannot find a partner are dropped while decoding. Against
 * DuckDB over a 200,000-row fact file (8 row groups, sorted and unsorted keys, NULL keys, INTEGER
 * and BIGINT keys) joined with filtered dimensions: inner and semi joins filter, outer joins must not.
 */
class ParquetJoinKeyFilterTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;
    static String fact;
    static String dim;

    @BeforeAll
    static void write() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
        fact = dir.resolve("fact.parquet").toString();
        dim = dir.resolve("dim.parquet").toString();
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, i // 4 AS sorted_key, CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 7919) % 20000)::INTEGER END AS int_key,"
                    + " (i % 977)::BIGINT AS small_key, (i % 1000) * 0.25 AS amount, 'n' || (i % 53) AS tag"
                    + " FROM range(200000) r(i)) TO '" + fact + "' (FORMAT parquet, ROW_GROUP_SIZE 25000)");
            s.execute("COPY (SELECT i AS d_id, i::INTEGER AS d_int, i % 10 AS d_class, 'c' || (i % 17) AS d_name"
                    + " FROM range(50000) r(i)) TO '" + dim + "' (FORMAT parquet)");
        }
        for (Connection c : List.of(duck, teal)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE VIEW fact AS SELECT * FROM read_parquet('" + fact + "')");
                s.execute("CREATE VIEW dim AS SELECT * FROM read_parquet('" + dim + "')");
                s.execute("CREATE TABLE mem_dim AS SELECT * FROM read_parquet('" + dim + "')");
            }
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
            // a narrow range of a sorted key: most row groups skipped by statistics
            "SELECT count(*), sum(amount), min(tag) FROM fact JOIN dim ON sorted_key = d_id WHERE d_id BETWEEN 20000 AND 20100",
            // a sparse set across the whole range: the bitmap drops rows in every row group
            "SELECT count(*), sum(amount), max(id) FROM fact JOIN dim ON sorted_key = d_id WHERE d_id % 97 = 3",
            // INTEGER keys with NULLs
            "SELECT count(*), sum(id), count(int_key) FROM fact JOIN dim ON int_key = d_int WHERE d_class = 3 AND d_id < 15000",
            // a build in memory, two join keys on one scan
            "SELECT b.d_name, count(*), sum(amount) FROM fact JOIN mem_dim a ON small_key = a.d_id JOIN dim b ON int_key = b.d_int"
                    + " WHERE a.d_class = 1 AND b.d_id BETWEEN 100 AND 3000 GROUP BY ALL ORDER BY ALL",
            // no build row: nothing can match
            "SELECT count(*), sum(amount) FROM fact JOIN dim ON sorted_key = d_id WHERE d_id < 0",
            // semi and anti joins
            "SELECT count(*), sum(amount) FROM fact WHERE small_key IN (SELECT d_id FROM dim WHERE d_class = 7 AND d_id < 900)",
            "SELECT count(*), sum(amount) FROM fact WHERE small_key NOT IN (SELECT d_id FROM dim WHERE d_class = 7 AND d_id < 900)",
            // outer joins keep the probe rows without a partner
            "SELECT count(*), count(d_id), sum(amount) FROM fact LEFT JOIN dim ON sorted_key = d_id AND d_id % 97 = 3",
            "SELECT count(*), count(id), count(d_id) FROM fact FULL JOIN (SELECT * FROM dim WHERE d_id BETWEEN 100 AND 200) d ON sorted_key = d_id",
            // the key also filtered by the query
            "SELECT count(*), sum(amount) FROM fact JOIN dim ON sorted_key = d_id WHERE d_class = 2 AND sorted_key > 30000 AND tag = 'n5'"})
    void joinsMatchDuckDb(String sql) throws SQLException {
        same(sql);
    }

    /**
     * A correlated aggregate over the fact file joined with a filtered dimension file (TPC-H Q17's
     * shape): the aggregate's input is semi-joined with the dimension's filtered keys, read a second
     * time from its file, so only the matching groups are computed.
     */
    @Test
    void aggregatesOverFilesAreReducedToTheFilteredKeys() throws SQLException {
        String sql = "SELECT count(*), sum(amount) FROM fact JOIN dim ON small_key = d_id WHERE d_class = 3 AND d_name = 'c5'"
                + " AND amount < (SELECT 0.9 * avg(amount) FROM fact f2 WHERE f2.small_key = d_id)";
        same(sql);
        same("SELECT d_id, round(avg(amount), 6), count(*) FROM fact JOIN dim ON small_key = d_id WHERE d_id % 10 = 3 AND d_name = 'c5'"
                + " GROUP BY d_id ORDER BY d_id");
        String plan = String.join("\n", rows(teal, "EXPLAIN " + sql));
        assertTrue(plan.contains("SEMI"), plan);
    }

    /**
     * TPC-H Q04's shape: the probe side is a scan under a FILTER comparing two of its columns (a filter
     * has no row estimate); the build's keys, sparse over a span of 1.5M, still become a bitmap,
     * sized against the scan's rows, and the scan drops the rows without a partner.
     */
    @Test
    void aFilterAboveTheProbeScanKeepsTheKeyBitmap() throws SQLException {
        String wide = dir.resolve("wide.parquet").toString();
        String wideDim = dir.resolve("wide_dim.parquet").toString();
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, (i * 7919) % 1500000 AS wkey, i % 100 AS v FROM range(200000) r(i)) TO '" + wide
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 25000)");
            s.execute("COPY (SELECT i * 30 AS w_id, i % 10 AS w_class FROM range(50000) r(i)) TO '" + wideDim + "' (FORMAT parquet)");
        }
        String sql = "SELECT count(*), sum(v) FROM read_parquet('" + wide + "') JOIN read_parquet('" + wideDim + "') ON wkey = w_id"
                + " WHERE w_class = 3 AND id <> wkey";
        same(sql);
        String plan = String.join("\n", rows(teal, "EXPLAIN ANALYZE " + sql));
        long scanned = scannedRows(plan, "wide.parquet");
        assertTrue(scanned >= 0 && scanned < 20_000, "the scan should drop the rows without a partner:\n" + plan);
    }

    @Test
    void planShowsTheJoinKeyRange() throws SQLException {
        String plan = String.join("\n", rows(teal, "EXPLAIN ANALYZE SELECT count(*) FROM fact JOIN dim ON sorted_key = d_id WHERE d_id BETWEEN 20000 AND 20100"));
        assertTrue(plan.contains("Join key range"), plan);
        // the sorted key's range leaves one of eight row groups, and in it only the 404 rows in range
        assertEquals(404, scannedRows(plan, "fact.parquet"), plan);
    }

    /** The rows EXPLAIN ANALYZE counts for the scan of {@code file} (the line above the file's name), or -1. */
    private static long scannedRows(String plan, String file) {
        String[] lines = plan.split("\n");
        long scanned = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].contains(file)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[rows: (\\d+)").matcher(lines[i - 1]);
                assertTrue(m.find(), lines[i - 1]);
                scanned = Long.parseLong(m.group(1));
            }
        }
        return scanned;
    }
}
