package io.tealdb.server.clickhouse;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies in LZ4 frame format (Content-Encoding: lz4), one or more concatenated frames, with
 * independent or linked blocks. Blocks are decoded by lz4-java (native when available).
 *
 * <p>Why not lz4-java's own frame reader: it rejects linked blocks, and python-lz4 (clickhouse-connect)
 * links them by default. Why not Commons Compress: its pure-Java decoder ran at ~2 MB/s on Native
 * column data (many short overlapping matches), which made lz4 inserts 30× slower than the rest of
 * the path. A linked block may refer to up to 64 KiB of the output before it; lz4-java has no API for
 * such a prefix, so the block is handed to it with that prefix prepended to the literals of its first
 * sequence (only the first token's literal length changes): the decoder then sees one self-contained
 * block whose output starts with the prefix, which is skipped.
 */
final class Lz4FrameInputStream extends InputStream {
    private static final int MAGIC = 0x184D2204;
    private static final int WINDOW = 64 << 10;
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 HASH = XXHashFactory.fastestInstance().hash32();

    private final InputStream in;
    private final byte[] word = new byte[8];
    // the current frame
    private boolean inFrame;
    private boolean linked;
    private boolean blockChecksum;
    private boolean contentChecksum;
    private int blockMax;
    private StreamingXXHash32 content;
    // blocks: compressed input, the rewritten input of a linked block, and the output
    private byte[] packed = new byte[0];
    private byte[] joined = new byte[0];
    private byte[] out = new byte[0];
    private final byte[] window = new byte[WINDOW];
    private int windowLen;
    private int pos;
    private int limit;
    private boolean eof;

    Lz4FrameInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        while (pos >= limit) if (!nextBlock()) return -1;
        return out[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos >= limit) if (!nextBlock()) return -1;
        int n = Math.min(len, limit - pos);
        System.arraycopy(out, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Decodes the next block (starting a frame when needed); false at the end of the body. */
    private boolean nextBlock() throws IOException {
        while (true) {
            if (eof) return false;
            if (!inFrame && !startFrame()) {
                eof = true;
                return false;
            }
            int size = readInt();
            if (size == 0) { // EndMark
                if (contentChecksum && readInt() != content.getValue()) throw new IOException("lz4 frame: content checksum mismatch");
                inFrame = false;
                continue;
            }
            boolean stored = (size & 0x80000000) != 0;
            size &= 0x7FFFFFFF;
            if (size > blockMax) throw new IOException("lz4 frame: block of " + size + " bytes exceeds the frame's maximum " + blockMax);
            readFully(packed, size);
            if (blockChecksum && readInt() != HASH.hash(packed, 0, size, 0)) throw new IOException("lz4 frame: block checksum mismatch");
            if (stored) {
                System.arraycopy(packed, 0, out, 0, size);
                pos = 0;
                limit = size;
            } else if (!linked || windowLen == 0) {
                pos = 0;
                limit = decompress(packed, size, 0);
            } else {
                int n = joinWithWindow(size);
                pos = windowLen;
                limit = decompress(joined, n, windowLen);
            }
            if (contentChecksum) content.update(out, pos, limit - pos);
            if (linked) remember();
            if (limit > pos) return true;
        }
    }

    private int decompress(byte[] src, int len, int prefix) throws IOException {
        try {
            int n = LZ4.decompress(src, 0, len, out, 0, prefix + blockMax);
            if (n < prefix) throw new IOException("lz4 frame: corrupt block");
            return n;
        } catch (LZ4Exception e) {
            throw new IOException("lz4 frame: corrupt block (" + e.getMessage() + ")");
        }
    }

    /**
     * Writes into {@code joined} the block with the window prepended to its first sequence's literals
     * and returns its length.
     */
    private int joinWithWindow(int size) throws IOException {
        int token = packed[0] & 0xFF;
        int lit = token >>> 4;
        int i = 1;
        if (lit == 15) {
            int b;
            do {
                if (i >= size) throw new IOException("lz4 frame: corrupt block");
                b = packed[i++] & 0xFF;
                lit += b;
            } while (b == 255);
        }
        if (lit > size - i) throw new IOException("lz4 frame: corrupt block");
        int total = windowLen + lit;
        int need = 1 + total / 255 + 1 + total + (size - i - lit);
        if (joined.length < need) joined = new byte[Math.max(need, 2 * joined.length)];
        int o = 0;
        joined[o++] = (byte) (Math.min(total, 15) << 4 | token & 0x0F);
        if (total >= 15) {
            int rest = total - 15;
            while (rest >= 255) {
                joined[o++] = (byte) 255;
                rest -= 255;
            }
            joined[o++] = (byte) rest;
        }
        System.arraycopy(window, 0, joined, o, windowLen);
        o += windowLen;
        System.arraycopy(packed, i, joined, o, size - i);
        return o + size - i;
    }

    /** Keeps the last 64 KiB of the output (the window of the next linked block). */
    private void remember() {
        int produced = limit - pos;
        if (produced >= WINDOW) {
            System.arraycopy(out, limit - WINDOW, window, 0, WINDOW);
            windowLen = WINDOW;
        } else {
            // out[0..pos) is the old window when the block was joined; else shift the window ourselves
            int keep = Math.min(windowLen, WINDOW - produced);
            System.arraycopy(window, windowLen - keep, window, 0, keep);
            System.arraycopy(out, pos, window, keep, produced);
            windowLen = keep + produced;
        }
    }

    /** Reads a frame header (skipping skippable frames); false at the end of the body. */
    private boolean startFrame() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) return false;
            word[0] = (byte) first;
            readFully(word, 1, 3);
            int magic = getInt(word, 0);
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) { // skippable frame
                in.skipNBytes(Integer.toUnsignedLong(readInt()));
                continue;
            }
            if (magic != MAGIC) throw new IOException("lz4 frame: bad magic number 0x" + Integer.toHexString(magic));
            byte[] desc = new byte[15];
            readFully(desc, 0, 2);
            int flg = desc[0] & 0xFF;
            int bd = desc[1] & 0xFF;
            if ((flg >>> 6) != 1) throw new IOException("lz4 frame: unsupported version " + (flg >>> 6));
            if ((flg & 0x01) != 0) throw new IOException("lz4 frame: dictionaries are not supported");
            int n = 2;
            if ((flg & 0x08) != 0) { // content size
                readFully(desc, n, 8);
                n += 8;
            }
            int hc = in.read();
            if (hc < 0) throw new IOException("lz4 frame: truncated header");
            if (((HASH.hash(desc, 0, n, 0) >>> 8) & 0xFF) != hc) throw new IOException("lz4 frame: header checksum mismatch");
            int code = (bd >>> 4) & 0x07;
            if (code < 4) throw new IOException("lz4 frame: bad block size code " + code);
            blockMax = 1 << (2 * code + 8);
            linked = (flg & 0x20) == 0;
            blockChecksum = (flg & 0x10) != 0;
            contentChecksum = (flg & 0x04) != 0;
            // the pure-Java streaming hash: it holds no native memory that would wait for a cleaner
            if (contentChecksum) content = XXHashFactory.safeInstance().newStreamingHash32(0);
            windowLen = 0;
            if (packed.length < blockMax) packed = new byte[blockMax];
            if (out.length < WINDOW + blockMax) out = new byte[WINDOW + blockMax];
            inFrame = true;
            return true;
        }
    }

    private int readInt() throws IOException {
        readFully(word, 0, 4);
        return getInt(word, 0);
    }

    private void readFully(byte[] b, int len) throws IOException {
        readFully(b, 0, len);
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        if (in.readNBytes(b, off, len) != len) throw new IOException("lz4 frame: truncated data");
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
