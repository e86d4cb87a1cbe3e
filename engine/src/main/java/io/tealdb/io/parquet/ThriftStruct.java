package io.tealdb.io.parquet;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One decoded Thrift struct: its fields by id, as the compact protocol carried them (Long for every
 * integer width, Boolean, Double, byte[] for binary/string, List for lists and sets, ThriftStruct for
 * structs). Parquet's metadata types are read from this generic form, so the decoder needs no schema.
 */
public final class ThriftStruct {
    private Object[] fields = new Object[12];

    void put(int id, Object value) {
        if (id < 0 || id > 32767) return;
        if (id >= fields.length) fields = java.util.Arrays.copyOf(fields, Math.max(id + 1, fields.length * 2));
        fields[id] = value;
    }

    public boolean has(int id) {
        return id < fields.length && fields[id] != null;
    }

    public Object get(int id) {
        return id < fields.length ? fields[id] : null;
    }

    public long i64(int id, long orElse) {
        return get(id) instanceof Long l ? l : orElse;
    }

    public int i32(int id, int orElse) {
        return get(id) instanceof Long l ? (int) (long) l : orElse;
    }

    public boolean bool(int id, boolean orElse) {
        return get(id) instanceof Boolean b ? b : orElse;
    }

    public byte[] binary(int id) {
        return get(id) instanceof byte[] b ? b : null;
    }

    public String string(int id) {
        byte[] b = binary(id);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public ThriftStruct struct(int id) {
        return get(id) instanceof ThriftStruct s ? s : null;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(int id) {
        return get(id) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** The id of the first field present: which member a Thrift union holds (-1 if none). */
    public int unionMember() {
        for (int i = 0; i < fields.length; i++) if (fields[i] != null) return i;
        return -1;
    }
}
