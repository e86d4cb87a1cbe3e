package io.tealdb.parser.ast;

/**
 * A macro parameter, optionally with a default ({@code p := 1}).
 */
public record MacroParam(
        Identifier name,
        Expr defaultValue,
        int pos) implements Node {}
