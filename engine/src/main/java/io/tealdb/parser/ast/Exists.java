package io.tealdb.parser.ast;

/**
 * {@code EXISTS (SELECT ..)}.
 */
public record Exists(
        QueryNode query,
        int pos) implements Expr {}
