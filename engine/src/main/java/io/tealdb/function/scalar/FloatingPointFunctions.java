package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarKernel;

import java.util.List;

import static io.tealdb.function.scalar.Kernels.doubleBinary;
import static io.tealdb.function.scalar.Kernels.doubleUnary;
import static io.tealdb.function.scalar.Kernels.propagateNulls;
import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.LogicalType.*;

/**
 * DOUBLE functions whose result outside their domain depends on the {@code ieee_floating_point_ops}
 * setting. By default (true, as in DuckDB 2.0) they follow IEEE 754 (NaN, ±inf); the strict variant
 * used when the setting is false raises DuckDB's errors instead. Strict variants are registered
 * under {@code name + FunctionRegistry.STRICT_MATH_SUFFIX}; the session's function resolver picks them.
 */
public final class FloatingPointFunctions {
    private FloatingPointFunctions() {
    }

    private static final String STRICT = FunctionRegistry.STRICT_MATH_SUFFIX;

    public static void register(FunctionRegistry r) {
        // roots and logarithms
        reg(r, "sqrt", List.of(DOUBLE), DOUBLE, doubleUnary(Math::sqrt));
        reg(r, "sqrt" + STRICT, List.of(DOUBLE), DOUBLE, strictUnary(Math::sqrt, x -> {
            if (x < 0) throw new OutOfRangeException("cannot take square root of a negative number");
        }));
        registerLog(r, "ln", Math::log);
        registerLog(r, "log10", Math::log10);
        registerLog(r, "log", Math::log10);
        registerLog(r, "log2", x -> Math.log(x) / Math.log(2));
        reg(r, "log", List.of(DOUBLE, DOUBLE), DOUBLE, doubleBinary((b, x) -> Math.log(x) / Math.log(b)));
        reg(r, "log" + STRICT, List.of(DOUBLE, DOUBLE), DOUBLE, rows((a, i, res) -> {
            double b = a[0].doubles[i];
            double x = a[1].doubles[i];
            checkLog(b);
            checkLog(x);
            if (b == 1) throw new OutOfRangeException("division by zero in based logarithm");
            res.doubles[i] = Math.log(x) / Math.log(b);
        }));
        for (String n : List.of("pow", "power", "^", "**")) {
            reg(r, n, List.of(DOUBLE, DOUBLE), DOUBLE, doubleBinary(Math::pow));
            reg(r, n + STRICT, List.of(DOUBLE, DOUBLE), DOUBLE, rows((a, i, res) -> {
                double b = a[0].doubles[i];
                double e = a[1].doubles[i];
                if (b == 0 && e < 0) throw new OutOfRangeException("zero raised to a negative power is undefined");
                res.doubles[i] = Math.pow(b, e);
            }));
        }

        // trigonometry
        registerTrig(r, "sin", "sine", Math::sin);
        registerTrig(r, "cos", "cosine", Math::cos);
        registerTrig(r, "tan", "tangent", Math::tan);
        registerTrig(r, "cot", "cotangent", x -> 1 / Math.tan(x));
        reg(r, "cot" + STRICT, List.of(DOUBLE), DOUBLE, strictUnary(x -> 1 / Math.tan(x), x -> {
            checkFiniteTrig(x, "cotangent");
            if (x == 0) throw new OutOfRangeException("input value " + String.format(java.util.Locale.ROOT, "%f", x)
                    + " is out of range for numeric function cotangent");
        }));
        registerUnitDomain(r, "asin", "ASIN", Math::asin, false);
        registerUnitDomain(r, "acos", "ACOS", Math::acos, false);
        registerUnitDomain(r, "atanh", "ATANH", FloatingPointFunctions::atanh, true);
        reg(r, "asinh", List.of(DOUBLE), DOUBLE, doubleUnary(FloatingPointFunctions::asinh));
        reg(r, "acosh", List.of(DOUBLE), DOUBLE, doubleUnary(x -> Math.log(x + Math.sqrt(x * x - 1))));

        // gamma
        reg(r, "gamma", List.of(DOUBLE), DOUBLE, doubleUnary(FloatingPointFunctions::gamma));
        reg(r, "gamma" + STRICT, List.of(DOUBLE), DOUBLE, strictUnary(FloatingPointFunctions::gamma, x -> {
            if (x == 0) throw new OutOfRangeException("cannot take gamma of zero");
        }));
        reg(r, "lgamma", List.of(DOUBLE), DOUBLE, doubleUnary(FloatingPointFunctions::lgamma));
        reg(r, "lgamma" + STRICT, List.of(DOUBLE), DOUBLE, strictUnary(FloatingPointFunctions::lgamma, x -> {
            if (x == 0) throw new OutOfRangeException("cannot take log gamma of zero");
        }));

        // nextafter keeps the float width
        reg(r, "nextafter", List.of(DOUBLE, DOUBLE), DOUBLE, doubleBinary(Math::nextAfter));
        reg(r, "nextafter", List.of(FLOAT, FLOAT), FLOAT, (a, n, res) -> {
            float[] x = a[0].floats;
            float[] y = a[1].floats;
            for (int i = 0; i < n; i++) res.floats[i] = Math.nextAfter(x[i], y[i]);
            propagateNulls(a, n, res);
        });
    }

