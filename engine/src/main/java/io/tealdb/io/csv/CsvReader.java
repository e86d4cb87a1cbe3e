package io.tealdb.io.csv;

import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealIOException;
import io.tealdb.io.TextParsers;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads delimited text into chunks of the given column types (COPY ... FROM, read_csv). Works on a
 * byte buffer (1 MiB, grown for longer records up to the maximum line size): one pass finds a
 * record's fields (RFC 4180 quoting, the escape character, comments, \n / \r\n / \r newlines), then
 * each field is parsed straight from the bytes with {@link TextParsers} into the column's primitive
 * array — no String per value. A record with one field too many whose last field is empty is accepted
 * (TPC-H {@code .tbl} lines end with '|'). Errors name file, line and column in DuckDB's wording.
 * The record API ({@link #nextRecord()}, {@link #fieldText}) serves the sniffer.
 */
public final class CsvReader implements AutoCloseable {
    private final String fileName;
    private final List<String> columnNames;
    private final List<LogicalType> types;
    /** Per column: its type and physical type, read per field without a List lookup or a type switch. */
    private final LogicalType[] columnTypes;
    private final PhysicalType[] physicalTypes;
    private final boolean[] autoDetected;
    private final CsvOptions options;
    private final InputStream in;
    private final byte[][] nullBytes;
    /** The only NULL text is the empty string (the default): a field is NULL exactly when it is empty. */
    private final boolean nullIsEmpty;
    /** Some column is VARCHAR, whose values must be valid UTF-8. */
    private final boolean checksUtf8;
    /** The current record's bytes are all ASCII (so its VARCHAR values need no UTF-8 check). */
    private boolean recordAscii;
    private final boolean[] forceNotNull;
    private final int columns;
    private final byte[] delim;
    private final byte quote;
    private final byte escape;
    private final byte comment;
    private final boolean strict;
    private final CsvDateFormat dateFormat;
    private final CsvDateFormat timestampFormat;

    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private long line;
    private boolean started;
    private long rejected;

    // the current record
    private int recordStart;
    private int recordEnd;
    private int recordBytes;
    private int[] fieldStart;
    private int[] fieldEnd;
    private boolean[] fieldQuoted;
    private boolean[] fieldEscaped;
    private int fieldCount;
    private boolean everQuoted;
    private byte[] scratch = new byte[256];

    // block mode (ParallelCsvReader): file offset of buf[0], no record starts at or after stopAt,
    // the first record starts after the first newline (a block other than the file's first)
    private long base;
    private long stopAt = Long.MAX_VALUE;
    private boolean alignToLine;
    private boolean skipsLeading = true;
    private long startOffset;

    public CsvReader(Path file, List<String> columnNames, List<LogicalType> types, CsvOptions options) {
        this(file, columnNames, types, null, options);
    }

    /** {@code autoDetected[c]}: the column's type came from the sniffer (changes the error hint); null: all given. */
    public CsvReader(Path file, List<String> columnNames, List<LogicalType> types, boolean[] autoDetected, CsvOptions options) {
        this(open(file, options), file.toString(), columnNames, types, autoDetected, options);
    }

    public CsvReader(InputStream in, String fileName, List<String> columnNames, List<LogicalType> types, boolean[] autoDetected,
                     CsvOptions options) {
        this.fileName = fileName;
        this.columnNames = List.copyOf(columnNames);
        this.types = List.copyOf(types);
        this.columnTypes = this.types.toArray(new LogicalType[0]);
        this.physicalTypes = new PhysicalType[columnTypes.length];
        for (int c = 0; c < columnTypes.length; c++) physicalTypes[c] = columnTypes[c].physical();
        this.autoDetected = autoDetected;
        this.options = options;
        this.columns = types.size();
        this.nullBytes = new byte[options.nullStrings().size()][];
        for (int i = 0; i < nullBytes.length; i++) nullBytes[i] = options.nullStrings().get(i).getBytes(StandardCharsets.UTF_8);
        this.nullIsEmpty = nullBytes.length == 1 && nullBytes[0].length == 0;
        boolean varchar = false;
        for (LogicalType t : types) varchar |= t.id() == TypeId.VARCHAR;
        this.checksUtf8 = varchar;
        this.forceNotNull = new boolean[columns];
        for (int c = 0; c < columns && c < columnNames.size(); c++) {
            for (String n : options.forceNotNull()) if (n.equalsIgnoreCase(columnNames.get(c))) forceNotNull[c] = true;
        }
        this.delim = options.delimiter();
        this.quote = options.quote();
        this.escape = options.escape();
        this.comment = options.comment();
        this.strict = options.strictMode();
        this.dateFormat = options.dateFormat() == null ? null : CsvDateFormat.compile(options.dateFormat());
        this.timestampFormat = options.timestampFormat() == null ? null : CsvDateFormat.compile(options.timestampFormat());
        int cap = Math.max(columns, 1) + 2;
        fieldStart = new int[cap];
        fieldEnd = new int[cap];
        fieldQuoted = new boolean[cap];
        fieldEscaped = new boolean[cap];
        this.in = in;
    }

    /**
     * A reader of the records that start in {@code [start, stopAt)} of a file read from {@code in},
     * which begins at file offset {@code start}. {@code alignToLine}: {@code start} may be inside a
     * record, so reading begins after the first newline; otherwise it begins at {@code start}. Neither
     * header nor skipped rows are read, and error messages count lines from {@code firstLine}.
     */
    static CsvReader block(InputStream in, String fileName, List<String> columnNames, List<LogicalType> types,
                           boolean[] autoDetected, CsvOptions options, long start, long stopAt, boolean alignToLine,
                           long firstLine) {
        CsvReader r = new CsvReader(in, fileName, columnNames, types, autoDetected, options);
        r.base = start;
        r.stopAt = stopAt;
        r.alignToLine = alignToLine;
        r.skipsLeading = false;
        r.line = firstLine;
        return r;
    }

    /** The first block of a file: header and skipped rows as usual, no record starting at or after {@code stopAt}. */
    static CsvReader firstBlock(InputStream in, String fileName, List<String> columnNames, List<LogicalType> types,
                                boolean[] autoDetected, CsvOptions options, long stopAt) {
        CsvReader r = new CsvReader(in, fileName, columnNames, types, autoDetected, options);
        r.stopAt = stopAt;
        return r;
    }

    /** File offset where an aligned block reader's first record begins (known after the first {@link #next}). */
    long startOffset() {
        return startOffset;
    }

    /** File offset of the next unread byte: after the last record read (block mode). */
    long offset() {
        return base + pos;
    }

    /** Whether a file is read through a decompressor (so it cannot be split into byte ranges). */
    static boolean compressed(Path file, CsvOptions options) {
        String compression = options.compression() == null ? "auto" : options.compression().toLowerCase(Locale.ROOT);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return switch (compression) {
            case "none", "uncompressed" -> false;
            case "auto", "infer" -> name.endsWith(".gz") || name.endsWith(".zst");
            default -> true;
        };
    }

    /** Opens a file, decompressing gzip when asked for or (compression "auto") when the name ends in .gz. */
    public static InputStream open(Path file, CsvOptions options) {
        String compression = options.compression() == null ? "auto" : options.compression().toLowerCase(Locale.ROOT);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = switch (compression) {
            case "gzip" -> true;
            case "none", "uncompressed" -> false;
            case "auto", "infer" -> name.endsWith(".gz");
            case "zstd" -> throw new NotImplementedException("zstd compression is not supported");
            default -> throw new InvalidInputException("Unrecognized file compression type \"" + options.compression() + "\"");
        };
        if (compression.equals("auto") && name.endsWith(".zst")) throw new NotImplementedException("zstd compression is not supported");
        try {
            InputStream raw = Files.newInputStream(file);
            return skipByteOrderMark(gzip ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16) : raw);
        } catch (NoSuchFileException e) {
            throw new TealIOException("No files found that match the pattern \"" + file + "\"");
        } catch (IOException e) {
            throw new TealIOException("Cannot open file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /** DuckDB ignores a UTF-8 byte-order mark at the start of a file: it is not part of the first value. */
    private static InputStream skipByteOrderMark(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        byte[] head = p.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) p.unread(head);
        return p;
    }

    public List<LogicalType> types() {
        return types;
    }

    /** Rows skipped because of ignore_errors. */
    public long rejectedRows() {
        return rejected;
    }

    /** Fills {@code out} (vectors of {@link #types()}, reset first) with up to 2048 rows; false at end of file. */
    public boolean next(DataChunk out) {
        out.reset();
        if (!started) {
            started = true;
            if (alignToLine) {
                boolean found = skipPartialLine();
                startOffset = base + pos;
                if (!found) return false;
            }
            if (skipsLeading && !skipLeading()) return false;
        }
        int rows = 0;
        int cap = Math.min(DataChunk.CAPACITY, out.column(0).capacity);
        rowLoop:
        while (rows < cap && readRecord()) {
            if (fieldCount == 1 && fieldEnd[0] == fieldStart[0] && !fieldQuoted[0] && columns > 1) {
                continue; // blank line
            }
            int present = fieldCount;
            if (fieldCount != columns) {
                if (fieldCount == columns + 1 && fieldEnd[columns] == fieldStart[columns] && !fieldQuoted[columns]) {
                    present = columns;
                } else if (fieldCount < columns && options.nullPadding()) {
                    present = fieldCount;
                } else if (options.ignoreErrors()) {
                    rejected++;
                    continue;
                } else {
                    throw columnCountError();
                }
            }
            recordAscii = checksUtf8 && ascii(buf, recordStart, recordEnd);
            for (int c = 0; c < columns; c++) {
                Vector v = out.column(c);
                if (c >= present) {
                    v.setNull(rows);
                    continue;
                }
                if (!parseField(c, v, rows)) {
                    for (int k = 0; k <= c; k++) if (out.column(k).mayHaveNulls()) out.column(k).setValid(rows);
                    rejected++;
                    continue rowLoop;
                }
            }
            rows++;
        }
        out.setSize(rows);
        return rows > 0;
    }

    /** Moves past the first newline (\r\n counts as one); false when the input ends before one. */
    private boolean skipPartialLine() {
        while (true) {
            int i = pos;
            while (i < limit && buf[i] != '\n' && buf[i] != '\r') i++;
            if (i < limit) {
                if (buf[i] == '\r' && i + 1 >= limit && !eof) {
                    pos = i;
                    refill();
                    continue;
                }
                pos = buf[i] == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
                return true;
            }
            pos = limit;
            if (eof) return false;
            refill();
        }
    }

    /** Skips {@code skip} lines and the header; false at end of input. */
    private boolean skipLeading() {
        for (int i = 0; i < options.skipRows(); i++) {
            if (!readRecord()) return false;
        }
        if (options.header()) {
            return readRecord();
        }
        return true;
    }

    // ------------------------------------------------------------------ record API (sniffer)

    /** Reads the next raw record (no skipping of header or skip rows); false at end of input. */
    public boolean nextRecord() {
        return readRecord();
    }

    public int fieldCount() {
        return fieldCount;
    }

    public boolean fieldQuoted(int i) {
        return fieldQuoted[i];
    }

    /** True once any field was read in quotes. */
    public boolean everQuoted() {
        return everQuoted;
    }

    /** Whether field {@code i} of the current record reads as NULL. */
    public boolean fieldIsNull(int i) {
        return (!fieldQuoted[i] || options.allowQuotedNulls()) && isNullText(buf, fieldStart[i], fieldEnd[i]);
    }

    /** Whether field {@code i} of the current record reads as the empty string (without making it). */
    public boolean fieldEmpty(int i) {
        if (fieldEscaped[i]) return fieldText(i).isEmpty();
        return fieldEnd[i] == fieldStart[i];
    }

    /** Field {@code i} of the current record without quotes and escapes. */
    public String fieldText(int i) {
        if (fieldEscaped[i]) {
            int len = unescape(buf, fieldStart[i], fieldEnd[i]);
            return new String(scratch, 0, len, StandardCharsets.UTF_8);
        }
        return new String(buf, fieldStart[i], fieldEnd[i] - fieldStart[i], StandardCharsets.UTF_8);
    }

    /** The record's bytes including its newline. */
    public int recordBytes() {
        return recordBytes;
    }

    public long line() {
        return line;
    }

    // ------------------------------------------------------------------ records

    /** Reads the next record's field boundaries into the field arrays; false at end of input. */
    private boolean readRecord() {
        while (true) {
            if (pos >= limit && eof) return false;
            if (base + pos >= stopAt) return false;
            int r = scanRecord(eof);
            if (r > 0) return true;
            if (r < 0) continue; // a comment line was skipped
            if (eof) return false;
            if (limit - pos > options.maxLineSize() + 2) {
                recordStart = pos;
                recordEnd = limit;
                throw lineSizeError(limit - pos);
            }
            refill();
        }
    }

    private void ensureFieldCapacity(int n) {
        if (n < fieldStart.length) return;
        int cap = n * 2;
        fieldStart = Arrays.copyOf(fieldStart, cap);
        fieldEnd = Arrays.copyOf(fieldEnd, cap);
        fieldQuoted = Arrays.copyOf(fieldQuoted, cap);
        fieldEscaped = Arrays.copyOf(fieldEscaped, cap);
    }

    private boolean delimiterAt(byte[] b, int i, int end) {
        if (b[i] != delim[0]) return false;
        if (delim.length == 1) return true;
        if (i + delim.length > end) return false;
        for (int k = 1; k < delim.length; k++) if (b[i + k] != delim[k]) return false;
        return true;
    }

    /**
     * Splits the record starting at pos. Returns 1 when a record was read (pos advanced), 0 when the
     * buffer holds no complete record (unless {@code atEof}), -1 when a comment line was skipped.
     */
    private int scanRecord(boolean atEof) {
        final byte[] b = buf;
        final int end = limit;
        final byte d0 = delim[0];
        final int dlen = delim.length;
        final byte q = quote;
        final byte esc = escape;
        int i = pos;
        int n = 0;
        while (true) {
            ensureFieldCapacity(n + 1);
            boolean escaped = false;
            int fs = i;
            int fe;
            boolean quoted = false;
            if (q != CsvOptions.NONE && d0 != ' ') {
                // spaces before an opening quote are padding, not part of the value (DuckDB: `1,  "a"`)
                int j = i;
                while (j < end && b[j] == ' ') j++;
                if (j > i && j < end && b[j] == q) i = j;
            }
            if (q != CsvOptions.NONE && i < end && b[i] == q) {
                quoted = true;
                everQuoted = true;
                i++;
                fs = i;
                boolean literalQuotes = false; // non-strict: the value keeps stray quotes, so it must be copied
                while (true) {
                    if (i >= end) {
                        if (!atEof) return 0;
                        if (strict) {
                            recordStart = pos;
                            recordEnd = end;
                            throw rowError("Value with unterminated quote found.", "");
                        }
                        fe = i;
                        break;
                    }
                    byte c = b[i];
                    if (c == esc && esc != q && esc != CsvOptions.NONE) {
                        if (i + 1 >= end && !atEof) return 0;
                        escaped = true;
                        i += 2;
                        continue;
                    }
                    if (c == q) {
                        if (esc == q) {
                            if (i + 1 >= end && !atEof) return 0;
                            if (i + 1 < end && b[i + 1] == q) {
                                escaped = true;
                                i += 2;
                                continue;
                            }
                        }
                        // closing quote: must be followed by a delimiter, newline or the end
                        int after = i + 1;
                        if (d0 != ' ') {
                            // spaces after a closing quote are padding too; in relaxed mode only before a
                            // delimiter: a quote, spaces and a newline leave the value open (DuckDB's
                            // unescaped_quote_new_line reads "pedro "pdet" \nholanda" as one value)
                            int pad = after;
                            while (pad < end && b[pad] == ' ') pad++;
                            if (pad >= end && !atEof) return 0;
                            if (pad > after && (strict || pad < end && delimiterAt(b, pad, end))) after = pad;
                        }
                        if (after >= end && !atEof) return 0;
                        if (after >= end || delimiterAt(b, after, end) || b[after] == '\n' || b[after] == '\r') {
                            fe = i;
                            i = after;
                            break;
                        }
                        if (strict) {
                            recordStart = pos;
                            recordEnd = Math.min(lineEnd(after), end);
                            throw rowError("Value with unterminated quote found.", "");
                        }
                        // relaxed: a stray quote stays part of the value
                        literalQuotes = true;
                        escaped = true;
                        i++;
                        continue;
                    }
                    i++;
                }
                if (literalQuotes) escaped = true;
                fieldStart[n] = fs;
                fieldEnd[n] = fe;
                fieldQuoted[n] = true;
                fieldEscaped[n] = escaped;
                n++;
            } else {
                if (dlen == 1 && comment == CsvOptions.NONE) {
                    i = unquotedEnd(b, i, end, d0);
                } else {
                    while (i < end) {
                        byte c = b[i];
                        if (c == d0 && (dlen == 1 || delimiterAt(b, i, end)) || c == '\n' || c == '\r') break;
                        if (c == comment && comment != CsvOptions.NONE) break;
                        i++;
                    }
                }
                if (i >= end && !atEof) return 0;
                if (dlen > 1 && i < end && b[i] == d0 && i + dlen > end && !atEof) return 0;
                fieldStart[n] = fs;
                fieldEnd[n] = i;
                fieldQuoted[n] = false;
                fieldEscaped[n] = false;
                n++;
                if (i < end && b[i] == comment && comment != CsvOptions.NONE) {
                    int nl = lineEnd(i);
                    if (nl >= end && !atEof) return 0;
                    boolean wholeLine = n == 1 && onlyBlanks(b, pos, i);
                    int after = skipNewline(nl, end, atEof);
                    if (after < 0) return 0;
                    if (wholeLine) {
                        line++;
                        pos = after;
                        return -1;
                    }
                    return finishRecord(n, i, after);
                }
            }
            // at a delimiter, a newline or the end
            if (i >= end) {
                return finishRecord(n, end, end);
            }
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                int after = skipNewline(i, end, atEof);
                if (after < 0) return 0;
                return finishRecord(n, i, after);
            }
            if (!(c == d0 && (dlen == 1 || delimiterAt(b, i, end)))) {
                // quoted value followed by junk in relaxed mode: take the rest up to the delimiter as text
                while (i < end && !(b[i] == d0 && delimiterAt(b, i, end)) && b[i] != '\n' && b[i] != '\r') i++;
                if (i >= end && !atEof) return 0;
                continue;
            }
            i += dlen; // delimiter
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;
    private static final long RETURNS = '\r' * ONES;

    /** The high bit of every zero byte of {@code x} at or below its lowest zero byte (that lowest one is exact). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /**
     * The first index in {@code b[i, end)} holding the one-byte delimiter {@code d}, '\n' or '\r', or
     * {@code end}: eight bytes per step (the lowest flagged byte of the zero-byte test is exact).
     */
    private static int unquotedEnd(byte[] b, int i, int end, byte d) {
        long delims = (d & 0xFFL) * ONES;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            long hits = zeroBytes(w ^ delims) | zeroBytes(w ^ NEWLINES) | zeroBytes(w ^ RETURNS);
            if (hits != 0) return i + (Long.numberOfTrailingZeros(hits) >>> 3);
        }
        while (i < end) {
            byte c = b[i];
            if (c == d || c == '\n' || c == '\r') break;
            i++;
        }
        return i;
    }

    private static boolean onlyBlanks(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) if (b[i] != ' ' && b[i] != '\t') return false;
        return true;
    }

    private int lineEnd(int i) {
        while (i < limit && buf[i] != '\n' && buf[i] != '\r') i++;
        return i;
    }

    /** Position after the newline at {@code i} (\r\n counts as one); -1 when \r ends the buffer before EOF. */
    private int skipNewline(int i, int end, boolean atEof) {
        if (i >= end) return end;
        if (buf[i] == '\r') {
            if (i + 1 >= end) return atEof ? end : -1;
            return buf[i + 1] == '\n' ? i + 2 : i + 1;
        }
        return i + 1;
    }

    private int finishRecord(int n, int contentEnd, int after) {
        fieldCount = n;
        recordStart = pos;
        recordEnd = contentEnd;
        recordBytes = after - pos;
        pos = after;
        line++;
        if (recordBytes > options.maxLineSize()) throw lineSizeError(recordBytes);
        return 1;
    }

    private void refill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            base += pos;
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
            throw new TealIOException("Error reading file \"" + fileName + "\": " + e.getMessage(), e);
        }
    }

    private String originalLine() {
        int s = Math.max(0, Math.min(recordStart, limit));
        int e = Math.max(s, Math.min(recordEnd, limit));
        return new String(buf, s, e - s, StandardCharsets.UTF_8);
    }

    /** Whether {@code b[s, e)} is all ASCII: eight bytes per step, one test at the end. */
    static boolean ascii(byte[] b, int s, int e) {
        long high = 0;
        int i = s;
        for (; i + 8 <= e; i += 8) high |= (long) LONGS.get(b, i);
        for (; i < e; i++) high |= b[i];
        return (high & HIGHS) == 0;
    }

    /** Whether {@code b[s, e)} is well-formed UTF-8 (DuckDB rejects VARCHAR values that are not). */
    static boolean validUtf8(byte[] b, int s, int e) {
        int i = s;
        // ASCII eight bytes at a time (a word without high bits ends at a character boundary)
        while (i + 8 <= e && ((long) LONGS.get(b, i) & HIGHS) == 0) i += 8;
        while (i < e) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= e) return false;
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) return false;
                cp = cp << 6 | cc & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) return false;
            i += n + 1;
        }
        return true;
    }

    // ------------------------------------------------------------------ errors

    private InvalidInputException rowError(String what, String hint) {
        return new InvalidInputException("CSV Error on Line: " + line + "\nOriginal Line: " + originalLine() + "\n" + what + "\n"
                + hint + "\n  file = " + fileName);
    }

    private InvalidInputException columnCountError() {
        return rowError("Expected Number of Columns: " + columns + " Found: " + fieldCount,
                "Possible fixes:\n* Enable null padding (null_padding=true) to replace missing values with NULL\n"
                        + "* Enable ignore errors (ignore_errors=true) to skip this row\n");
    }

    private InvalidInputException lineSizeError(int actual) {
        line++;
        return rowError("Maximum line size of " + options.maxLineSize() + " bytes exceeded. Actual Size:" + actual + " bytes.",
                "\nPossible Solution: Change the maximum length size, e.g., max_line_size=" + actual + "\n");
    }

    private ConversionException conversionError(int c, String text) {
        String name = c < columnNames.size() ? columnNames.get(c) : "column" + c;
        LogicalType type = types.get(c);
        boolean auto = autoDetected != null && c < autoDetected.length && autoDetected[c];
        String hint = auto
                ? "This type was auto-detected from the CSV file.\nPossible solutions:\n"
                + "* Override the type for this column manually by setting the type explicitly, e.g., types={'" + name + "': 'VARCHAR'}\n"
                + "* Set the sample size to a larger value to enable the auto-detection to scan more values, e.g., sample_size=-1\n"
                + "* Use a COPY statement to automatically derive types from an existing table.\n"
                : "This type was either manually set or derived from an existing table. Select a different type to correctly parse this column.\n";
        return new ConversionException("CSV Error on Line: " + line + "\nOriginal Line: " + originalLine()
                + "\nError when converting column \"" + name + "\". Could not convert string \"" + text + "\" to '" + type + "'\n\n"
                + "Column " + name + " is being converted as type " + type + "\n" + hint + "\n  file = " + fileName);
    }

    // ------------------------------------------------------------------ fields

    /** Parses field {@code c} into {@code v[row]}; false when it failed and errors are ignored. */
    private boolean parseField(int c, Vector v, int row) {
        int s = fieldStart[c];
        int e = fieldEnd[c];
        byte[] b = buf;
        if (!forceNotNull[c] && (!fieldQuoted[c] || options.allowQuotedNulls()) && isNullText(b, s, e)) {
            v.setNull(row);
            return true;
        }
        if (fieldEscaped[c]) {
            int len = unescape(b, s, e);
            b = scratch;
            s = 0;
            e = len;
        }
        LogicalType type = columnTypes[c];
        try {
            switch (physicalTypes[c]) {
                case VARLEN -> {
                    if (type.id() == TypeId.VARCHAR && !recordAscii && !validUtf8(b, s, e)) {
                        if (options.ignoreErrors()) return false;
                        throw rowError("Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.", "");
                    }
                    if (type.id() == TypeId.BIGNUM) {
                        int len = normalizeNumber(b, s, e);
                        String text = len < 0 ? new String(b, s, e - s, StandardCharsets.ISO_8859_1) : new String(scratchNumber, 0, len, StandardCharsets.ISO_8859_1);
                        java.math.BigInteger big = io.tealdb.types.BigNum.parse(text.strip());
                        if (big == null) throw TextParsers.FAILED;
                        v.setBytes(row, io.tealdb.types.BigNum.encode(big));
                    } else {
                        v.setBytes(row, b, s, e - s);
                    }
                }
                case BOOL -> v.bytes[row] = (byte) (TextParsers.parseBoolean(b, s, e) ? 1 : 0);
                case INT8 -> {
                    long x = parseInteger(b, s, e);
                    if (x < Byte.MIN_VALUE || x > Byte.MAX_VALUE) throw TextParsers.FAILED;
                    v.bytes[row] = (byte) x;
                }
                case INT16 -> {
                    long x = parseInteger(b, s, e);
                    if (x < Short.MIN_VALUE || x > Short.MAX_VALUE) throw TextParsers.FAILED;
                    v.shorts[row] = (short) x;
                }
                case INT32 -> {
                    if (type.id() == TypeId.DATE) {
                        v.ints[row] = dateFormat != null ? dateFormat.parseDays(b, s, e) : TextParsers.parseDate(b, s, e);
                    } else if (type.id() == TypeId.ENUM) {
                        int code = type.dictionary().code(b, s, e - s);
                        if (code < 0) throw TextParsers.FAILED;
                        v.ints[row] = code;
                    } else {
                        long x = parseInteger(b, s, e);
                        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) throw TextParsers.FAILED;
                        v.ints[row] = (int) x;
                    }
                }
                case INT64 -> v.longs[row] = switch (type.id()) {
                    case DECIMAL -> {
                        int len = normalizeNumber(b, s, e);
                        yield len < 0 ? TextParsers.parseDecimal(b, s, e, type.precision(), type.scale())
                                : TextParsers.parseDecimal(scratchNumber, 0, len, type.precision(), type.scale());
                    }
                    case TIMESTAMP -> timestampFormat != null ? timestampFormat.parseMicros(b, s, e) : TextParsers.parseTimestamp(b, s, e);
                    case TIME -> TextParsers.parseTime(b, s, e);
                    default -> parseInteger(b, s, e);
                };
                case FLOAT -> v.floats[row] = (float) parseReal(b, s, e);
                case DOUBLE -> v.doubles[row] = parseReal(b, s, e);
                case INT128 -> {
                    int len = normalizeNumber(b, s, e);
                    BigDecimal d = len < 0 ? TextParsers.parseBigDecimal(b, s, e, type.scale())
                            : TextParsers.parseBigDecimal(scratchNumber, 0, len, type.scale());
                    java.math.BigInteger u = d.unscaledValue();
                    if (u.bitLength() > 127 || (type.id() == TypeId.DECIMAL && d.precision() > type.precision())) throw TextParsers.FAILED;
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
            if (options.ignoreErrors()) return false;
            throw conversionError(c, new String(b, s, e - s, StandardCharsets.UTF_8));
        }
        return true;
    }

    private byte[] scratchNumber = new byte[64];

    /**
     * Rewrites a numeric field with the decimal separator / thousands separator options into
     * {@link #scratchNumber} ('.' as decimal point, no group separators); -1 when no rewrite is needed.
     */
    private int normalizeNumber(byte[] b, int s, int e) {
        byte sep = options.decimalSeparator();
        byte th = options.thousands();
        if (sep == '.' && th == CsvOptions.NONE) return -1;
        if (scratchNumber.length < e - s) scratchNumber = new byte[e - s];
        int n = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == th && th != CsvOptions.NONE) continue;
            if (c == sep) c = '.';
            else if (c == '.' && sep != '.') throw TextParsers.FAILED;
            scratchNumber[n++] = c;
        }
        return n;
    }

    private long parseInteger(byte[] b, int s, int e) {
        if (options.thousands() == CsvOptions.NONE) return TextParsers.parseLong(b, s, e);
        int len = normalizeNumber(b, s, e);
        return TextParsers.parseLong(scratchNumber, 0, len);
    }

    private double parseReal(byte[] b, int s, int e) {
        int len = normalizeNumber(b, s, e);
        return len < 0 ? TextParsers.parseDouble(b, s, e) : TextParsers.parseDouble(scratchNumber, 0, len);
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
                String unit = parts[i + 1].toLowerCase(Locale.ROOT);
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
        if (nullIsEmpty) return e == s;
        int len = e - s;
        outer:
        for (byte[] nb : nullBytes) {
            if (len != nb.length) continue;
            for (int i = 0; i < len; i++) {
                if (b[s + i] != nb[i]) continue outer;
            }
            return true;
        }
        return false;
    }

    /** Copies a quoted field without its escape characters into {@link #scratch}; returns the length. */
    private int unescape(byte[] b, int s, int e) {
        if (scratch.length < e - s) {
            scratch = new byte[Math.max(e - s, scratch.length * 2)];
        }
        byte q = quote;
        byte esc = escape;
        int n = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (esc == q ? (c == q && i + 1 < e && b[i + 1] == q) : (esc != CsvOptions.NONE && c == esc && i + 1 < e)) {
                i++;
                c = b[i];
            } else if (c == q && esc == q) {
                // relaxed mode, quote doubling as escape: a lone inner quote closes and reopens the
                // quoted value (DuckDB reads "a "b" c" as a b c), so it is not part of the value
                continue;
            }
            scratch[n++] = c;
        }
        return n;
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
