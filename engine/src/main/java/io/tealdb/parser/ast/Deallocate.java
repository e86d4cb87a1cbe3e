package io.tealdb.parser.ast;

/**
 * DEALLOCATE [PREPARE] name | ALL (name null).
 */
public record Deallocate(
        Identifier name,
        int pos) implements Statement {}
