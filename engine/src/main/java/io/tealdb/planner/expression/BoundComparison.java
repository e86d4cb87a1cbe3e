package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

/** left op right; both sides have the same type (the binder casts to a common type). */
public record BoundComparison(ComparisonOp op, BoundExpr left, BoundExpr right) implements BoundExpr {
    @Override
    public LogicalType type() {
        return LogicalType.BOOLEAN;
    }
}
