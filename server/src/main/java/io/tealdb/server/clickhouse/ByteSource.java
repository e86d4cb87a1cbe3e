package io.tealdb.server.clickhouse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.tealdb.vector.Vector;

/** A buffered little-endian reader over the request data (Native and RowBinary input). */
final class ByteSource {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long consumed;

    ByteSource(InputStream in) {
        this.in = in;
    }

    long bytesRead() {
        return consumed + pos;
    }

    /** True at the end of the data. */
    boolean atEnd() {
        return pos >= limit && !fill();
    }

    private boolean fill() {
        if (pos < limit) return true;
        consumed += limit;
        pos = 0;
        limit = 0;
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) return false;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void need(int n) {
        if (limit - pos >= n) return;
        // move the rest to the front and read until n bytes are there
        int rest = limit - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        consumed += pos;
        pos = 0;
        limit = rest;
        try {
            while (limit < n) {
                int r = in.read(buf, limit, buf.length - limit);
                if (r <= 0) throw ChException.badData("Unexpected end of data: " + new EOFException().getClass().getSimpleName());
                limit += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    short i16() {
        need(2);
        short v = (short) SHORT.get(buf, pos);
        pos += 2;
        return v;
    }

    int i32() {
        need(4);
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    long i64() {
        need(8);
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    long varint() {
        if (limit - pos >= 10) {
            // the whole varint is in the buffer: no refill check per byte
            byte[] b = buf;
            int p = pos;
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = b[p++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    pos = p;
                    return v;
                }
            }
            throw ChException.badData("Malformed varint in the data");
        }
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw ChException.badData("Malformed varint in the data");
    }

    int length(long max) {
        long n = varint();
        if (n < 0 || n > max) throw ChException.badData("Too large size (" + n + ") in the data");
        return (int) n;
    }

    String str() {
        int n = length(1 << 30);
        byte[] b = new byte[n];
        read(b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    void read(byte[] dst, int off, int len) {
        while (len > 0) {
            if (pos >= limit && !fill()) throw ChException.badData("Unexpected end of data");
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    void skip(long n) {
        while (n > 0) {
            if (pos >= limit && !fill()) throw ChException.badData("Unexpected end of data");
            int k = (int) Math.min(n, limit - pos);
            pos += k;
            n -= k;
        }
    }

    // The bulk readers below take every value that lies wholly in the buffer in one tight loop and
    // refill only between runs (a value may straddle the end of the buffer; need() joins it).

    void longs(long[] dst, int off, int n) {
        while (n > 0) {
            if (limit - pos < 8) need(8);
            int k = Math.min(n, (limit - pos) >>> 3);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < k; i++, p += 8) dst[off + i] = (long) LONG.get(b, p);
            pos = p;
            off += k;
            n -= k;
        }
    }

    void doubles(double[] dst, int off, int n) {
        while (n > 0) {
            if (limit - pos < 8) need(8);
            int k = Math.min(n, (limit - pos) >>> 3);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < k; i++, p += 8) dst[off + i] = (double) DOUBLE.get(b, p);
            pos = p;
            off += k;
            n -= k;
        }
    }

    void ints(int[] dst, int off, int n) {
        while (n > 0) {
            if (limit - pos < 4) need(4);
            int k = Math.min(n, (limit - pos) >>> 2);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < k; i++, p += 4) dst[off + i] = (int) INT.get(b, p);
            pos = p;
            off += k;
            n -= k;
        }
    }

    void floats(float[] dst, int off, int n) {
        while (n > 0) {
            if (limit - pos < 4) need(4);
            int k = Math.min(n, (limit - pos) >>> 2);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < k; i++, p += 4) dst[off + i] = (float) FLOAT.get(b, p);
            pos = p;
            off += k;
            n -= k;
        }
    }

    void shorts(short[] dst, int off, int n) {
        while (n > 0) {
            if (limit - pos < 2) need(2);
            int k = Math.min(n, (limit - pos) >>> 1);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < k; i++, p += 2) dst[off + i] = (short) SHORT.get(b, p);
            pos = p;
            off += k;
            n -= k;
        }
    }

    /**
     * n Native String values (a varint length, then the bytes) into rows [at, at+n) of a VARLEN vector:
     * the bytes go from the read buffer straight into the vector's heap, with no array per value.
     */
    void strings(Vector v, int at, int n) {
        int[] offs = v.offsets;
        int[] lens = v.lengths;
        for (int i = 0; i < n; i++) {
            int len = length(1 << 30);
            int used = v.heapUsed;
            int need = used + len;
            if (need < 0) throw ChException.badData("Too large String column in the data");
            if (need > v.heap.length) v.heap = Arrays.copyOf(v.heap, Math.max(need, v.heap.length * 2));
            if (limit - pos >= len) {
                System.arraycopy(buf, pos, v.heap, used, len);
                pos += len;
            } else {
                read(v.heap, used, len);
            }
            offs[at + i] = used;
            lens[at + i] = len;
            v.heapUsed = need;
        }
    }
}
