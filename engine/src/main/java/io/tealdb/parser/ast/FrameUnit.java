package io.tealdb.parser.ast;

/**
 * Unit of a window frame.
 */
public enum FrameUnit {
    ROWS, RANGE, GROUPS
}
