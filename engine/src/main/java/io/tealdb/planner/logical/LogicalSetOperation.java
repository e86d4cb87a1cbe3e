package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * UNION/INTERSECT/EXCEPT [ALL]. Both inputs already produce {@code types} (the binder adds casting
 * projections). Output binding i is {@code (tableIndex, i)}.
 */
public record LogicalSetOperation(int tableIndex, SetOperationKind kind, boolean all, LogicalOperator left,
                                  LogicalOperator right, List<LogicalType> types) implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(left, right);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }
}
