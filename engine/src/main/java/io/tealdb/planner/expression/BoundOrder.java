package io.tealdb.planner.expression;

/** One ORDER BY key, with NULL placement already resolved (DuckDB default: NULLS LAST). */
public record BoundOrder(BoundExpr expr, boolean ascending, boolean nullsFirst) {
}
