package io.tealdb.parser.ast;

/**
 * A type-prefixed string constant such as {@code DATE '2020-01-01'} or
 * {@code TIMESTAMP '2020-01-01 10:00'}; semantically {@code CAST('..' AS type)}.
 */
public record TypedLiteral(
        TypeName type,
        String value,
        int pos) implements Expr {}
