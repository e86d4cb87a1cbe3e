package io.tealdb.server.pg;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.ConstraintException;
import io.tealdb.error.ConversionException;
import io.tealdb.error.InterruptException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.error.TealException;
import io.tealdb.error.TealIOException;
import io.tealdb.error.TransactionException;
import io.tealdb.parser.ParserException;

import java.util.Locale;

/**
 * Maps engine errors to SQLSTATE codes. Clients act on the class (psycopg2/SQLAlchemy: 22 DataError,
 * 23 IntegrityError, 42 ProgrammingError) and pools evict connections on 08/57/0A, so unsupported
 * syntax is reported as 42601 rather than 0A000. The message keeps the engine's kind prefix, as
 * DuckDB prints it, so that psql shows what the embedded engine and DuckDB users see.
 */
final class PgErrors {
    private PgErrors() {
    }

    /** The ErrorResponse for {@code t}; {@code queryOffset} is where the failing statement starts in the query text. */
    static PgError from(Throwable t, int queryOffset) {
        if (t instanceof PgError.Failure f) return f.error;
        if (!(t instanceof TealException e)) {
            return PgError.error("XX000", "internal error: " + t);
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        String state = sqlState(e, m.toLowerCase(Locale.ROOT));
        // the message as DuckDB and the embedded engine word it ("Binder Error: …"); the SQLSTATE classifies it for clients
        PgError err = PgError.error(state, e.describe());
        return e.position() >= 0 ? err.at(queryOffset + e.position() + 1) : err;
    }

    private static String sqlState(TealException e, String m) {
        return switch (e) {
            case ParserException p -> "42601";
            case InterruptException i -> "57014";
            case CatalogException c -> m.contains("already exists") ? (m.startsWith("schema") ? "42P06" : "42P07")
                    : m.startsWith("table with name") || m.startsWith("view with name") ? "42P01"
                    : m.contains("function") ? "42883"
                    : m.startsWith("schema with name") ? "3F000"
                    : m.contains("configuration parameter") ? "42704" : "42704";
            case BinderException b -> m.contains("column") ? "42703" : m.contains("function") ? "42883"
                    : m.contains("parameter") ? "42P18" : "42804";
            case ConstraintException c -> m.contains("not null") ? "23502" : m.contains("foreign key") ? "23503"
                    : m.contains("check constraint") ? "23514" : "23505";
            case OutOfRangeException o -> "22003";
            case ConversionException c -> m.contains("out of range") || m.contains("overflow") ? "22003" : "22P02";
            case TransactionException t -> m.contains("conflict") ? "40001" : m.contains("read-only") ? "25006" : "25000";
            case NotImplementedException n -> "0A000";
            case TealIOException io -> "58030";
            case InvalidInputException i -> m.contains("division by zero") ? "22012" : m.contains("cannot be changed") ? "55P02" : "22023";
            default -> m.contains("division by zero") ? "22012" : "XX000";
        };
    }
}
