package io.tealdb.parser.ast;

/**
 * A number with a fraction or exponent ({@code 1.5}, {@code .5}, {@code 1e10}), kept as text
 * (underscores removed) so no precision is lost before the binder types it.
 */
public record DecimalLiteral(
        String text,
        int pos) implements Expr {}
