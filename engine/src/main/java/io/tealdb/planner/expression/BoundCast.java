package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

/** CAST(child AS type); with {@code tryCast}, failures give NULL instead of an error. */
public record BoundCast(BoundExpr child, LogicalType type, boolean tryCast) implements BoundExpr {
}
