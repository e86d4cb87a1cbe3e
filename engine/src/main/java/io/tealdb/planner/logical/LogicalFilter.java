package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/** Keeps the rows for which every conjunct in {@code conditions} is true. */
public record LogicalFilter(List<BoundExpr> conditions, LogicalOperator child) implements LogicalOperator {
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
