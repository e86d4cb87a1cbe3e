package io.tealdb.server.pg;

import io.tealdb.error.TealException;
import io.tealdb.function.cast.Casts;
import io.tealdb.session.TableAppender;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Loads {@code COPY t FROM STDIN (FORMAT binary)} (asyncpg's copy_records_to_table, pgjdbc's
 * CopyManager with binary): the PGCOPY signature, flags and header extension, then per tuple a
 * 16-bit field count and each field as a 32-bit length (-1 = NULL) plus its bytes in PostgreSQL's
 * binary format for the column's type (the type we describe for it), and a -1 trailer. Integers,
 * floats, dates, timestamps and text go straight into the column vectors; other types are decoded
 * as bind parameters are. Rows are appended in chunks of 2048 through the session's appender.
 */
final class CopyInBinary implements CopySink {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final TableAppender appender;
    private final List<LogicalType> tableTypes;
    private final int[] fieldToColumn;
    private final int[] fieldOids;
    private final String table;
    private Vector[] columns;
    private int rows;
    private long total;
    private long tuple;
    private boolean headerDone;
    private boolean ended;
    private byte[] buf = new byte[64 * 1024];
    private int len;

    CopyInBinary(String table, TableAppender appender, int[] fieldToColumn) {
        this.table = table;
        this.appender = appender;
        this.tableTypes = appender.types();
        this.fieldToColumn = fieldToColumn;
        this.fieldOids = new int[fieldToColumn.length];
        for (int f = 0; f < fieldToColumn.length; f++) fieldOids[f] = PgType.of(tableTypes.get(fieldToColumn[f])).oid();
        newChunk();
    }

    private void newChunk() {
        columns = new Vector[tableTypes.size()];
        for (int c = 0; c < columns.length; c++) columns[c] = new Vector(tableTypes.get(c));
        rows = 0;
    }

    @Override
    public void data(byte[] data) {
        if (ended) return;
        if (len + data.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + data.length));
        System.arraycopy(data, 0, buf, len, data.length);
        len += data.length;
        int pos = 0;
        if (!headerDone) {
            pos = header();
            if (pos < 0) return;
            headerDone = true;
        }
        while (!ended) {
            int next = tuple(pos);
            if (next < 0) break;
            pos = next;
        }
        System.arraycopy(buf, pos, buf, 0, len - pos);
        len -= pos;
    }

    @Override
    public long finish() {
        if (!ended && (len > 0 || !headerDone)) {
            throw error("22P04", headerDone ? "the binary COPY data ends inside a tuple (" + len + " bytes left)" : "the binary COPY data has no complete header");
        }
        flush();
        return total;
    }

    private int header() {
        int fixed = SIGNATURE.length + 8;
        if (len < fixed) return -1;
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (buf[i] != SIGNATURE[i]) throw error("22P04", "COPY file signature not recognized");
        }
        int flags = int32(SIGNATURE.length);
        if ((flags & (1 << 16)) != 0) throw error("22P04", "COPY with OIDs is not supported");
        int extension = int32(SIGNATURE.length + 4);
        if (extension < 0) throw error("22P04", "invalid COPY file header (negative extension length)");
        return len < fixed + extension ? -1 : fixed + extension;
    }

    /** Parses one tuple at {@code pos} if it is complete; returns the offset after it, or -1. */
    private int tuple(int pos) {
        if (len - pos < 2) return -1;
        int count = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
        if (count == -1) {
            ended = true;
            return pos + 2;
        }
        if (count != fieldToColumn.length) {
            throw error("22P04", "row field count is " + count + ", expected " + fieldToColumn.length);
        }
        // first check that the whole tuple is here, then decode it
        int p = pos + 2;
        for (int f = 0; f < count; f++) {
            if (len - p < 4) return -1;
            int n = int32(p);
            if (n < -1) throw error("22P04", "invalid field length " + n);
            p += 4 + Math.max(n, 0);
            if (p > len) return -1;
        }
        tuple++;
        p = pos + 2;
        for (int f = 0; f < count; f++) {
            int n = int32(p);
            p += 4;
            field(f, p, n);
            p += Math.max(n, 0);
        }
        if (++rows == DataChunk.CAPACITY) flush();
        return p;
    }

    private void field(int f, int at, int n) {
        Vector v = columns[fieldToColumn[f]];
        if (n < 0) {
            v.setNull(rows);
            return;
        }
        LogicalType t = v.type;
        switch (t.id()) {
            case INTEGER -> v.ints[rows] = fixed(f, at, n, 4) ? int32(at) : 0;
            case BIGINT -> v.longs[rows] = fixed(f, at, n, 8) ? int64(at) : 0;
            case SMALLINT -> v.shorts[rows] = fixed(f, at, n, 2) ? (short) (((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff)) : 0;
            case DOUBLE -> v.doubles[rows] = fixed(f, at, n, 8) ? Double.longBitsToDouble(int64(at)) : 0;
            case FLOAT -> v.floats[rows] = fixed(f, at, n, 4) ? Float.intBitsToFloat(int32(at)) : 0;
            case VARCHAR -> v.setBytes(rows, buf, at, n);
            // dates and timestamps count from 2000-01-01 on the wire; PostgreSQL's infinities map to ours
            case DATE -> {
                int days = fixed(f, at, n, 4) ? int32(at) : 0;
                v.ints[rows] = days == Integer.MAX_VALUE ? DateTimeUtil.DATE_POS_INF
                        : days == Integer.MIN_VALUE ? DateTimeUtil.DATE_NEG_INF : days + PgValues.PG_EPOCH_DAYS;
            }
            case TIMESTAMP, TIMESTAMP_TZ -> {
                long micros = fixed(f, at, n, 8) ? int64(at) : 0;
                v.longs[rows] = micros == Long.MAX_VALUE ? DateTimeUtil.TS_POS_INF
                        : micros == Long.MIN_VALUE ? DateTimeUtil.TS_NEG_INF : micros + PgValues.PG_EPOCH_MICROS;
            }
            default -> {
                try {
                    Value value = PgParams.decode(Arrays.copyOfRange(buf, at, at + n), true, fieldOids[f], t);
                    if (!value.type().equals(t)) value = Casts.castValue(value, t, false);
                    v.setObject(rows, value.object());
                } catch (PgError.Failure e) {
                    throw error(e.error.sqlState(), e.error.message() + " (column " + (fieldToColumn[f] + 1) + ")");
                } catch (TealException e) {
                    throw error("22P02", e.getMessage() + " (column " + (fieldToColumn[f] + 1) + ")");
                }
            }
        }
    }

    private boolean fixed(int f, int at, int n, int size) {
        if (n != size) {
            throw error("22P03", "incorrect binary data format: column " + (fieldToColumn[f] + 1) + " expects " + size + " bytes, got " + n);
        }
        return true;
    }

    private int int32(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
    }

    private long int64(int at) {
        return ((long) int32(at) << 32) | (int32(at + 4) & 0xffffffffL);
    }

    private void flush() {
        if (rows == 0) return;
        for (int c = 0; c < columns.length; c++) {
            boolean copied = false;
            for (int k : fieldToColumn) if (k == c) copied = true;
            if (!copied) for (int r = 0; r < rows; r++) columns[c].setNull(r);
        }
        appender.append(new DataChunk(columns, rows));
        total += rows;
        newChunk();
    }

    private PgError.Failure error(String state, String message) {
        return new PgError.Failure(new PgError("ERROR", state, message, "COPY " + table + ", tuple " + (tuple + 1), null, 0));
    }
}
