package io.tealdb.io.parquet;

/**
 * Parquet's RLE / bit-packed hybrid encoding (definition and repetition levels, dictionary indexes,
 * RLE booleans): runs of {@code header >> 1} repeated values when the header's low bit is 0, else
 * {@code header >> 1} groups of eight values bit-packed least significant bit first.
 */
final class RleBitPackedDecoder {
    private final byte[] buf;
    private int pos;
    private final int end;
    private final int bitWidth;
    private final int byteWidth;

    // current run
    private int runLeft;
    private boolean packed;
    private int runValue;
    private long bitPos; // absolute bit position within buf while in a bit-packed run

    RleBitPackedDecoder(byte[] buf, int pos, int end, int bitWidth) {
        if (bitWidth < 0 || bitWidth > 32) throw new ParquetFormatException("invalid RLE bit width " + bitWidth);
        this.buf = buf;
        this.pos = pos;
        this.end = end;
        this.bitWidth = bitWidth;
        this.byteWidth = (bitWidth + 7) >>> 3;
    }

    /** Decodes the next {@code n} values into {@code out[off..off+n)}. */
    void read(int[] out, int off, int n) {
        int done = 0;
        while (done < n) {
            if (runLeft == 0) nextRun();
            int take = Math.min(runLeft, n - done);
            if (!packed) {
                java.util.Arrays.fill(out, off + done, off + done + take, runValue);
            } else {
                unpack(out, off + done, take);
            }
            runLeft -= take;
            done += take;
        }
    }

    /** Decodes {@code n} values into bytes (levels, booleans). */
    void read(byte[] out, int off, int n) {
        int done = 0;
        int[] tmp = null;
        while (done < n) {
            if (runLeft == 0) nextRun();
            int take = Math.min(runLeft, n - done);
            if (!packed) {
                java.util.Arrays.fill(out, off + done, off + done + take, (byte) runValue);
            } else {
                if (tmp == null || tmp.length < take) tmp = new int[Math.max(take, 64)];
                unpack(tmp, 0, take);
                for (int i = 0; i < take; i++) out[off + done + i] = (byte) tmp[i];
            }
            runLeft -= take;
            done += take;
        }
    }

    private void nextRun() {
        if (pos >= end) throw new ParquetFormatException("RLE data ends before all values were read");
        long header = 0;
        for (int shift = 0; ; shift += 7) {
            if (pos >= end || shift > 35) throw new ParquetFormatException("malformed RLE run header");
            byte b = buf[pos++];
            header |= (long) (b & 0x7f) << shift;
            if (b >= 0) break;
        }
        if ((header & 1) == 0) {
            long count = header >>> 1;
            if (count <= 0 || count > Integer.MAX_VALUE) throw new ParquetFormatException("invalid RLE run length " + count);
            if (end - pos < byteWidth) throw new ParquetFormatException("RLE data ends inside a run");
            int v = 0;
            for (int i = 0; i < byteWidth; i++) v |= (buf[pos + i] & 0xff) << (8 * i);
            pos += byteWidth;
            packed = false;
            runValue = v;
            runLeft = (int) count;
        } else {
            long groups = header >>> 1;
            long values = groups * 8;
            long bytes = groups * bitWidth;
            if (groups <= 0 || values > Integer.MAX_VALUE) throw new ParquetFormatException("invalid bit-packed run length");
            // a writer may end the last run early (fewer bytes than groups need): treat missing bytes as zeros
            packed = true;
            runLeft = (int) values;
            bitPos = (long) pos * 8;
            pos = (int) Math.min(end, pos + bytes);
        }
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private void unpack(int[] out, int off, int n) {
        if (bitWidth == 0) {
            java.util.Arrays.fill(out, off, off + n, 0);
            return;
        }
        long mask = (1L << bitWidth) - 1;
        long bp = bitPos;
        int bw = bitWidth;
        // while 8 bytes can be read at the value's byte: one unaligned little-endian load per value
        long safeEnd = (long) Math.min(end, buf.length) - 8;
        int i = 0;
        for (; i < n; i++) {
            int byteIndex = (int) (bp >>> 3);
            if (byteIndex > safeEnd) break;
            long word = (long) LONG_LE.get(buf, byteIndex);
            out[off + i] = (int) ((word >>> (bp & 7)) & mask);
            bp += bw;
        }
        for (; i < n; i++) {
            int byteIndex = (int) (bp >>> 3);
            int shift = (int) (bp & 7);
            long word = 0;
            int need = (shift + bw + 7) >>> 3;
            for (int b = 0; b < need; b++) {
                int idx = byteIndex + b;
                if (idx < end) word |= (buf[idx] & 0xffL) << (8 * b);
            }
            out[off + i] = (int) ((word >>> shift) & mask);
            bp += bw;
        }
        bitPos = bp;
    }

    /** The number of bits a value up to {@code max} needs. */
    static int bitWidth(long max) {
        return 64 - Long.numberOfLeadingZeros(max);
    }
}
