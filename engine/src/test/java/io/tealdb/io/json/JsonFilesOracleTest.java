package io.tealdb.io.json;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON files as tables against DuckDB: files each side writes with COPY ... TO (newline-delimited
 * and ARRAY, gzip) read identically by both with read_json_auto / FROM 'x.json' (schemas inferred
 * with nested STRUCT and LIST columns, dates and timestamps), globs over several files, explicit
 * {@code columns}, records=false, COPY ... FROM, and clear errors for malformed files; over 9,000
 * rows (several chunks).
 */
class JsonFilesOracleTest {
    @TempDir
    static Path dir;
    static DuckDbTwins db;

    static final String ROWS = "SELECT i AS id, 'name ' || i AS name, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS half, "
            + "i % 2 = 0 AS even, DATE '2020-01-01' + (i % 400)::INTEGER AS day, TIMESTAMP '2021-06-01 10:00:00' + INTERVAL (i) MINUTE AS ts, "
            + "[i % 3, i % 5] AS l, {'x': i, 'y': CASE WHEN i % 4 = 0 THEN NULL ELSE 'v' || i END, 'z': [{'q': i % 9}]} AS s, "
            + "CASE WHEN i % 10 = 0 THEN NULL ELSE 'maybe' END AS m "
            + "FROM range(9000) t(i)";

    @BeforeAll
    static void setUp() throws Exception {
        db = DuckDbTwins.open(2);
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String path(String name) {
        return dir.resolve(name).toString().replace("'", "''");
    }

    private void sameReadBoth(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
        String describe = "SELECT column_name, column_type FROM (DESCRIBE " + sql + ")";
        assertEquals(rows(db.duck(), describe), rows(db.teal(), describe), describe);
    }

    @Test
    void filesEachSideWritesReadTheSameInBoth() throws Exception {
        for (String opts : List.of("", " (FORMAT json, ARRAY true)", " (FORMAT json, COMPRESSION gzip)")) {
            String suffix = opts.contains("gzip") ? ".json.gz" : ".json";
            String byTeal = path("teal" + opts.hashCode() + suffix);
            String byDuck = path("duck" + opts.hashCode() + suffix);
            exec(db.teal(), "COPY (" + ROWS + ") TO '" + byTeal + "'" + opts);
            exec(db.duck(), "COPY (" + ROWS + ") TO '" + byDuck + "'" + opts);
            for (String f : List.of(byTeal, byDuck)) {
                sameReadBoth("SELECT * FROM read_json_auto('" + f + "') ORDER BY id");
                sameReadBoth("SELECT id, s.z[1].q AS q, l[2] AS l2, m FROM '" + f + "' WHERE even ORDER BY id");
            }
        }
    }

    @Test
    void tealWritesWhatDuckDbWritesByteForByte() throws Exception {
        String q = "SELECT i AS id, 'x' || i AS s, [i, NULL] AS l, {'a': i % 3} AS st FROM range(5000) t(i)";
        for (String opts : List.of("", " (FORMAT json, ARRAY true)")) {
            exec(db.teal(), "COPY (" + q + ") TO '" + path("bt.json") + "'" + opts);
            exec(db.duck(), "COPY (" + q + ") TO '" + path("bd.json") + "'" + opts);
            assertEquals(Files.readString(Path.of(path("bd.json"))), Files.readString(Path.of(path("bt.json"))), opts);
        }
    }

    @Test
    void globsColumnsRecordsAndCopyFrom() throws Exception {
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                int id = f * 3000 + i;
                sb.append("{\"id\": ").append(id).append(", \"v\": ").append(i % 2 == 0 ? "\"" + id + "\"" : "null")
                        .append(", \"arr\": [").append(id % 3).append("]}\n");
            }
            Files.writeString(dir.resolve("part" + f + ".ndjson"), sb.toString());
        }
        String glob = path("part*.ndjson");
        sameReadBoth("SELECT * FROM read_json_auto('" + glob + "') ORDER BY id");
        sameReadBoth("SELECT * FROM read_ndjson('" + glob + "', columns = {id: 'INTEGER', v: 'VARCHAR'}) ORDER BY id");
        sameReadBoth("SELECT count(*), sum(id), count(v) FROM read_json('" + glob + "', format = 'newline_delimited')");
        sameReadBoth("SELECT json FROM read_json('" + path("part1.ndjson") + "', records = false) ORDER BY json.id LIMIT 50");
        Files.writeString(dir.resolve("scalars.json"), "[1, 2, 3, 4.5]");
        sameReadBoth("SELECT * FROM read_json_auto('" + path("scalars.json") + "')");
        for (Connection c : List.of(db.teal(), db.duck())) {
            exec(c, "CREATE OR REPLACE TABLE target (id INTEGER, v VARCHAR, arr INTEGER[])");
            exec(c, "COPY target FROM '" + path("part2.ndjson") + "'");
        }
        sameReadBoth("SELECT * FROM target ORDER BY id");
    }

    @Test
    void hyphenatedUuidsInferAsUuid() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            String hex = String.format("%032x", (long) i * 2654435761L);
            String uuid = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
            sb.append("{\"id\": ").append(i).append(", \"u\": \"").append(uuid).append("\", \"md5\": \"").append(hex)
                    .append("\", \"mixed\": \"").append(i % 1000 == 7 ? "x" : uuid).append("\"}\n");
        }
        Files.writeString(dir.resolve("uuids.ndjson"), sb.toString());
        sameReadBoth("SELECT * FROM read_json_auto('" + path("uuids.ndjson") + "') ORDER BY id");
    }

    @Test
    void malformedFilesFailWithTheFileName() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"a\": 1}\n{\"a\": 2,,}\n");
        String sql = "SELECT * FROM read_json_auto('" + path("bad.json") + "')";
        assertThrows(SQLException.class, () -> rows(db.duck(), sql));
        SQLException e = assertThrows(SQLException.class, () -> rows(db.teal(), sql));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        SQLException missing = assertThrows(SQLException.class, () -> rows(db.teal(), "SELECT * FROM read_json('" + path("nope.json") + "')"));
        assertTrue(missing.getMessage().contains("No files found"), missing.getMessage());
    }
}
