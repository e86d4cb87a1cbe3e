package io.tealdb.function.scalar;

import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.ScalarOverload;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Shared building blocks for scalar kernels: validity propagation and loop templates for the
 * less performance-critical functions (hot arithmetic has hand-written loops instead).
 */
public final class Kernels {
    private Kernels() {
    }

    /** Result validity = AND of the arguments' validity; returns true when any row is null. */
    public static boolean propagateNulls(Vector[] args, int count, Vector result) {
        boolean any = false;
        for (Vector a : args) {
            if (a.validity != null) {
                long[] rv = result.ensureValidity();
                int words = Math.min(rv.length, (count + 63) >>> 6);
                for (int w = 0; w < words; w++) {
                    rv[w] &= a.validity[w];
                }
                any = true;
            }
        }
        return any;
    }

    // ------------------------------------------------------------------ registration helpers

    public static void reg(FunctionRegistry r, String name, List<LogicalType> params, LogicalType ret, ScalarKernel k) {
        List<ArgSpec> specs = new ArrayList<>();
        for (LogicalType t : params) {
            specs.add(ArgSpec.of(t));
        }
        r.addScalar(new ScalarOverload(name, specs, null, (types, c) -> new ScalarFunction(name, params, ret, k)));
    }

    public static void regNonDeterministic(FunctionRegistry r, String name, List<LogicalType> params, LogicalType ret, ScalarKernel k) {
        List<ArgSpec> specs = new ArrayList<>();
        for (LogicalType t : params) {
            specs.add(ArgSpec.of(t));
        }
        r.addScalar(new ScalarOverload(name, specs, null, (types, c) -> new ScalarFunction(name, params, ret, k, false)));
    }

    public static void regGeneric(FunctionRegistry r, String name, List<ArgSpec> params, Function<List<LogicalType>, ScalarFunction> binder) {
        r.addScalar(new ScalarOverload(name, params, null, (types, c) -> binder.apply(types)));
    }

    public static void regWithConstants(FunctionRegistry r, String name, List<ArgSpec> params, io.tealdb.function.ScalarBinder binder) {
        r.addScalar(new ScalarOverload(name, params, null, binder));
    }

    public static void regVarargs(FunctionRegistry r, String name, List<ArgSpec> params, ArgSpec varargs, Function<List<LogicalType>, ScalarFunction> binder) {
        r.addScalar(new ScalarOverload(name, params, varargs, (types, c) -> binder.apply(types)));
    }

    // ------------------------------------------------------------------ templates

    @FunctionalInterface
    public interface DoubleUnary {
        double apply(double x);
    }

    @FunctionalInterface
    public interface DoubleBinary {
        double apply(double x, double y);
    }

    @FunctionalInterface
    public interface LongUnary {
        long apply(long x);
    }

    @FunctionalInterface
    public interface LongBinary {
        long apply(long x, long y);
    }

    /** DOUBLE -> DOUBLE; NaN results stay NaN (DuckDB errors on some domains, handled by callers). */
    public static ScalarKernel doubleUnary(DoubleUnary f) {
        return (args, count, result) -> {
            double[] a = args[0].doubles;
            double[] o = result.doubles;
            for (int i = 0; i < count; i++) o[i] = f.apply(a[i]);
            propagateNulls(args, count, result);
        };
    }

    public static ScalarKernel doubleBinary(DoubleBinary f) {
        return (args, count, result) -> {
            double[] a = args[0].doubles;
            double[] b = args[1].doubles;
            double[] o = result.doubles;
            for (int i = 0; i < count; i++) o[i] = f.apply(a[i], b[i]);
            propagateNulls(args, count, result);
        };
    }

    /** Reads any integer-physical value widened to long. */
    public static long getLong(Vector v, int i) {
        return switch (v.physical) {
            case BOOL, INT8 -> v.bytes[i];
            case INT16 -> v.shorts[i];
            case INT32 -> v.ints[i];
            default -> v.longs[i];
        };
    }

    public static void setLong(Vector v, int i, long x) {
        switch (v.physical) {
            case BOOL, INT8 -> v.bytes[i] = (byte) x;
            case INT16 -> v.shorts[i] = (short) x;
            case INT32 -> v.ints[i] = (int) x;
            case INT128 -> {
                v.longs[i] = x;
                v.highs[i] = x >> 63;
            }
            default -> v.longs[i] = x;
        }
    }

    /**
     * Integer-physical unary op evaluated on valid rows only (so overflow checks never fire on the
     * garbage in null slots).
     */
    public static ScalarKernel longUnary(LongUnary f) {
        return (args, count, result) -> {
            Vector a = args[0];
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                if (nulls && result.isNull(i)) continue;
                setLong(result, i, f.apply(getLong(a, i)));
            }
        };
    }

    public static ScalarKernel longBinary(LongBinary f) {
        return (args, count, result) -> {
            Vector a = args[0];
            Vector b = args[1];
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                if (nulls && result.isNull(i)) continue;
                setLong(result, i, f.apply(getLong(a, i), getLong(b, i)));
            }
        };
    }

    /** Per-row template for complex functions: row-wise body called on valid rows only. */
    @FunctionalInterface
    public interface RowBody {
        void apply(Vector[] args, int row, Vector result);
    }

    public static ScalarKernel rows(RowBody body) {
        return (args, count, result) -> {
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                if (nulls && result.isNull(i)) continue;
                body.apply(args, i, result);
            }
        };
    }
}
