package io.tealdb.planner.expression;

import io.tealdb.function.AggregateFunction;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * An aggregate call; appears only in {@link io.tealdb.planner.logical.LogicalAggregate} (and in
 * window expressions). {@code filter} (FILTER (WHERE ...)) may be null; {@code orderBy} is empty
 * unless the aggregate is order-sensitive (e.g. string_agg(x ORDER BY y)).
 */
public record BoundAggregate(AggregateFunction function, List<BoundExpr> args, boolean distinct, BoundExpr filter,
                             List<BoundOrder> orderBy) implements BoundExpr {
    @Override
    public LogicalType type() {
        return function.returnType();
    }
}
