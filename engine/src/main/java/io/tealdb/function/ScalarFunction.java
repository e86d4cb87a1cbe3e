package io.tealdb.function;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A resolved scalar function overload: concrete argument types (the binder casts the actual
 * arguments to them), the result type and the kernel.
 *
 * @param deterministic false for random(), now() etc., which constant folding must not evaluate
 */
public record ScalarFunction(String name, List<LogicalType> argumentTypes, LogicalType returnType,
                             ScalarKernel kernel, boolean deterministic) {
    public ScalarFunction(String name, List<LogicalType> argumentTypes, LogicalType returnType, ScalarKernel kernel) {
        this(name, argumentTypes, returnType, kernel, true);
    }

    @Override
    public String toString() {
        return name + argumentTypes;
    }
}
