package io.tealdb.parser.ast;

/**
 * The literal {@code NULL}.
 */
public record NullLiteral(
        int pos) implements Expr {}
