package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code [a, b]} or {@code ARRAY[a, b]}.
 */
public record ListLiteral(
        List<Expr> elements,
        int pos) implements Expr {}
