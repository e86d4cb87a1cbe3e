package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

/** A literal or folded constant. */
public record BoundConstant(Value value) implements BoundExpr {
    @Override
    public LogicalType type() {
        return value.type();
    }
}
