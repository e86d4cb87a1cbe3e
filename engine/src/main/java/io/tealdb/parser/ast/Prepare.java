package io.tealdb.parser.ast;

/**
 * PREPARE name AS statement.
 */
public record Prepare(
        Identifier name,
        Statement statement,
        int pos) implements Statement {}
