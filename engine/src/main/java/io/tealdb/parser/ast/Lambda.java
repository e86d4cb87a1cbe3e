package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code x -> x + 1}, {@code (x, y) -> x + y} ({@code arrow}), {@code lambda x: x + 1}.
 */
public record Lambda(
        List<Identifier> params,
        Expr body,
        boolean arrow,
        int pos) implements Expr {
    public Lambda(List<Identifier> params, Expr body, int pos) {
        this(params, body, false, pos);
    }
}
