package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/** ORDER BY + LIMIT fused by the optimizer: keeps only the first {@code offset + limit} rows while reading. */
public record LogicalTopN(List<BoundOrder> orders, long limit, long offset, LogicalOperator child)
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
