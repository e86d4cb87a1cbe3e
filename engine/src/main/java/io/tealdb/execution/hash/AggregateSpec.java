package io.tealdb.execution.hash;

import io.tealdb.function.AggregateFunction;

/**
 * One aggregate of a hash aggregation, over already evaluated input columns: the arguments are
 * input columns {@code argColumns}, {@code filterColumn} (or -1) is a BOOLEAN input column of the
 * FILTER (WHERE ...) clause, and {@code distinct} aggregates see each (group, arguments) value once.
 */
public record AggregateSpec(AggregateFunction function, int[] argColumns, boolean distinct, int filterColumn) {
    public AggregateSpec {
        argColumns = argColumns.clone();
    }

    public static AggregateSpec of(AggregateFunction function, int... argColumns) {
        return new AggregateSpec(function, argColumns, false, -1);
    }
}
