package io.tealdb.parser.ast;

/**
 * ALTER TABLE|VIEW|SEQUENCE name action.
 */
public record AlterTable(
        ObjectKind kind,
        QualifiedName name,
        boolean ifExists,
        AlterAction action,
        int pos) implements Statement {}
