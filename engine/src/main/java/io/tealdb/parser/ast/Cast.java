package io.tealdb.parser.ast;

/**
 * {@code CAST(x AS t)}, {@code TRY_CAST(x AS t)}, {@code x::t}.
 */
public record Cast(
        Expr operand,
        TypeName type,
        boolean tryCast,
        int pos) implements Expr {}
