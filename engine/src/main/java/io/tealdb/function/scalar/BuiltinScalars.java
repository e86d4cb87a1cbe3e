package io.tealdb.function.scalar;

import io.tealdb.function.FunctionRegistry;

/** Registers every built-in scalar function family. */
public final class BuiltinScalars {
    private BuiltinScalars() {
    }

    public static void register(FunctionRegistry r) {
        Arithmetic.register(r);
        StringFunctions.register(r);
        RegexExtractFunctions.register(r);
        DateFunctions.register(r);
        MathFunctions.register(r);
        EncodingFunctions.register(r);
        StringDistanceFunctions.register(r);
        GenericFunctions.register(r);
        FloatingPointFunctions.register(r);
        TimeBucketFunctions.register(r);
        ByteSizeFunctions.register(r);
        UuidFunctions.register(r);
        JsonFunctions.register(r);
        TimeZoneFunctions.register(r);
        PgByteaInput.register(r);
        NestedFunctions.register(r);
        StringSlice.register(r);
        StructFunctions.register(r);
        StructSearchFunctions.register(r);
        BitFunctions.register(r);
        ListFunctions.register(r);
        EnumFunctions.register(r);
        PathFunctions.register(r);
        FormatFunctions.register(r);
        // DuckDB's named forms of the arithmetic operators
        r.aliasScalar("add", "+");
        r.aliasScalar("subtract", "-");
        r.aliasScalar("multiply", "*");
        // divide(): integer division on integers, "/" otherwise
        r.aliasScalar("divide", "//", o -> o.params().stream().allMatch(p -> p instanceof io.tealdb.function.ArgSpec.Exact e && e.type().isInteger()));
        r.aliasScalar("divide", "/", o -> !o.params().stream().allMatch(p -> p instanceof io.tealdb.function.ArgSpec.Exact e && e.type().isInteger()));
    }
}
