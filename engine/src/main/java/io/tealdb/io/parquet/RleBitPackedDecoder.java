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
        int i = 0;
        if (bitWidth <= 16) {
            // values of the run left in the current group of eight (runs hold whole groups)
            int lead = Math.min(n, runLeft & 7);
            if (lead > 0) unpackValues(out, off, lead);
            i = lead + unpackGroups(out, off + lead, (n - lead) >>> 3) * 8;
        }
        if (i < n) unpackValues(out, off + i, n - i);
    }

    /**
     * Whole groups of eight values of up to 16 bits, starting at a group boundary: one or two
     * 64-bit loads per group instead of one per value. Returns the groups decoded (fewer than
     * {@code groups} near the end of the data, where the caller decodes value by value).
     */
    private int unpackGroups(int[] out, int off, int groups) {
        int bw = bitWidth;
        long mask = (1L << bw) - 1;
        int limit = Math.min(end, buf.length);
        long bp = bitPos; // byte aligned at a group boundary
        int p = (int) (bp >>> 3);
        // the second load of a wide group reads 8 bytes at p + half
        int half = (4 * bw) >>> 3, halfShift = (4 * bw) & 7;
        int need = bw <= 8 ? 8 : half + 8;
        int safe = p + need > limit ? 0 : Math.min(groups, (limit - need - p) / bw + 1);
        int s1 = bw, s2 = 2 * bw, s3 = 3 * bw;
        if (bw <= 8) {
            int s4 = 4 * bw, s5 = 5 * bw, s6 = 6 * bw, s7 = 7 * bw;
            for (int g = 0; g < safe; g++, p += bw, off += 8) {
                long w = (long) LONG_LE.get(buf, p);
                out[off] = (int) (w & mask);
                out[off + 1] = (int) (w >>> s1 & mask);
                out[off + 2] = (int) (w >>> s2 & mask);
                out[off + 3] = (int) (w >>> s3 & mask);
                out[off + 4] = (int) (w >>> s4 & mask);
                out[off + 5] = (int) (w >>> s5 & mask);
                out[off + 6] = (int) (w >>> s6 & mask);
                out[off + 7] = (int) (w >>> s7 & mask);
            }
        } else {
            for (int g = 0; g < safe; g++, p += bw, off += 8) {
                long w = (long) LONG_LE.get(buf, p);
                out[off] = (int) (w & mask);
                out[off + 1] = (int) (w >>> s1 & mask);
                out[off + 2] = (int) (w >>> s2 & mask);
                out[off + 3] = (int) (w >>> s3 & mask);
                long x = (long) LONG_LE.get(buf, p + half) >>> halfShift;
                out[off + 4] = (int) (x & mask);
                out[off + 5] = (int) (x >>> s1 & mask);
                out[off + 6] = (int) (x >>> s2 & mask);
                out[off + 7] = (int) (x >>> s3 & mask);
            }
        }
        bitPos = bp + (long) safe * 8 * bw;
        return safe;
    }

    /** Values one by one from {@link #bitPos}. */
    private void unpackValues(int[] out, int off, int n) {
        long mask = (1L << bitWidth) - 1;
        long bp = bitPos;
        int bw = bitWidth;
        // while 8 bytes can be read at the value's byte: one unaligned little-endian load per value
        long safeEnd = (long) Math.min(end, buf.length) - 8;
        // how many values start at or before byte safeEnd: a counted loop without a bounds test per value
        long safeBits = safeEnd * 8 + 7 - bp;
        int safe = safeBits < 0 ? 0 : (int) Math.min(n, safeBits / bw + 1);
        int i = 0;
        for (; i < safe; i++) {
            long word = (long) LONG_LE.get(buf, (int) (bp >>> 3));
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
