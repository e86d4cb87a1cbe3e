package io.tealdb.storage.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer with variable-length integers (file and log formats). */
public final class ByteOut {
    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private byte[] buf;
    private int size;

    public ByteOut() {
        this(256);
    }

    public ByteOut(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    public void writeInt(int v) {
        ensure(4);
        buf[size] = (byte) v;
        buf[size + 1] = (byte) (v >>> 8);
        buf[size + 2] = (byte) (v >>> 16);
        buf[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    public void writeLong(long v) {
        ensure(8);
        LONG_LE.set(buf, size, v);
        size += 8;
    }

    /** The raw bits of {@code a[0, n)}, eight bytes each (one capacity check for the run). */
    public void writeDoubles(double[] a, int n) {
        ensure(8 * n);
        byte[] b = buf;
        int at = size;
        for (int i = 0; i < n; i++, at += 8) LONG_LE.set(b, at, Double.doubleToRawLongBits(a[i]));
        size = at;
    }

    /** Unsigned LEB128. */
    public void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    public void writeVarInt(int v) {
        writeVarLong(v & 0xFFFFFFFFL);
    }

    /** Zig-zag then LEB128 (small negative numbers stay short). */
    public void writeSignedVarLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    public void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Length-prefixed bytes. */
    public void writeBlob(byte[] b, int off, int len) {
        writeVarInt(len);
        writeBytes(b, off, len);
    }

    /** Length-prefixed UTF-8; null is written as length -1. */
    public void writeString(String s) {
        if (s == null) {
            writeSignedVarLong(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeSignedVarLong(b.length);
        writeBytes(b, 0, b.length);
    }

    public void writeLongs(long[] a, int n) {
        ensure(8 * n);
        byte[] b = buf;
        int at = size;
        for (int i = 0; i < n; i++, at += 8) LONG_LE.set(b, at, a[i]);
        size = at;
    }
}
