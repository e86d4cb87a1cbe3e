package io.tealdb.parser.ast;

/**
 * The EXCLUDE clause of a window frame.
 */
public enum FrameExclusion {
    NO_OTHERS, CURRENT_ROW, GROUP, TIES
}
