package io.tealdb.robustness;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.OutOfMemoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the default memory_limit (a share of the heap), statements that grow without bound stop on
 * the limit — "could not allocate … for a hash table" — before the JVM heap itself runs out: the
 * growth that copies (a hash table's arrays, a string heap) must fit beside the old arrays, and a
 * window counts the partition keys it computes, not only its input. Each statement here exhausted
 * the heap of an 8 GB fuzzing JVM (GrammarFuzzBench seed 11); a forked 256 MB JVM finds the same
 * faster.
 */
class HeapSizedLimitTest {
    static final List<String> UNBOUNDED = List.of(
            // RIGHT JOIN on a condition without keys: the build side is the endless series
            "SELECT count(*) FROM t1 AS a0 RIGHT JOIN generate_series(1, 9223372036854775807) AS a1(x) "
                    + "ON (floor(CAST(-42 AS HUGEINT)) BETWEEN CAST(-83 AS HUGEINT) AND CAST(60 AS HUGEINT))",
            // one partition whose key is a 1000-byte constant per row, and a 1000-byte lag default
            "SELECT lag('bdaac'::BLOB, 1, repeat('\\xAA', 1000)::BLOB) OVER (PARTITION BY coalesce(repeat('\\xAA', 1000)::BLOB, ''::BLOB) "
                    + "ORDER BY CAST(NULL AS FLOAT) DESC) AS c0, a0.x FROM range(9223372036854775807) AS a0(x)",
            "SELECT count(*) FROM (SELECT DISTINCT x, repeat('y', 100) || x FROM range(9223372036854775807) r(x))",
            "SELECT count(*) FROM range(9223372036854775807) a(x) JOIN range(9223372036854775807) b(y) ON x = y",
            // aggregates that keep every value of their group
            "SELECT median(x) FROM range(9223372036854775807) r(x)",
            "SELECT mode(x::VARCHAR) FROM range(9223372036854775807) r(x)");

    @TempDir
    Path dir;

    @Test
    void unboundedStatementsStopOnTheLimitNotOnTheHeap() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("child.out");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the child finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> lines = text.lines().filter(l -> l.startsWith("result ")).toList();
        assertEquals(UNBOUNDED.size() + 1, lines.size(), text);
        for (int i = 0; i < UNBOUNDED.size(); i++) {
            String line = lines.get(i);
            assertTrue(line.startsWith("result Out of Memory Error: could not allocate "), UNBOUNDED.get(i) + " -> " + line);
        }
        // after all that, the same connection still answers
        assertEquals("result 100", lines.getLast());
    }

    /** Runs {@link #UNBOUNDED} in a small heap and prints each statement's error. */
    public static final class Child {
        public static void main(String[] args) {
            try (Connection con = Teal.connect()) {
                con.execute("CREATE TABLE t1(c0 INTEGER, k INTEGER)");
                con.execute("INSERT INTO t1 SELECT i, i FROM range(100) r(i)");
                for (String sql : UNBOUNDED) {
                    try {
                        con.execute(sql).fetchAll();
                        System.out.println("result finished");
                    } catch (OutOfMemoryException e) {
                        System.out.println("result " + e.describe());
                    }
                }
                System.out.println("result " + con.execute("SELECT count(*) FROM t1").fetchOne()[0]);
            }
        }
    }
}
