package io.tealdb.io.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The decoded non-null values of one data page or dictionary page, in the array of their physical
 * type. Byte arrays are (offset, length) pairs into {@link #heap}, which for PLAIN pages is the page
 * buffer itself: the page buffers of string and blob columns are never reused, so vectors may borrow
 * them instead of copying strings (see {@link ColumnBuffers}).
 */
final class PageValues {
    int count;
    byte[] bools;
    int[] ints;
    long[] longs;
    float[] floats;
    double[] doubles;
    byte[] heap;
    int[] offsets;
    int[] lengths;

    /** PLAIN values of {@code physical} (FLBA width {@code typeLength}) in {@code buf[pos, end)}. */
    static PageValues plain(int physical, int typeLength, byte[] buf, int pos, int end, int n) {
        return plain(physical, typeLength, buf, pos, end, n, new PageValues());
    }

    /**
     * As {@link #plain(int, int, byte[], int, int, int)}, decoded into {@code v}, whose arrays are
     * reused when large enough (a reader's pages of one column all have the same physical type, so
     * only that type's arrays are ever set; they may be longer than {@link #count}).
     */
    static PageValues plain(int physical, int typeLength, byte[] buf, int pos, int end, int n, PageValues v) {
        v.count = n;
        int avail = end - pos;
        switch (physical) {
            case ParquetEnums.BOOLEAN -> {
                if ((long) n > (long) avail * 8) throw short_();
                v.bools = v.bools != null && v.bools.length >= n ? v.bools : new byte[n];
                for (int i = 0; i < n; i++) v.bools[i] = (byte) ((buf[pos + (i >>> 3)] >>> (i & 7)) & 1);
            }
            case ParquetEnums.INT32 -> {
                if ((long) n * 4 > avail) throw short_();
                v.ints = v.ints != null && v.ints.length >= n ? v.ints : new int[n];
                ByteBuffer.wrap(buf, pos, n * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v.ints, 0, n);
            }
            case ParquetEnums.INT64 -> {
                if ((long) n * 8 > avail) throw short_();
                v.longs = v.longs != null && v.longs.length >= n ? v.longs : new long[n];
                ByteBuffer.wrap(buf, pos, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v.longs, 0, n);
            }
            case ParquetEnums.INT96 -> {
                if ((long) n * 12 > avail) throw short_();
                v.longs = v.longs != null && v.longs.length >= n ? v.longs : new long[n];
                ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    long nanos = bb.getLong(pos + i * 12);
                    int julian = bb.getInt(pos + i * 12 + 8);
                    v.longs[i] = (julian - 2440588L) * 86_400_000_000L + Math.floorDiv(nanos, 1000);
                }
            }
            case ParquetEnums.FLOAT -> {
                if ((long) n * 4 > avail) throw short_();
                v.floats = v.floats != null && v.floats.length >= n ? v.floats : new float[n];
                ByteBuffer.wrap(buf, pos, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v.floats, 0, n);
            }
            case ParquetEnums.DOUBLE -> {
                if ((long) n * 8 > avail) throw short_();
                v.doubles = v.doubles != null && v.doubles.length >= n ? v.doubles : new double[n];
                ByteBuffer.wrap(buf, pos, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v.doubles, 0, n);
            }
            case ParquetEnums.BYTE_ARRAY -> {
                v.heap = buf;
                v.reserveSlices(n);
                int p = pos;
                for (int i = 0; i < n; i++) {
                    if (end - p < 4) throw short_();
                    int len = (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | (buf[p + 3] & 0xff) << 24;
                    p += 4;
                    if (len < 0 || len > end - p) throw short_();
                    v.offsets[i] = p;
                    v.lengths[i] = len;
                    p += len;
                }
            }
            case ParquetEnums.FIXED_LEN_BYTE_ARRAY -> {
                if ((long) n * typeLength > avail) throw short_();
                v.heap = buf;
                v.reserveSlices(n);
                for (int i = 0; i < n; i++) {
                    v.offsets[i] = pos + i * typeLength;
                    v.lengths[i] = typeLength;
                }
            }
            default -> throw new ParquetFormatException("unknown physical type " + physical);
        }
        return v;
    }

    private void reserveSlices(int n) {
        if (offsets == null || offsets.length < n) {
            offsets = new int[n];
            lengths = new int[n];
        }
    }

    /** BYTE_STREAM_SPLIT: byte k of value i is at {@code k * n + i}; reassembled, then read as PLAIN. */
    static PageValues byteStreamSplit(int physical, int typeLength, byte[] buf, int pos, int end, int n) {
        int width = switch (physical) {
            case ParquetEnums.INT32, ParquetEnums.FLOAT -> 4;
            case ParquetEnums.INT64, ParquetEnums.DOUBLE -> 8;
            case ParquetEnums.FIXED_LEN_BYTE_ARRAY -> typeLength;
            default -> throw new ParquetFormatException("BYTE_STREAM_SPLIT is not defined for " + ParquetEnums.typeName(physical));
        };
        if ((long) n * width > end - pos) throw short_();
        byte[] out = new byte[n * width];
        for (int k = 0; k < width; k++) {
            int s = pos + k * n;
            for (int i = 0; i < n; i++) out[i * width + k] = buf[s + i];
        }
        return plain(physical, typeLength, out, 0, out.length, n);
    }

    /** DELTA_BINARY_PACKED integers. */
    static PageValues deltaBinaryPacked(int physical, byte[] buf, int pos, int end, int n) {
        if (physical != ParquetEnums.INT32 && physical != ParquetEnums.INT64) {
            throw new ParquetFormatException("DELTA_BINARY_PACKED is not defined for " + ParquetEnums.typeName(physical));
        }
        PageValues v = new PageValues();
        v.count = n;
        long[] longs = new long[n];
        if (n > 0) new DeltaBinaryPackedDecoder(buf, pos, end).read(longs, 0, n);
        if (physical == ParquetEnums.INT32) {
            v.ints = v.ints != null && v.ints.length >= n ? v.ints : new int[n];
            for (int i = 0; i < n; i++) v.ints[i] = (int) longs[i];
        } else {
            v.longs = longs;
        }
        return v;
    }

    /** DELTA_LENGTH_BYTE_ARRAY: all lengths (delta packed), then all bytes. */
    static PageValues deltaLength(byte[] buf, int pos, int end, int n) {
        PageValues v = new PageValues();
        v.count = n;
        v.heap = buf;
        v.offsets = new int[n];
        v.lengths = new int[n];
        if (n == 0) return v;
        DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(buf, pos, end);
        long[] lens = new long[n];
        d.read(lens, 0, n);
        int p = d.endPosition();
        for (int i = 0; i < n; i++) {
            long len = lens[i];
            if (len < 0 || len > end - p) throw short_();
            v.offsets[i] = p;
            v.lengths[i] = (int) len;
            p += (int) len;
        }
        return v;
    }

    /** DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then the suffixes (DELTA_LENGTH_BYTE_ARRAY). */
    static PageValues deltaByteArray(byte[] buf, int pos, int end, int n) {
        PageValues v = new PageValues();
        v.count = n;
        v.offsets = new int[n];
        v.lengths = new int[n];
        if (n == 0) {
            v.heap = new byte[0];
            return v;
        }
        DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(buf, pos, end);
        long[] prefixes = new long[n];
        d.read(prefixes, 0, n);
        PageValues suffixes = deltaLength(buf, d.endPosition(), end, n);
        long total = 0;
        for (int i = 0; i < n; i++) total += prefixes[i] + suffixes.lengths[i];
        if (total > Integer.MAX_VALUE - 16) throw new ParquetFormatException("DELTA_BYTE_ARRAY page too large");
        byte[] heap = new byte[(int) total];
        int p = 0, prevOff = 0, prevLen = 0;
        for (int i = 0; i < n; i++) {
            long pre = prefixes[i];
            if (pre < 0 || pre > prevLen) throw new ParquetFormatException("DELTA_BYTE_ARRAY prefix longer than the previous value");
            System.arraycopy(heap, prevOff, heap, p, (int) pre);
            System.arraycopy(buf, suffixes.offsets[i], heap, p + (int) pre, suffixes.lengths[i]);
            v.offsets[i] = p;
            v.lengths[i] = (int) pre + suffixes.lengths[i];
            prevOff = p;
            prevLen = v.lengths[i];
            p += v.lengths[i];
        }
        v.heap = heap;
        return v;
    }

    /** RLE-encoded booleans (4-byte length, then the hybrid encoding at bit width 1). */
    static PageValues rleBooleans(byte[] buf, int pos, int end, int n) {
        if (end - pos < 4) throw short_();
        int len = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        if (len < 0 || len > end - pos - 4) throw short_();
        PageValues v = new PageValues();
        v.count = n;
        v.bools = v.bools != null && v.bools.length >= n ? v.bools : new byte[n];
        new RleBitPackedDecoder(buf, pos + 4, pos + 4 + len, 1).read(v.bools, 0, n);
        return v;
    }

    private static ParquetFormatException short_() {
        return new ParquetFormatException("page data ends before all values were read");
    }
}
