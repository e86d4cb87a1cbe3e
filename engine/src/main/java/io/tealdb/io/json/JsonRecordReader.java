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

    public JsonRecordReader(Path path, Format format, String compression) {
        this.path = path;
        try {
            InputStream in = new BufferedInputStream(open(path, compression), 1 << 16);
            this.parser = JsonTree.FACTORY.createParser(in);
            // a record with a repeated key is an error when read from a file, as in DuckDB
            this.parser.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            if (first == null) {
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
        if (done) return null;
        try {
            JsonToken t = parser.currentToken();
            if (inArray || t == null || consumed) t = parser.nextToken();
            consumed = true;
            if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
                if (inArray && t == JsonToken.END_ARRAY && parser.nextToken() != null) {
                    throw new InvalidInputException("JSON file \"" + path + "\" has content after its top-level array");
                }
                done = true;
                return null;
            }
            return JsonTree.read(parser, t);
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

    /** The line the parser is on, for error messages. */
    public long line() {
        return parser.currentLocation().getLineNr();
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
