package io.tealdb.parser.ast;

/**
 * DuckDB's {@code COLUMNS(selector)}: selector is a regex string, a lambda, a list, or a star
 * expression. {@code *COLUMNS(..)} (unpacked) expands into the surrounding function's arguments.
 */
public record ColumnsExpr(
        Expr selector,
        boolean unpacked,
        int pos) implements Expr {}
