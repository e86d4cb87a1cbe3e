package io.tealdb.function.scalar;

import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

import java.util.List;

import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.LogicalType.*;

/**
 * Bitwise operators (&amp; | xor ~ &lt;&lt; &gt;&gt; bit_count) and abs on UTINYINT ... UBIGINT, with
 * DuckDB's results: the operand type, ~ within the type's width, left shifts that leave the type an
 * "Overflow in left shift" error, right shifts by the width or more yield 0. UTINYINT, USMALLINT
 * and UINTEGER sit in a wider signed array, UBIGINT in the low word of INT128 (high word 0).
 */
final class UnsignedBitwise {
    private UnsignedBitwise() {
    }

    static void register(FunctionRegistry r) {
        for (LogicalType t : List.of(UTINYINT, USMALLINT, UINTEGER)) {
            int bits = t.id() == TypeId.UTINYINT ? 8 : t.id() == TypeId.USMALLINT ? 16 : 32;
            long mask = (1L << bits) - 1;
            reg(r, "&", List.of(t, t), t, Kernels.longBinary((x, y) -> x & y));
            reg(r, "|", List.of(t, t), t, Kernels.longBinary((x, y) -> x | y));
            reg(r, "xor", List.of(t, t), t, Kernels.longBinary((x, y) -> x ^ y));
            reg(r, "~", List.of(t), t, Kernels.longUnary(x -> ~x & mask));
            reg(r, "<<", List.of(t, t), t, Kernels.longBinary((x, y) -> shiftLeft(x, y, bits)));
            reg(r, ">>", List.of(t, t), t, Kernels.longBinary((x, y) -> y >= bits ? 0 : x >>> y));
            reg(r, "bit_count", List.of(t), TINYINT, rows((a, i, res) -> res.bytes[i] = (byte) Long.bitCount(Kernels.getLong(a[0], i))));
            reg(r, "abs", List.of(t), t, (a, count, res) -> res.copyFrom(a[0], null, 0, count, 0));
        }
        LogicalType u = UBIGINT;
        reg(r, "&", List.of(u, u), u, rows((a, i, res) -> set64(res, i, a[0].longs[i] & a[1].longs[i])));
        reg(r, "|", List.of(u, u), u, rows((a, i, res) -> set64(res, i, a[0].longs[i] | a[1].longs[i])));
        reg(r, "xor", List.of(u, u), u, rows((a, i, res) -> set64(res, i, a[0].longs[i] ^ a[1].longs[i])));
        reg(r, "~", List.of(u), u, rows((a, i, res) -> set64(res, i, ~a[0].longs[i])));
        reg(r, "<<", List.of(u, u), u, rows((a, i, res) -> {
            long x = a[0].longs[i], y = a[1].longs[i];
            if (x == 0) {
                set64(res, i, 0);
                return;
            }
            if (Long.compareUnsigned(y, 64) >= 0 || (y > 0 && (x >>> (64 - y)) != 0)) {
                throw new OutOfRangeException("Overflow in left shift (" + Long.toUnsignedString(x) + " << " + y + ")");
            }
            set64(res, i, x << y);
        }));
        reg(r, ">>", List.of(u, u), u, rows((a, i, res) -> {
            long y = a[1].longs[i];
            set64(res, i, Long.compareUnsigned(y, 64) >= 0 ? 0 : a[0].longs[i] >>> y);
        }));
        reg(r, "bit_count", List.of(u), TINYINT, rows((a, i, res) -> res.bytes[i] = (byte) Long.bitCount(a[0].longs[i])));
        reg(r, "abs", List.of(u), u, (a, count, res) -> res.copyFrom(a[0], null, 0, count, 0));
        reg(r, "abs", List.of(UHUGEINT), UHUGEINT, (a, count, res) -> res.copyFrom(a[0], null, 0, count, 0));
    }

    private static void set64(io.tealdb.vector.Vector res, int i, long v) {
        res.longs[i] = v;
        res.highs[i] = 0;
    }

    /** DuckDB: bits shifted past the width (a shift by the width or more included) overflow. */
    private static long shiftLeft(long x, long y, int bits) {
        if (x == 0) {
            return 0;
        }
        long r = y >= bits ? -1 : x << y;
        if (y >= bits || (r >>> bits) != 0) {
            throw new OutOfRangeException("Overflow in left shift (" + x + " << " + y + ")");
        }
        return r;
    }
}
