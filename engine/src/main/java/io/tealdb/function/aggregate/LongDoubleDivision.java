package io.tealdb.function.aggregate;

import java.math.BigInteger;

/**
 * DuckDB finalizes avg over a 128-bit sum as {@code (double) ((long double) sum / (long double)
 * count)}: on x86-64 the sum is converted to a 64-bit mantissa (see {@link #castToExtended}), the
 * quotient is rounded to 64 bits, and only then to a double. Large sums therefore round differently from an exact division; this
 * reproduces the three roundings (each to nearest, ties to even) so averages print as DuckDB's.
 */
final class LongDoubleDivision {
    private LongDoubleDivision() {
    }

    private static final int EXTENDED_BITS = 64;
    private static final int DOUBLE_BITS = 53;

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    static double divide(BigInteger sum, long count) {
        BigInteger x = castToExtended(sum);
        if (x.signum() == 0) {
            return 0.0;
        }
        boolean negative = x.signum() < 0;
        BigInteger m = x.abs();
        // quotient to 64 significant bits: scale up so the integer quotient has more than 64 bits
        int up = EXTENDED_BITS + 2 + Long.SIZE;
        BigInteger[] qr = m.shiftLeft(up).divideAndRemainder(BigInteger.valueOf(count));
        BigInteger q = qr[0];
        int qDrop = Math.max(0, q.bitLength() - EXTENDED_BITS);
        BigInteger qm = roundShift(q, qDrop, qr[1].signum() != 0);
        // extended → double
        int dDrop = Math.max(0, qm.bitLength() - DOUBLE_BITS);
        BigInteger dm = roundShift(qm, dDrop, false);
        double d = Math.scalb(dm.doubleValue(), qDrop - up + dDrop);
        return negative ? -d : d;
    }

    /**
     * DuckDB's hugeint → long double: {@code lower + upper * (2^64 - 1)} (sic: not 2^64) in
     * extended precision, so a value is off by {@code upper} before rounding; {@code upper == -1} is
     * computed as {@code -(2^64 - 1 - lower) - 1}.
     */
    private static BigInteger castToExtended(BigInteger v) {
        BigInteger upper = v.shiftRight(64);
        BigInteger lower = v.subtract(upper.shiftLeft(64));
        if (upper.signum() == 0) {
            return lower;
        }
        if (upper.equals(BigInteger.ONE.negate())) {
            return round(UINT64_MAX.subtract(lower).negate().subtract(BigInteger.ONE));
        }
        return round(lower.add(round(upper.multiply(UINT64_MAX))));
    }

    /** An integer rounded to 64 significant bits (nearest, ties to even), as the FPU stores it. */
    private static BigInteger round(BigInteger x) {
        int drop = Math.max(0, x.abs().bitLength() - EXTENDED_BITS);
        if (drop == 0) {
            return x;
        }
        BigInteger r = roundShift(x.abs(), drop, false).shiftLeft(drop);
        return x.signum() < 0 ? r.negate() : r;
    }

    /** {@code v / 2^bits} rounded to nearest, ties to even; {@code sticky} says the true value lies just above v. */
    private static BigInteger roundShift(BigInteger v, int bits, boolean sticky) {
        if (bits == 0) {
            return v;
        }
        BigInteger q = v.shiftRight(bits);
        boolean half = v.testBit(bits - 1);
        boolean below = sticky || v.getLowestSetBit() < bits - 1;
        if (half && (below || q.testBit(0))) {
            q = q.add(BigInteger.ONE);
        }
        return q;
    }
}
