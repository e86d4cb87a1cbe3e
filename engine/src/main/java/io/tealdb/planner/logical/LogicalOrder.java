package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/** Sorts its input by {@code orders} (a stable sort is not promised). */
public record LogicalOrder(List<BoundOrder> orders, LogicalOperator child) implements LogicalOperator {
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
