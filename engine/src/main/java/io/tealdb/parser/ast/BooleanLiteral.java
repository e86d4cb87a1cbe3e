package io.tealdb.parser.ast;

/**
 * {@code TRUE} or {@code FALSE}.
 */
public record BooleanLiteral(
        boolean value,
        int pos) implements Expr {}
