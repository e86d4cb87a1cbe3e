package io.tealdb.vector;

import java.math.BigInteger;

/** Helpers for 128-bit two's-complement integers stored as (high signed long, low unsigned long). */
public final class Int128 {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_127 = BigInteger.ONE.shiftLeft(127);

    private Int128() {
    }

    public static BigInteger toBigInteger(long high, long low) {
        BigInteger lo = BigInteger.valueOf(low);
        if (low < 0) {
            lo = lo.add(TWO_64);
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(lo);
    }

    /** The UHUGEINT held in (high, low): stored as value - 2^127, i.e. with the top bit flipped. */
    public static BigInteger uhugeToBigInteger(long high, long low) {
        return toBigInteger(high, low).add(TWO_127);
    }

    /** High word of the stored form of a UHUGEINT value (value - 2^127). */
    public static long uhugeHigh(BigInteger v) {
        return v.subtract(TWO_127).shiftRight(64).longValue();
    }

    public static long high(BigInteger v) {
        return v.shiftRight(64).longValue();
    }

    public static long low(BigInteger v) {
        return v.longValue();
    }
}
