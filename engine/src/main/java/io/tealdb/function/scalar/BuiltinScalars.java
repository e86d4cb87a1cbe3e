package io.tealdb.function.scalar;

import io.tealdb.function.FunctionRegistry;

/** The built-in scalar functions, by family. */
public final class BuiltinScalars {
    private BuiltinScalars() {
    }

    /**
     * The families of built-in scalar functions, in registration order: the default registry loads
     * each at the first lookup of a name it registers (see {@link FunctionRegistry}), and ties
     * between overloads of one name go to the family registered first.
     */
    public static final java.util.List<String> FAMILIES = java.util.List.of(
            "Arithmetic", "StringFunctions", "RegexExtractFunctions", "DateOperators", "DateFunctions", "MathFunctions",
            "EncodingFunctions", "StringDistanceFunctions", "GenericFunctions", "FloatingPointFunctions",
            "TimeBucketFunctions", "ByteSizeFunctions", "UuidFunctions", "JsonFunctions", "TimeZoneFunctions",
            "TimeZoneOperators", "PgByteaInput", "NestedFunctions", "StringSlice", "StructFunctions", "StructSearchFunctions",
            "BitFunctions", "ListFunctions", "EnumFunctions", "PathFunctions", "FormatFunctions", "operator_aliases",
            "UnionFunctions");

    /** Registers every built-in scalar function family, in order. */
    public static void register(FunctionRegistry r) {
        for (int i = 0; i < FAMILIES.size(); i++) {
            registerFamily(i, r);
        }
    }

    /** Registers family {@code i} of {@link #FAMILIES}. */
    public static void registerFamily(int i, FunctionRegistry r) {
        switch (i) {
            case 0 -> Arithmetic.register(r);
            case 1 -> StringFunctions.register(r);
            case 2 -> RegexExtractFunctions.register(r);
            case 3 -> DateFunctions.registerOperators(r);
            case 4 -> DateFunctions.register(r);
            case 5 -> MathFunctions.register(r);
            case 6 -> EncodingFunctions.register(r);
            case 7 -> StringDistanceFunctions.register(r);
            case 8 -> GenericFunctions.register(r);
            case 9 -> FloatingPointFunctions.register(r);
            case 10 -> TimeBucketFunctions.register(r);
            case 11 -> ByteSizeFunctions.register(r);
            case 12 -> UuidFunctions.register(r);
            case 13 -> JsonFunctions.register(r);
            case 14 -> TimeZoneFunctions.register(r);
            case 15 -> TimeZoneFunctions.registerOperators(r);
            case 16 -> PgByteaInput.register(r);
            case 17 -> NestedFunctions.register(r);
            case 18 -> StringSlice.register(r);
            case 19 -> StructFunctions.register(r);
            case 20 -> StructSearchFunctions.register(r);
            case 21 -> BitFunctions.register(r);
            case 22 -> ListFunctions.register(r);
            case 23 -> EnumFunctions.register(r);
            case 24 -> PathFunctions.register(r);
            case 25 -> FormatFunctions.register(r);
            case 26 -> {
                // DuckDB's named forms of the arithmetic operators
                r.aliasScalar("add", "+");
                r.aliasScalar("subtract", "-");
                r.aliasScalar("multiply", "*");
                // divide(): integer division on integers, "/" otherwise
                r.aliasScalar("divide", "//", BuiltinScalars::integerParameters);
                r.aliasScalar("divide", "/", o -> !integerParameters(o));
            }
            case 27 -> UnionFunctions.register(r);
            default -> throw new IllegalArgumentException("no built-in scalar family " + i);
        }
    }

    private static boolean integerParameters(io.tealdb.function.ScalarOverload o) {
        return o.params().stream().allMatch(p -> p instanceof io.tealdb.function.ArgSpec.Exact e && e.type().isInteger());
    }
}
