package io.tealdb.storage;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shortcuts of the append path (word-wise equality of recent strings, the four-bytes-a-step
 * distinct-count hash, zone-map comparisons of values with equal 8-byte prefixes) against the plain
 * computations they replace.
 */
class AppendHotPathTest {
    private static long naiveHash(byte[] h, int off, int len) {
        long x = 0;
        for (int k = off; k < off + len; k++) x = x * 31 + h[k];
        return x;
    }

    @Test
    void polyHashIsTheByteAtATimeHash() {
        Random r = new Random(20261207);
        for (int iter = 0; iter < 20_000; iter++) {
            byte[] b = new byte[80];
            r.nextBytes(b); // negative bytes too: the hash is over signed bytes
            int off = r.nextInt(20), len = r.nextInt(60);
            assertEquals(naiveHash(b, off, len), DistinctCounter.polyHash(b, off, len), "len " + len);
        }
    }

    @Test
    void sameBytesAgreesWithArraysEquals() {
        Random r = new Random(7);
        for (int len = 0; len <= 40; len++) {
            for (int iter = 0; iter < 200; iter++) {
                byte[] a = new byte[len + 13];
                r.nextBytes(a);
                int ao = r.nextInt(7), bo = r.nextInt(9);
                byte[] b = new byte[len + 13];
                System.arraycopy(a, ao, b, bo, len);
                if (len > 0 && iter % 2 == 1) b[bo + r.nextInt(len)] ^= (byte) (1 + r.nextInt(255)); // one byte differs
                assertEquals(Arrays.equals(a, ao, ao + len, b, bo, bo + len), ColumnSegment.sameBytes(a, ao, b, bo, len), "len " + len);
            }
        }
    }

    @Test
    void stringZoneMapsMatchAFullSort() {
        // values sharing 8-byte prefixes, zero bytes at the end, lengths around 8: the cases where the
        // prefix alone cannot order two values
        String[] pool = {"ab", "ab\0", "ab\0\0", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefgg", "abcdefgi", "", "\0", "name-999",
            "name-99", "name-9990", "name-1", "name-10", "zzzzzzzz", "zzzzzzz", "zzzzzzzz\0", "\u00e9t\u00e9", "a"};
        Random r = new Random(11);
        for (int iter = 0; iter < 300; iter++) {
            int n = 1 + r.nextInt(DataChunk.CAPACITY);
            Vector v = new Vector(LogicalType.VARCHAR, n);
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String s = pool[r.nextInt(1 + iter % pool.length)];
                v.setString(i, s);
                values.add(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            values.sort(Arrays::compareUnsigned);
            SegmentStats st = ColumnSegment.statsOf(v, n);
            assertArrayEquals(values.get(0), st.minBytes());
            assertArrayEquals(values.get(values.size() - 1), st.maxBytes());
        }
    }
}
