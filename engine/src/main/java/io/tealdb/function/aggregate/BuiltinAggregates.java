package io.tealdb.function.aggregate;

import io.tealdb.function.FunctionRegistry;

/** Registers every built-in aggregate function. */
public final class BuiltinAggregates {
    private BuiltinAggregates() {
    }

    public static void register(FunctionRegistry r) {
    }
}
