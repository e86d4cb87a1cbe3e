package io.tealdb.parser.ast;

/**
 * CREATE SCHEMA.
 */
public record CreateSchema(
        QualifiedName name,
        boolean ifNotExists,
        boolean orReplace,
        int pos) implements Statement {}
