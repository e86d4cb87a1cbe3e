package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code left POSITIONAL JOIN right} (DuckDB): the n-th row of each input side by side, the shorter
 * input padded with NULLs. Positions depend on every row of each input, so filters above it stay
 * above it and its inputs are never reordered. Output: left bindings then right bindings.
 */
public record LogicalPositionalJoin(LogicalOperator left, LogicalOperator right) implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(left, right);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(left.bindings());
        out.addAll(right.bindings());
        return out;
    }

    @Override
    public List<LogicalType> types() {
        List<LogicalType> out = new ArrayList<>(left.types());
        out.addAll(right.types());
        return out;
    }
}
