package io.tealdb.parser.ast;

/**
 * USE schema | database.schema.
 */
public record Use(
        QualifiedName name,
        int pos) implements Statement {}
