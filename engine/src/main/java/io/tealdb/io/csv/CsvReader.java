package io.tealdb.io.csv;

import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealIOException;
import io.tealdb.io.TextParsers;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a delimited text file into chunks of the given column types (COPY ... FROM). Works on a
 * byte buffer (1 MiB, grown for longer records): finds a record's fields (RFC 4180 quoting, the
 * escape character inside quotes), then parses each field straight from the bytes with
 * {@link TextParsers} into the column's primitive array — no String per value. A record with one
 * field too many whose last field is empty is accepted (TPC-H {@code .tbl} lines end with '|').
 * Errors are ConversionExceptions naming file, line and column, in DuckDB's wording.
 */
public final class CsvReader implements AutoCloseable {
    private final Path file;
    private final List<String> columnNames;
    private final List<LogicalType> types;
    private final CsvOptions options;
    private final InputStream in;
    private final byte[] nullBytes;
    private final int columns;

    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private long line;
    private boolean started;

    // fields of the current record
    private int[] fieldStart;
    private int[] fieldEnd;
    private boolean[] fieldQuoted;
    private boolean[] fieldEscaped;
    private int fieldCount;
    private byte[] scratch = new byte[256];

    public CsvReader(Path file, List<String> columnNames, List<LogicalType> types, CsvOptions options) {
        this.file = file;
        this.columnNames = List.copyOf(columnNames);
        this.types = List.copyOf(types);
        this.options = options;
        this.columns = types.size();
        this.nullBytes = options.nullString() == null ? null : options.nullString().getBytes(StandardCharsets.UTF_8);
        int cap = columns + 2;
        fieldStart = new int[cap];
        fieldEnd = new int[cap];
        fieldQuoted = new boolean[cap];
        fieldEscaped = new boolean[cap];
        try {
            this.in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new TealIOException("No files found that match the pattern \"" + file + "\"");
        } catch (IOException e) {
            throw new TealIOException("Cannot open file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    public List<LogicalType> types() {
        return types;
    }

    /** Fills {@code out} (vectors of {@link #types()}, reset first) with up to 2048 rows; false at end of file. */
    public boolean next(DataChunk out) {
        out.reset();
        if (!started) {
            started = true;
            for (int i = 0; i < options.skipRows() + (options.header() ? 1 : 0); i++) {
                if (!readRecord()) {
                    return false;
                }
            }
        }
        int rows = 0;
        int cap = Math.min(DataChunk.CAPACITY, out.column(0).capacity);
        while (rows < cap && readRecord()) {
            if (fieldCount == 1 && fieldEnd[0] == fieldStart[0] && !fieldQuoted[0] && columns > 1) {
                continue; // blank line
            }
            if (fieldCount != columns) {
                if (!(fieldCount == columns + 1 && fieldEnd[columns] == fieldStart[columns] && !fieldQuoted[columns])) {
                    throw new InvalidInputException("CSV Error on Line: " + line + "\nOriginal Line: " + originalLine()
                            + "\nExpected Number of Columns: " + columns + " Found: " + fieldCount + "\n\n  file = " + file);
                }
            }
            for (int c = 0; c < columns; c++) {
                parseField(c, out.column(c), rows);
            }
            rows++;
        }
        out.setSize(rows);
        return rows > 0;
    }

    // ------------------------------------------------------------------ records

    /** Reads the next record's field boundaries into the field arrays; false at end of input. */
    private boolean readRecord() {
        while (true) {
            int end = scanRecord();
            if (end >= 0) {
                return true;
            }
            if (eof) {
                if (pos >= limit) {
                    return false;
                }
                // last record without a newline
                splitFields(pos, limit);
                pos = limit;
                line++;
                return true;
            }
            refill();
        }
    }

    /**
     * Finds the end of the record starting at pos (a newline outside quotes). Returns -1 when the
     * buffer holds no complete record; otherwise splits the fields, advances pos and returns the end.
     */
    private int scanRecord() {
        byte quote = options.quote();
        boolean inQuotes = false;
        byte[] b = buf;
        for (int i = pos; i < limit; i++) {
            byte c = b[i];
            if (inQuotes) {
                if (c == options.escape() && options.escape() != quote && i + 1 < limit) {
                    i++;
                } else if (c == quote) {
                    inQuotes = false;
                }
            } else if (c == '\n') {
                int end = i > pos && b[i - 1] == '\r' ? i - 1 : i;
                splitFields(pos, end);
                pos = i + 1;
                line++;
                return end;
            } else if (c == quote && quote != CsvOptions.NO_QUOTE) {
                inQuotes = true;
            }
        }
        return -1;
    }

    private void splitFields(int start, int end) {
        byte d = options.delimiter();
        byte q = options.quote();
        byte esc = options.escape();
        byte[] b = buf;
        int n = 0;
        int i = start;
        while (true) {
            if (n == fieldStart.length) {
                int cap = n * 2;
                fieldStart = Arrays.copyOf(fieldStart, cap);
                fieldEnd = Arrays.copyOf(fieldEnd, cap);
                fieldQuoted = Arrays.copyOf(fieldQuoted, cap);
                fieldEscaped = Arrays.copyOf(fieldEscaped, cap);
            }
            if (i < end && b[i] == q && q != CsvOptions.NO_QUOTE) {
                int fs = ++i;
                boolean escaped = false;
                while (i < end) {
                    if (b[i] == esc && esc != q && i + 1 < end) {
                        escaped = true;
                        i += 2;
                        continue;
                    }
                    if (b[i] == q) {
                        if (esc == q && i + 1 < end && b[i + 1] == q) {
                            escaped = true;
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                fieldStart[n] = fs;
                fieldEnd[n] = i;
                fieldQuoted[n] = true;
                fieldEscaped[n] = escaped;
                n++;
                i++; // closing quote
                while (i < end && b[i] != d) i++; // ignore anything up to the delimiter
            } else {
                int fs = i;
                while (i < end && b[i] != d) i++;
                fieldStart[n] = fs;
                fieldEnd[n] = i;
                fieldQuoted[n] = false;
                fieldEscaped[n] = false;
                n++;
            }
            if (i >= end) {
                break;
            }
            i++; // delimiter
            if (i == end) {
                // a trailing delimiter opens an empty last field
                if (n == fieldStart.length) {
                    int cap = n * 2;
                    fieldStart = Arrays.copyOf(fieldStart, cap);
                    fieldEnd = Arrays.copyOf(fieldEnd, cap);
                    fieldQuoted = Arrays.copyOf(fieldQuoted, cap);
                    fieldEscaped = Arrays.copyOf(fieldEscaped, cap);
                }
                fieldStart[n] = end;
                fieldEnd[n] = end;
                fieldQuoted[n] = false;
                fieldEscaped[n] = false;
                n++;
                break;
            }
        }
        fieldCount = n;
    }

    private void refill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        } catch (IOException e) {
            throw new TealIOException("Error reading file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    private String originalLine() {
        if (fieldCount == 0) {
            return "";
        }
        int s = fieldStart[0] - (fieldQuoted[0] ? 1 : 0);
        int e = fieldEnd[fieldCount - 1] + (fieldQuoted[fieldCount - 1] ? 1 : 0);
        return new String(buf, Math.max(0, s), Math.max(0, e - s), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ fields

    private void parseField(int c, Vector v, int row) {
        int s = fieldStart[c];
        int e = fieldEnd[c];
        byte[] b = buf;
        if (!fieldQuoted[c] && isNullText(b, s, e)) {
            v.setNull(row);
            return;
        }
        if (fieldEscaped[c]) {
            int len = unescape(b, s, e);
            b = scratch;
            s = 0;
            e = len;
        }
        LogicalType type = types.get(c);
        try {
            switch (type.physical()) {
                case VARLEN -> v.setBytes(row, b, s, e - s);
                case BOOL -> v.bytes[row] = (byte) (TextParsers.parseBoolean(b, s, e) ? 1 : 0);
                case INT8 -> {
                    long x = TextParsers.parseLong(b, s, e);
                    if (x < Byte.MIN_VALUE || x > Byte.MAX_VALUE) throw TextParsers.FAILED;
                    v.bytes[row] = (byte) x;
                }
                case INT16 -> {
                    long x = TextParsers.parseLong(b, s, e);
                    if (x < Short.MIN_VALUE || x > Short.MAX_VALUE) throw TextParsers.FAILED;
                    v.shorts[row] = (short) x;
                }
                case INT32 -> v.ints[row] = switch (type.id()) {
                    case DATE -> TextParsers.parseDate(b, s, e);
                    default -> TextParsers.parseInt(b, s, e);
                };
                case INT64 -> v.longs[row] = switch (type.id()) {
                    case DECIMAL -> TextParsers.parseDecimal(b, s, e, type.precision(), type.scale());
                    case TIMESTAMP -> TextParsers.parseTimestamp(b, s, e);
                    case TIME -> TextParsers.parseTime(b, s, e);
                    default -> TextParsers.parseLong(b, s, e);
                };
                case FLOAT -> v.floats[row] = (float) TextParsers.parseDouble(b, s, e);
                case DOUBLE -> v.doubles[row] = TextParsers.parseDouble(b, s, e);
                case INT128 -> {
                    BigDecimal d = TextParsers.parseBigDecimal(b, s, e, type.scale());
                    java.math.BigInteger u = d.unscaledValue();
                    if (u.bitLength() > 127) throw TextParsers.FAILED;
                    v.longs[row] = Int128.low(u);
                    v.highs[row] = Int128.high(u);
                }
                case INTERVAL -> {
                    Interval iv = parseInterval(new String(b, s, e - s, StandardCharsets.UTF_8));
                    v.ints[row] = iv.months();
                    v.days[row] = iv.days();
                    v.longs[row] = iv.micros();
                }
            }
        } catch (TextParsers.ParseFailure f) {
            throw conversionError(c, new String(b, s, e - s, StandardCharsets.UTF_8));
        }
    }

    private static Interval parseInterval(String text) {
        // "<n> <unit>" pairs, e.g. "1 day", "2 months 3 days"; enough for COPY round trips of simple intervals
        String[] parts = text.trim().split("\\s+");
        if (parts.length % 2 != 0) throw TextParsers.FAILED;
        int months = 0;
        int days = 0;
        long micros = 0;
        try {
            for (int i = 0; i < parts.length; i += 2) {
                long n = Long.parseLong(parts[i]);
                String unit = parts[i + 1].toLowerCase(java.util.Locale.ROOT);
                if (unit.startsWith("year")) months += (int) (n * 12);
                else if (unit.startsWith("mon")) months += (int) n;
                else if (unit.startsWith("day")) days += (int) n;
                else if (unit.startsWith("hour")) micros += n * 3_600_000_000L;
                else if (unit.startsWith("min")) micros += n * 60_000_000L;
                else if (unit.startsWith("sec")) micros += n * 1_000_000L;
                else throw TextParsers.FAILED;
            }
        } catch (NumberFormatException ex) {
            throw TextParsers.FAILED;
        }
        return new Interval(months, days, micros);
    }

    private boolean isNullText(byte[] b, int s, int e) {
        if (nullBytes == null) {
            return false;
        }
        int len = e - s;
        if (len != nullBytes.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[s + i] != nullBytes[i]) return false;
        }
        return true;
    }

    /** Copies a quoted field without its escape characters into {@link #scratch}; returns the length. */
    private int unescape(byte[] b, int s, int e) {
        if (scratch.length < e - s) {
            scratch = new byte[Math.max(e - s, scratch.length * 2)];
        }
        byte q = options.quote();
        byte esc = options.escape();
        int n = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (esc == q ? (c == q && i + 1 < e && b[i + 1] == q) : (c == esc && i + 1 < e)) {
                i++;
                c = b[i];
            }
            scratch[n++] = c;
        }
        return n;
    }

    private ConversionException conversionError(int c, String text) {
        return new ConversionException("CSV Error on Line: " + line + "\nOriginal Line: " + originalLine()
                + "\nError when converting column \"" + columnNames.get(c) + "\". Could not convert string \"" + text
                + "\" to '" + types.get(c) + "'\n\n  file = " + file);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do; the file was only read
        }
    }
}
