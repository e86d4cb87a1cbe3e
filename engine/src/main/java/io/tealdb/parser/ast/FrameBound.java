package io.tealdb.parser.ast;

/**
 * A frame bound; offset is set for PRECEDING/FOLLOWING only.
 */
public record FrameBound(
        FrameBoundKind kind,
        Expr offset,
        int pos) implements Node {}
