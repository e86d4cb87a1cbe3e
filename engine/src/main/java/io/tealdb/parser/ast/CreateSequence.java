package io.tealdb.parser.ast;

/**
 * CREATE SEQUENCE; options not written are null.
 */
public record CreateSequence(
        QualifiedName name,
        boolean orReplace,
        boolean temporary,
        boolean ifNotExists,
        Expr start,
        Expr increment,
        Expr minValue,
        Expr maxValue,
        boolean cycle,
        int pos) implements Statement {}
