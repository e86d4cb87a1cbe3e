package io.tealdb.planner.expression;

/** What a subquery expression asks of its subquery. */
public enum SubqueryKind {
    /** (SELECT x ...): one value, NULL if no row, error if more than one row. */
    SCALAR,
    /** EXISTS (SELECT ...). */
    EXISTS,
    /** NOT EXISTS (SELECT ...). */
    NOT_EXISTS,
    /** left op ANY (SELECT x ...); {@code IN (subquery)} is ANY with EQ. */
    ANY,
    /** left op ALL (SELECT x ...); {@code NOT IN (subquery)} is ALL with NE. */
    ALL
}
