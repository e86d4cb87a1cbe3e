package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/** LIMIT/OFFSET with constant values; {@code limit} is -1 when only OFFSET is given. */
public record LogicalLimit(long limit, long offset, LogicalOperator child) implements LogicalOperator {
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
