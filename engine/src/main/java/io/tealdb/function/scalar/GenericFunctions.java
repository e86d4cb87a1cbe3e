package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarOverload;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.List;

import static io.tealdb.types.LogicalType.*;

/**
 * Control functions: error(msg), assert_true(cond[, msg]) and constant_or_null(value, args...).
 * error/assert_true are registered as non-deterministic so constant folding never raises their
 * error for a branch that execution would not take.
 */
public final class GenericFunctions {
    private GenericFunctions() {
    }

    public static void register(FunctionRegistry r) {
        r.addScalar(new ScalarOverload("error", List.of(ArgSpec.of(VARCHAR)), null, (t, c) ->
                new ScalarFunction("error", List.of(VARCHAR), SQLNULL, (args, count, res) -> {
                    Vector v = args[0];
                    for (int i = 0; i < count; i++) {
                        if (v.isValid(i)) throw new InvalidInputException(v.getString(i));
                        res.setNull(i);
                    }
                }, false)));
        r.addScalar(new ScalarOverload("assert_true", List.of(ArgSpec.of(BOOLEAN)), null, (t, c) ->
                new ScalarFunction("assert_true", List.of(BOOLEAN), SQLNULL, (args, count, res) -> {
                    for (int i = 0; i < count; i++) {
                        if (!isTrue(args[0], i)) throw new InvalidInputException("Assertion failed");
                        res.setNull(i);
                    }
                }, false)));
        r.addScalar(new ScalarOverload("assert_true", List.of(ArgSpec.of(BOOLEAN), ArgSpec.of(VARCHAR)), null, (t, c) ->
                new ScalarFunction("assert_true", List.of(BOOLEAN, VARCHAR), SQLNULL, (args, count, res) -> {
                    for (int i = 0; i < count; i++) {
                        if (!isTrue(args[0], i)) {
                            if (args[1].isNull(i)) throw new InvalidInputException("Assertion failed");
                            throw new InvalidInputException("Assertion: " + args[1].getString(i));
                        }
                        res.setNull(i);
                    }
                }, false)));
        r.addScalar(new ScalarOverload("constant_or_null", List.of(ArgSpec.ANY, ArgSpec.ANY), ArgSpec.ANY, (types, c) -> {
            LogicalType t = types.get(0);
            return new ScalarFunction("constant_or_null", types, t, (args, count, res) -> {
                res.copyFrom(args[0], null, 0, count, 0);
                for (int k = 1; k < args.length; k++) {
                    Vector a = args[k];
                    if (a.validity == null) continue;
                    for (int i = 0; i < count; i++) if (a.isNull(i)) res.setNull(i);
                }
            });
        }));
    }

    private static boolean isTrue(Vector v, int i) {
        return v.isValid(i) && v.bytes[i] != 0;
    }
}
