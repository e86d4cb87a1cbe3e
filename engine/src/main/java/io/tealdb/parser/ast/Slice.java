package io.tealdb.parser.ast;

/**
 * {@code x[a:b]} or {@code x[a:b:step]}; omitted bounds are null.
 */
public record Slice(
        Expr base,
        Expr from,
        Expr to,
        Expr step,
        int pos) implements Expr {}
