package io.tealdb.parser.ast;

/**
 * Kinds of catalog objects named by DROP and ALTER.
 */
public enum ObjectKind {
    TABLE, VIEW, SCHEMA, SEQUENCE, MACRO, MACRO_TABLE, FUNCTION, INDEX, TYPE
}
