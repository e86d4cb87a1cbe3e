package io.tealdb.io.parquet;

import java.util.Arrays;

/**
 * A growable byte array the Parquet writer encodes pages into: ByteArrayOutputStream's methods are
 * synchronized, which cost more than the writes when a dictionary or a string page is written a few
 * bytes at a time.
 */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if ((long) size + more > buf.length) {
            long cap = Math.max((long) size + more, buf.length * 2L);
            if (cap > Integer.MAX_VALUE - 16) {
                if ((long) size + more > Integer.MAX_VALUE - 16) throw new ParquetFormatException("a Parquet page or column chunk exceeds 2 GB");
                cap = Integer.MAX_VALUE - 16;
            }
            buf = Arrays.copyOf(buf, (int) cap);
        }
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void le32(int v) {
        ensure(4);
        byte[] a = buf;
        int p = size;
        a[p] = (byte) v;
        a[p + 1] = (byte) (v >>> 8);
        a[p + 2] = (byte) (v >>> 16);
        a[p + 3] = (byte) (v >>> 24);
        size = p + 4;
    }

    void le64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) buf[size + i] = (byte) (v >>> (8 * i));
        size += 8;
    }

    /** Grows the content by {@code n} bytes and returns where they start in {@link #array()}, for the caller to fill. */
    int reserve(long n) {
        if (n > Integer.MAX_VALUE - 16) throw new ParquetFormatException("a Parquet page or column chunk exceeds 2 GB");
        ensure((int) n);
        int at = size;
        size += (int) n;
        return at;
    }

    /** The current buffer (valid until the next write). */
    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
