package io.tealdb.server.pg;

import io.tealdb.error.TealException;
import io.tealdb.function.cast.Casts;
import io.tealdb.session.TableAppender;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Loads the CopyData of a {@code COPY t FROM STDIN} (text or csv) into a table: rows may span
 * messages, so unparsed bytes are kept until the rest arrives. Fields are gathered as VARCHAR
 * vectors of 2048 rows, cast to the column types with the engine's vector cast kernels, and appended
 * through the session's table appender (so the rows belong to the statement's transaction).
 */
final class CopyIn implements CopySink {
    private final CopyCommand cmd;
    private final TableAppender appender;
    private final List<LogicalType> tableTypes;
    private final int[] fieldToColumn;
    private final String table;
    private Vector[] fields;
    private int rows;
    private long total;
    private long line;
    private boolean headerPending;
    private boolean ended;
    private byte[] buf = new byte[64 * 1024];
    private int len;
    private byte[] scratch = new byte[256];
    private final byte[] nullBytes;

    CopyIn(CopyCommand cmd, String table, TableAppender appender, int[] fieldToColumn) {
        this.cmd = cmd;
        this.table = table;
        this.appender = appender;
        this.tableTypes = appender.types();
        this.fieldToColumn = fieldToColumn;
        this.headerPending = cmd.header();
        this.nullBytes = cmd.nullString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        newChunk();
    }

    private void newChunk() {
        fields = new Vector[fieldToColumn.length];
        for (int i = 0; i < fields.length; i++) fields[i] = new Vector(LogicalType.VARCHAR);
        rows = 0;
    }

