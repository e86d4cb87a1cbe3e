package io.tealdb.types;

import java.math.BigInteger;

/**
 * BIGNUM (DuckDB's arbitrary-precision integer, once VARINT) as VARLEN bytes in DuckDB's layout, so
 * that comparing the bytes unsigned orders the numbers: a 3-byte header holding the sign (top bit
 * set for zero and positive numbers) and the byte length of the magnitude, then the magnitude big
 * endian; a negative number has every byte, header included, inverted. A longer positive
 * magnitude thus sorts after a shorter one and a longer negative one before.
 */
public final class BigNum {
    private BigNum() {
    }

    /** The most magnitude bytes the 23-bit length of the header can count (DuckDB's limit). */
    public static final int MAX_BYTES = (1 << 23) - 1;

    public static byte[] encode(BigInteger v) {
        byte[] mag = v.abs().toByteArray();
        int start = mag.length > 1 && mag[0] == 0 ? 1 : 0; // toByteArray's sign byte
        int n = mag.length - start;
        if (n > MAX_BYTES) throw new io.tealdb.error.OutOfRangeException("BIGNUM value has more than " + MAX_BYTES + " bytes");
        byte[] out = new byte[3 + n];
        int header = (1 << 23) | n;
        out[0] = (byte) (header >>> 16);
        out[1] = (byte) (header >>> 8);
        out[2] = (byte) header;
        System.arraycopy(mag, start, out, 3, n);
        if (v.signum() < 0) {
            for (int i = 0; i < out.length; i++) out[i] = (byte) ~out[i];
        }
        return out;
    }

    public static BigInteger decode(byte[] heap, int offset, int length) {
        boolean negative = (heap[offset] & 0x80) == 0;
        byte[] mag = new byte[length - 3];
        for (int i = 0; i < mag.length; i++) {
            byte b = heap[offset + 3 + i];
            mag[i] = negative ? (byte) ~b : b;
        }
        BigInteger m = new BigInteger(1, mag);
        return negative ? m.negate() : m;
    }

    public static BigInteger decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static String toText(byte[] heap, int offset, int length) {
        return decode(heap, offset, length).toString();
    }

    /** DuckDB's BIGNUM text: [+-] digits [. digits], rounded to an integer; null when it is not one. */
    public static BigInteger parse(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) i++;
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return null;
            }
        }
        if (digits == 0) return null;
        return dot ? new java.math.BigDecimal(text).setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact() : new BigInteger(text);
    }
}
