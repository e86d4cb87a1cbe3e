package io.tealdb.storage.file;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteOut} wrote. Reading past the end throws {@link CorruptDataException}: the
 * bytes passed a checksum, so a short read means a format error, reported rather than trusted.
 */
public final class ByteIn {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteIn(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteIn(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public int position() {
        return pos;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) {
            throw new CorruptDataException("unexpected end of data");
        }
    }

    public int readByte() {
        need(1);
        return buf[pos++];
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public int readInt() {
        need(4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    public long readLong() {
        need(8);
        long v = (long) LONG_LE.get(buf, pos);
        pos += 8;
        return v;
    }

    /**
     * Reads {@code count} little-endian longs into {@code dst[0, count)} with one bulk copy: fast
     * also before the JIT compiled the caller (a cold process's first scan), unlike a loop of
     * {@link #readLong}, whose VarHandle access is slow until it is inlined.
     */
    public void readLongs(long[] dst, int count) {
        if (count < 0 || count > (end - pos) >>> 3) {
            throw new CorruptDataException("unexpected end of data");
        }
        java.nio.ByteBuffer.wrap(buf, pos, count * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(dst, 0, count);
        pos += count * 8;
    }

    public long readVarLong() {
        long v = 0;
        int shift = 0;
        while (true) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
            if (shift > 63) {
                throw new CorruptDataException("malformed variable-length integer");
            }
        }
    }

    public int readVarInt() {
        long v = readVarLong();
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new CorruptDataException("malformed variable-length integer");
        }
        return (int) v;
    }

    /** A non-negative count or length, bounded by the bytes left when {@code bytesEach} > 0. */
    public int readCount(int bytesEach) {
        int v = readVarInt();
        if (v < 0 || (bytesEach > 0 && (long) v * bytesEach > end - pos)) {
            throw new CorruptDataException("length " + v + " exceeds the data");
        }
        return v;
    }

    public long readSignedVarLong() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public void readBytes(byte[] dst, int off, int len) {
        need(len);
        System.arraycopy(buf, pos, dst, off, len);
        pos += len;
    }

    public byte[] readBlob() {
        int len = readCount(1);
        byte[] b = new byte[len];
        readBytes(b, 0, len);
        return b;
    }

    /** The array and offset of the next {@code len} bytes, skipping them (no copy). */
    public int skip(int len) {
        need(len);
        int at = pos;
        pos += len;
        return at;
    }

    public byte[] array() {
        return buf;
    }

    public String readString() {
        long len = readSignedVarLong();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > end - pos) {
            throw new CorruptDataException("string length " + len + " exceeds the data");
        }
        String s = new String(buf, pos, (int) len, StandardCharsets.UTF_8);
        pos += (int) len;
        return s;
    }
}
