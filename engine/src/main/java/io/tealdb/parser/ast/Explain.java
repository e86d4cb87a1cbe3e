package io.tealdb.parser.ast;

/**
 * EXPLAIN [ANALYZE] statement.
 */
public record Explain(
        Statement statement,
        boolean analyze,
        int pos) implements Statement {}
