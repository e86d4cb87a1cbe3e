package io.tealdb.parser.ast;

/**
 * CREATE TYPE name AS type (including {@code ENUM ('a', 'b')}).
 */
public record CreateType(
        QualifiedName name,
        TypeName type,
        boolean orReplace,
        boolean ifNotExists,
        int pos) implements Statement {}
