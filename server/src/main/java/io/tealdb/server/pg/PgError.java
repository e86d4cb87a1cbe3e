package io.tealdb.server.pg;

/** The fields of an ErrorResponse or NoticeResponse. {@code position} is 1-based in the query text, 0 if none. */
record PgError(String severity, String sqlState, String message, String detail, String hint, int position) {
    static PgError error(String sqlState, String message) {
        return new PgError("ERROR", sqlState, message, null, null, 0);
    }

    static PgError fatal(String sqlState, String message) {
        return new PgError("FATAL", sqlState, message, null, null, 0);
    }

    static PgError warning(String sqlState, String message) {
        return new PgError("WARNING", sqlState, message, null, null, 0);
    }

    PgError at(int position) {
        return new PgError(severity, sqlState, message, detail, hint, position);
    }

    /** A typed error raised by the protocol layer itself (not by the engine). */
    static final class Failure extends RuntimeException {
        final PgError error;

        Failure(PgError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        Failure(String sqlState, String message) {
            this(PgError.error(sqlState, message));
        }
    }
}
