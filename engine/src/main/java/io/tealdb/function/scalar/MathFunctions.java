package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.CastRules;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

import static io.tealdb.function.scalar.Kernels.doubleBinary;
import static io.tealdb.function.scalar.Kernels.doubleUnary;
import static io.tealdb.function.scalar.Kernels.propagateNulls;
import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.LogicalType.*;

/** Numeric functions: rounding, abs/sign, powers and logarithms, trigonometry, bit operations, greatest/least, random. */
public final class MathFunctions {
    private MathFunctions() {
    }

    static final List<LogicalType> INTS = List.of(TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT);

    public static void register(FunctionRegistry r) {
        // abs / sign / rounding on exact types keep the type
        for (LogicalType t : INTS) {
            reg(r, "abs", List.of(t), t, absKernel(t));
            reg(r, "sign", List.of(t), TINYINT, rows((a, i, res) -> res.bytes[i] = (byte) Long.signum(t.id() == TypeId.HUGEINT ? a[0].highs[i] | (a[0].longs[i] != 0 ? 1 : 0) : Kernels.getLong(a[0], i))));
            for (String n : List.of("ceil", "ceiling", "floor", "round", "trunc")) {
                reg(r, n, List.of(t), t, (a, count, res) -> res.copyFrom(a[0], null, 0, count, 0));
            }
            if (t.id() == TypeId.HUGEINT) {
                reg(r, "round", List.of(t, INTEGER), t, rows((a, i, res) -> {
                    BigInteger v = roundToPowerOfTen(Arithmetic.big(a[0], i), a[1].ints[i]);
                    if (v.bitLength() > 127) throw new OutOfRangeException("Overflow in ROUND of integer");
                    res.highs[i] = io.tealdb.vector.Int128.high(v);
                    res.longs[i] = io.tealdb.vector.Int128.low(v);
                }));
                continue;
            }
            int typeBits = t.id() == TypeId.TINYINT ? 8 : t.id() == TypeId.SMALLINT ? 16 : t.id() == TypeId.INTEGER ? 32 : 64;
            reg(r, "round", List.of(t, INTEGER), t, rows((a, i, res) -> {
                int d = a[1].ints[i];
                long v = Kernels.getLong(a[0], i);
                if (d < 0) {
                    // compare d, never negate it: -Integer.MIN_VALUE is still negative
                    long rounded;
                    if (d > -19) {
                        long p = Arithmetic.pow10(-d);
                        long q = v / p, rem = v % p;
                        if (Math.abs(rem) * 2 >= p) q += v < 0 ? -1 : 1;
                        long hi = Math.multiplyHigh(q, p);
                        rounded = q * p;
                        if ((hi != 0 || rounded < 0) && (hi != -1 || rounded >= 0)) {
                            throw new OutOfRangeException("Overflow in ROUND of integer");
                        }
                    } else {
                        BigInteger big = roundToPowerOfTen(BigInteger.valueOf(v), d);
                        if (big.bitLength() > 63) throw new OutOfRangeException("Overflow in ROUND of integer");
                        rounded = big.longValue();
                    }
                    if (typeBits < 64 && (rounded >> (typeBits - 1)) != (rounded >> 63)) {
                        throw new OutOfRangeException("Overflow in ROUND of integer");
                    }
                    v = rounded;
                }
                Kernels.setLong(res, i, v);
            }));
        }
        // trunc(x, n): toward zero at n decimal places (n < 0: tens, hundreds, ...), keeping x's type
        for (LogicalType t : INTS) {
            if (t.id() == TypeId.HUGEINT) {
                reg(r, "trunc", List.of(t, INTEGER), t, rows((a, i, res) -> {
                    int d = a[1].ints[i];
                    BigInteger v = Arithmetic.big(a[0], i);
                    if (d < 0) v = d <= -40 ? BigInteger.ZERO : v.subtract(v.remainder(BigInteger.TEN.pow(-d)));
                    res.highs[i] = Int128.high(v);
                    res.longs[i] = Int128.low(v);
                }));
                continue;
            }
            reg(r, "trunc", List.of(t, INTEGER), t, rows((a, i, res) -> {
                int d = a[1].ints[i];
                long v = Kernels.getLong(a[0], i);
                if (d < 0) v = d <= -19 ? 0 : v - v % Arithmetic.pow10(-d);
                Kernels.setLong(res, i, v);
            }));
        }
        reg(r, "trunc", List.of(DOUBLE, INTEGER), DOUBLE, rows((a, i, res) -> res.doubles[i] = truncDigits(a[0].doubles[i], a[1].ints[i])));
        reg(r, "trunc", List.of(FLOAT, INTEGER), FLOAT, rows((a, i, res) -> res.floats[i] = (float) truncDigits(a[0].floats[i], a[1].ints[i])));
        reg(r, "abs", List.of(FLOAT), FLOAT, (a, n, res) -> {
            for (int i = 0; i < n; i++) res.floats[i] = Math.abs(a[0].floats[i]);
            propagateNulls(a, n, res);
        });
        reg(r, "abs", List.of(DOUBLE), DOUBLE, doubleUnary(Math::abs));
        Kernels.regGeneric(r, "abs", List.of(ArgSpec.DECIMAL), t -> new ScalarFunction("abs", t, t.get(0), absKernel(t.get(0))));
        reg(r, "sign", List.of(DOUBLE), TINYINT, rows((a, i, res) -> res.bytes[i] = (byte) Math.signum(a[0].doubles[i])));
        Kernels.regGeneric(r, "sign", List.of(ArgSpec.DECIMAL), t -> new ScalarFunction("sign", t, TINYINT,
                rows((a, i, res) -> res.bytes[i] = (byte) Arithmetic.big(a[0], i).signum())));
        reg(r, "ceil", List.of(DOUBLE), DOUBLE, doubleUnary(Math::ceil));
        reg(r, "ceiling", List.of(DOUBLE), DOUBLE, doubleUnary(Math::ceil));
        reg(r, "floor", List.of(DOUBLE), DOUBLE, doubleUnary(Math::floor));
        reg(r, "trunc", List.of(DOUBLE), DOUBLE, doubleUnary(x -> x < 0 ? Math.ceil(x) : Math.floor(x)));
        reg(r, "round", List.of(DOUBLE), DOUBLE, doubleUnary(MathFunctions::roundHalfAway));
        reg(r, "round", List.of(DOUBLE, INTEGER), DOUBLE, rows((a, i, res) -> res.doubles[i] = roundDigits(a[0].doubles[i], a[1].ints[i])));
        for (String n : List.of("ceil", "ceiling", "floor", "trunc", "round")) {
            Kernels.regGeneric(r, n, List.of(ArgSpec.DECIMAL), t -> decimalRound(n, t.get(0), 0));
        }
        for (String n : List.of("round", "trunc")) {
            Kernels.regWithConstants(r, n, List.of(ArgSpec.DECIMAL, ArgSpec.of(INTEGER)), (t, c) -> {
                Value digits = c.get(1);
                if (digits == null || digits.isNull()) {
                    // non-constant precision: compute in DOUBLE like DuckDB's fallback
                    boolean round = n.equals("round");
                    return new ScalarFunction(n, List.of(DOUBLE, INTEGER), DOUBLE, rows((a, i, res) -> res.doubles[i] = round
                            ? roundDigits(a[0].doubles[i], a[1].ints[i]) : truncDigits(a[0].doubles[i], a[1].ints[i])));
                }
                int d = ((Number) digits.object()).intValue();
                ScalarFunction f = decimalRound(n, t.get(0), d);
                return new ScalarFunction(n, List.of(t.get(0), INTEGER), f.returnType(), f.kernel());
            });
        }

        // round_even(x, n): rounds half to even at n decimal places (DuckDB's macro), keeping x's
        // type as round does (a DECIMAL narrows its scale to n); boxed per row, it is rarely used
        reg(r, "round_even", List.of(DOUBLE, INTEGER), DOUBLE, rows((a, i, res) -> res.doubles[i] = roundEven(a[0].doubles[i], a[1].ints[i])));
        for (LogicalType t : INTS) {
            reg(r, "round_even", List.of(t, INTEGER), t, rows((a, i, res) -> {
                java.math.BigDecimal v = new java.math.BigDecimal(a[0].getObject(i).toString());
                java.math.BigInteger rounded = v.setScale(Math.max(Math.min(a[1].ints[i], 0), -40), java.math.RoundingMode.HALF_EVEN).toBigIntegerExact();
                int bits = t.id() == TypeId.TINYINT ? 8 : t.id() == TypeId.SMALLINT ? 16 : t.id() == TypeId.INTEGER ? 32 : t.id() == TypeId.BIGINT ? 64 : 128;
                if (rounded.bitLength() >= bits) throw new OutOfRangeException("Overflow in ROUND_EVEN of integer");
                res.setObject(i, rounded);
            }));
        }
        Kernels.regWithConstants(r, "round_even", List.of(ArgSpec.DECIMAL, ArgSpec.of(INTEGER)), (t, c) -> {
            Value digits = c.get(1);
            if (digits == null || digits.isNull()) {
                return new ScalarFunction("round_even", List.of(DOUBLE, INTEGER), DOUBLE,
                        rows((a, i, res) -> res.doubles[i] = roundEven(a[0].doubles[i], a[1].ints[i])));
            }
            int d = ((Number) digits.object()).intValue();
            LogicalType rt = decimalRound("round", t.get(0), d).returnType();
            // more digits than the scale leave a decimal unchanged; the clamp keeps setScale bounded
            int clamped = Math.min(Math.max(d, -(t.get(0).precision() + 1)), t.get(0).scale());
            return new ScalarFunction("round_even", List.of(t.get(0), INTEGER), rt, rows((a, i, res) -> res.setObject(i,
                    ((java.math.BigDecimal) a[0].getObject(i)).setScale(clamped, java.math.RoundingMode.HALF_EVEN).setScale(rt.scale(), java.math.RoundingMode.UNNECESSARY))));
        });

        // powers and logarithms (sqrt, ln, log*, pow, sin/cos/tan/cot, asin/acos: FloatingPointFunctions)
        reg(r, "cbrt", List.of(DOUBLE), DOUBLE, doubleUnary(Math::cbrt));
        reg(r, "even", List.of(DOUBLE), DOUBLE, doubleUnary(MathFunctions::even));
        reg(r, "exp", List.of(DOUBLE), DOUBLE, doubleUnary(Math::exp));
        reg(r, "pi", List.of(), DOUBLE, (a, n, res) -> java.util.Arrays.fill(res.doubles, 0, n, Math.PI));
        reg(r, "atan", List.of(DOUBLE), DOUBLE, doubleUnary(Math::atan));
        reg(r, "atan2", List.of(DOUBLE, DOUBLE), DOUBLE, doubleBinary(Math::atan2));
        reg(r, "sinh", List.of(DOUBLE), DOUBLE, doubleUnary(Math::sinh));
        reg(r, "cosh", List.of(DOUBLE), DOUBLE, doubleUnary(Math::cosh));
        reg(r, "tanh", List.of(DOUBLE), DOUBLE, doubleUnary(Math::tanh));
        reg(r, "degrees", List.of(DOUBLE), DOUBLE, doubleUnary(Math::toDegrees));
        reg(r, "radians", List.of(DOUBLE), DOUBLE, doubleUnary(Math::toRadians));
        reg(r, "isnan", List.of(DOUBLE), BOOLEAN, rows((a, i, res) -> res.bytes[i] = (byte) (Double.isNaN(a[0].doubles[i]) ? 1 : 0)));
        reg(r, "isinf", List.of(DOUBLE), BOOLEAN, rows((a, i, res) -> res.bytes[i] = (byte) (Double.isInfinite(a[0].doubles[i]) ? 1 : 0)));
        reg(r, "isfinite", List.of(DOUBLE), BOOLEAN, rows((a, i, res) -> res.bytes[i] = (byte) (Double.isFinite(a[0].doubles[i]) ? 1 : 0)));
        reg(r, "factorial", List.of(INTEGER), HUGEINT, rows((a, i, res) -> {
            int n = a[0].ints[i];
            if (n < 0) throw new OutOfRangeException("factorial of a negative number is undefined");
            // 34! already exceeds HUGEINT: refuse before multiplying (2147483647! would run for minutes)
            if (n > 33) throw new OutOfRangeException("Value out of range");
            BigInteger f = BigInteger.ONE;
            for (int k = 2; k <= n; k++) f = f.multiply(BigInteger.valueOf(k));
            if (f.bitLength() > 127) throw new OutOfRangeException("Value out of range");
            res.longs[i] = f.longValue();
            res.highs[i] = f.shiftRight(64).longValue();
        }));
        r.aliasScalar("!__postfix", "factorial");

        // integer functions
        for (LogicalType t : List.of(TINYINT, SMALLINT, INTEGER, BIGINT)) {
            reg(r, "mod", List.of(t, t), t, Arithmetic.divKernel(Arithmetic.Op.MOD, t));
            reg(r, "&", List.of(t, t), t, Kernels.longBinary((x, y) -> x & y));
            reg(r, "|", List.of(t, t), t, Kernels.longBinary((x, y) -> x | y));
            reg(r, "xor", List.of(t, t), t, Kernels.longBinary((x, y) -> x ^ y));
            reg(r, "~", List.of(t), t, Kernels.longUnary(x -> ~x));
            int bits = t.id() == TypeId.TINYINT ? 8 : t.id() == TypeId.SMALLINT ? 16 : t.id() == TypeId.INTEGER ? 32 : 64;
            reg(r, "<<", List.of(t, t), t, Kernels.longBinary((x, y) -> shiftLeft(x, y, bits, t)));
            reg(r, ">>", List.of(t, t), t, Kernels.longBinary((x, y) -> y < 0 || y >= bits ? (x < 0 ? -1 : 0) : x >> y));
            reg(r, "bit_count", List.of(t), TINYINT, rows((a, i, res) -> {
                long x = Kernels.getLong(a[0], i);
                res.bytes[i] = (byte) Long.bitCount(bits == 64 ? x : x & ((1L << bits) - 1));
            }));
        }
        registerHugeintBitwise(r);
        UnsignedBitwise.register(r);
        reg(r, "mod", List.of(DOUBLE, DOUBLE), DOUBLE, doubleBinary((x, y) -> x % y));
        for (String n : List.of("gcd", "greatest_common_divisor")) {
            reg(r, n, List.of(BIGINT, BIGINT), BIGINT, rows((a, i, res) -> res.longs[i] = gcd(a[0].longs[i], a[1].longs[i])));
        }
        for (String n : List.of("lcm", "least_common_multiple")) {
            reg(r, n, List.of(BIGINT, BIGINT), BIGINT, rows((a, i, res) -> {
                long x = a[0].longs[i], y = a[1].longs[i];
                if (x == 0 || y == 0) {
                    // a zero operand gives 0 before any GCD (lcm(-2^63, 0) is 0 in DuckDB)
                    res.longs[i] = 0;
                    return;
                }
                long g = gcd(x, y);
                if (g == 0) {
                    res.longs[i] = 0;
                    return;
                }
                long q = x / g;
                long hi = Math.multiplyHigh(q, y), lo = q * y;
                // the product must fit, and so must its absolute value (|MIN_VALUE| does not)
                if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0) || lo == Long.MIN_VALUE) {
                    throw new OutOfRangeException("lcm value is out of range");
                }
                res.longs[i] = Math.abs(lo);
            }));
        }

        // random (non-deterministic)
        Kernels.regNonDeterministic(r, "random", List.of(), DOUBLE, (a, n, res) -> {
            java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
            for (int i = 0; i < n; i++) res.doubles[i] = rnd.nextDouble();
        });

        // greatest / least: arguments cast to their common type; NULLs ignored
        for (String n : List.of("greatest", "least")) {
            boolean greatest = n.equals("greatest");
            Kernels.regVarargs(r, n, List.of(ArgSpec.ANY), ArgSpec.ANY, types -> {
                LogicalType common = types.get(0);
                for (LogicalType t : types) {
                    LogicalType next = CastRules.tryMaxLogicalType(common, t);
                    // DuckDB's BindLeastGreatest wording
                    if (next == null) throw new io.tealdb.error.BinderException("Cannot combine types of " + common + " and " + t + " - an explicit cast is required");
                    common = next;
                }
                if (common.id() == TypeId.SQLNULL) common = INTEGER;
                return new ScalarFunction(n, Collections.nCopies(types.size(), common), common, extremum(greatest));
            });
        }
    }

    /** Bitwise operators on HUGEINT (two's complement over 128 bits). */
    private static void registerHugeintBitwise(FunctionRegistry r) {
        LogicalType h = HUGEINT;
        reg(r, "&", List.of(h, h), h, rows((a, i, res) -> {
            res.longs[i] = a[0].longs[i] & a[1].longs[i];
            res.highs[i] = a[0].highs[i] & a[1].highs[i];
        }));
        reg(r, "|", List.of(h, h), h, rows((a, i, res) -> {
            res.longs[i] = a[0].longs[i] | a[1].longs[i];
            res.highs[i] = a[0].highs[i] | a[1].highs[i];
        }));
        reg(r, "xor", List.of(h, h), h, rows((a, i, res) -> {
            res.longs[i] = a[0].longs[i] ^ a[1].longs[i];
            res.highs[i] = a[0].highs[i] ^ a[1].highs[i];
        }));
        reg(r, "~", List.of(h), h, rows((a, i, res) -> {
            res.longs[i] = ~a[0].longs[i];
            res.highs[i] = ~a[0].highs[i];
        }));
        reg(r, "bit_count", List.of(h), TINYINT, rows((a, i, res) ->
                res.bytes[i] = (byte) (Long.bitCount(a[0].longs[i]) + Long.bitCount(a[0].highs[i]))));
        reg(r, "<<", List.of(h, h), h, rows((a, i, res) -> {
            BigInteger x = Int128.toBigInteger(a[0].highs[i], a[0].longs[i]);
            BigInteger y = Int128.toBigInteger(a[1].highs[i], a[1].longs[i]);
            if (y.signum() < 0 || y.compareTo(BigInteger.valueOf(127)) > 0) {
                if (x.signum() == 0) {
                    res.longs[i] = 0;
                    res.highs[i] = 0;
                    return;
                }
                throw new OutOfRangeException("Left-shift value " + y + " is out of range");
            }
            if (x.signum() < 0) throw new OutOfRangeException("Cannot left-shift negative number " + x);
            BigInteger v = x.shiftLeft(y.intValue());
            if (v.bitLength() > 127) throw new OutOfRangeException("Overflow in left shift (" + x + " << " + y + ")");
            res.longs[i] = Int128.low(v);
            res.highs[i] = Int128.high(v);
        }));
        reg(r, ">>", List.of(h, h), h, rows((a, i, res) -> {
            long yh = a[1].highs[i];
            long yl = a[1].longs[i];
            if (yh != 0 || yl < 0 || yl > 127) {
                res.longs[i] = 0;
                res.highs[i] = 0;
                return;
            }
            BigInteger v = Int128.toBigInteger(a[0].highs[i], a[0].longs[i]).shiftRight((int) yl);
            res.longs[i] = Int128.low(v);
            res.highs[i] = Int128.high(v);
        }));
    }

    static double even(double x) {
        double v = x < 0 ? -Math.ceil(-x) : Math.ceil(x);
        if (Math.floor(v / 2) * 2 != v) v += x < 0 ? -1 : 1;
        return v;
    }

    static long shiftLeft(long x, long y, int bits, LogicalType t) {
        if (y < 0 || y >= bits) {
            if (x == 0) return 0;
            throw new OutOfRangeException("Cannot left-shift by " + y);
        }
        long r = x << y;
        long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        if ((r >> y) != x || r < min || r > max) {
            throw new OutOfRangeException("Overflow in left shift (" + x + " << " + y + ")");
        }
        return r;
    }

    /**
     * {@code v} rounded half away from zero to a multiple of 10^-digits when {@code digits < 0}
     * (unchanged otherwise); exact for every int, also Integer.MIN_VALUE (the result is then 0).
     */
    static BigInteger roundToPowerOfTen(BigInteger v, int digits) {
        if (digits >= 0 || v.signum() == 0) return v;
        // beyond 40 digits every value a 128-bit integer holds rounds to 0
        if (digits < -40) return BigInteger.ZERO;
        BigInteger p = BigInteger.TEN.pow(-digits);
        BigInteger[] qr = v.divideAndRemainder(p);
        BigInteger q = qr[0];
        if (qr[1].abs().shiftLeft(1).compareTo(p) >= 0) q = q.add(BigInteger.valueOf(v.signum()));
        return q.multiply(p);
    }

    static long gcd(long a, long b) {
        if (a == Long.MIN_VALUE || b == Long.MIN_VALUE) {
            BigInteger g = BigInteger.valueOf(a).gcd(BigInteger.valueOf(b));
            if (g.bitLength() > 63) throw new OutOfRangeException("Overflow in GCD of " + a + " and " + b);
            return g.longValue();
        }
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    static double roundHalfAway(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
    }

    /** x truncated toward zero at {@code digits} decimal places (DuckDB's trunc(x, n)). */
    static double truncDigits(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        if (digits > 330) return x;
        if (digits < -330) return 0.0;
        double p = Math.pow(10, digits);
        double scaled = x * p;
        double r = (scaled < 0 ? Math.ceil(scaled) : Math.floor(scaled)) / p;
        return Double.isFinite(r) ? r : x;
    }

    static double roundDigits(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        // a double has no digits beyond 10^±330: keep it, or round it to zero
        if (digits > 330) return x;
        if (digits < -330) return 0.0;
        double p = Math.pow(10, digits);
        double r = roundHalfAway(x * p) / p;
        return Double.isFinite(r) ? r : x;
    }




    private static ScalarKernel absKernel(LogicalType t) {
        if (t.physical() == PhysicalType.INT128) {
            return rows((a, i, res) -> {
                BigInteger v = Int128.toBigInteger(a[0].highs[i], a[0].longs[i]).abs();
                if (v.bitLength() > 127) throw new OutOfRangeException("Overflow on abs(" + v.negate() + ")");
                res.longs[i] = v.longValue();
                res.highs[i] = v.shiftRight(64).longValue();
            });
        }
        long min = switch (t.physical()) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        boolean decimal = t.id() == TypeId.DECIMAL;
        return rows((a, i, res) -> {
            long v = Kernels.getLong(a[0], i);
            if (v == min && !decimal) throw new OutOfRangeException("Overflow on abs(" + v + ")");
            Kernels.setLong(res, i, Math.abs(v));
        });
    }

    /**
     * Rounding functions on DECIMAL(p,s): to {@code digits} fractional digits (round: half away from
     * zero; ceil/floor/trunc: directional, digits 0). Result DECIMAL(p, max(0, min(digits, s))) as in DuckDB.
     */
    /** x rounded half to even at {@code digits} decimal places of its shortest decimal text (2.675 gives 2.68, as in DuckDB). */
    static double roundEven(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        // a double's shortest decimal form has at most ~341 digits after the point and ~309 before it,
        // so rounding beyond +-400 digits changes nothing; the clamp keeps setScale from overflowing
        int clamped = Math.min(Math.max(digits, -400), 400);
        double r = java.math.BigDecimal.valueOf(x).setScale(clamped, java.math.RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r; // -0.4 rounds to -0.0, as in DuckDB
    }

    static ScalarFunction decimalRound(String name, LogicalType t, int requestedDigits) {
        // rounding to more than precision + 1 digits left of the point gives 0 either way; the
        // clamp keeps 10^-digits computable for any int (round(x, -2147483648))
        int digits = Math.max(requestedDigits, -(t.precision() + 1));
        int s = t.scale();
        int target = Math.max(0, Math.min(digits, s));
        // DuckDB keeps the width and only lowers the scale (round(1.2345, 2) -> DECIMAL(5,2))
        int newPrecision = t.precision();
        if (digits >= s) {
            return new ScalarFunction(name, List.of(t), t, (a, n, res) -> res.copyFrom(a[0], null, 0, n, 0));
        }
        LogicalType rt = LogicalType.decimal(Math.max(1, newPrecision), target);
        int drop = s - target;
        int zeroes = digits < 0 ? -digits : 0;
        BigInteger div = BigInteger.TEN.pow(drop);
        BigInteger mulBack = BigInteger.TEN.pow(zeroes);
        BigInteger divNeg = BigInteger.TEN.pow(drop + zeroes);
        boolean in128 = t.physical() == PhysicalType.INT128;
        boolean out128 = rt.physical() == PhysicalType.INT128;
        if (!in128 && !out128 && drop + zeroes <= 18) {
            long d = Arithmetic.pow10(drop + zeroes);
            long back = Arithmetic.pow10(zeroes);
            return new ScalarFunction(name, List.of(t), rt, (a, n, res) -> {
                long[] x = a[0].longs, o = res.longs;
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    long q = v / d, rem = v % d;
                    switch (name) {
                        case "round" -> {
                            if (Math.abs(rem) * 2 >= d) q += v < 0 ? -1 : 1;
                        }
                        case "ceil", "ceiling" -> {
                            if (rem > 0) q++;
                        }
                        case "floor" -> {
                            if (rem < 0) q--;
                        }
                        default -> {
                        }
                    }
                    o[i] = q * back;
                }
                propagateNulls(a, n, res);
            });
        }
        return new ScalarFunction(name, List.of(t), rt, rows((a, i, res) -> {
            BigInteger v = Arithmetic.big(a[0], i);
            BigInteger[] qr = v.divideAndRemainder(divNeg);
            BigInteger q = qr[0];
            switch (name) {
                case "round" -> {
                    if (qr[1].abs().shiftLeft(1).compareTo(divNeg) >= 0) q = q.add(BigInteger.valueOf(v.signum()));
                }
                case "ceil", "ceiling" -> {
                    if (qr[1].signum() > 0) q = q.add(BigInteger.ONE);
                }
                case "floor" -> {
                    if (qr[1].signum() < 0) q = q.subtract(BigInteger.ONE);
                }
                default -> {
                }
            }
            q = q.multiply(mulBack);
            if (out128) {
                res.longs[i] = q.longValue();
                res.highs[i] = q.shiftRight(64).longValue();
            } else {
                res.longs[i] = q.longValue();
            }
        }));
    }

    /** greatest/least over same-typed arguments, skipping NULLs (NULL only when all are NULL). */
    private static ScalarKernel extremum(boolean greatest) {
        return (args, count, res) -> {
            for (int i = 0; i < count; i++) {
                int best = -1;
                for (int k = 0; k < args.length; k++) {
                    if (args[k].isNull(i)) continue;
                    if (best < 0) {
                        best = k;
                        continue;
                    }
                    int c = compare(args[k], args[best], i);
                    if (greatest ? c > 0 : c < 0) best = k;
                }
                if (best < 0) {
                    res.setNull(i);
                } else {
                    res.copyRow(args[best], i, i);
                }
            }
        };
    }

    static int compare(Vector a, Vector b, int i) {
        return switch (a.physical) {
            case BOOL, INT8, INT16, INT32, INT64 -> Long.compare(Kernels.getLong(a, i), Kernels.getLong(b, i));
            case INT128 -> {
                int c = Long.compare(a.highs[i], b.highs[i]);
                yield c != 0 ? c : Long.compareUnsigned(a.longs[i], b.longs[i]);
            }
            case FLOAT -> Float.compare(a.floats[i], b.floats[i]);
            case DOUBLE -> Double.compare(a.doubles[i], b.doubles[i]);
            case VARLEN -> java.util.Arrays.compareUnsigned(a.heap, a.offsets[i], a.offsets[i] + a.lengths[i], b.heap, b.offsets[i], b.offsets[i] + b.lengths[i]);
            case INTERVAL -> new io.tealdb.types.Interval(a.ints[i], a.days[i], a.longs[i]).compareTo(new io.tealdb.types.Interval(b.ints[i], b.days[i], b.longs[i]));
            case LIST, STRUCT -> io.tealdb.vector.RowCompare.compare(a, i, b, i);
        };
    }
}
