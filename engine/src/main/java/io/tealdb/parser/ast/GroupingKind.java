package io.tealdb.parser.ast;

/**
 * Kind of a {@link GroupingSet} element.
 */
public enum GroupingKind {
    SETS, ROLLUP, CUBE
}
