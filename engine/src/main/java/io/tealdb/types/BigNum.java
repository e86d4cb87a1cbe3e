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
        byte[] out = new byte[maxTextLength(length)];
        int n = writeText(heap, offset, length, out, 0);
        return new String(out, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** An upper bound on the decimal text length of a BIGNUM of {@code length} bytes (sign included). */
    public static int maxTextLength(int length) {
        // a byte holds log10(256) < 2.41 decimal digits
        return (int) ((Math.max(length - 3, 0) * 241L + 99) / 100) + 2;
    }

    /**
     * Writes the decimal text of the BIGNUM at {@code heap[offset, offset + length)} as ASCII into
     * {@code out} from {@code pos} (room for {@link #maxTextLength} bytes) and returns the position
     * after it: no BigInteger and no String. Magnitudes of up to 8 bytes go through one unsigned
     * long; longer ones are divided by 10^9 word by word (schoolbook), nine digits at a time.
     */
    public static int writeText(byte[] heap, int offset, int length, byte[] out, int pos) {
        boolean negative = (heap[offset] & 0x80) == 0;
        int flip = negative ? 0xff : 0;
        int start = offset + 3, end = offset + length;
        while (start < end && ((heap[start] ^ flip) & 0xff) == 0) start++; // leading zero bytes
        int n = end - start;
        if (n == 0) {
            out[pos] = '0';
            return pos + 1;
        }
        if (negative) out[pos++] = '-';
        if (n <= 8) {
            long v = 0;
            for (int i = start; i < end; i++) v = (v << 8) | ((heap[i] ^ flip) & 0xff);
            return writeUnsigned(v, out, pos);
        }
        // magnitude as big-endian 32-bit words
        int words = (n + 3) >>> 2;
        int[] mag = new int[words];
        for (int i = 0; i < n; i++) {
            int b = (heap[end - 1 - i] ^ flip) & 0xff;
            mag[words - 1 - (i >>> 2)] |= b << ((i & 3) * 8);
        }
        int[] chunks = new int[(n * 241 / 100) / 9 + 2];
        int count = 0;
        int top = 0; // first non-zero word
        while (top < words) {
            long rem = 0;
            for (int w = top; w < words; w++) {
                long cur = (rem << 32) | (mag[w] & 0xffffffffL);
                mag[w] = (int) (cur / 1_000_000_000L);
                rem = cur % 1_000_000_000L;
            }
            chunks[count++] = (int) rem;
            while (top < words && mag[top] == 0) top++;
        }
        pos = writeUnsigned(chunks[count - 1], out, pos);
        for (int c = count - 2; c >= 0; c--) {
            int v = chunks[c];
            for (int d = 8; d >= 0; d--) {
                out[pos + d] = (byte) ('0' + v % 10);
                v /= 10;
            }
            pos += 9;
        }
        return pos;
    }

    /** The digits of {@code v} taken as unsigned. */
    private static int writeUnsigned(long v, byte[] out, int pos) {
        int digits = 1;
        for (long t = Long.divideUnsigned(v, 10); t != 0; t /= 10) digits++;
        for (int d = pos + digits - 1; d >= pos; d--) {
            out[d] = (byte) ('0' + Long.remainderUnsigned(v, 10));
            v = Long.divideUnsigned(v, 10);
        }
        return pos + digits;
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
