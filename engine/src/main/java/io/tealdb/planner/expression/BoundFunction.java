package io.tealdb.planner.expression;

import io.tealdb.function.ScalarFunction;
import io.tealdb.types.LogicalType;

import java.util.List;

/** Call of a resolved scalar function; {@code args} already have the function's argument types. */
public record BoundFunction(ScalarFunction function, List<BoundExpr> args) implements BoundExpr {
    @Override
    public LogicalType type() {
        return function.returnType();
    }
}
