package io.tealdb.parser.ast;

/**
 * A parenthesized query used as a value.
 */
public record ScalarSubquery(
        QueryNode query,
        int pos) implements Expr {}
