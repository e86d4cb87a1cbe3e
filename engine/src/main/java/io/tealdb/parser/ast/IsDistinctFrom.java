package io.tealdb.parser.ast;

/**
 * {@code a IS [NOT] DISTINCT FROM b}; negated means IS NOT DISTINCT FROM (null-safe equality).
 */
public record IsDistinctFrom(
        Expr left,
        Expr right,
        boolean negated,
        int pos) implements Expr {}
