package io.tealdb.execution;

import io.tealdb.Connection;
import io.tealdb.Result;
import io.tealdb.Teal;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunks a consumer hands back ({@link Result#recycle}) are filled again by the running query: the
 * rows that arrive in them must be exactly the query's rows — no NULL mask, string heap or size left
 * over from their earlier use, no string written into a heap the chunk borrowed from storage.
 */
class RecycledResultChunksTest {
    private static final int ROWS = 300_000;
    private static Connection con;

    @BeforeAll
    static void load() {
        con = Teal.connect();
        // s: stored strings (scans borrow storage's heap); d: a 128-bit decimal; n: NULL every 7th row
        con.execute("CREATE TABLE t AS SELECT range AS i, 'v' || range AS s, range * 0.5 AS d,"
                + " CASE WHEN range % 7 = 0 THEN NULL ELSE range::INTEGER END AS n FROM range(" + ROWS + ")");
    }

    @AfterAll
    static void close() {
        con.close();
    }

    @Test
    void fullChunksOfAScanCarryTheRightRowsAfterReuse() {
        int[] reused = new int[1];
        long rows = drain("SELECT i, s, d, n FROM t", 0, reused);
        assertEquals(ROWS, rows);
        assertTrue(reused[0] > 0, "handed-back chunks are filled again (reused " + reused[0] + ")");
    }

    @Test
    void partlyFilledChunksWithComputedStringsAfterReuse() {
        // a filter leaves partial chunks (gathered into the collector's own chunks) and the strings are
        // computed (the chunk's own heap), so reused chunks cross both paths of the collector
        int[] reused = new int[1];
        long rows = drain("SELECT i, s || '!' AS s, d, n FROM t WHERE i % 3 <> 1", 1, reused);
        assertEquals(ROWS - ROWS / 3, rows);
        assertTrue(reused[0] > 0, "handed-back chunks are filled again (reused " + reused[0] + ")");
    }

    @Test
    void storageIsUntouchedByRowsWrittenIntoReusedChunks() {
        drain("SELECT i, s || '!' AS s, d, n FROM t WHERE i % 3 <> 1", 1, new int[1]);
        drain("SELECT i, s, d, n FROM t", 0, new int[1]);
        Object[] row = con.sql("SELECT count(*), count(DISTINCT s), min(s), max(s), sum(length(s)) FROM t").fetchOne();
        assertEquals((long) ROWS, row[0]);
        assertEquals((long) ROWS, row[1]);
        assertEquals("v0", row[2]);
        assertEquals("v99999", row[3]);
    }

    /** Reads every chunk, checks each row, hands the chunk back; {@code skip == 1}: rows with i % 3 == 1 are absent. */
    private static long drain(String sql, int skip, int[] reused) {
        Set<DataChunk> handedBack = Collections.newSetFromMap(new IdentityHashMap<>());
        long rows = 0;
        long expected = 0;
        try (Result r = con.execute(sql)) {
            for (DataChunk c = r.nextChunk(); c != null; c = r.nextChunk()) {
                if (handedBack.contains(c)) reused[0]++;
                Vector i = c.column(0), s = c.column(1), d = c.column(2), n = c.column(3);
                for (int row = 0; row < c.size(); row++) {
                    if (skip == 1 && expected % 3 == 1) expected++;
                    long v = (Long) i.getObject(row);
                    assertEquals(expected, v, "row " + rows);
                    String want = "v" + v + (skip == 1 ? "!" : "");
                    assertEquals(want, s.getObject(row), "s of row " + v);
                    assertEquals(BigDecimal.valueOf(v * 5, 1), d.getObject(row), "d of row " + v);
                    if (v % 7 == 0) assertNull(n.getObject(row), "n of row " + v);
                    else assertEquals((int) v, n.getObject(row), "n of row " + v);
                    expected++;
                    rows++;
                }
                r.recycle(c);
                handedBack.add(c);
            }
        }
        return rows;
    }
}
