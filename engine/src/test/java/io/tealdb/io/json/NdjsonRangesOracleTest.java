package io.tealdb.io.json;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Newline-delimited JSON files large enough to be read in byte ranges by several threads (over
 * 32 MB: 16 MB ranges) give DuckDB's rows in the file's order: blank lines, escaped newlines and quotes inside strings, non-ASCII text, missing fields, NULLs, numbers
 * that are integral in some records and fractional in others, nested values; and an error deep in
 * the file names its line counted from the start of the file. Lines holding two records (which
 * DuckDB rejects once it has taken a file for newline-delimited) are read whole by the range their
 * line starts in.
 */
class NdjsonRangesOracleTest {
    @TempDir
    static Path dir;
    static DuckDbTwins db;
    static Path file;
    static Path pairs;
    static final int RECORDS = 260_000;

    @BeforeAll
    static void setUp() throws Exception {
        db = DuckDbTwins.open(2);
        file = write("big.ndjson", false);
        pairs = write("pairs.ndjson", true);
        assertTrue(Files.size(file) > 2 * io.tealdb.function.table.JsonTableFunction.RANGE_BYTES, "the file must be split");
    }

    /** RECORDS records, one per line with a blank line after every 11th, or with two records on every 7th line. */
    static Path write(String name, boolean twoOnSomeLines) throws Exception {
        Path f = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < RECORDS; i++) {
                w.write(record(i));
                if (twoOnSomeLines && i % 7 == 3 && i + 1 < RECORDS) {
                    w.write(' ');
                    w.write(record(++i));
                }
                w.write('\n');
                if (i % 11 == 0) w.write("  \n");
            }
        }
        return f;
    }

    static String record(int i) {
        StringBuilder b = new StringBuilder(120);
        b.append("{\"id\":").append(i);
        b.append(",\"price\":").append(i % 5 == 0 ? Integer.toString(i % 1000) : (i % 1000) + "." + (i % 100));
        if (i % 13 != 0) b.append(",\"name\":\"").append(i % 17 == 0 ? "caf\u00e9 \u65e5\u672c " : "item ").append(i).append(i % 19 == 0 ? "\\n\\\"q\\\"" : "").append('"');
        b.append(",\"day\":").append(i % 23 == 0 ? "null" : "\"2021-" + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28) + "\"");
        b.append(",\"ok\":").append(i % 3 == 0);
        b.append(",\"tags\":[").append(i % 4).append(',').append(i % 9).append(']');
        b.append(",\"pos\":{\"x\":").append(i % 100).append(",\"y\":\"").append(i % 50).append("\"}");
        b.append(",\"comment\":\"").append("x".repeat(i % 40)).append("\"}");
        return b.toString();
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    @Test
    void rangesReadEveryRecordOnceInOrder() throws SQLException {
        String f = file.toString().replace("'", "''");
        String sql = "SELECT id, price, name, day, ok, tags, pos, length(comment) FROM read_json('" + f + "')";
        List<List<String>> duck = rows(db.duck(), sql);
        assertEquals(RECORDS, duck.size());
        assertEquals(duck, rows(db.teal(), sql));
        String types = "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_json('" + f + "'))";
        assertEquals(rows(db.duck(), types), rows(db.teal(), types));
        db.assertSameRows("SELECT count(*), sum(id), count(name), count(day), round(sum(price), 2) FROM read_ndjson('" + f + "')");
    }

    @Test
    void aLineOfTwoRecordsBelongsToTheRangeItStartsIn() throws SQLException {
        String f = pairs.toString().replace("'", "''");
        List<List<String>> ids = rows(db.teal(), "SELECT id FROM read_json('" + f + "')");
        assertEquals(RECORDS, ids.size());
        for (int i = 0; i < RECORDS; i++) assertEquals(List.of(Integer.toString(i)), ids.get(i));
    }

    @Test
    void intoATable() throws SQLException {
        String f = file.toString().replace("'", "''");
        for (var c : List.of(db.teal(), db.duck())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM read_json('" + f + "')");
            }
        }
        db.assertSameRows("SELECT count(*), sum(id), sum(pos.x), count(DISTINCT name), min(day), max(day) FROM t");
        db.assertSameRows("SELECT id, name FROM t WHERE id % 50000 = 1 ORDER BY id");
    }

    @Test
    void aRepeatedKeyIsAnErrorAlsoAfterRecordsWithTheSameKeys() throws Exception {
        StringBuilder same = new StringBuilder();
        for (int i = 0; i < 3000; i++) same.append("{\"a\":").append(i).append(",\"b\":{\"x\":1}}\n");
        for (String last : List.of("{\"a\":1,\"b\":{\"x\":1},\"a\":2}", "{\"a\":1,\"b\":{\"x\":1,\"x\":2}}")) {
            Path f = dir.resolve("dup.ndjson");
            Files.writeString(f, same + last + "\n");
            String q = f.toString().replace("'", "''");
            for (String sql : List.of("SELECT * FROM read_json('" + q + "')")) {
                var duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), last);
                var teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), last);
                assertTrue(duck.getMessage().contains("duplicate key"), duck.getMessage());
                assertTrue(teal.getMessage().contains("duplicate key") && teal.getMessage().contains("line 3001"), teal.getMessage());
            }
        }
    }

    @Test
    void anErrorDeepInTheFileNamesItsLine() throws Exception {
        Path bad = dir.resolve("bad.ndjson");
        List<String> lines = Files.readAllLines(file);
        int at = lines.size() - 1000;
        lines.set(at, "{\"id\":\"not a number\"}");
        Files.write(bad, lines);
        String f = bad.toString().replace("'", "''");
        var e = assertThrows(SQLException.class, () -> rows(db.teal(), "SELECT * FROM read_json('" + f + "', columns={'id': 'INTEGER'})"));
        assertTrue(e.getMessage().contains("line " + (at + 1)), e.getMessage());
    }
}