    @FunctionalInterface
    private interface Check {
        void check(double x);
    }

    /** Evaluates {@code f} on valid rows only, after {@code check} (which may throw). */
    private static ScalarKernel strictUnary(Kernels.DoubleUnary f, Check check) {
        return rows((a, i, res) -> {
            double x = a[0].doubles[i];
            check.check(x);
            res.doubles[i] = f.apply(x);
        });
    }

    private static void registerLog(FunctionRegistry r, String name, Kernels.DoubleUnary f) {
        reg(r, name, List.of(DOUBLE), DOUBLE, doubleUnary(x -> positiveNaN(f.apply(x))));
        reg(r, name + STRICT, List.of(DOUBLE), DOUBLE, strictUnary(f, FloatingPointFunctions::checkLog));
    }

    private static void registerTrig(FunctionRegistry r, String name, String longName, Kernels.DoubleUnary f) {
        reg(r, name, List.of(DOUBLE), DOUBLE, doubleUnary(f));
        if (!name.equals("cot")) {
            reg(r, name + STRICT, List.of(DOUBLE), DOUBLE, strictUnary(f, x -> checkFiniteTrig(x, longName)));
        }
    }

    private static void registerUnitDomain(FunctionRegistry r, String name, String upper, Kernels.DoubleUnary f, boolean closed) {
        // out of domain C's libm returns a positive NaN (DuckDB prints "nan"); Java's may carry the sign bit
        reg(r, name, List.of(DOUBLE), DOUBLE, doubleUnary(x -> positiveNaN(f.apply(x))));
        reg(r, name + STRICT, List.of(DOUBLE), DOUBLE, strictUnary(f, x -> {
            if (x < -1 || x > 1 || (!closed && Double.isNaN(x))) {
                throw new InvalidInputException(upper + " is undefined outside [-1,1]");
            }
        }));
    }

    private static double positiveNaN(double r) {
        return r != r ? Double.NaN : r;
    }

    private static void checkFiniteTrig(double x, String longName) {
        if (Double.isInfinite(x)) {
            throw new OutOfRangeException("input value " + (x > 0 ? "inf" : "-inf") + " is out of range for numeric function " + longName);
        }
    }

    static void checkLog(double x) {
        if (x < 0) throw new OutOfRangeException("cannot take logarithm of a negative number");
        if (x == 0) throw new OutOfRangeException("cannot take logarithm of zero");
    }

    static double atanh(double x) {
        if (x == 1) return Double.POSITIVE_INFINITY;
        if (x == -1) return Double.NEGATIVE_INFINITY;
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    static double asinh(double x) {
        if (Double.isInfinite(x)) return x;
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return x < 0 ? -r : r;
    }

    // Lanczos approximation (g = 7, n = 9), with the reflection formula for x < 0.5
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};

    static double gamma(double x) {
        if (Double.isNaN(x)) return x;
        if (x == 0) return Math.copySign(Double.POSITIVE_INFINITY, x);
        if (x < 0 && x == Math.rint(x)) return Double.NaN;
        if (x == Double.POSITIVE_INFINITY) return x;
        if (x == Double.NEGATIVE_INFINITY) return Double.NaN;
        if (x == Math.rint(x) && x <= 171) {
            double f = 1;
            for (int k = 2; k < (int) x; k++) f *= k;
            return f;
        }
        if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
        if (x > 171.7) return Double.POSITIVE_INFINITY;
        double y = x - 1;
        double sum = LANCZOS[0];
        double t = y + 7.5;
        for (int k = 1; k < LANCZOS.length; k++) sum += LANCZOS[k] / (y + k);
        return Math.sqrt(2 * Math.PI) * Math.pow(t, y + 0.5) * Math.exp(-t) * sum;
    }

    static double lgamma(double x) {
        if (Double.isNaN(x)) return x;
        if (Double.isInfinite(x)) return Double.POSITIVE_INFINITY;
        if (x <= 0 && x == Math.rint(x)) return Double.POSITIVE_INFINITY;
        if (x < 0.5) {
            // log|Γ(x)| = log(π / |sin(πx)|) − log|Γ(1−x)|
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
        }
        double y = x - 1;
        double sum = LANCZOS[0];
        double t = y + 7.5;
        for (int k = 1; k < LANCZOS.length; k++) sum += LANCZOS[k] / (y + k);
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
