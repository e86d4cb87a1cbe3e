package io.tealdb.server.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A little-endian byte writer with its own buffer in front of the response stream: the binary
 * formats write fixed-width values and varints straight into it (no per-value objects).
 */
final class ByteSink extends OutputStream {
    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private long total;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    long bytesWritten() {
        return total + pos;
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            drain();
            if (n > buf.length) buf = new byte[Math.max(n, buf.length * 2)];
        }
    }

    private void drain() {
        if (pos == 0) return;
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        total += pos;
        pos = 0;
    }

    @Override
    public void write(int b) {
        room(1);
        buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len > buf.length / 2) {
            drain();
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            total += len;
            return;
        }
        room(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void u8(int v) {
        room(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        room(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
    }

    void u32(int v) {
        room(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
    }

    void u64(long v) {
        room(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) v;
            v >>>= 8;
        }
    }

    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** n longs (rows null: the first n), little-endian. */
    void longs(long[] a, int[] rows, int n) {
        room(Math.min(n, 4096) * 8);
        for (int i = 0; i < n; i++) {
            if (pos + 8 > buf.length) drain();
            LONG.set(buf, pos, a[rows == null ? i : rows[i]]);
            pos += 8;
        }
    }

    void ints(int[] a, int[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (pos + 4 > buf.length) drain();
            INT.set(buf, pos, a[rows == null ? i : rows[i]]);
            pos += 4;
        }
    }

    /** longs narrowed to 32 bits (UInt32 stored in a long). */
    void longsAsInts(long[] a, int[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (pos + 4 > buf.length) drain();
            INT.set(buf, pos, (int) a[rows == null ? i : rows[i]]);
            pos += 4;
        }
    }

    void shorts(short[] a, int[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (pos + 2 > buf.length) drain();
            SHORT.set(buf, pos, a[rows == null ? i : rows[i]]);
            pos += 2;
        }
    }

    void intsAsShorts(int[] a, int[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (pos + 2 > buf.length) drain();
            SHORT.set(buf, pos, (short) a[rows == null ? i : rows[i]]);
            pos += 2;
        }
    }

    void bytesOf(byte[] a, int[] rows, int n) {
        if (rows == null) {
            write(a, 0, n);
            return;
        }
        for (int i = 0; i < n; i++) u8(a[rows[i]]);
    }

    void shortsAsBytes(short[] a, int[] rows, int n) {
        for (int i = 0; i < n; i++) u8(a[rows == null ? i : rows[i]]);
    }

    void floats(float[] a, int[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (pos + 4 > buf.length) drain();
            INT.set(buf, pos, Float.floatToRawIntBits(a[rows == null ? i : rows[i]]));
            pos += 4;
        }
    }

    void doubles(double[] a, int[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (pos + 8 > buf.length) drain();
            LONG.set(buf, pos, Double.doubleToRawLongBits(a[rows == null ? i : rows[i]]));
            pos += 8;
        }
    }

    void varint(long v) {
        room(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        write(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) {
        varint(len);
        write(b, off, len);
    }

    void fill(int value, int count) {
        for (int i = 0; i < count; i++) u8(value);
    }

    void ascii(String s) {
        for (int i = 0; i < s.length(); i++) u8(s.charAt(i));
    }

    void utf8(CharSequence s) {
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }

    @Override
    public void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
