package io.tealdb.parser.ast;

/**
 * DuckDB's positional column reference {@code #n} (1-based), e.g. {@code SELECT #1 FROM t}.
 */
public record PositionalRef(
        int position,
        int pos) implements Expr {}
