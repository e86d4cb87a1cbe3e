package io.tealdb.parser.ast;

/**
 * One ORDER BY key. nullsFirst is null when not written (the engine's default applies).
 * A bare {@link Star} expr means {@code ORDER BY ALL}.
 */
public record OrderItem(
        Expr expr,
        boolean ascending,
        Boolean nullsFirst,
        int pos) implements Node {}
