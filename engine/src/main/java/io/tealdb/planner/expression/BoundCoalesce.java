package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

import java.util.List;

/** COALESCE(args): the first non-null argument, evaluated lazily per row like CASE. */
public record BoundCoalesce(List<BoundExpr> args, LogicalType type) implements BoundExpr {
}
