package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code col = value} in UPDATE SET / ON CONFLICT DO UPDATE SET ({@code (a, b) = (..)} has two columns).
 */
public record SetClause(
        List<Identifier> columns,
        Expr value,
        int pos) implements Node {}