    /** Feeds one CopyData message. */
    public void data(byte[] data) {
        if (ended) return;
        if (len + data.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + data.length));
        System.arraycopy(data, 0, buf, len, data.length);
        len += data.length;
        int pos = 0;
        while (pos < len && !ended) {
            int next = cmd.format() == CopyCommand.Format.CSV ? csvRow(pos, false) : textRow(pos, false);
            if (next < 0) break;
            pos = next;
        }
        System.arraycopy(buf, pos, buf, 0, len - pos);
        len -= pos;
    }

    /** CopyDone: parses a last row without a line end, flushes; returns the number of rows loaded. */
    public long finish() {
        if (len > 0 && !ended) {
            int end = cmd.format() == CopyCommand.Format.CSV ? csvRow(0, true) : textRow(0, true);
            if (end < 0) throw copyError("22P04", "unterminated CSV quoted field");
        }
        flush();
        return total;
    }

    // ---------------------------------------------------------------- text format

    private int textRow(int from, boolean atEof) {
        int end = from;
        while (end < len && buf[end] != '\n') end++;
        if (end >= len && !atEof) return -1;
        int rowEnd = end;
        if (rowEnd > from && buf[rowEnd - 1] == '\r') rowEnd--;
        line++;
        if (rowEnd - from == 2 && buf[from] == '\\' && buf[from + 1] == '.') {
            ended = true;
            return Math.min(end + 1, len);
        }
        if (headerPending) {
            headerPending = false;
            return Math.min(end + 1, len);
        }
        int f = 0, start = from;
        char delim = cmd.delimiter();
        for (int i = from; i <= rowEnd; i++) {
            if (i == rowEnd || buf[i] == delim) {
                if (f >= fields.length) throw copyError("22P04", "extra data after last expected column");
                textField(f++, start, i);
                start = i + 1;
            } else if (buf[i] == '\\' && i + 1 < rowEnd) {
                i++;
            }
        }
        endRow(f);
        return Math.min(end + 1, len);
    }

    private void textField(int f, int from, int to) {
        Vector v = fields[f];
        int n = to - from;
        if (n == nullBytes.length && Arrays.equals(buf, from, to, nullBytes, 0, n)) {
            v.setNull(rows);
            return;
        }
        int bs = -1;
        for (int i = from; i < to; i++) if (buf[i] == '\\') { bs = i; break; }
        if (bs < 0) {
            v.setBytes(rows, buf, from, n);
            return;
        }
        if (scratch.length < n) scratch = new byte[n * 2];
        int o = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != '\\' || i + 1 >= to) {
                scratch[o++] = b;
                continue;
            }
            byte c = buf[++i];
            switch (c) {
                case 'n' -> scratch[o++] = '\n';
                case 't' -> scratch[o++] = '\t';
                case 'r' -> scratch[o++] = '\r';
                case 'b' -> scratch[o++] = '\b';
                case 'f' -> scratch[o++] = '\f';
                case 'v' -> scratch[o++] = 11;
                case 'x' -> {
                    int val = 0, k = 0;
                    while (k < 2 && i + 1 < to && Character.digit(buf[i + 1], 16) >= 0) {
                        val = val * 16 + Character.digit(buf[++i], 16);
                        k++;
                    }
                    scratch[o++] = k == 0 ? (byte) 'x' : (byte) val;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int val = c - '0', k = 1;
                        while (k < 3 && i + 1 < to && buf[i + 1] >= '0' && buf[i + 1] <= '7') {
                            val = val * 8 + (buf[++i] - '0');
                            k++;
                        }
                        scratch[o++] = (byte) val;
                    } else {
                        scratch[o++] = c;
                    }
                }
            }
        }
        v.setBytes(rows, scratch, 0, o);
    }

    // ---------------------------------------------------------------- csv format

    private int csvRow(int from, boolean atEof) {
        char delim = cmd.delimiter(), quote = cmd.quote(), escape = cmd.escape();
        int i = from, f = 0;
        int lines = 1;
        // first pass: find the row end (outside quotes), so a row split across messages waits
        boolean inQuotes = false;
        int end = -1;
        for (int k = from; k < len; k++) {
            byte b = buf[k];
            if (inQuotes) {
                if (b == escape && escape != quote && k + 1 < len && buf[k + 1] == quote) k++;
                else if (b == quote) {
                    if (escape == quote && k + 1 < len && buf[k + 1] == quote) k++;
                    else inQuotes = false;
                } else if (b == '\n') lines++;
            } else if (b == quote) inQuotes = true;
            else if (b == '\n') {
                end = k;
                break;
            }
        }
        if (end < 0) {
            if (!atEof || inQuotes) return -1;
            end = len;
        }
        int rowEnd = end > from && buf[end - 1] == '\r' ? end - 1 : end;
        line += lines;
        if (rowEnd - from == 2 && buf[from] == '\\' && buf[from + 1] == '.') {
            ended = true;
            return Math.min(end + 1, len);
        }
        if (headerPending) {
            headerPending = false;
            return Math.min(end + 1, len);
        }
        if (rowEnd == from && fields.length > 1) {
            return Math.min(end + 1, len); // PostgreSQL rejects it; skipping blank lines is friendlier for single-column data too
        }
        while (true) {
            if (f >= fields.length) throw copyError("22P04", "extra data after last expected column");
            Vector v = fields[f];
            if (i < rowEnd && buf[i] == quote) {
                int o = 0;
                i++;
                while (i < rowEnd) {
                    byte b = buf[i];
                    if (b == quote) {
                        if (escape == quote && i + 1 < rowEnd && buf[i + 1] == quote) {
                            o = put(o, (byte) quote);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (b == escape && i + 1 < rowEnd && buf[i + 1] == quote) {
                        o = put(o, (byte) quote);
                        i += 2;
                        continue;
                    }
                    o = put(o, b);
                    i++;
                }
                // text after the closing quote up to the delimiter is kept, as PostgreSQL does
                while (i < rowEnd && buf[i] != delim) o = put(o, buf[i++]);
                v.setBytes(rows, scratch, 0, o);
            } else {
                int s = i;
                while (i < rowEnd && buf[i] != delim) i++;
                int n = i - s;
                if (n == nullBytes.length && Arrays.equals(buf, s, i, nullBytes, 0, n)) v.setNull(rows);
                else v.setBytes(rows, buf, s, n);
            }
            f++;
            if (i < rowEnd && buf[i] == delim) {
                i++;
                if (i == rowEnd) {
                    if (f >= fields.length) throw copyError("22P04", "extra data after last expected column");
                    if (nullBytes.length == 0) fields[f].setNull(rows);
                    else fields[f].setBytes(rows, buf, i, 0);
                    f++;
                    break;
                }
            } else break;
        }
        endRow(f);
        return Math.min(end + 1, len);
    }

    private int put(int o, byte b) {
        if (o >= scratch.length) scratch = Arrays.copyOf(scratch, scratch.length * 2);
        scratch[o] = b;
        return o + 1;
    }

    // ---------------------------------------------------------------- rows to chunks

    private void endRow(int fieldCount) {
        if (fieldCount < fields.length) {
            throw copyError("22P04", "missing data for column \"" + columnName(fieldCount) + "\"");
        }
        if (++rows == DataChunk.CAPACITY) flush();
    }

    private String columnName(int field) {
        return "#" + (fieldToColumn[field] + 1);
    }

    private void flush() {
        if (rows == 0) return;
        Vector[] cols = new Vector[tableTypes.size()];
        for (int c = 0; c < cols.length; c++) {
            int field = -1;
            for (int k = 0; k < fieldToColumn.length; k++) if (fieldToColumn[k] == c) field = k;
            LogicalType t = tableTypes.get(c);
            if (field < 0) {
                Vector nulls = new Vector(t, Math.max(rows, 1));
                for (int r = 0; r < rows; r++) nulls.setNull(r);
                cols[c] = nulls;
            } else if (t.id() == TypeId.VARCHAR) {
                cols[c] = fields[field];
            } else {
                Vector out = new Vector(t);
                try {
                    // bytea arrives in PostgreSQL's text (\x0102ff), not DuckDB's escapes
                    (t.id() == TypeId.BLOB ? io.tealdb.function.scalar.PgByteaInput.kernel(false) : Casts.kernel(LogicalType.VARCHAR, t, false))
                            .execute(new Vector[]{fields[field]}, rows, out);
                } catch (TealException e) {
                    throw copyError("22P02", e.getMessage());
                }
                if (fields[field].validity != null) {
                    for (int r = 0; r < rows; r++) if (fields[field].isNull(r)) out.setNull(r);
                }
                cols[c] = out;
            }
        }
        appender.append(new DataChunk(cols, rows));
        total += rows;
        newChunk();
    }

    private PgError.Failure copyError(String state, String message) {
        PgError e = new PgError("ERROR", state, message, null, null, 0);
        return new PgError.Failure(new PgError(e.severity(), e.sqlState(), e.message(),
                "COPY " + table + ", line " + line, null, 0));
    }
}
