package io.tealdb.function.scalar;

import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.scalar.Arithmetic.Op;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigInteger;
import java.util.List;

import static io.tealdb.function.scalar.Arithmetic.divByZero;
import static io.tealdb.function.scalar.Arithmetic.overflow;
import static io.tealdb.function.scalar.Kernels.propagateNulls;
import static io.tealdb.types.LogicalType.*;

/**
 * + - * // % on UTINYINT ... UHUGEINT with DuckDB's typing: the result has the operands' type and
 * leaving its range (below 0 included) is an "Overflow in addition of UINT8 (200 + 100)!" error.
 *
 * <p>UTINYINT, USMALLINT and UINTEGER live in the next wider signed array (short, int, long), so
 * one loop computes in long and checks [0, max]. UBIGINT lives in INT128 with a zero high word: the
 * low word is the value read as unsigned. UHUGEINT is INT128 biased by 2^127 (see LogicalType):
 * + and - work on the unbiased words with carries; * // % go through BigInteger (rare type).
 */
final class UnsignedArithmetic {
    private UnsignedArithmetic() {
    }

    static final List<LogicalType> UNSIGNED = List.of(UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT);

    static void register(FunctionRegistry r) {
        for (LogicalType t : UNSIGNED) {
            for (Op op : Op.values()) {
                Kernels.reg(r, op.symbol, List.of(t, t), t, kernel(op, t));
            }
            Kernels.reg(r, "+", List.of(t), t, (args, count, result) -> result.copyFrom(args[0], null, 0, count, 0));
            Kernels.reg(r, "-", List.of(t), t, negate(t));
        }
    }

    static ScalarKernel kernel(Op op, LogicalType t) {
        return switch (t.id()) {
            case UBIGINT -> ubigint(op, t);
            case UHUGEINT -> op == Op.ADD || op == Op.SUB ? uhugeAddSub(op, t) : big(op, t);
            default -> small(op, t);
        };
    }

