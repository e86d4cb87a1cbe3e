package io.tealdb.server.pg;

import io.tealdb.error.TealException;
import io.tealdb.function.cast.Casts;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Turns Bind parameter bytes into engine values. Binary parameters are decoded by their declared
 * OID (psycopg and pgjdbc send ints, floats, numerics, dates, uuids binary); text parameters with OID
 * 0 become VARCHAR and are cast to the type the binder inferred for that parameter.
 */
final class PgParams {
    private PgParams() {
    }

    static Value decode(byte[] data, boolean binary, int oid, LogicalType inferred) {
        if (data == null) return Value.nullOf(inferred != null ? inferred : LogicalType.VARCHAR);
        if (binary) return decodeBinary(data, oid);
        String text = new String(data, StandardCharsets.UTF_8);
        LogicalType target = PgType.logicalOf(oid);
        if (target == null || target.id() == TypeId.VARCHAR) target = inferred;
        if (oid == PgType.TIMESTAMPTZ || oid == PgType.TIMESTAMP || (oid == 0 && target != null && target.id() == TypeId.TIMESTAMP)) {
            Value ts = timestampWithOffset(text);
            if (ts != null) return ts;
        }
        if (target != null && (target.id() == TypeId.BIGINT || target.id() == TypeId.INTEGER || target.id() == TypeId.SMALLINT)) {
            // the common case of executemany and batches: digits, read without a cast kernel per value
            Value n = plainInteger(text, target);
            if (n != null) return n;
        }
        Value v = Value.ofVarchar(text);
        if (target == null || target.id() == TypeId.VARCHAR || target.id() == TypeId.SQLNULL) return v;
        if (target.id() == TypeId.LIST && text.strip().startsWith("{")) {
            // PostgreSQL's array text ({1,2,NULL}, {"a b","c\"d"}, {{1,2},{3,4}}), as psycopg and pgjdbc send lists
            try {
                return new Value(target, PgArrayText.parse(text.strip(), target.childType()));
            } catch (TealException e) {
                throw new PgError.Failure("22P02", "malformed array literal: \"" + text + "\" (" + e.getMessage() + ")");
            }
        }
        if (target.id() == TypeId.BOOLEAN) {
            String s = text.strip().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("t") || s.equals("on") || s.equals("yes") || s.equals("y") || s.equals("1")) return Value.ofBoolean(true);
            if (s.equals("f") || s.equals("off") || s.equals("no") || s.equals("n") || s.equals("0")) return Value.ofBoolean(false);
        }
        if (target.id() == TypeId.BLOB) {
            // PostgreSQL's bytea text (hex or escape format), as a bytea literal in the SQL text is read
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                return new Value(LogicalType.BLOB, io.tealdb.function.scalar.PgByteaInput.decode(utf8, 0, utf8.length));
            } catch (TealException e) {
                throw new PgError.Failure("22P02", e.getMessage());
            }
        }
        try {
            return Casts.castValue(v, target, false);
        } catch (TealException e) {
            throw new PgError.Failure("22P02", "invalid input syntax for type " + target + ": \"" + text + "\"");
        }
    }

    /** An integer of {@code type} written as optional '-' and up to 18 digits, or null (then the cast reads it, and reports errors). */
    private static Value plainInteger(String text, LogicalType type) {
        int len = text.length();
        int i = len > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (len == i || len - i > 18) return null;
        long x = 0;
        for (int k = i; k < len; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') return null;
            x = x * 10 + (c - '0');
        }
        if (i == 1) x = -x;
        return switch (type.id()) {
            case BIGINT -> Value.ofBigint(x);
            case INTEGER -> x == (int) x ? Value.ofInteger((int) x) : null;
            default -> x == (short) x ? new Value(LogicalType.SMALLINT, (short) x) : null;
        };
    }

    private static Value decodeBinary(byte[] d, int oid) {
        MessageReader r = new MessageReader(d);
        if (PgType.elementOf(oid) != 0) return binaryArray(r, oid);
        switch (oid) {
            case PgType.BOOL -> {
                fixed(d, 1);
                return Value.ofBoolean(d[0] != 0);
            }
            case PgType.INT2 -> {
                fixed(d, 2);
                return new Value(LogicalType.SMALLINT, (short) r.int16());
            }
            case PgType.INT4 -> {
                fixed(d, 4);
                return Value.ofInteger(r.int32());
            }
            case PgType.OID -> {
                fixed(d, 4);
                return new Value(LogicalType.UINTEGER, r.int32() & 0xffffffffL);
            }
            case PgType.INT8 -> {
                fixed(d, 8);
                return Value.ofBigint(((long) r.int32() << 32) | (r.int32() & 0xffffffffL));
            }
            case PgType.FLOAT4 -> {
                fixed(d, 4);
                return new Value(LogicalType.FLOAT, Float.intBitsToFloat(r.int32()));
            }
            case PgType.FLOAT8 -> {
                fixed(d, 8);
                return Value.ofDouble(Double.longBitsToDouble(((long) r.int32() << 32) | (r.int32() & 0xffffffffL)));
            }
            case PgType.NUMERIC -> {
                BigDecimal b = PgValues.readNumeric(r);
                int precision = Math.max(b.precision(), b.scale() + 1);
                if (precision > LogicalType.MAX_DECIMAL_PRECISION || b.scale() < 0) return Value.ofDouble(b.doubleValue());
                return new Value(LogicalType.decimal(precision, b.scale()), b);
            }
            case PgType.BYTEA -> {
                return new Value(LogicalType.BLOB, d);
            }
            case PgType.DATE -> {
                fixed(d, 4);
                int days = r.int32();
                return new Value(LogicalType.DATE, days == Integer.MAX_VALUE ? io.tealdb.types.DateTimeUtil.DATE_POS_INF
                        : days == Integer.MIN_VALUE ? io.tealdb.types.DateTimeUtil.DATE_NEG_INF : days + PgValues.PG_EPOCH_DAYS);
            }
            case PgType.TIME -> {
                fixed(d, 8);
                return new Value(LogicalType.TIME, ((long) r.int32() << 32) | (r.int32() & 0xffffffffL));
            }
            case PgType.TIMESTAMP, PgType.TIMESTAMPTZ -> {
                fixed(d, 8);
                long m = ((long) r.int32() << 32) | (r.int32() & 0xffffffffL);
                return new Value(oid == PgType.TIMESTAMPTZ ? LogicalType.TIMESTAMP_TZ : LogicalType.TIMESTAMP, m == Long.MAX_VALUE ? io.tealdb.types.DateTimeUtil.TS_POS_INF
                        : m == Long.MIN_VALUE ? io.tealdb.types.DateTimeUtil.TS_NEG_INF : m + PgValues.PG_EPOCH_MICROS);
            }
            case PgType.INTERVAL -> {
                fixed(d, 16);
                long micros = ((long) r.int32() << 32) | (r.int32() & 0xffffffffL);
                int days = r.int32();
                int months = r.int32();
                return new Value(LogicalType.INTERVAL, new Interval(months, days, micros));
            }
            case PgType.UUID -> {
                fixed(d, 16);
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(d);
                return Value.ofVarchar(new java.util.UUID(bb.getLong(), bb.getLong()).toString());
            }
            case PgType.JSONB -> {
                return Value.ofVarchar(new String(d, 1, d.length - 1, StandardCharsets.UTF_8));
            }
            case PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME, PgType.JSON, PgType.UNKNOWN, 0 -> {
                return Value.ofVarchar(new String(d, StandardCharsets.UTF_8));
            }
            default -> throw new PgError.Failure("0A000", "binary format for parameters of type OID " + oid + " is not supported");
        }
    }

    /**
     * PostgreSQL's binary array: dimensions, a has-nulls flag, the element OID, (size, lower bound)
     * per dimension, then each element as length + bytes (-1 for NULL). A multi-dimensional array
     * becomes a list of lists.
     */
    private static Value binaryArray(MessageReader r, int arrayOid) {
        int ndim = r.int32();
        r.int32(); // has-nulls flag: NULLs are also marked per element
        int elementOid = r.int32();
        if (ndim < 0 || ndim > 6) throw new PgError.Failure("22P03", "invalid number of array dimensions: " + ndim);
        if (elementOid != PgType.elementOf(arrayOid)) {
            throw new PgError.Failure("42804", "wrong element type in binary array: OID " + elementOid + " in an array of OID " + arrayOid);
        }
        int[] sizes = new int[ndim];
        long total = 1;
        for (int i = 0; i < ndim; i++) {
            sizes[i] = r.int32();
            r.int32(); // lower bound: lists are 1-based whatever the sender says
            if (sizes[i] < 0) throw new PgError.Failure("22P03", "invalid array dimension size: " + sizes[i]);
            total *= sizes[i];
            if (total > r.remaining()) throw new PgError.Failure("22P03", "array has more elements than its bytes can hold");
        }
        LogicalType element = PgType.logicalOf(elementOid);
        if (element == null) element = LogicalType.VARCHAR;
        LogicalType type = element;
        for (int i = 0; i < Math.max(ndim, 1); i++) type = LogicalType.list(type);
        if (ndim == 0) return new Value(type, java.util.List.of());
        return new Value(type, arrayLevel(r, sizes, 0, elementOid));
    }

    private static java.util.List<Object> arrayLevel(MessageReader r, int[] sizes, int level, int elementOid) {
        java.util.List<Object> out = new java.util.ArrayList<>(sizes[level]);
        for (int i = 0; i < sizes[level]; i++) {
            if (level + 1 < sizes.length) {
                out.add(arrayLevel(r, sizes, level + 1, elementOid));
                continue;
            }
            int len = r.int32();
            out.add(len < 0 ? null : decodeBinary(r.bytes(len), elementOid).object());
        }
        return out;
    }

    private static void fixed(byte[] d, int n) {
        if (d.length != n) throw new PgError.Failure("22P03", "incorrect binary data format in bind parameter: expected " + n + " bytes, got " + d.length);
    }

    private static final DateTimeFormatter TS_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd").optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendPattern("[XXX][XX][X]").toFormatter();

    /** pgjdbc sends timestamps as text with an offset ({@code 2026-11-21 19:19:05.892+00}): converted to UTC. */
    private static Value timestampWithOffset(String text) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(text.strip(), TS_OFFSET);
            long micros = t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
            return new Value(LogicalType.TIMESTAMP, micros);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
