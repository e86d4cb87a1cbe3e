package io.tealdb.parser.ast;

/**
 * Kind of a set operation.
 */
public enum SetOperationKind {
    UNION, INTERSECT, EXCEPT
}
