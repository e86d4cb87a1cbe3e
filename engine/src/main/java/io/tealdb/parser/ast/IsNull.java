package io.tealdb.parser.ast;

/**
 * {@code x IS [NOT] NULL}, {@code x ISNULL}, {@code x NOTNULL}, {@code x IS [NOT] UNKNOWN}.
 */
public record IsNull(
        Expr operand,
        boolean negated,
        int pos) implements Expr {}
