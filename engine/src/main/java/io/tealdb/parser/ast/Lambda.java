package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code x -> x + 1}, {@code (x, y) -> x + y}, {@code lambda x: x + 1}.
 */
public record Lambda(
        List<Identifier> params,
        Expr body,
        int pos) implements Expr {}
