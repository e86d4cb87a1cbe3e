package io.tealdb.parser.ast;

import java.util.List;

/**
 * A generic option ({@code COPY .. (FORMAT csv, HEADER, DELIMITER '|')}, ATTACH options).
 * Bare words as values become {@link StringLiteral}s; a flag without value has no values.
 */
public record Option(
        Identifier name,
        List<Expr> values,
        int pos) implements Node {}
