package io.tealdb.planner.expression;

import io.tealdb.function.AggregateFunction;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A window function call; appears only in {@link io.tealdb.planner.logical.LogicalWindow}.
 * Either {@code aggregate} is set (an aggregate used as window function) or {@code name} names a
 * built-in window function (row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead,
 * first_value, last_value, nth_value).
 *
 * @param argOrders the function's own ORDER BY ({@code rank(ORDER BY x) OVER w}): the frame's rows
 *                  are ranked / picked in this order instead of the window's; empty when absent
 */
public record BoundWindow(String name, AggregateFunction aggregate, List<BoundExpr> args,
                          List<BoundExpr> partitions, List<BoundOrder> orders, WindowFrame frame,
                          boolean ignoreNulls, boolean distinct, BoundExpr filter, LogicalType type,
                          List<BoundOrder> argOrders) implements BoundExpr {
    public BoundWindow {
        argOrders = argOrders == null ? List.of() : argOrders;
    }

    public BoundWindow(String name, AggregateFunction aggregate, List<BoundExpr> args, List<BoundExpr> partitions,
                       List<BoundOrder> orders, WindowFrame frame, boolean ignoreNulls, boolean distinct, BoundExpr filter,
                       LogicalType type) {
        this(name, aggregate, args, partitions, orders, frame, ignoreNulls, distinct, filter, type, List.of());
    }
}
