package io.tealdb.parser.ast;

/**
 * One {@code name AS (..)} entry of a WINDOW clause.
 */
public record NamedWindow(
        Identifier name,
        WindowSpec spec,
        int pos) implements Node {}
