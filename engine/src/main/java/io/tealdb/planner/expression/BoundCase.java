package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * Searched CASE: the first {@code conditions[i]} that is true selects {@code results[i]}; otherwise
 * {@code elseResult} (a NULL constant when absent). Results are evaluated only for rows that select
 * them, so {@code CASE WHEN x <> 0 THEN 1/x END} never divides by zero.
 */
public record BoundCase(List<BoundExpr> conditions, List<BoundExpr> results, BoundExpr elseResult,
                        LogicalType type) implements BoundExpr {
}