    /** UTINYINT/USMALLINT/UINTEGER: values below 2^32, so + - never overflow a long; * is checked exactly. */
    private static ScalarKernel small(Op op, LogicalType t) {
        long max = t.id() == TypeId.UTINYINT ? 0xFFL : t.id() == TypeId.USMALLINT ? 0xFFFFL : 0xFFFF_FFFFL;
        return (args, count, result) -> {
            Vector va = args[0], vb = args[1];
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                long x = Kernels.getLong(va, i), y = Kernels.getLong(vb, i);
                long s;
                switch (op) {
                    case ADD -> s = x + y;
                    case SUB -> s = x - y;
                    case MUL -> s = x * y;
                    default -> {
                        if (nulls && result.isNull(i)) continue;
                        if (y == 0) throw divByZero(op, x);
                        s = op == Op.IDIV ? x / y : x % y;
                    }
                }
                // x, y < 2^32: x * y < 2^64 can wrap a signed long, which the high word reveals
                boolean bad = s < 0 || s > max || (op == Op.MUL && Math.multiplyHigh(x, y) != 0);
                if (bad && (!nulls || result.isValid(i))) throw overflow(op, t, x, y);
                Kernels.setLong(result, i, s);
            }
        };
    }

    /** UBIGINT: the low word read as unsigned; high words stay 0. */
    private static ScalarKernel ubigint(Op op, LogicalType t) {
        return (args, count, result) -> {
            long[] a = args[0].longs, b = args[1].longs, o = result.longs, oh = result.highs;
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                long x = a[i], y = b[i];
                long s;
                boolean bad;
                switch (op) {
                    case ADD -> {
                        s = x + y;
                        bad = Long.compareUnsigned(s, x) < 0;
                    }
                    case SUB -> {
                        s = x - y;
                        bad = Long.compareUnsigned(x, y) < 0;
                    }
                    case MUL -> {
                        s = x * y;
                        bad = Math.unsignedMultiplyHigh(x, y) != 0;
                    }
                    default -> {
                        if (nulls && result.isNull(i)) continue;
                        if (y == 0) throw divByZero(op, Long.toUnsignedString(x));
                        s = op == Op.IDIV ? Long.divideUnsigned(x, y) : Long.remainderUnsigned(x, y);
                        bad = false;
                    }
                }
                if (bad && (!nulls || result.isValid(i))) {
                    throw overflow(op, t, Long.toUnsignedString(x), Long.toUnsignedString(y));
                }
                o[i] = s;
                oh[i] = 0;
            }
        };
    }

    /** UHUGEINT + and -: unbias the high words (flip the top bit), add with carry, detect unsigned wrap. */
    private static ScalarKernel uhugeAddSub(Op op, LogicalType t) {
        return (args, count, result) -> {
            long[] alo = args[0].longs, ahi = args[0].highs, blo = args[1].longs, bhi = args[1].highs;
            long[] olo = result.longs, ohi = result.highs;
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                long xl = alo[i], xh = ahi[i] ^ Long.MIN_VALUE, yl = blo[i], yh = bhi[i] ^ Long.MIN_VALUE;
                long lo, hi;
                boolean bad;
                if (op == Op.ADD) {
                    lo = xl + yl;
                    long carry = Long.compareUnsigned(lo, xl) < 0 ? 1 : 0;
                    hi = xh + yh + carry;
                    bad = Long.compareUnsigned(hi, xh) < 0 || (hi == xh && (yh | carry) != 0);
                } else {
                    lo = xl - yl;
                    long borrow = Long.compareUnsigned(xl, yl) < 0 ? 1 : 0;
                    hi = xh - yh - borrow;
                    int c = Long.compareUnsigned(xh, yh);
                    bad = c < 0 || (c == 0 && borrow != 0);
                }
                if (bad && (!nulls || result.isValid(i))) {
                    throw overflow(op, t, Int128.uhugeToBigInteger(ahi[i], alo[i]), Int128.uhugeToBigInteger(bhi[i], blo[i]));
                }
                olo[i] = lo;
                ohi[i] = hi ^ Long.MIN_VALUE;
            }
        };
    }

    private static final BigInteger UHUGE_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** UHUGEINT * // %: exact BigInteger arithmetic per row. */
    private static ScalarKernel big(Op op, LogicalType t) {
        return (args, count, result) -> {
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                if (nulls && result.isNull(i)) continue;
                BigInteger x = Int128.uhugeToBigInteger(args[0].highs[i], args[0].longs[i]);
                BigInteger y = Int128.uhugeToBigInteger(args[1].highs[i], args[1].longs[i]);
                BigInteger s;
                if (op == Op.MUL) {
                    s = x.multiply(y);
                } else {
                    if (y.signum() == 0) throw divByZero(op, x);
                    s = op == Op.IDIV ? x.divide(y) : x.remainder(y);
                }
                if (s.compareTo(UHUGE_MAX) > 0) throw overflow(op, t, x, y);
                result.longs[i] = s.longValue();
                result.highs[i] = Int128.uhugeHigh(s);
            }
        };
    }

    /** Negating an unsigned value is DuckDB's overflow error unless the value is 0. */
    private static ScalarKernel negate(LogicalType t) {
        return (args, count, result) -> {
            Vector in = args[0];
            boolean nulls = propagateNulls(args, count, result);
            for (int i = 0; i < count; i++) {
                boolean zero = switch (t.id()) {
                    case UBIGINT -> in.longs[i] == 0;
                    case UHUGEINT -> in.longs[i] == 0 && in.highs[i] == Long.MIN_VALUE;
                    default -> Kernels.getLong(in, i) == 0;
                };
                if (!zero && (!nulls || result.isValid(i))) {
                    throw new OutOfRangeException("Overflow in negation of numeric value!");
                }
            }
            result.copyFrom(in, null, 0, count, 0);
        };
    }
}
