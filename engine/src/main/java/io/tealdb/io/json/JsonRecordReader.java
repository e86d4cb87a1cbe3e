package io.tealdb.io.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealIOException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The records of one JSON file, one tree ({@link JsonTree}) at a time, read with Jackson's
 * streaming parser: newline-delimited JSON (any whitespace between values; a value may span
 * lines), or one top-level array whose elements are the records. {@code auto} picks array when the
 * first value of the file is an array, else newline-delimited. Files ending in .gz (or compression
 * gzip) are gunzipped, .zst (or zstd) decompressed with zstd-jni.
 */
public final class JsonRecordReader implements AutoCloseable {
    /** How records are laid out in the file. */
    public enum Format { AUTO, NEWLINE_DELIMITED, ARRAY }

    private final Path path;
    private final JsonParser parser;
    private boolean inArray;
    private boolean done;
    /** File offset of the parser's first byte (0 unless reading a range). */
    private final long base;
    /** Records starting at or after this file offset belong to the next range; Long.MAX_VALUE: read to the end. */
    private final long rangeEnd;
    /** Lines before {@link #base}, counted when an error message first needs them; -1 until then. */
    private long linesBefore;
    /** Whether a record read so far spanned several lines (then a file cannot be split at line ends). */
    private boolean multiLineRecord;

    public JsonRecordReader(Path path, Format format, String compression) {
        this(path, format, compression, 0, Long.MAX_VALUE);
    }

    /**
     * Reads the records of a newline-delimited file that start in the bytes {@code [start, end)}: a
     * range that starts inside a line begins at the next line (the previous range reads the record
     * that line holds), and the record starting last before {@code end} is read to its end. Only for
     * uncompressed files whose records each lie on one line ({@link #multiLineRecord()} tells).
     */
    public JsonRecordReader(Path path, Format format, String compression, long start, long end) {
        this.path = path;
        this.rangeEnd = end;
        this.linesBefore = start == 0 ? 0 : -1;
        try {
            InputStream raw = open(path, compression);
            long skipped = 0;
            if (start > 0) {
                // begin after the line end at or after start - 1
                long skip = start - 1;
                while (skip > 0) {
                    long n = raw.skip(skip);
                    if (n <= 0) break;
                    skip -= n;
                }
                skipped = start - 1 - skip;
                raw = new BufferedInputStream(raw, 1 << 16);
                int b;
                while ((b = raw.read()) >= 0) {
                    skipped++;
                    if (b == '\n') break;
                }
            }
            this.base = skipped;
            InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
            this.parser = JsonTree.FACTORY.createParser(in);
            // a record with a repeated key is an error when read from a file, as in DuckDB: the record
            // readers check (JsonTree.readStrict, the JSON scan's own loop), not the parser's hash set per object
            JsonToken first = parser.nextToken();
            if (first == null || pastRange()) {
                done = true;
            } else if (first == JsonToken.START_ARRAY && format != Format.NEWLINE_DELIMITED) {
                inArray = true;
            } else if (format == Format.ARRAY) {
                throw new InvalidInputException("JSON file \"" + path + "\" is not an array of records (format 'array'): it starts with " + first);
            }
        } catch (IOException e) {
            throw error(e);
        }
    }

    private static InputStream open(Path path, String compression) throws IOException {
        if (!Files.exists(path)) throw new TealIOException("No files found that match the pattern \"" + path + "\"");
        String c = compression == null ? "auto" : compression.toLowerCase(Locale.ROOT);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        InputStream raw = Files.newInputStream(path);
        if (c.equals("gzip") || (c.equals("auto") && name.endsWith(".gz"))) return new java.util.zip.GZIPInputStream(raw, 1 << 16);
        if (c.equals("zstd") || (c.equals("auto") && name.endsWith(".zst"))) return new com.github.luben.zstd.ZstdInputStream(raw);
        return raw;
    }

    private io.tealdb.error.TealException error(IOException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        // bad text is bad input (DuckDB's Invalid Input Error); a failing read stays an IO Error
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return new InvalidInputException("Malformed JSON in file \"" + path + "\": " + msg, e);
        }
        return new TealIOException("Error reading JSON file \"" + path + "\": " + msg, e);
    }

    /** The next record, or null at the end of the file. */
    public Object next() {
        Object[] record = new Object[1];
        return next((p, first) -> {
            int startLine = p.currentTokenLocation().getLineNr();
            record[0] = JsonTree.readStrict(p, first);
            if (p.currentLocation().getLineNr() != startLine) multiLineRecord = true;
        }) ? record[0] : null;
    }

    /** Reads one record's tokens: called with the parser on the record's first token, it leaves the parser on its last. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(JsonParser parser, JsonToken first) throws IOException;
    }

    /**
     * Hands the next record to {@code visitor}, which reads its tokens straight from the parser
     * (the JSON reader's hot path: no tree per record); false at the end of the file or range.
     * Malformed text and duplicate keys raise DuckDB's errors, as {@link #next()} does.
     */
    public boolean next(RecordVisitor visitor) {
        if (done) return false;
        try {
            JsonToken t = parser.currentToken();
            if (inArray || t == null || consumed) t = parser.nextToken();
            consumed = true;
            if (t != null && !inArray && pastRange()) t = null;
            if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
                if (inArray && t == JsonToken.END_ARRAY && parser.nextToken() != null) {
                    throw new InvalidInputException("JSON file \"" + path + "\" has content after its top-level array");
                }
                done = true;
                return false;
            }
            visitor.visit(parser, t);
            return true;
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new InvalidInputException("JSON transform error in file \"" + path + "\", in line " + line()
                        + ": Object has duplicate key " + e.getOriginalMessage().substring("Duplicate field ".length()).replace('\'', '"'));
            }
            throw error(e);
        } catch (IOException e) {
            throw error(e);
        }
    }

    /** Whether the parser's current token was already turned into a record (the first one is read in the constructor). */
    private boolean consumed;

    /**
     * Whether the current token lies on a line that starts at or after the end of this reader's range
     * (a line belongs to the range its first byte is in, with every record on it). The column number
     * of a byte-based parser counts bytes.
     */
    private boolean pastRange() {
        if (rangeEnd == Long.MAX_VALUE) return false;
        com.fasterxml.jackson.core.JsonLocation at = parser.currentTokenLocation();
        return base + at.getByteOffset() - (at.getColumnNr() - 1) >= rangeEnd;
    }

    /** Whether the records are the elements of a top-level array. */
    public boolean inArray() {
        return inArray;
    }

    /** Whether a record read so far spanned several lines. */
    public boolean multiLineRecord() {
        return multiLineRecord;
    }

    /** The line the parser is on, for error messages (counted from the start of the file also when reading a range). */
    public long line() {
        if (linesBefore < 0) linesBefore = countLines(path, base);
        return linesBefore + parser.currentLocation().getLineNr();
    }

    private static long countLines(Path path, long upTo) {
        long lines = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            long left = upTo;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) break;
                for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
                left -= n;
            }
        } catch (IOException e) {
            return 0; // only for a message: the line within the range is still given
        }
        return lines;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw error(e);
        }
    }
}
