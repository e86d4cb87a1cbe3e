package io.tealdb.vector;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Copying strings between vectors: runs that lie back to back, scattered rows, NULLs, borrowed heaps. */
class VectorStringCopyTest {
    private static Vector strings(String... values) {
        Vector v = new Vector(LogicalType.VARCHAR, Math.max(1, values.length));
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) v.setNull(i);
            else v.setString(i, values[i]);
        }
        return v;
    }

    @Test
    void copyRangeKeepsEveryStringWhetherContiguousOrNot() {
        Vector src = strings("alpha", "", null, "gamma", "delta-delta", "e");
        // make row 3 point somewhere else in the heap: the rows are no longer back to back
        src.setString(3, "GAMMA!");
        Vector dst = new Vector(LogicalType.VARCHAR, 16);
        dst.setString(0, "already here");
        dst.copyRange(src, 0, 1, 6);
        dst.copyRange(src, 3, 7, 3);
        String[] expect = {"already here", "alpha", "", null, "GAMMA!", "delta-delta", "e", "GAMMA!", "delta-delta", "e"};
        for (int i = 0; i < expect.length; i++) {
            if (expect[i] == null) assertEquals(true, dst.isNull(i));
            else assertEquals(expect[i], dst.getString(i), "row " + i);
        }
    }

    @Test
    void aCopyOfBorrowedStringsSharesTheHeapAndNeverWritesIt() {
        byte[] segment = "onetwothree".getBytes(StandardCharsets.UTF_8);
        byte[] before = segment.clone();
        Vector scan = new Vector(LogicalType.VARCHAR, 3);
        scan.borrowHeap(segment);
        int[][] spans = {{0, 3}, {3, 3}, {6, 5}};
        for (int i = 0; i < 3; i++) {
            scan.offsets[i] = spans[i][0];
            scan.lengths[i] = spans[i][1];
        }
        scan.setNull(1);
        Vector shared = Vector.sharingStrings(scan, 3);
        assertSame(segment, shared.heap);
        assertEquals("one", shared.getString(0));
        assertEquals(true, shared.isNull(1));
        assertEquals("three", shared.getString(2));
        // appending to the copy moves it to a heap of its own; the segment's bytes stay as they were
        Vector grown = Vector.sharingStrings(scan, 3);
        grown.setString(1, "TWO");
        assertNotSame(segment, grown.heap);
        assertEquals("TWO", grown.getString(1));
        assertEquals("three", grown.getString(2));
        assertArrayEquals(before, segment);
        // a vector with its own heap is copied, not shared
        Vector own = strings("x", "y");
        assertNotSame(own.heap, Vector.sharingStrings(own, 2).heap);
    }

    @Test
    void resultsOfStringScansCrossingManyChunksAreExact() {
        try (Connection c = Teal.connect()) {
            c.execute("CREATE TABLE t AS SELECT i, CASE WHEN i % 11 = 0 THEN NULL ELSE 'value-' || i END AS s FROM range(50000) r(i)");
            List<Object[]> rows = c.execute("SELECT i, s FROM t").fetchAll();
            assertEquals(50000, rows.size());
            for (Object[] r : rows) {
                long i = ((Number) r[0]).longValue();
                if (i % 11 == 0) assertNull(r[1]);
                else assertEquals("value-" + i, r[1]);
            }
        }
    }
}
