package io.tealdb.parser.ast;

/**
 * {@code x COLLATE nocase}.
 */
public record Collate(
        Expr operand,
        String collation,
        int pos) implements Expr {}
