package io.tealdb.planner.logical;

import io.tealdb.parser.ast.SampleSpec;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * USING SAMPLE / TABLESAMPLE: a random subset of the child's rows ({@code sample.method()} is
 * always set here). Filters above it stay above it: a WHERE clause filters the sample, it does not
 * choose what is sampled.
 */
public record LogicalSample(SampleSpec sample, LogicalOperator child) implements LogicalOperator {
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
