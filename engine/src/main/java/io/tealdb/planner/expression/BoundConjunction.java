package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

import java.util.List;

/** AND ({@code and == true}) or OR of two or more boolean children, with SQL three-valued logic. */
public record BoundConjunction(boolean and, List<BoundExpr> children) implements BoundExpr {
    @Override
    public LogicalType type() {
        return LogicalType.BOOLEAN;
    }
}
