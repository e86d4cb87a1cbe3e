package io.tealdb.parser.ast;

/**
 * Join kinds; comma joins are CROSS.
 */
public enum JoinKind {
    INNER, LEFT, RIGHT, FULL, CROSS, SEMI, ANTI, POSITIONAL
}
