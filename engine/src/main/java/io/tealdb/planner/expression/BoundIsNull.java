package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

/** child IS NULL, or IS NOT NULL when {@code negated}. Never NULL itself. */
public record BoundIsNull(BoundExpr child, boolean negated) implements BoundExpr {
    @Override
    public LogicalType type() {
        return LogicalType.BOOLEAN;
    }
}
