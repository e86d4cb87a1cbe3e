package io.tealdb.parser.ast;

/**
 * {@code x[i]}.
 */
public record Subscript(
        Expr base,
        Expr index,
        int pos) implements Expr {}
