package io.tealdb.parser.ast;

/**
 * Kind of a table-level constraint.
 */
public enum TableConstraintKind {
    PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY
}
