package io.tealdb.parser.ast;

/**
 * A prepared-statement parameter: {@code ?} (numbered 1, 2, .. in order of appearance),
 * {@code $3} (index 3), or {@code $name} (index 0, name set).
 */
public record Parameter(
        int index,
        String name,
        int pos) implements Expr {}
