package io.tealdb.parser.ast;

/**
 * The pattern-matching operator of a {@link Like} node.
 */
public enum LikeKind {
    LIKE, ILIKE, GLOB, SIMILAR
}
