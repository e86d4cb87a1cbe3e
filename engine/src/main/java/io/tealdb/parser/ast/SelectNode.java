package io.tealdb.parser.ast;

import java.util.List;

/**
 * A SELECT block (also FROM-first {@code FROM t [SELECT ..]}, where an omitted select list is
 * a single {@link Star}). Absent clauses are null (lists are empty). distinctOn non-empty implies distinct.
 */
public record SelectNode(
        With with,
        boolean distinct,
        List<Expr> distinctOn,
        List<SelectItem> items,
        TableRef from,
        Expr where,
        GroupBy groupBy,
        Expr having,
        List<NamedWindow> windows,
        Expr qualify,
        List<OrderItem> orderBy,
        LimitClause limit,
        int pos) implements QueryNode {}
