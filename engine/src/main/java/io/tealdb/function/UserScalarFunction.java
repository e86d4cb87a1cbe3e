package io.tealdb.function;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A scalar function an application registers at run time (DuckDB's {@code create_function}): its
 * name, exact parameter types (calls are cast to them as for built-ins), result type and vectorized
 * body. The body may call out of the engine (the Python package calls a Python function per chunk),
 * so with {@link NullHandling#DEFAULT} rows holding a NULL argument never reach it, as in DuckDB.
 *
 * @param sideEffects true when the function must run once per row even for constant arguments
 *                    (random-like); false lets the optimizer fold calls with constant arguments
 */
public record UserScalarFunction(String name, List<LogicalType> parameters, LogicalType returnType,
                                 ScalarKernel kernel, NullHandling nullHandling, boolean sideEffects) {
    public UserScalarFunction {
        parameters = List.copyOf(parameters);
    }

    /** How NULL arguments reach the function's body. */
    public enum NullHandling {
        /** A row with a NULL argument gives NULL without calling the body. */
        DEFAULT,
        /** The body sees every row, NULLs included, and may return NULL. */
        SPECIAL
    }
}
