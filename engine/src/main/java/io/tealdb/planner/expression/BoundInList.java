package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * value [NOT] IN (list); all items have the value's type. SQL semantics: NULL if no match and
 * the value or any item is NULL.
 */
public record BoundInList(BoundExpr value, List<BoundExpr> list, boolean negated) implements BoundExpr {
    @Override
    public LogicalType type() {
        return LogicalType.BOOLEAN;
    }
}
