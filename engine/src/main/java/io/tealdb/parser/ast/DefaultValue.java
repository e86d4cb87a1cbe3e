package io.tealdb.parser.ast;

/**
 * The keyword DEFAULT in INSERT VALUES or UPDATE SET.
 */
public record DefaultValue(
        int pos) implements Expr {}
