package io.tealdb.parser.ast;

/**
 * TRUNCATE [TABLE] t.
 */
public record Truncate(
        QualifiedName table,
        int pos) implements Statement {}
