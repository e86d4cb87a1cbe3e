package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

/** Prepared-statement parameter {@code ?}/{@code $n} (index is 1-based); replaced by a constant before execution. */
public record BoundParameter(int index, LogicalType type) implements BoundExpr {
}
