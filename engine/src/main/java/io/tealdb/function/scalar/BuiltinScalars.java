package io.tealdb.function.scalar;

import io.tealdb.function.FunctionRegistry;

/** Registers every built-in scalar function family. */
public final class BuiltinScalars {
    private BuiltinScalars() {
    }

    public static void register(FunctionRegistry r) {
        Arithmetic.register(r);
        StringFunctions.register(r);
        DateFunctions.register(r);
        MathFunctions.register(r);
    }
}
