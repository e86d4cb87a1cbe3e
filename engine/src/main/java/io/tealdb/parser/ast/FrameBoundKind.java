package io.tealdb.parser.ast;

/**
 * Kind of a window frame bound.
 */
public enum FrameBoundKind {
    UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING
}
