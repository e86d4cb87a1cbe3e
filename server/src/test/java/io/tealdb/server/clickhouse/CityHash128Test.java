package io.tealdb.server.clickhouse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** CityHash128 v1.0.2 against ClickHouse's vectors and client-v2's own implementation (test-scoped oracle). */
class CityHash128Test {
    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) i;
        return b;
    }

    private static void check(int len, String low, String high) {
        long[] h = CityHash128.hash(ramp(len), 0, len);
        assertEquals(Long.parseUnsignedLong(low, 16), h[0], "low64 of len " + len);
        assertEquals(Long.parseUnsignedLong(high, 16), h[1], "high64 of len " + len);
    }

    @Test
    void publishedVectors() {
        check(0, "3df09dfc64c09a2b", "3cb540c392e51e29");
        check(12, "182760380e12873f", "89a96c2b71930cc2");
        check(100, "836ad9510a7189d4", "92d5fdf90b6d0ef9");
        check(200, "275774699e23b6fd", "5682ef01ebe7289c");
        check(1000, "e3942d1e552d8fd9", "866b4a22f6990200");
    }

    @Test
    void agreesWithClientV2ForManyLengths() {
        Random r = new Random(7);
        for (int len = 0; len < 600; len++) {
            byte[] b = new byte[len + 3];
            r.nextBytes(b);
            long[] mine = CityHash128.hash(b, 3, len);
            long[] theirs = com.clickhouse.data.ClickHouseCityHash.cityHash128(b, 3, len);
            assertArrayEquals(theirs, mine, "len " + len);
        }
    }

    @Test
    void compressedBlockGoldenBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChCompression.BlockOutputStream s = new ChCompression.BlockOutputStream(out)) {
            s.write("1\n".getBytes());
        }
        assertEquals("de79cf087fb635049db816df195b016b820c00000002000000203 10a".replace(" ", ""), HexFormat.of().formatHex(out.toByteArray()));
    }

    @Test
    void blocksRoundTrip() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(1).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) data[i] = 'a';
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChCompression.BlockOutputStream s = new ChCompression.BlockOutputStream(out)) {
            s.write(data);
        }
        byte[] back = new ChCompression.BlockInputStream(new java.io.ByteArrayInputStream(out.toByteArray())).readAllBytes();
        assertArrayEquals(data, back);
    }
}
