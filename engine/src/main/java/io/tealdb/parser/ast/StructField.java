package io.tealdb.parser.ast;

/**
 * One {@code name: value} entry of a struct literal.
 */
public record StructField(
        Identifier name,
        Expr value,
        int pos) implements Node {}
