package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code left UNION|INTERSECT|EXCEPT [ALL] [BY NAME] right}.
 */
public record SetOperationNode(
        With with,
        SetOperationKind kind,
        boolean all,
        boolean byName,
        QueryNode left,
        QueryNode right,
        List<OrderItem> orderBy,
        LimitClause limit,
        int pos) implements QueryNode {}
