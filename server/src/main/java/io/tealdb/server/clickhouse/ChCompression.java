package io.tealdb.server.clickhouse;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.brotli.dec.BrotliInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The compressions of the ClickHouse HTTP interface: HTTP Content-Encoding of requests (lz4 frames,
 * zstd, gzip, deflate, br) and responses (lz4, zstd, gzip, deflate), and ClickHouse's own compressed
 * blocks ({@code compress=1} / {@code decompress=1}): a CityHash128 v1.0.2 checksum, a method byte,
 * sizes, then an LZ4 block (or a ZSTD frame, or stored bytes).
 */
final class ChCompression {
    static final int MAX_BLOCK = 1 << 20;
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private ChCompression() {
    }

    static InputStream decodeRequest(String encoding, InputStream in) throws IOException {
        if (encoding == null || encoding.isBlank()) return in;
        return switch (encoding.strip().toLowerCase(Locale.ROOT)) {
            case "identity" -> in;
            case "gzip", "x-gzip" -> new GZIPInputStream(in, 1 << 16);
            case "deflate" -> new InflaterInputStream(in);
            case "zstd" -> new ZstdInputStream(in).setContinuous(false);
            case "lz4" -> new Lz4FrameInputStream(in);
            case "br" -> new BrotliInputStream(in);
            default -> throw new ChException(36, "BAD_ARGUMENTS", "Unknown Content-Encoding of the request: " + encoding
                    + " (supported: gzip, deflate, zstd, lz4, br)");
        };
    }

    /** The first codec of Accept-Encoding this server can write, or null. */
    static String pickResponseEncoding(String acceptEncoding) {
        if (acceptEncoding == null) return null;
        for (String part : acceptEncoding.split(",")) {
            String e = part.strip().split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (e.equals("gzip") || e.equals("deflate") || e.equals("zstd") || e.equals("lz4")) return e;
        }
        return null;
    }

    static OutputStream encodeResponse(String encoding, OutputStream out) throws IOException {
        return switch (encoding) {
            case "gzip" -> new GZIPOutputStream(out, 1 << 16);
            case "deflate" -> new DeflaterOutputStream(out);
            case "zstd" -> new ZstdOutputStream(out);
            case "lz4" -> new LZ4FrameOutputStream(out);
            default -> throw new IllegalArgumentException(encoding);
        };
    }

    /** compress=1: the response as ClickHouse LZ4 blocks of at most 1 MiB each. */
    static final class BlockOutputStream extends OutputStream {
        private final OutputStream out;
        private final LZ4Compressor lz4 = LZ4.fastCompressor();
        private final byte[] buf = new byte[MAX_BLOCK];
        private int len;
        private byte[] packed = new byte[16 + 9 + LZ4.fastCompressor().maxCompressedLength(MAX_BLOCK)];

        BlockOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (len == buf.length) block();
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            while (n > 0) {
                if (len == buf.length) block();
                int k = Math.min(n, buf.length - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        private void block() throws IOException {
            if (len == 0) return;
            int c = lz4.compress(buf, 0, len, packed, 25, packed.length - 25);
            int total = 9 + c;
            packed[16] = (byte) 0x82;
            putInt(packed, 17, total);
            putInt(packed, 21, len);
            long[] h = CityHash128.hash(packed, 16, total);
            putLong(packed, 0, h[0]);
            putLong(packed, 8, h[1]);
            out.write(packed, 0, 16 + total);
            len = 0;
        }

        @Override
        public void flush() throws IOException {
            block();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }

    /** decompress=1: the request body as ClickHouse compressed blocks (checksums verified). */
    static final class BlockInputStream extends InputStream {
        private final InputStream in;
        private final LZ4FastDecompressor lz4 = LZ4.fastDecompressor();
        private byte[] block = new byte[0];
        private int pos;
        private int limit;

        BlockInputStream(InputStream in) {
            this.in = in;
        }

        private boolean next() throws IOException {
            byte[] head = new byte[25];
            int got = in.readNBytes(head, 0, 25);
            if (got == 0) return false;
            if (got < 25) throw ChException.badData("Truncated compressed block header");
            int method = head[16] & 0xFF;
            int total = getInt(head, 17);
            int raw = getInt(head, 21);
            if (total < 9 || total > (64 << 20) || raw < 0 || raw > (256 << 20)) {
                throw new ChException(271, "CANNOT_DECOMPRESS", "Invalid compressed block sizes (" + total + ", " + raw + ")");
            }
            byte[] packed = new byte[total];
            System.arraycopy(head, 16, packed, 0, 9);
            if (in.readNBytes(packed, 9, total - 9) != total - 9) throw ChException.badData("Truncated compressed block");
            long[] h = CityHash128.hash(packed, 0, total);
            if (h[0] != getLong(head, 0) || h[1] != getLong(head, 8)) {
                throw new ChException(40, "CHECKSUM_DOESNT_MATCH", "Checksum doesn't match: corrupted data");
            }
            if (block.length < raw) block = new byte[raw];
            switch (method) {
                case 0x82 -> lz4.decompress(packed, 9, block, 0, raw);
                case 0x02 -> System.arraycopy(packed, 9, block, 0, raw);
                case 0x90 -> {
                    long n = Zstd.decompressByteArray(block, 0, raw, packed, 9, total - 9);
                    if (n != raw) throw new ChException(271, "CANNOT_DECOMPRESS", "ZSTD block has the wrong size");
                }
                default -> throw new ChException(271, "CANNOT_DECOMPRESS", "Unknown compression method 0x" + Integer.toHexString(method));
            }
            pos = 0;
            limit = raw;
            return true;
        }

        @Override
        public int read() throws IOException {
            while (pos >= limit) if (!next()) return -1;
            return block[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) return 0;
            while (pos >= limit) if (!next()) return -1;
            int k = Math.min(n, limit - pos);
            System.arraycopy(block, pos, b, off, k);
            pos += k;
            return k;
        }
    }

    static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[at + i] & 0xFF);
        return v;
    }
}
