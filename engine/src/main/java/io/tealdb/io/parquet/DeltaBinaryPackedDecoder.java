package io.tealdb.io.parquet;

/**
 * DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first value), then
 * blocks of a zigzag min delta, one bit width per miniblock and the bit-packed deltas. Arithmetic
 * wraps as the format requires, so INT32 columns narrow the decoded longs.
 */
final class DeltaBinaryPackedDecoder {
    private final byte[] buf;
    private int pos;
    private final int end;
    final int totalValues;

    DeltaBinaryPackedDecoder(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
        blockSize = (int) uvarint();
        miniblocks = (int) uvarint();
        long total = uvarint();
        if (blockSize <= 0 || miniblocks <= 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 8 != 0 || blockSize > (1 << 20)
                || total < 0 || total > Integer.MAX_VALUE) {
            throw new ParquetFormatException("invalid DELTA_BINARY_PACKED header");
        }
        totalValues = (int) total;
        valuesPerMiniblock = blockSize / miniblocks;
        last = zigzag(uvarint());
    }

    private final int blockSize, miniblocks, valuesPerMiniblock;
    private long last;
    private int read;
    private long minDelta;
    private final int[] widths = new int[256];
    private int miniblock = Integer.MAX_VALUE;
    private int inMiniblock;
    private long bitPos;

    /** Decodes {@code n} values (at most the count the header announced). */
    void read(long[] out, int off, int n) {
        if (n > totalValues - read) throw new ParquetFormatException("DELTA_BINARY_PACKED page has fewer values than announced");
        for (int i = 0; i < n; i++) {
            if (read == 0) {
                out[off + i] = last;
                read++;
                continue;
            }
            if (miniblock >= miniblocks || inMiniblock == valuesPerMiniblock && miniblock == miniblocks - 1) {
                startBlock();
            } else if (inMiniblock == valuesPerMiniblock) {
                startMiniblock(miniblock + 1);
            }
            int w = widths[miniblock];
            long delta = w == 0 ? 0 : bits(bitPos, w);
            bitPos += w;
            inMiniblock++;
            last = last + minDelta + delta;
            out[off + i] = last;
            read++;
        }
    }

    /** Byte position after the last miniblock that held values (where a following section starts). */
    int endPosition() {
        return pos;
    }

    private void startBlock() {
        minDelta = zigzag(uvarint());
        if (miniblocks > widths.length) throw new ParquetFormatException("too many miniblocks");
        if (end - pos < miniblocks) throw new ParquetFormatException("DELTA_BINARY_PACKED data ends unexpectedly");
        for (int m = 0; m < miniblocks; m++) {
            widths[m] = buf[pos++] & 0xff;
            if (widths[m] > 64) throw new ParquetFormatException("invalid delta bit width " + widths[m]);
        }
        startMiniblock(0);
    }

    private void startMiniblock(int m) {
        miniblock = m;
        inMiniblock = 0;
        bitPos = (long) pos * 8;
        long bytes = (long) widths[m] * valuesPerMiniblock / 8;
        pos = (int) Math.min(end + 1L, pos + bytes);
        if (pos > end) {
            // the final miniblock may be cut short by writers when few values remain
            pos = end;
        }
    }

    private long bits(long bp, int w) {
        int byteIndex = (int) (bp >>> 3);
        int shift = (int) (bp & 7);
        long lo = 0;
        int need = (shift + w + 7) >>> 3;
        int first = Math.min(need, 8);
        for (int b = 0; b < first; b++) {
            int idx = byteIndex + b;
            if (idx < end) lo |= (buf[idx] & 0xffL) << (8 * b);
        }
        long v = lo >>> shift;
        if (need > 8) {
            int idx = byteIndex + 8;
            long hi = idx < end ? buf[idx] & 0xffL : 0;
            v |= hi << (64 - shift);
        }
        return w == 64 ? v : v & ((1L << w) - 1);
    }

    private long uvarint() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) throw new ParquetFormatException("DELTA_BINARY_PACKED data ends unexpectedly");
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) return result;
        }
        throw new ParquetFormatException("malformed varint");
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
