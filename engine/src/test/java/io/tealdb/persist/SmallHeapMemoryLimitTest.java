package io.tealdb.persist;

import io.tealdb.memory.MemoryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default memory_limit leaves a small heap room for what is not accounted: a child JVM with a
 * 192 MB heap and the default limit loads a table of about 110 MB into a database file, runs a
 * hash join whose build side alone fills most of the heap, a join that fits, an aggregate, a copy
 * of the whole table in one transaction followed by a checkpoint, a window over the whole table
 * with a wide default and a window that fits. Each statement either
 * gives DuckDB's answer or fails with memory_limit's "Out of Memory Error" — never by exhausting
 * the heap (which the engine reports as "the JVM heap is exhausted") — and the copy and the
 * checkpoint succeed. With the old default (80% of the heap) the large join and the copy exhausted it.
 */
class SmallHeapMemoryLimitTest {
    static final long ROWS = 3_000_000;

    @TempDir
    Path dir;

    @Test
    void defaultLimitLeavesSmallHeapsRoom() {
        long mb = 1L << 20;
        assertEquals(96 * mb, MemoryManager.defaultLimit(192 * mb));
        assertEquals(1024 * mb, MemoryManager.defaultLimit(2048 * mb));
        assertEquals((long) (8192 * mb * 0.8) - 1024 * mb, MemoryManager.defaultLimit(8192 * mb));
        assertTrue(MemoryManager.defaultLimit(64L << 30) > (long) ((64L << 30) * 0.78));
    }

    @Test
    void smallHeapGivesAnswersOrMemoryLimitErrorsNeverHeapExhaustion() throws Exception {
        Path db = dir.resolve("small.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("child.out");
        Process p = new ProcessBuilder(java, "-Xmx192m", "-cp", System.getProperty("java.class.path"),
                SmallHeapChild.class.getName(), db.toString(), String.valueOf(ROWS))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the child finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (l.startsWith("heap|") || l.startsWith("ok|") || l.startsWith("error|")) lines.add(l);
        }
        assertEquals(1 + SmallHeapChild.STATEMENTS.length, lines.size(), text);
        String[] heap = lines.get(0).split("\\|");
        assertEquals(MemoryManager.defaultLimit(Long.parseLong(heap[1])), Long.parseLong(heap[2]), "the default memory_limit");

        List<String> expected = duckDbAnswers();
        int clean = 0;
        for (int i = 0; i < SmallHeapChild.STATEMENTS.length; i++) {
            String sql = SmallHeapChild.STATEMENTS[i];
            String got = lines.get(i + 1);
            assertFalse(got.contains("heap is exhausted"), sql + ": " + got);
            if (got.startsWith("error|")) {
                // only the join and the window over most of the heap may fail, and only with memory_limit's error
                assertTrue(SmallHeapChild.MAY_FAIL.contains(i), sql + ": " + got);
                assertTrue(got.startsWith("error|Out of Memory Error: could not allocate"), got);
                clean++;
            } else {
                assertEquals("ok|" + expected.get(i), got, sql);
            }
        }
        assertTrue(clean <= SmallHeapChild.MAY_FAIL.size());
    }

    /** DuckDB's answers to the child's statements over the same rows. */
    private static List<String> duckDbAnswers() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection d = DriverManager.getConnection("jdbc:duckdb:"); Statement s = d.createStatement()) {
            s.execute("CREATE TABLE t AS " + SmallHeapChild.table(ROWS));
            for (String sql : SmallHeapChild.STATEMENTS) {
                out.add(s.execute(sql) ? SmallHeapChild.answer(s.getResultSet()) : "");
            }
        }
        return out;
    }
}
