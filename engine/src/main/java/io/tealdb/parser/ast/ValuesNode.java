package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code VALUES (..), (..)} as a query.
 */
public record ValuesNode(
        With with,
        List<List<Expr>> rows,
        List<OrderItem> orderBy,
        LimitClause limit,
        int pos) implements QueryNode {}
