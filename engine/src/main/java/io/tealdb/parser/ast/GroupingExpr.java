package io.tealdb.parser.ast;

/**
 * A plain GROUP BY expression (or ordinal position).
 */
public record GroupingExpr(
        Expr expr,
        int pos) implements GroupingElement {}
