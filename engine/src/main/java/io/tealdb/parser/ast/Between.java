package io.tealdb.parser.ast;

/**
 * {@code x [NOT] BETWEEN [SYMMETRIC] low AND high}.
 */
public record Between(
        Expr value,
        Expr low,
        Expr high,
        boolean negated,
        boolean symmetric,
        int pos) implements Expr {}
