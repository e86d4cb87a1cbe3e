package io.tealdb.execution;

import io.tealdb.Connection;
import io.tealdb.Result;
import io.tealdb.Teal;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored table's scan hands its vectors' memory over to the result collector instead of the
 * collector copying the rows ({@link DataChunk#handsOver}, {@link ChunkUtil#takeStorage}). The rows
 * of a result chunk must then stay what they were while the scan goes on filling its vectors: a
 * chunk the consumer still holds must never be refilled under it.
 */
class HandedOverResultChunksTest {
    private static final int ROWS = 100_000;
    private static Connection con;

    @BeforeAll
    static void load() {
        con = Teal.connect();
        con.execute("CREATE TABLE t AS SELECT range AS i,"
                + " CASE WHEN range % 5 = 0 THEN NULL ELSE 'str' || range END AS s,"
                + " (range * 0.25)::DECIMAL(18,2) AS d, TIMESTAMP '2020-01-01' + to_seconds(range) AS ts,"
                + " CASE WHEN range % 11 = 0 THEN NULL ELSE [range, range + 1] END AS l,"
                + " {'a': range % 3, 'b': 'x' || (range % 13)} AS st FROM range(" + ROWS + ")").close();
    }

    @AfterAll
    static void close() {
        con.close();
    }

    private static final String EXPECTED = "SELECT i, s, d, ts, l, st FROM t";

    @Test
    void chunksHeldWhileTheScanGoesOnKeepTheirRows() {
        List<DataChunk> held = new ArrayList<>();
        try (Result r = con.execute(EXPECTED)) {
            for (DataChunk c = r.nextChunk(); c != null; c = r.nextChunk()) held.add(c);
        }
        assertTrue(held.size() > 10, "many chunks: " + held.size());
        assertRows(held);
    }

    @Test
    void twoChunksHeldAcrossRecyclingOfTheOthers() {
        // the consumer keeps the first two chunks and hands every later one back: the query refills
        // those (and the scan's vectors) many times while the first two must stay intact
        List<DataChunk> all = new ArrayList<>();
        List<Object[]> later = new ArrayList<>();
        try (Result r = con.execute(EXPECTED)) {
            int n = 0;
            for (DataChunk c = r.nextChunk(); c != null; c = r.nextChunk()) {
                if (n++ < 2) {
                    all.add(c);
                    continue;
                }
                for (int row = 0; row < c.size(); row++) later.add(rowOf(c, row));
                r.recycle(c);
            }
        }
        long at = assertRows(all);
        for (Object[] row : later) assertRow(at++, row);
        assertEquals(ROWS, at);
    }

    @Test
    void computedColumnsBesideHandedOverOnesKeepTheirRows() {
        // a projection passes the scan's vectors on (taken) beside computed ones (copied)
        List<DataChunk> held = new ArrayList<>();
        try (Result r = con.execute("SELECT i, s, i + 1 AS j, d, ts, l, st, s || '!' AS e FROM t")) {
            for (DataChunk c = r.nextChunk(); c != null; c = r.nextChunk()) held.add(c);
        }
        long at = 0;
        for (DataChunk c : held) {
            for (int row = 0; row < c.size(); row++, at++) {
                Object[] r = rowOf(c, row);
                assertEquals(at + 1, r[2], "j of row " + at);
                assertEquals(at % 5 == 0 ? null : "str" + at + "!", r[7], "e of row " + at);
                assertRow(at, new Object[]{r[0], r[1], r[3], r[4], r[5], r[6]});
            }
        }
        assertEquals(ROWS, at);
    }

    @Test
    void takingStorageMovesHandedOverArraysAndCopiesTheRest() {
        List<LogicalType> types = List.of(LogicalType.BIGINT, LogicalType.VARCHAR, LogicalType.BIGINT);
        DataChunk produced = new DataChunk(types, DataChunk.CAPACITY);
        produced.column(0).longs[0] = 42;
        produced.column(1).setString(0, "x");
        produced.column(1).setNull(1);
        produced.column(2).longs[0] = 7;
        produced.setSize(2);
        long[] longs = produced.column(0).longs;
        byte[] heap = produced.column(1).heap;
        long[] notHandedOver = produced.column(2).longs;
        assertFalse(ChunkUtil.anyTakeable(produced, types), "only columns their producer hands over");
        produced.setHandsOver(true);
        produced.setHandsOver(2, false);
        assertTrue(ChunkUtil.anyTakeable(produced, types));
        assertFalse(ChunkUtil.takeable(produced, 0, LogicalType.BLOB), "types must match");

        DataChunk empty = new DataChunk(types, DataChunk.CAPACITY);
        long[] emptyLongs = empty.column(0).longs;
        DataChunk taken = ChunkUtil.takeStorage(produced, empty);
        assertSame(longs, taken.column(0).longs, "handed-over values are not copied");
        assertSame(heap, taken.column(1).heap);
        assertNotSame(notHandedOver, taken.column(2).longs, "the others are copied");
        assertSame(notHandedOver, produced.column(2).longs);
        assertEquals(2, taken.size());
        assertEquals(List.of(42L, "x", 7L), List.of(rowOf(taken, 0)));
        assertEquals(null, taken.getObject(1, 1));
        assertSame(emptyLongs, produced.column(0).longs, "the producer refills the empty memory");

        DataChunk twice = new DataChunk(new Vector[]{produced.column(0), produced.column(0)}, 1);
        twice.setHandsOver(true);
        assertFalse(ChunkUtil.anyTakeable(twice, List.of(LogicalType.BIGINT, LogicalType.BIGINT)), "a vector used twice is copied");
    }

    private static Object[] rowOf(DataChunk c, int row) {
        Object[] out = new Object[c.columnCount()];
        for (int col = 0; col < out.length; col++) out[col] = c.getObject(col, row);
        return out;
    }

    /** Checks the chunks' rows against the table's rule, from i = 0; returns the rows seen. */
    private static long assertRows(List<DataChunk> chunks) {
        long at = 0;
        for (DataChunk c : chunks) {
            for (int row = 0; row < c.size(); row++) assertRow(at++, rowOf(c, row));
        }
        return at;
    }

    private static void assertRow(long i, Object[] row) {
        assertEquals(i, row[0], "i");
        assertEquals(i % 5 == 0 ? null : "str" + i, row[1], "s of row " + i);
        assertEquals(java.math.BigDecimal.valueOf(i * 25, 2), row[2], "d of row " + i);
        assertEquals((1_577_836_800L + i) * 1_000_000L, row[3], "ts of row " + i);
        assertEquals(i % 11 == 0 ? null : List.of(i, i + 1), row[4], "l of row " + i);
        assertEquals(List.of(i % 3, "x" + (i % 13)), row[5], "st of row " + i);
    }
}
