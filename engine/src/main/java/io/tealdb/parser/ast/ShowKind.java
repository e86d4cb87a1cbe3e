package io.tealdb.parser.ast;

/**
 * What a SHOW lists.
 */
public enum ShowKind {
    TABLES, ALL_TABLES, DATABASES, VARIABLE
}
