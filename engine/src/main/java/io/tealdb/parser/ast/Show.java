package io.tealdb.parser.ast;

/**
 * SHOW TABLES [FROM schema], SHOW ALL TABLES, SHOW DATABASES, SHOW setting (kind VARIABLE).
 */
public record Show(
        ShowKind kind,
        QualifiedName name,
        int pos) implements Statement {}
