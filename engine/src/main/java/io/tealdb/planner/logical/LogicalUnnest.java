package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * UNNEST in a select list: every input row becomes as many rows as its longest list (none when all
 * are NULL or empty); output: the child's columns repeated, then unnest i's element, NULL where
 * list i is shorter, as (tableIndex, i). {@code lists} are LIST expressions over the child.
 */
public record LogicalUnnest(int tableIndex, List<BoundExpr> lists, LogicalOperator child) implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(child);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(child.bindings());
        for (int i = 0; i < lists.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }

    @Override
    public List<LogicalType> types() {
        List<LogicalType> out = new ArrayList<>(child.types());
        for (BoundExpr l : lists) out.add(l.type().childType());
        return out;
    }
}
