package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * Removes duplicate rows. With {@code onKeys} non-empty (DISTINCT ON), keeps one row per key: the
 * first in {@code orders} order when given.
 */
public record LogicalDistinct(List<BoundExpr> onKeys, List<BoundOrder> orders, LogicalOperator child)
        implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(child);
    }

    @Override
    public List<ColumnBinding> bindings() {
        return child.bindings();
    }

    @Override
    public List<LogicalType> types() {
        return child.types();
    }
}
