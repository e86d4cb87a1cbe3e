package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ComparisonOp;

/** {@code left op right}, where left refers only to the join's left input and right only to its right input. */
public record JoinCondition(BoundExpr left, ComparisonOp op, BoundExpr right) {
}
