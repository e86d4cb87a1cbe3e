package io.tealdb.parser.ast;

/**
 * One select-list entry; alias is null when not written.
 */
public record SelectItem(
        Expr expr,
        Identifier alias,
        int pos) implements Node {}
