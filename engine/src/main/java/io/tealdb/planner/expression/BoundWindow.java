package io.tealdb.planner.expression;

import io.tealdb.function.AggregateFunction;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A window function call; appears only in {@link io.tealdb.planner.logical.LogicalWindow}.
 * Either {@code aggregate} is set (an aggregate used as window function) or {@code name} names a
 * built-in window function (row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead,
 * first_value, last_value, nth_value).
 */
public record BoundWindow(String name, AggregateFunction aggregate, List<BoundExpr> args,
                          List<BoundExpr> partitions, List<BoundOrder> orders, WindowFrame frame,
                          boolean ignoreNulls, boolean distinct, BoundExpr filter, LogicalType type) implements BoundExpr {
}
