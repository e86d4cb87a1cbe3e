package io.tealdb.io;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COPY ... FROM a file large enough to be parsed in blocks on two threads (ParallelCsvReader): the
 * rows, in file order, match DuckDB's COPY of the same file, also when quoted values hold newlines
 * across block boundaries, and an error in a late block gives the sequential reader's message.
 */
class ParallelCopyTest {
    private static final String TABLE = "CREATE TABLE t(id INTEGER, k BIGINT, price DECIMAL(12,2), day DATE, note VARCHAR)";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SharedTwins twins = new SharedTwins(2);

    /** A '|'-separated file of {@code rows} rows; {@code note} gives each row's text column (already quoted if need be). */
    private static Path write(String name, int rows, String newline, boolean header, java.util.function.IntFunction<String> note)
            throws IOException {
        Path f = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            if (header) w.write("id|k|price|day|note" + newline);
            for (int i = 0; i < rows; i++) {
                w.write(i + "|" + (i * 7919L % 100003 - 50000) + "|" + (i % 100000) / 100 + "." + (i % 100) + "|"
                        + (1990 + i % 30) + "-" + (1 + i % 12) + "-" + (1 + i % 28) + "|" + note.apply(i) + newline);
            }
        }
        assertTrue(Files.size(f) > 2L * (4 << 20), "the file must span several 4 MiB blocks");
        return f;
    }

    private static void sameRowsAsDuckDb(Path file, String options) throws SQLException {
        for (Connection c : List.of(twins.teal(), twins.duck())) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t");
                s.execute(TABLE);
                s.execute("COPY t FROM '" + file + "' (" + options + ")");
            }
        }
        // file order: id counts up, so TealDB's rowid order must be id order
        assertEquals(List.of(List.of("0")), DuckDbTwins.rows(twins.teal(),
                "SELECT count(*) FROM (SELECT id, row_number() OVER (ORDER BY rowid) - 1 AS n FROM t) WHERE id <> n"));
        String all = "SELECT id, k, price, day, note FROM t ORDER BY id";
        List<List<String>> teal = DuckDbTwins.rows(twins.teal(), all);
        List<List<String>> duck = DuckDbTwins.rows(twins.duck(), all);
        assertEquals(duck.size(), teal.size());
        for (int i = 0; i < duck.size(); i++) assertEquals(duck.get(i), teal.get(i), "row " + i);
    }

    @Test
    void plainFileMatchesDuckDbInOrder() throws Exception {
        Path f = write("plain.tbl", 160_000, "\n", false, i -> (i % 17 == 0 ? "" : "note number " + i + " of the plain file") + "|");
        sameRowsAsDuckDb(f, "DELIMITER '|', HEADER false");
    }

    @Test
    void headerAndCrLfNewlines() throws Exception {
        Path f = write("crlf.csv", 300_000, "\r\n", true, i -> "note " + (i * 31 % 1000) + " of the crlf file");
        sameRowsAsDuckDb(f, "DELIMITER '|', HEADER true");
    }

    @Test
    void quotedNewlinesAcrossBlockBoundaries() throws Exception {
        // every row's note is a quoted value of several lines, so most block boundaries fall inside one
        // and a worker's guess of where its first record begins is wrong
        Path f = write("quoted.csv", 90_000, "\n", false,
                i -> "\"line one of " + i + "\nline two|with a delimiter\n\"\"quoted\"\" line three " + "x".repeat(i % 50) + "\"");
        sameRowsAsDuckDb(f, "DELIMITER '|', HEADER false, QUOTE '\"'");
    }

    @Test
    void errorInALateBlockHasTheSequentialMessage() throws Exception {
        Path f = write("bad.tbl", 300_000, "\n", false, i -> "note number " + i);
        Files.writeString(f, Files.readString(f).replace("\n150000|", "\n15000o|"));
        String parallel = copyError(twins.teal(), f);
        Properties p = new Properties();
        p.setProperty("threads", "1");
        try (Connection single = DriverManager.getConnection("jdbc:teal:", p)) {
            assertEquals(copyError(single, f), parallel);
        }
        assertTrue(parallel.contains("Line: 150001"), parallel);
    }

    private static String copyError(Connection c, Path f) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS t");
            s.execute(TABLE);
            return assertThrows(SQLException.class, () -> s.execute("COPY t FROM '" + f + "' (DELIMITER '|', HEADER false)"))
                    .getMessage();
        }
    }
}
