package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/** Produces no rows; replaces a subtree the optimizer proved empty (e.g. WHERE false). */
public record LogicalEmptyResult(List<ColumnBinding> bindings, List<LogicalType> types) implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of();
    }
}
