package io.tealdb.server.clickhouse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads concatenated LZ4 frames (the {@code Content-Encoding: lz4} of clickhouse-connect, one frame
 * per Native block). python-lz4 writes frames with <em>linked</em> blocks (a block's matches may
 * reach into the previous 64 KiB), which lz4-java's LZ4FrameInputStream rejects and its block
 * decompressors cannot do (they take no prefix). So this class parses the frame format and decodes
 * the LZ4 sequences itself, keeping the last 64 KiB of output as the window. Checksums in the frame
 * (header, block, content) are skipped, not verified: TCP already guards the bytes.
 */
final class Lz4FrameInput extends InputStream {
    private static final int MAGIC = 0x184D2204;
    private static final int WINDOW = 64 * 1024;
    private final InputStream in;
    private byte[] out = new byte[WINDOW + (4 << 20)];
    private int outPos;
    private int outLimit;
    private byte[] block = new byte[1 << 16];
    private boolean inFrame;
    private boolean blockChecksum;
    private boolean contentChecksum;
    private int maxBlock;

    Lz4FrameInput(InputStream in) {
        this.in = in;
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) throw ChException.badData("Truncated LZ4 frame");
        return b;
    }

    private int u32() throws IOException {
        return u8() | u8() << 8 | u8() << 16 | u8() << 24;
    }

    /** Starts the next frame; false at the end of the stream. */
    private boolean frame() throws IOException {
        while (true) {
            int b0 = in.read();
            if (b0 < 0) return false;
            int magic = b0 | u8() << 8 | u8() << 16 | u8() << 24;
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) {
                in.skipNBytes(u32() & 0xFFFFFFFFL);
                continue;
            }
            if (magic != MAGIC) throw new ChException(271, "CANNOT_DECOMPRESS", "Not an LZ4 frame (magic 0x" + Integer.toHexString(magic) + ")");
            int flg = u8();
            int bd = u8();
            if ((flg >>> 6) != 1) throw new ChException(271, "CANNOT_DECOMPRESS", "Unsupported LZ4 frame version");
            blockChecksum = (flg & 0x10) != 0;
            contentChecksum = (flg & 0x04) != 0;
            int sizeId = (bd >>> 4) & 7;
            if (sizeId < 4) throw new ChException(271, "CANNOT_DECOMPRESS", "Invalid LZ4 block size id " + sizeId);
            maxBlock = 1 << (8 + 2 * sizeId);
            if ((flg & 0x08) != 0) in.skipNBytes(8);
            if ((flg & 0x01) != 0) in.skipNBytes(4);
            u8(); // header checksum
            inFrame = true;
            return true;
        }
    }

    /** Decodes the next block into {@code out}; false at the end of the stream. */
    private boolean nextBlock() throws IOException {
        while (true) {
            if (!inFrame && !frame()) return false;
            int size = u32();
            if (size == 0) {
                if (contentChecksum) in.skipNBytes(4);
                inFrame = false;
                continue;
            }
            boolean stored = size < 0;
            size &= 0x7FFFFFFF;
            if (size > maxBlock + 16) throw new ChException(271, "CANNOT_DECOMPRESS", "LZ4 block larger than the frame allows");
            // keep the window: move the last 64 KiB to the front when the next block might not fit
            if (outLimit + maxBlock > out.length) {
                int keep = Math.min(WINDOW, outLimit);
                System.arraycopy(out, outLimit - keep, out, 0, keep);
                outLimit = keep;
            }
            if (out.length < outLimit + maxBlock) out = java.util.Arrays.copyOf(out, outLimit + maxBlock);
            int start = outLimit;
            if (stored) {
                in.readNBytes(out, outLimit, size);
                outLimit += size;
            } else {
                if (block.length < size) block = new byte[size];
                if (in.readNBytes(block, 0, size) != size) throw ChException.badData("Truncated LZ4 block");
                outLimit = decode(block, size, out, outLimit, outLimit + maxBlock);
            }
            if (blockChecksum) in.skipNBytes(4);
            outPos = start;
            if (outLimit > start) return true;
        }
    }

    /** LZ4 block format: sequences of literals and (offset, length) matches into the output so far. */
    private static int decode(byte[] src, int srcLen, byte[] dst, int op, int opMax) {
        int ip = 0;
        while (ip < srcLen) {
            int token = src[ip++] & 0xFF;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    if (ip >= srcLen) throw corrupt();
                    b = src[ip++] & 0xFF;
                    lit += b;
                } while (b == 255);
            }
            if (ip + lit > srcLen || op + lit > opMax) throw corrupt();
            System.arraycopy(src, ip, dst, op, lit);
            ip += lit;
            op += lit;
            if (ip >= srcLen) break;
            if (ip + 2 > srcLen) throw corrupt();
            int offset = (src[ip] & 0xFF) | (src[ip + 1] & 0xFF) << 8;
            ip += 2;
            int len = token & 15;
            if (len == 15) {
                int b;
                do {
                    if (ip >= srcLen) throw corrupt();
                    b = src[ip++] & 0xFF;
                    len += b;
                } while (b == 255);
            }
            len += 4;
            int match = op - offset;
            if (offset == 0 || match < 0 || op + len > opMax) throw corrupt();
            if (offset >= len) {
                System.arraycopy(dst, match, dst, op, len);
                op += len;
            } else {
                for (int k = 0; k < len; k++) dst[op++] = dst[match++];
            }
        }
        return op;
    }

    private static ChException corrupt() {
        return new ChException(271, "CANNOT_DECOMPRESS", "Corrupted LZ4 data in the request body");
    }

    @Override
    public int read() throws IOException {
        if (outPos >= outLimit && !nextBlock()) return -1;
        return out[outPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (outPos >= outLimit && !nextBlock()) return -1;
        int n = Math.min(len, outLimit - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }
}
