package io.tealdb.parser.ast;

import java.util.List;

/**
 * A query expression. Every kind carries its own WITH clause, ORDER BY and LIMIT so that
 * parenthesized sub-queries keep their modifiers.
 */
public sealed interface QueryNode extends Node
        permits SelectNode,
        SetOperationNode,
        ValuesNode {
    With with();

    List<OrderItem> orderBy();

    LimitClause limit();
}
