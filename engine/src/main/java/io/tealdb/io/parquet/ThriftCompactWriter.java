package io.tealdb.io.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encoder of Thrift's compact protocol for the footer and page headers the writer emits. Fields
 * are written in increasing id order inside {@link #beginStruct}/{@link #endStruct}; the field-id
 * deltas are tracked per open struct.
 */
final class ThriftCompactWriter {
    private static final int TRUE = 1, FALSE = 2, I32 = 5, I64 = 6, BINARY = 8, LIST = 9, STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final int[] lastIds = new int[64];
    private int depth;

    byte[] toByteArray() {
        return out.toByteArray();
    }

    void beginStruct() {
        lastIds[++depth] = 0;
    }

    void endStruct() {
        out.write(0);
        depth--;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastIds[depth];
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastIds[depth] = id;
    }

    void i32(int id, int v) {
        fieldHeader(id, I32);
        varint(zigzag(v));
    }

    void i64(int id, long v) {
        fieldHeader(id, I64);
        varint((v << 1) ^ (v >> 63));
    }

    void i8(int id, int v) {
        fieldHeader(id, 3);
        out.write(v);
    }

    void bool(int id, boolean v) {
        fieldHeader(id, v ? TRUE : FALSE);
    }

    void binary(int id, byte[] b) {
        fieldHeader(id, BINARY);
        varint(b.length);
        out.write(b, 0, b.length);
    }

    void string(int id, String s) {
        binary(id, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A struct-valued field: call, write its fields, then {@link #endStruct}. */
    void structField(int id) {
        fieldHeader(id, STRUCT);
        beginStruct();
    }

    /** A list field of {@code size} elements of compact type {@code elemType}; elements follow. */
    void listField(int id, int elemType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write(size << 4 | elemType);
        } else {
            out.write(0xf0 | elemType);
            varint(size);
        }
    }

    void listOfStructs(int id, int size) {
        listField(id, STRUCT, size);
    }

    /** An element of a list of structs: its fields, then {@link #endStruct}. */
    void beginListStruct() {
        beginStruct();
    }

    /** Bytes encoded by another writer, e.g. a list element struct (with its stop byte). */
    void raw(byte[] encoded) {
        out.write(encoded, 0, encoded.length);
    }

    void listI32(int id, int[] values) {
        listField(id, I32, values.length);
        for (int v : values) varint(zigzag(v));
    }

    void listStrings(int id, java.util.List<String> values) {
        listField(id, BINARY, values.size());
        for (String s : values) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            out.write(b, 0, b.length);
        }
    }

    private static long zigzag(int v) {
        return ((v << 1) ^ (v >> 31)) & 0xffffffffL;
    }

    private void varint(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
