package io.tealdb.io.parquet;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoder of Thrift's compact protocol, the encoding of Parquet's footer and page headers. It reads
 * any struct generically into a {@link ThriftStruct}; Parquet's metadata classes pick their fields
 * from it. Every length and count is checked against the bytes left, and nesting is bounded, so a
 * corrupt footer ends in a {@link ParquetFormatException} rather than an OutOfMemoryError or a hang.
 */
public final class ThriftCompactReader {
    private static final int STOP = 0, TRUE = 1, FALSE = 2, BYTE = 3, I16 = 4, I32 = 5, I64 = 6, DOUBLE = 7,
            BINARY = 8, LIST = 9, SET = 10, MAP = 11, STRUCT = 12;
    private static final int MAX_DEPTH = 64;

    private final byte[] buf;
    private int pos;
    private final int end;

    public ThriftCompactReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Position after the last byte read (a page header's size is known only after decoding it). */
    public int position() {
        return pos;
    }

    public ThriftStruct readStruct() {
        return readStruct(0);
    }

    private ThriftStruct readStruct(int depth) {
        if (depth > MAX_DEPTH) throw new ParquetFormatException("Thrift structure nested too deeply");
        ThriftStruct s = new ThriftStruct();
        int lastId = 0;
        while (true) {
            int header = readByte() & 0xff;
            int type = header & 0x0f;
            if (type == STOP) return s;
            int delta = header >>> 4;
            int id = delta == 0 ? (short) zigzag32(readVarint()) : lastId + delta;
            lastId = id;
            Object value = switch (type) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> readValue(type, depth);
            };
            s.put(id, value);
        }
    }

    private Object readValue(int type, int depth) {
        return switch (type) {
            case TRUE, FALSE -> (readByte() == TRUE);
            case BYTE -> (long) readByte();
            case I16, I32 -> (long) zigzag32(readVarint());
            case I64 -> zigzag64(readVarint());
            case DOUBLE -> {
                need(8);
                long bits = 0;
                for (int i = 0; i < 8; i++) bits |= (buf[pos + i] & 0xffL) << (8 * i);
                pos += 8;
                yield Double.longBitsToDouble(bits);
            }
            case BINARY -> {
                int len = length();
                byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + len);
                pos += len;
                yield b;
            }
            case LIST, SET -> {
                int h = readByte() & 0xff;
                int size = h >>> 4;
                if (size == 15) size = length();
                int elem = h & 0x0f;
                if (size > end - pos) throw new ParquetFormatException("Thrift list of " + size + " elements exceeds the data");
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) list.add(readValue(elem, depth + 1));
                yield list;
            }
            case MAP -> {
                int size = length();
                if (size > 0) {
                    int kv = readByte() & 0xff;
                    for (int i = 0; i < size; i++) {
                        readValue(kv >>> 4, depth + 1);
                        readValue(kv & 0x0f, depth + 1);
                    }
                }
                yield List.of(); // Parquet's metadata has no maps; skipped
            }
            case STRUCT -> readStruct(depth + 1);
            default -> throw new ParquetFormatException("invalid Thrift type " + type);
        };
    }

    private int length() {
        long n = readVarint();
        if (n < 0 || n > end - pos) throw new ParquetFormatException("Thrift length " + n + " exceeds the data");
        return (int) n;
    }

    private byte readByte() {
        need(1);
        return buf[pos++];
    }

    private void need(int n) {
        if (end - pos < n) throw new ParquetFormatException("Thrift data ends unexpectedly");
    }

    private long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) return result;
        }
        throw new ParquetFormatException("malformed Thrift varint");
    }

    private static int zigzag32(long n) {
        int v = (int) n;
        return (v >>> 1) ^ -(v & 1);
    }

    private static long zigzag64(long n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
