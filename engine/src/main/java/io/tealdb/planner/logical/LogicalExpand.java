package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns every input row into {@code rows.size()} output rows, in order: output row j of an input
 * row is {@code rows[j]} evaluated over that input row (UNPIVOT: the kept columns, the name of
 * entry j, its values). Every row list has one expression per output column, already cast to
 * {@code types}. Output binding i is (tableIndex, i).
 */
public record LogicalExpand(int tableIndex, List<List<BoundExpr>> rows, List<LogicalType> types, LogicalOperator child)
        implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(child);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }
}
