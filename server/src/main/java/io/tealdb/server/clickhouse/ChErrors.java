package io.tealdb.server.clickhouse;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.ConstraintException;
import io.tealdb.error.ConversionException;
import io.tealdb.error.InterruptException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.error.TealException;
import io.tealdb.parser.ParserException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Maps engine errors onto ClickHouse error codes and renders the error body clients parse. */
final class ChErrors {
    static final String VERSION = "24.10.1.1";

    private ChErrors() {
    }

    static ChException of(Throwable t) {
        if (t instanceof ChException c) return c;
        if (t instanceof TealException e) {
            String msg = e.describe();
            String lower = msg.toLowerCase(Locale.ROOT);
            if (e instanceof ParserException) return new ChException(62, "SYNTAX_ERROR", msg, e);
            if (e instanceof CatalogException) {
                if (lower.contains("already exists")) {
                    return lower.contains("schema") ? new ChException(82, "DATABASE_ALREADY_EXISTS", msg, e)
                            : new ChException(57, "TABLE_ALREADY_EXISTS", msg, e);
                }
                if (lower.contains("schema")) return new ChException(81, "UNKNOWN_DATABASE", msg, e);
                if (lower.contains("function")) return new ChException(46, "UNKNOWN_FUNCTION", msg, e);
                return new ChException(60, "UNKNOWN_TABLE", msg, e);
            }
            if (e instanceof BinderException) {
                if (lower.contains("function")) return new ChException(46, "UNKNOWN_FUNCTION", msg, e);
                if (lower.contains("column") || lower.contains("identifier")) return new ChException(47, "UNKNOWN_IDENTIFIER", msg, e);
                return new ChException(43, "ILLEGAL_TYPE_OF_ARGUMENT", msg, e);
            }
            if (e instanceof ConversionException) return new ChException(6, "CANNOT_PARSE_TEXT", msg, e);
            if (e instanceof InvalidInputException) return new ChException(36, "BAD_ARGUMENTS", msg, e);
            if (e instanceof OutOfRangeException) return new ChException(69, "ARGUMENT_OUT_OF_BOUND", msg, e);
            if (e instanceof ConstraintException) return new ChException(469, "VIOLATED_CONSTRAINT", msg, e);
            if (e instanceof NotImplementedException) return new ChException(48, "NOT_IMPLEMENTED", msg, e);
            if (e instanceof InterruptException) return new ChException(394, "QUERY_WAS_CANCELLED", msg, e);
            return new ChException(1001, "STD_EXCEPTION", msg, e);
        }
        if (t instanceof OutOfMemoryError) return new ChException(241, "MEMORY_LIMIT_EXCEEDED", "out of memory", t);
        // a request body that does not decode (corrupt gzip / zstd / lz4 / br data): the client's fault, not ours
        Throwable io = t instanceof java.io.UncheckedIOException u ? u.getCause() : t;
        if (io instanceof java.io.IOException) {
            return new ChException(271, "CANNOT_DECOMPRESS", "cannot read the request body: " + io.getMessage(), t);
        }
        return new ChException(1001, "STD_EXCEPTION", "internal error: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage()), t);
    }

    /** {@code Code: N. DB::Exception: message. (NAME) (version …)\n}: the shape all three clients parse. */
    static byte[] body(ChException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        if (m.endsWith(".")) m = m.substring(0, m.length() - 1);
        return ("Code: " + e.code() + ". DB::Exception: " + m + ". (" + e.errorName() + ") (version " + VERSION + ")\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
