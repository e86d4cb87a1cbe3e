package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

/**
 * Reference to an output column of a logical operator below. {@code depth} is 0 for the current
 * query level and n &gt; 0 for a column of the n-th enclosing query (a correlated reference).
 */
public record BoundColumnRef(ColumnBinding binding, LogicalType type, String name, int depth) implements BoundExpr {
    public BoundColumnRef(ColumnBinding binding, LogicalType type, String name) {
        this(binding, type, name, 0);
    }
}
