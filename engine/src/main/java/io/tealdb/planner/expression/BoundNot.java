package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

/** NOT child (NULL stays NULL). */
public record BoundNot(BoundExpr child) implements BoundExpr {
    @Override
    public LogicalType type() {
        return LogicalType.BOOLEAN;
    }
}
