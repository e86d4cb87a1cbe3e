package io.tealdb.parser;

/**
 * A syntax error in SQL text. The message follows DuckDB/PostgreSQL wording
 * ({@code syntax error at or near "FROM"}) without the "Parser Error:" prefix, which the
 * front end adds. Will be re-parented under {@code io.tealdb.TealException} once that exists.
 */
public class ParserException extends RuntimeException {
    private final int position;

    public ParserException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** 0-based character offset of the offending token in the SQL text, or -1 if unknown. */
    public int position() {
        return position;
    }
}
