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

    /**
     * {@code v} as a double the way DuckDB converts a HUGEINT: the low word and the high word times
     * 2^64 rounded separately and then added (so not always the nearest double, as
     * {@link BigInteger#doubleValue} gives). Quantile interpolation must round as DuckDB does.
     */
    public static double toDoubleAsDuckDb(BigInteger v) {
        long high = high(v);
        long low = low(v);
        if (high == -1) return -unsignedToDouble(-1L - low) - 1; // small negatives lose nothing
        return unsignedToDouble(low) + (double) high * 0x1p64;
    }

    /** The unsigned 64-bit {@code x} rounded to the nearest double. */
    private static double unsignedToDouble(long x) {
        if (x >= 0) return x;
        // halve keeping the lowest bit sticky, so the one rounding of the conversion stays correct
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }
}
