package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference, inside the recursive part of a {@link LogicalRecursiveCte} with the same
 * {@code cteIndex}, to the rows the previous round produced (the "working table"). Output binding
 * i is (tableIndex, i).
 */
public record LogicalCteRef(int tableIndex, int cteIndex, List<LogicalType> types) implements LogicalOperator {
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
