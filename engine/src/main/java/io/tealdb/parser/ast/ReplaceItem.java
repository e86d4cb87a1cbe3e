package io.tealdb.parser.ast;

/**
 * One {@code expr AS column} entry of {@code * REPLACE (..)}.
 */
public record ReplaceItem(
        Expr expr,
        Identifier column,
        int pos) implements Node {}
