package io.tealdb.function;

import io.tealdb.error.InternalException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * The kernel of a function taking a lambda (list_transform, list_filter, list_reduce). It is bound
 * before its body can be evaluated: the binder stores the body (a planner expression, opaque here,
 * whose columns are the lambda parameters then the captured outer columns) and the expression
 * compiler supplies the evaluator through {@link #withBody}, yielding the kernel that runs.
 */
public interface LambdaKernel extends ScalarKernel {
    /** The bound lambda body: an {@code io.tealdb.planner.expression.BoundExpr}. */
    Object body();

    /** Types of the body's input columns: parameters, then captured columns. */
    List<LogicalType> bodyInputTypes();

    /** Table index of the body's column bindings (input column i is binding (index, i)). */
    int bodyTableIndex();

    ScalarKernel withBody(LambdaBody body);

    @Override
    default void execute(Vector[] args, int count, Vector result) {
        throw new InternalException("lambda function executed before its body was compiled");
    }
}
