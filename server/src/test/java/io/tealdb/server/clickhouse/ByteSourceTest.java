package io.tealdb.server.clickhouse;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk readers of Native columns over a body that arrives in pieces of random size (as a
 * decompressed HTTP body does), so that values straddle the ends of the reader's buffer.
 */
class ByteSourceTest {
    /** Returns the data in pieces of 1..maxPiece bytes. */
    private static InputStream pieces(byte[] data, int maxPiece, long seed) {
        Random r = new Random(seed);
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) return -1;
                int n = Math.min(Math.min(len, 1 + r.nextInt(maxPiece)), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    @Test
    void columnsStraddlingBufferEndsDecodeExactly() {
        Random r = new Random(42);
        int n = 70_001; // each column crosses the 64 KiB buffer several times
        long[] longs = new long[n];
        double[] doubles = new double[n];
        int[] ints = new int[n];
        float[] floats = new float[n];
        short[] shorts = new short[n];
        String[] strings = new String[n];
        ByteBuffer bb = ByteBuffer.allocate(n * 26).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) bb.putLong(longs[i] = r.nextLong());
        for (int i = 0; i < n; i++) bb.putDouble(doubles[i] = i % 97 == 0 ? Double.NaN : r.nextGaussian() * 1e6);
        for (int i = 0; i < n; i++) bb.putInt(ints[i] = r.nextInt());
        for (int i = 0; i < n; i++) bb.putFloat(floats[i] = r.nextFloat() - 0.5f);
        for (int i = 0; i < n; i++) bb.putShort(shorts[i] = (short) r.nextInt());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bb.array(), 0, bb.position());
        for (int i = 0; i < n; i++) {
            // lengths from 0 to past 128 (two-byte varints), and a few longer than the buffer's slack
            int len = i % 1000 == 0 ? 300 + r.nextInt(200) : r.nextInt(i % 7 == 0 ? 200 : 20);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) sb.append((char) ('a' + r.nextInt(26)));
            if (i % 11 == 0) sb.append("\u00e9\u4e2d");
            strings[i] = sb.toString();
            byte[] b = strings[i].getBytes(StandardCharsets.UTF_8);
            varint(out, b.length);
            out.write(b, 0, b.length);
        }
        varint(out, 1L << 40);
        byte[] data = out.toByteArray();
        for (int maxPiece : new int[]{1, 7, 4096, 1 << 20}) {
            ByteSource in = new ByteSource(pieces(data, maxPiece, maxPiece));
            long[] l = new long[n + 3];
            in.longs(l, 3, n);
            double[] d = new double[n];
            in.doubles(d, 0, n);
            int[] x = new int[n];
            in.ints(x, 0, n);
            float[] f = new float[n];
            in.floats(f, 0, n);
            short[] s = new short[n];
            in.shorts(s, 0, n);
            assertArrayEquals(longs, java.util.Arrays.copyOfRange(l, 3, n + 3));
            for (int i = 0; i < n; i++) assertEquals(Double.doubleToRawLongBits(doubles[i]), Double.doubleToRawLongBits(d[i]));
            assertArrayEquals(ints, x);
            assertArrayEquals(floats, f);
            assertArrayEquals(shorts, s);
            Vector v = new Vector(LogicalType.VARCHAR, n);
            in.strings(v, 0, 5);
            in.strings(v, 5, n - 5);
            for (int i = 0; i < n; i++) assertEquals(strings[i], v.getString(i), "row " + i + ", pieces of " + maxPiece);
            assertEquals(1L << 40, in.varint());
            assertTrue(in.atEnd());
        }
    }

    @Test
    void truncatedDataIsABadDataError() {
        byte[] data = {5, 'a', 'b'}; // a String of 5 bytes with 2 present
        ByteSource in = new ByteSource(pieces(data, 2, 1));
        Vector v = new Vector(LogicalType.VARCHAR, 1);
        assertThrows(ChException.class, () -> in.strings(v, 0, 1));
        ByteSource longs = new ByteSource(pieces(new byte[12], 5, 2));
        assertThrows(ChException.class, () -> longs.longs(new long[2], 0, 2));
    }
}
