package io.tealdb.execution.expression;

import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.Casts;
import io.tealdb.types.LogicalType;

/** The cast kernel for (from, to): the functions package's {@link Casts}. */
final class CastLookup {
    private CastLookup() {
    }

    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast) {
        return Casts.kernel(from, to, tryCast);
    }
}
