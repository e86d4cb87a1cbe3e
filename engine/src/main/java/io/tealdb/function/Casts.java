package io.tealdb.function;

import io.tealdb.types.LogicalType;

/**
 * Entry point for cast kernels at the package root (execution looks casts up here); the rules and
 * implementations live in {@link io.tealdb.function.cast}.
 */
public final class Casts {
    private Casts() {
    }

    /** See {@link io.tealdb.function.cast.Casts#kernel}. */
    public static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast) {
        return io.tealdb.function.cast.Casts.kernel(from, to, tryCast);
    }
}
