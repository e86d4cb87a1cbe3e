package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/** Computes window functions; output: the child's columns, then window i as (tableIndex, i). */
public record LogicalWindow(int tableIndex, List<BoundWindow> windows, LogicalOperator child) implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(child);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(child.bindings());
        for (int i = 0; i < windows.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }

    @Override
    public List<LogicalType> types() {
        List<LogicalType> out = new ArrayList<>(child.types());
        for (BoundWindow w : windows) out.add(w.type());
        return out;
    }
}
