package io.tealdb.parser.ast;

/**
 * A string constant with escapes already resolved ('' and E'..' backslash escapes,
 * dollar-quoted strings).
 */
public record StringLiteral(
        String value,
        int pos) implements Expr {}
