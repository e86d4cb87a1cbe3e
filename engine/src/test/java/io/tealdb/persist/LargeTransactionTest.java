package io.tealdb.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction larger than memory: in a JVM whose heap is about half the data, one transaction
 * inserts 3 million rows into a database file (full row groups go to the file before the commit),
 * commits or rolls back or crashes, and a fresh small-heap JVM finds exactly the last committed state.
 * DuckDB computes the expected answers over the same rows.
 */
class LargeTransactionTest {
    /** About 230 MB of values in TealDB's column layout, against a 128 MB heap. */
    static final long ROWS = 3_000_000;
    static final String HEAP = "-Xmx128m";

    @TempDir
    Path dir;

    private List<String> child(String mode, Path db, long rows) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve(mode + ".out");
        Process p = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                LargeTransactionChild.class.getName(), mode, db.toString(), String.valueOf(rows))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the child " + mode + " finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), mode + ": " + text);
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank() && !l.startsWith("WARNING")) lines.add(l);
        }
        return lines;
    }

    /** DuckDB's answers to the child's queries over rows [0, rows) (plus [0, extra) when extra > 0: none here). */
    private static List<String> duckDbAnswers(long rows) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection d = DriverManager.getConnection("jdbc:duckdb:"); Statement s = d.createStatement()) {
            s.execute("CREATE TABLE t (a BIGINT, b VARCHAR, c DECIMAL(18,2))");
            s.execute("INSERT INTO t " + LargeTransactionChild.rows(0, rows));
            for (String q : LargeTransactionChild.QUERIES) {
                try (ResultSet rs = s.executeQuery(q)) {
                    int cols = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i <= cols; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                        out.add(sb.toString());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void transactionLargerThanTheHeapCommitsAndSurvivesARestart() throws Exception {
        Path db = dir.resolve("big.db");
        assertEquals(List.of("committed"), child("commit", db, ROWS));
        assertEquals(duckDbAnswers(ROWS), child("query", db, 0));
    }

    @Test
    void committedLargeTransactionIsReplayedFromTheLogAfterACrash() throws Exception {
        Path db = dir.resolve("replay.db");
        assertEquals(List.of("committed"), child("crash-committed", db, ROWS));
        long wal = Files.size(Path.of(db + ".wal"));
        // the log names the row groups written to the file instead of repeating their rows
        assertTrue(wal < 8L << 20, "log of " + wal + " bytes");
        assertEquals(duckDbAnswers(ROWS), child("query", db, 0));
    }

    @Test
    void crashInsideALargeTransactionLeavesTheLastCommittedState() throws Exception {
        Path db = dir.resolve("crash.db");
        List<String> progress = child("crash-open", db, ROWS);
        assertEquals("inserted " + ROWS, progress.get(progress.size() - 1));
        assertEquals(duckDbAnswers(1000), child("query", db, 0));
    }

    @Test
    void rolledBackLargeTransactionGivesItsSpaceBack() throws Exception {
        Path db = dir.resolve("rollback.db");
        List<String> out = child("rollback", db, ROWS);
        assertEquals("1000", out.get(0));
        long size = Long.parseLong(out.get(1).substring("size|".length()));
        assertTrue(size < 4L << 20, "file of " + size + " bytes after the rollback and a checkpoint");
        assertEquals(duckDbAnswers(2000), child("query", db, 0));
    }
}
