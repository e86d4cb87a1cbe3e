package io.tealdb.server.clickhouse;

import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The LZ4 frame reader against frames written by python-lz4 (clickhouse-connect's compressor, linked
 * blocks; fixtures in resources/lz4, see its README) and by lz4-java (independent blocks).
 */
class Lz4FrameInputStreamTest {

    /** The fixtures' data: Native-like columns (sequential longs, doubles, short strings) and text lines. */
    static byte[] data(int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(16 * rows).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows; i++) b.putLong(i);
        for (int i = 0; i < rows; i++) b.putDouble(i * 0.25);
        out.write(b.array(), 0, b.position());
        for (int i = 0; i < rows; i++) {
            byte[] s = ("name-" + (i * 7919 % 1000)).getBytes(StandardCharsets.US_ASCII);
            out.write(s.length);
            out.write(s, 0, s.length);
        }
        for (int i = 0; i < rows; i++) out.writeBytes(("row " + i + " value " + ((long) i * i % 9973) + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = Lz4FrameInputStreamTest.class.getResourceAsStream("/lz4/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] decode(byte[] body, int readSize) throws IOException {
        try (InputStream in = new Lz4FrameInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[readSize];
            int n;
            while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
            return out.toByteArray();
        }
    }

    @Test
    void linkedBlocksFromPythonLz4() throws IOException {
        byte[] expected = data(7000);
        for (String f : new String[] {"linked-default.lz4", "linked-checksums-256k.lz4", "independent-1m.lz4"}) {
            for (int readSize : new int[] {1, 1000, 1 << 16, 1 << 20}) {
                if (readSize == 1 && !f.startsWith("linked-default")) continue;
                assertArrayEquals(expected, decode(fixture(f), readSize), f + " read " + readSize);
            }
        }
    }

    @Test
    void concatenatedFramesAsClickHouseConnectSendsThem() throws IOException {
        // one frame per insert block: the body is the frames back to back, the window restarts in each
        byte[] one = fixture("linked-default.lz4");
        byte[] other = fixture("linked-checksums-256k.lz4");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(one);
        body.writeBytes(other);
        body.writeBytes(one);
        byte[] d = data(7000);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) expected.writeBytes(d);
        assertArrayEquals(expected.toByteArray(), decode(body.toByteArray(), 777));
    }

    @Test
    void independentBlocksFromLz4JavaIncludingStoredOnes() throws IOException {
        byte[] text = data(20_000);
        byte[] noise = new byte[300_000];
        new Random(3).nextBytes(noise); // incompressible: stored blocks
        for (byte[] d : new byte[][] {text, noise, new byte[0]}) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (OutputStream o = new LZ4FrameOutputStream(bos, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM)) {
                o.write(d);
            }
            assertArrayEquals(d, decode(bos.toByteArray(), 4096));
        }
        assertArrayEquals(new byte[0], decode(new byte[0], 100));
    }

    @Test
    void corruptDataIsAnIOException() throws IOException {
        byte[] good = fixture("linked-checksums-256k.lz4");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x55; // a block checksum no longer matches
        assertThrows(IOException.class, () -> decode(flipped, 1 << 16));
        byte[] unchecked = fixture("linked-default.lz4");
        for (int at = 20; at < unchecked.length; at += 997) { // no checksums: garbage decodes or fails, never hangs or crashes
            byte[] bad = unchecked.clone();
            bad[at] ^= (byte) 0xA7;
            try {
                decode(bad, 1 << 16);
            } catch (IOException expected) {
                // fine
            }
        }
        assertThrows(IOException.class, () -> decode(Arrays.copyOf(good, good.length - 100), 1 << 16));
        assertThrows(IOException.class, () -> decode("not lz4 at all".getBytes(StandardCharsets.UTF_8), 16));
        byte[] badHeader = good.clone();
        badHeader[5] ^= 0x01; // BD byte: the header checksum no longer matches
        assertThrows(IOException.class, () -> decode(badHeader, 16));
    }
}
