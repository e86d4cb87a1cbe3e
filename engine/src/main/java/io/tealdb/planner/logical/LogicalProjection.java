package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/** Computes {@code expressions}; output binding i is {@code (tableIndex, i)}. */
public record LogicalProjection(int tableIndex, List<BoundExpr> expressions, LogicalOperator child)
        implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(child);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }

    @Override
    public List<LogicalType> types() {
        return expressions.stream().map(BoundExpr::type).toList();
    }
}
