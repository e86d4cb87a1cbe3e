package io.tealdb.parser.ast;

/**
 * One WHEN .. THEN .. arm of a {@link Case}.
 */
public record WhenClause(
        Expr condition,
        Expr result,
        int pos) implements Node {}
