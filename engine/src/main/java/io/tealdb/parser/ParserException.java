package io.tealdb.parser;

import io.tealdb.error.TealException;

/**
 * A syntax error in SQL text. The message follows DuckDB/PostgreSQL wording
 * ({@code syntax error at or near "FROM"}); {@link #kind()} supplies the "Parser Error" prefix.
 */
public class ParserException extends TealException {
    public ParserException(String message, int position) {
        super(message, position, null);
    }

    @Override
    public String kind() {
        return "Parser Error";
    }
}
