package io.tealdb.function;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * DuckDB's {@code TRY(expr)}: the value of expr, or NULL for the rows where evaluating it raises
 * an error. The call binds to a function whose kernel is {@link #KERNEL} (the identity); the
 * expression evaluator recognises it and evaluates the argument itself, row by row once an error
 * occurs, so that only the failing rows become NULL. Constant folding runs the identity on an
 * argument that folded without error, and leaves a failing one to run time.
 */
public final class TryFunction {
    private TryFunction() {
    }

    /** The identity kernel: marks a call as TRY for the evaluator. */
    public static final ScalarKernel KERNEL = (args, count, result) -> result.copyRange(args[0], 0, 0, count);

    public static ScalarFunction of(LogicalType type) {
        return new ScalarFunction("try", List.of(type), type, KERNEL);
    }
}
