package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A literal table (VALUES, or the single empty row of a FROM-less SELECT). Row expressions are
 * already cast to {@code types}; they may not reference columns. Output binding i is (tableIndex, i).
 */
public record LogicalValues(int tableIndex, List<LogicalType> types, List<List<BoundExpr>> rows)
        implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of();
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }
}
