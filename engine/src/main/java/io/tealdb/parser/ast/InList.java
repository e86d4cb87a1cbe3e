package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code x [NOT] IN (a, b, ..)}.
 */
public record InList(
        Expr value,
        List<Expr> list,
        boolean negated,
        int pos) implements Expr {}
