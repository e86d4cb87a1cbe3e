package io.tealdb.parser.ast;

/**
 * {@code x [NOT] IN (SELECT ..)}.
 */
public record InSubquery(
        Expr value,
        QueryNode query,
        boolean negated,
        int pos) implements Expr {}
