package io.tealdb.vector;

import java.math.BigInteger;

/** Helpers for 128-bit two's-complement integers stored as (high signed long, low unsigned long). */
public final class Int128 {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Int128() {
    }

    public static BigInteger toBigInteger(long high, long low) {
        BigInteger lo = BigInteger.valueOf(low);
        if (low < 0) {
            lo = lo.add(TWO_64);
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(lo);
    }

    public static long high(BigInteger v) {
        return v.shiftRight(64).longValue();
    }

    public static long low(BigInteger v) {
        return v.longValue();
    }
}
