package io.tealdb.parser.ast;

/**
 * LIMIT/OFFSET/FETCH FIRST; either expression may be null. percent is {@code LIMIT 10%}.
 */
public record LimitClause(
        Expr limit,
        Expr offset,
        boolean percent,
        int pos) implements Node {}
