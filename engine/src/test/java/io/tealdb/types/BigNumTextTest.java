package io.tealdb.types;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BIGNUM's decimal text written from its bytes without BigInteger ({@link BigNum#writeText}) is
 * BigInteger's text, for every magnitude length from 0 to 80 bytes, both signs, and the edges of the
 * one-long path (2^63, 2^64 - 1, 2^64) and of the 10^9 chunks (values with runs of zero digits).
 */
class BigNumTextTest {
    private static void same(BigInteger v) {
        byte[] bytes = BigNum.encode(v);
        byte[] out = new byte[BigNum.maxTextLength(bytes.length) + 5];
        out[0] = 'x';
        int end = BigNum.writeText(bytes, 0, bytes.length, out, 1);
        assertTrue(end - 1 <= BigNum.maxTextLength(bytes.length), "bound for " + v);
        assertEquals(v.toString(), new String(out, 1, end - 1, StandardCharsets.US_ASCII));
        assertEquals('x', out[0]);
        assertEquals(v.toString(), BigNum.toText(bytes, 0, bytes.length));
    }

    @Test
    void textIsBigIntegersText() {
        Random random = new Random(7);
        for (int bits = 0; bits <= 640; bits++) {
            for (int k = 0; k < 6; k++) {
                BigInteger v = new BigInteger(bits, random);
                same(v);
                same(v.negate());
            }
            BigInteger p = BigInteger.ONE.shiftLeft(bits);
            same(p);
            same(p.negate());
            same(p.subtract(BigInteger.ONE));
            same(p.subtract(BigInteger.ONE).negate());
            same(BigInteger.TEN.pow(bits / 2));
            same(BigInteger.TEN.pow(bits / 2).add(BigInteger.ONE).negate());
        }
        same(BigInteger.ZERO);
    }
}
