package io.tealdb.parser.ast;

/**
 * {@code x IS [NOT] TRUE|FALSE}.
 */
public record IsBoolean(
        Expr operand,
        boolean value,
        boolean negated,
        int pos) implements Expr {}
