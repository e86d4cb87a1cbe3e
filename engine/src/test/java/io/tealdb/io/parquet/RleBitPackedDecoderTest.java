package io.tealdb.io.parquet;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The RLE / bit-packed hybrid decoder against values encoded here by the format's definition: every
 * bit width from 0 to 32, bit-packed runs mixed with repeated runs, reads of every size (so reads
 * start and stop inside groups of eight), and a last run whose bytes end early (missing bits are 0).
 */
class RleBitPackedDecoderTest {

    @Test
    void everyBitWidthAndReadSize() {
        Random rnd = new Random(42);
        for (int bw = 0; bw <= 32; bw++) {
            int n = 5000 + rnd.nextInt(3000);
            int[] values = new int[n];
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int i = 0;
            while (i < n) {
                if (rnd.nextInt(4) == 0) {
                    int len = Math.min(n - i, 1 + rnd.nextInt(300));
                    int v = random(rnd, bw);
                    for (int k = 0; k < len; k++) values[i + k] = v;
                    varint(b, (long) len << 1);
                    for (int k = 0; k < (bw + 7) / 8; k++) b.write(v >>> (8 * k));
                    i += len;
                } else {
                    int groups = 1 + rnd.nextInt(200);
                    int len = Math.min(n - i, groups * 8);
                    for (int k = 0; k < len; k++) values[i + k] = random(rnd, bw);
                    varint(b, ((long) groups << 1) | 1);
                    pack(b, values, i, len, groups * 8, bw);
                    i += len;
                }
            }
            byte[] bytes = b.toByteArray();
            for (int maxRead : new int[]{1, 7, 13, 2048, n}) {
                RleBitPackedDecoder d = new RleBitPackedDecoder(bytes, 0, bytes.length, bw);
                int[] out = new int[n];
                int done = 0;
                while (done < n) {
                    int take = Math.min(n - done, 1 + rnd.nextInt(maxRead));
                    d.read(out, done, take);
                    done += take;
                }
                assertArrayEquals(values, out, "bit width " + bw + ", reads up to " + maxRead);
            }
        }
    }

    @Test
    void aLastRunEndingEarlyReadsZeros() {
        for (int bw = 1; bw <= 32; bw++) {
            int n = 64;
            int[] values = new int[n];
            Random rnd = new Random(bw);
            for (int k = 0; k < n; k++) values[k] = random(rnd, bw);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            varint(b, (8L << 1) | 1);
            pack(b, values, 0, n, n, bw);
            byte[] all = b.toByteArray();
            int cut = all.length - (bw * 3) / 2; // the last values lose some or all of their bits
            int[] expected = new int[n];
            for (int k = 0; k < n; k++) {
                long bit = (long) k * bw;
                int v = 0;
                for (int x = 0; x < bw; x++) {
                    int byteIndex = 1 + (int) ((bit + x) >>> 3); // after the one-byte header
                    if (byteIndex < cut && (all[byteIndex] >>> ((bit + x) & 7) & 1) != 0) v |= 1 << x;
                }
                expected[k] = v;
            }
            // padded buffer: bytes past the end of the data must not be read as values
            byte[] padded = java.util.Arrays.copyOf(all, all.length + 16);
            java.util.Arrays.fill(padded, cut, padded.length, (byte) 0x5a);
            int[] out = new int[n];
            new RleBitPackedDecoder(padded, 0, cut, bw).read(out, 0, n);
            assertArrayEquals(expected, out, "bit width " + bw);
        }
    }

    private static int random(Random rnd, int bw) {
        if (bw == 0) return 0;
        return bw >= 31 ? rnd.nextInt() & (int) ((1L << bw) - 1) : rnd.nextInt(1 << bw);
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7fL) != 0) {
            b.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }

    /** {@code len} values (then zeros up to {@code slots}) bit-packed least significant bit first. */
    private static void pack(ByteArrayOutputStream b, int[] values, int from, int len, int slots, int bw) {
        long acc = 0;
        int bits = 0;
        for (int k = 0; k < slots; k++) {
            long v = k < len ? values[from + k] & 0xffffffffL : 0;
            acc |= v << bits;
            bits += bw;
            while (bits >= 8) {
                b.write((int) acc);
                acc >>>= 8;
                bits -= 8;
            }
        }
    }
}
