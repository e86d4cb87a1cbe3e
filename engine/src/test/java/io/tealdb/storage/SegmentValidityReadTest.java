package io.tealdb.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * A segment's NULL mask is read 64 rows at a time: every start row (aligned or not), every length
 * (whole words and a partial last word) and both aligned and unaligned output offsets give the NULLs
 * of a row-by-row read, and a range without NULLs leaves the output without a mask.
 */
class SegmentValidityReadTest {

    @Test
    void nullsOfEveryRangeMatchTheRows() {
        int rows = 5000;
        ColumnSegment seg = new ColumnSegment(LogicalType.INTEGER, rows);
        Vector src = new Vector(LogicalType.INTEGER, rows);
        Random rnd = new Random(20261207);
        boolean[] isNull = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            src.ints[i] = i;
            // runs of NULLs, single NULLs and a long NULL-free stretch (rows 3000-3999)
            isNull[i] = i < 3000 ? rnd.nextInt(7) == 0 || (i / 100) % 9 == 4 : i >= 4000 && rnd.nextInt(3) == 0;
            if (isNull[i]) src.setNull(i);
        }
        seg.append(src, 0, rows, 0);
        int[] starts = {0, 1, 5, 63, 64, 65, 127, 128, 2047, 2048, 2049, 2900, 3000, 3001, 3990, 4000, 4095};
        int[] counts = {1, 2, 63, 64, 65, 100, 128, 129, 640, 999};
        for (int start : starts) {
            for (int count : counts) {
                if (start + count > rows) continue;
                for (int outOffset : new int[] {0, 64, 3}) {
                    Vector out = new Vector(LogicalType.INTEGER, outOffset + count);
                    seg.read(start, count, out, outOffset);
                    boolean any = false;
                    for (int i = 0; i < count; i++) {
                        any |= isNull[start + i];
                        assertEquals(isNull[start + i], out.isNull(outOffset + i), "start " + start + " count " + count
                                + " offset " + outOffset + " row " + i);
                        if (!isNull[start + i]) assertEquals(start + i, out.ints[outOffset + i]);
                    }
                    if (!any) assertNull(out.validity, "start " + start + " count " + count);
                    for (int i = 0; i < outOffset; i++) assertEquals(false, out.isNull(i));
                }
            }
        }
    }
}
