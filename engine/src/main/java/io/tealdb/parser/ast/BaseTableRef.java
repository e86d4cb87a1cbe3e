package io.tealdb.parser.ast;

/**
 * A named table or view; alias may be null.
 */
public record BaseTableRef(
        QualifiedName name,
        TableAlias alias,
        int pos) implements TableRef {}
