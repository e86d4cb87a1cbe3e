package io.tealdb.robustness;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfMemoryException;
import io.tealdb.memory.MemoryManager;
import io.tealdb.memory.Reservation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memory_limit: every operator that grows with its input reserves before growing; over the limit
 * the statement fails with DuckDB's "Out of Memory Error" and the database (with the same limit)
 * goes on answering, because a failed statement gives back all it reserved.
 */
class MemoryLimitTest {
    private static final List<String> GROWING = List.of(
            "SELECT count(*) FROM t t1 JOIN t t2 ON t1.a = t2.a",          // hash join build
            "SELECT count(*) FROM (SELECT s, count(*) FROM t GROUP BY s)", // aggregate
            "SELECT count(DISTINCT s) FROM t",                             // distinct
            "SELECT count(*) FROM (SELECT * FROM t ORDER BY s)",          // sort
            "SELECT count(*) FROM (SELECT s FROM t UNION SELECT s FROM t)", // set operation
            "SELECT count(*) FROM (SELECT * FROM t ORDER BY s LIMIT 9223372036854775807 OFFSET 5)",
            "SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY s), s, a, b FROM t)"); // window

    @Test
    void growingOperatorsFailCleanlyOverTheLimitAndTheDatabaseStaysUsable() {
        try (Connection con = Teal.connect(Map.of("threads", "2", "memory_limit", "24MB"))) {
            con.execute("CREATE TABLE t AS SELECT range a, range % 1000 b, 'some text ' || range s FROM range(1500000)");
            for (int round = 0; round < 3; round++) {
                for (String sql : GROWING) {
                    OutOfMemoryException e = assertThrows(OutOfMemoryException.class, () -> con.execute(sql).fetchAll(), sql);
                    assertTrue(e.describe().startsWith("Out of Memory Error: "), e.describe());
                    assertTrue(e.getMessage().contains("limit 22.9 MiB"), e.getMessage());
                }
                // nothing leaked: a statement that needs a good part of the limit still runs
                assertEquals(1000L, con.execute("SELECT count(*) FROM (SELECT b, sum(a) FROM t GROUP BY b)").fetchOne()[0]);
                assertEquals(1500000L, con.execute("SELECT count(*) FROM t").fetchOne()[0]);
            }
            con.execute("SET memory_limit = '2GB'");
            for (String sql : GROWING.subList(0, 5)) con.execute(sql).fetchAll();
            assertThrows(InvalidInputException.class, () -> con.execute("SET memory_limit = 'plenty'"));
        }
    }

    @Test
    void aFunctionThatNeedsAHugeMatrixFailsCleanly() {
        // damerau_levenshtein keeps the whole n x m matrix: 40 GB for two 100,000-byte strings
        try (Connection con = Teal.connect(Map.of("memory_limit", "1GB"))) {
            OutOfMemoryException e = assertThrows(OutOfMemoryException.class,
                    () -> con.execute("SELECT damerau_levenshtein(repeat('a', 100000), repeat('b', 100000))").fetchAll());
            assertTrue(e.getMessage().contains("damerau_levenshtein"), e.getMessage());
            assertEquals(1L, con.execute("SELECT damerau_levenshtein('abcd', 'acbd')").fetchOne()[0]);
        }
    }

    @Test
    void reservationsAddUpAndGiveBack() {
        MemoryManager m = new MemoryManager(1000);
        try (Reservation a = m.newReservation(); Reservation b = m.newReservation()) {
            a.reserve(600, "a");
            OutOfMemoryException e = assertThrows(OutOfMemoryException.class, () -> b.reserve(500, "b"));
            assertEquals("could not allocate 500 bytes for b (used 600 bytes, limit 1000 bytes); SET memory_limit to allow more",
                    e.getMessage());
            assertEquals(0, b.held());
            b.reserve(400, "b");
            assertEquals(1000, m.used());
            a.release(100);
            assertEquals(900, m.used());
        }
        assertEquals(0, m.used());
        assertEquals(1L << 30, MemoryManager.parseSize("1GiB"));
        assertEquals(1_500_000_000L, MemoryManager.parseSize("1.5 GB"));
        assertEquals(512L << 20, MemoryManager.parseSize("512MiB"));
    }
}
