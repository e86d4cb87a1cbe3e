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

    /**
     * Appends written a word at a time (source and target rows starting on a 64-row word) and row by
     * row (either unaligned) give every row's NULL flag, value and the zone map's NULL and value
     * flags of a reference kept row by row: sources with and without a mask, all-valid masks, and a
     * segment whose mask exists before the append.
     */
    @Test
    void appendsOfEveryAlignmentKeepEveryRowsNull() {
        Random rnd = new Random(7);
        int[][] shapes = {{0, 2048, 0}, {0, 64, 0}, {0, 100, 64}, {64, 63, 128}, {3, 200, 0}, {0, 130, 5}, {128, 1, 192}, {0, 2048, 2048}};
        for (int density = 0; density < 4; density++) {
            for (boolean withMask : new boolean[] {true, false}) {
                for (boolean nullFirst : new boolean[] {true, false}) {
                    ColumnSegment seg = new ColumnSegment(LogicalType.INTEGER, 8192);
                    java.util.Map<Integer, Integer> expected = new java.util.HashMap<>(); // row -> value or null
                    boolean anyNull = false;
                    boolean anyValue = false;
                    if (nullFirst) {
                        Vector one = new Vector(LogicalType.INTEGER, 1);
                        one.setNull(0);
                        seg.append(one, 0, 1, 8000);
                        expected.put(8000, null);
                        anyNull = true;
                    }
                    for (int[] shape : shapes) {
                        int srcOffset = shape[0];
                        int count = shape[1];
                        int dstRow = shape[2] + (expected.containsKey(shape[2]) ? 4096 : 0);
                        Vector src = new Vector(LogicalType.INTEGER, srcOffset + count);
                        for (int r = 0; r < srcOffset + count; r++) {
                            src.ints[r] = rnd.nextInt(1000);
                            // density 0: a mask without NULLs; 1: rare; 2: half; 3: all NULL
                            boolean isNull = withMask && switch (density) {
                                case 1 -> rnd.nextInt(50) == 0;
                                case 2 -> rnd.nextBoolean();
                                case 3 -> true;
                                default -> false;
                            };
                            if (isNull) src.setNull(r);
                            else if (withMask && density == 0) src.setValid(r);
                        }
                        if (withMask && src.validity == null) {
                            src.setNull(0); // makes the mask
                            src.setValid(0);
                        }
                        seg.append(src, srcOffset, count, dstRow);
                        for (int r = 0; r < count; r++) {
                            boolean n = src.isNull(srcOffset + r);
                            expected.put(dstRow + r, n ? null : src.ints[srcOffset + r]);
                            anyNull |= n;
                            anyValue |= !n;
                        }
                    }
                    for (var e : expected.entrySet()) {
                        assertEquals(e.getValue() == null, !seg.isValid(e.getKey()), "row " + e.getKey() + " density " + density);
                        if (e.getValue() != null) {
                            Vector out = new Vector(LogicalType.INTEGER, 1);
                            seg.read(e.getKey(), 1, out, 0);
                            assertEquals(e.getValue(), out.ints[0]);
                        }
                    }
                    assertEquals(anyNull, seg.hasNull, "density " + density + " mask " + withMask);
                    assertEquals(anyValue, seg.hasValue, "density " + density + " mask " + withMask);
                }
            }
        }
    }
}
