package io.tealdb.types;

import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;

import java.math.BigInteger;

/**
 * The BIT type's bytes: one ASCII '0' or '1' per bit, in order. DuckDB orders bit strings as their
 * text (lexicographically, a prefix first: {@code '0' < '00' < '01' < '1'}), so with this layout
 * BIT shares VARCHAR's and BLOB's byte-wise comparison, hashing, sorting and storage unchanged,
 * at the price of a byte per bit. Bit i is byte {@code off + i}, counted from the left from 0.
 */
public final class BitString {
    private BitString() {
    }

    /** Number of bits of the value in {@code b[off, off+len)}. */
    public static long bitLength(byte[] b, int off, int len) {
        return len;
    }

    /** A bit string of {@code n >= 1} zero bits. */
    public static byte[] zeros(long n) {
        if (n < 1) throw new InvalidInputException("Bitstring must have at least one bit");
        if (n > Integer.MAX_VALUE - 16) throw new InvalidInputException("Bitstring of " + n + " bits is too long");
        byte[] out = new byte[(int) n];
        java.util.Arrays.fill(out, (byte) '0');
        return out;
    }

    public static boolean get(byte[] b, int off, long i) {
        return b[off + (int) i] == '1';
    }

    /** Sets bit {@code i} of a bit string that starts at index 0 of {@code b}. */
    public static void set(byte[] b, long i, boolean one) {
        b[(int) i] = (byte) (one ? '1' : '0');
    }

    /** Checks '0'/'1' text; anything else is DuckDB's conversion error. DuckDB reads '' as the one bit '0'. */
    public static byte[] parse(String text) {
        if (text.isEmpty()) return zeros(1);
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '1') {
                throw new ConversionException("Invalid character encountered in string -> bit conversion: '" + c + "'");
            }
            out[i] = (byte) c;
        }
        return out;
    }

    public static String toText(byte[] b, int off, int len) {
        return new String(b, off, len, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static String toText(byte[] b) {
        return toText(b, 0, b.length);
    }

    /** Bytes of the bits packed eight to a byte, as DuckDB stores them (so octet_length agrees). */
    public static long octetLength(int bits) {
        return (bits + 7) / 8;
    }

    /** The bits of a {@code width}-bit two's complement integer, as an integer cast to BIT gives them. */
    public static byte[] ofInteger(BigInteger v, int width) {
        byte[] out = zeros(width);
        for (int i = 0; i < width; i++) set(out, i, v.testBit(width - 1 - i));
        return out;
    }

    /**
     * The value of the bits as a {@code width}-bit two's complement integer (unsigned when
     * {@code unsigned}); more bits than the width is DuckDB's conversion error.
     */
    public static BigInteger toInteger(byte[] b, int off, int len, int width, boolean unsigned, String target) {
        if (len > width) throw new ConversionException("Bitstring doesn't fit inside of " + target);
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < len; i++) if (b[off + i] == '1') v = v.setBit(len - 1 - i);
        if (!unsigned && len == width && v.testBit(width - 1)) v = v.subtract(BigInteger.ONE.shiftLeft(width));
        return v;
    }

    /** BIT → BLOB: the bits packed eight to a byte, right-aligned (the first byte padded with zeros), as DuckDB gives them. */
    public static byte[] toBlob(byte[] b, int off, int len) {
        byte[] out = new byte[(int) octetLength(len)];
        int pad = out.length * 8 - len;
        for (int i = 0; i < len; i++) {
            if (b[off + i] == '1') {
                int at = pad + i;
                out[at >>> 3] |= (byte) (1 << (7 - (at & 7)));
            }
        }
        return out;
    }

    /** Bytes of {@link #writeStored}'s form of {@code bits} bits: the padding count, then the packed bits. */
    public static int storedLength(int bits) {
        return 1 + (int) octetLength(bits);
    }

    /**
     * Writes the bit string {@code b[off, off+len)} ('0'/'1' bytes) in DuckDB's storage form, which its
     * Arrow export sends as binary: one byte with the number of padding bits, then the bits packed
     * eight to a byte, most significant first, right-aligned, the padding bits of the first byte set
     * to 1 ('0101' is 0x04 0xF5). Returns the position after it.
     */
    public static int writeStored(byte[] b, int off, int len, byte[] out, int pos) {
        int bytes = (int) octetLength(len);
        int pad = bytes * 8 - len;
        out[pos] = (byte) pad;
        java.util.Arrays.fill(out, pos + 1, pos + 1 + bytes, (byte) 0);
        if (bytes > 0) out[pos + 1] = (byte) (0xFF << (8 - pad));
        for (int i = 0; i < len; i++) {
            if (b[off + i] == '1') {
                int at = pad + i;
                out[pos + 1 + (at >>> 3)] |= (byte) (1 << (7 - (at & 7)));
            }
        }
        return pos + 1 + bytes;
    }

    /**
     * The number of bits of DuckDB's storage form in {@code src[off, off+len)} ({@link #writeStored}),
     * or -1 when the bytes are not one (no byte of bits, or more than seven padding bits).
     */
    public static int storedBits(byte[] src, int off, int len) {
        if (len < 2) return -1;
        int pad = src[off] & 0xFF;
        return pad > 7 ? -1 : (len - 1) * 8 - pad;
    }

    /** Writes the bits of DuckDB's storage form in {@code src[off, off+len)} as '0'/'1' bytes from {@code out[pos]}; returns the position after them. */
    public static int readStored(byte[] src, int off, int len, byte[] out, int pos) {
        int pad = src[off] & 0xFF;
        int bits = (len - 1) * 8 - pad;
        for (int i = 0; i < bits; i++) {
            int at = pad + i;
            out[pos + i] = (byte) (((src[off + 1 + (at >>> 3)] >> (7 - (at & 7))) & 1) != 0 ? '1' : '0');
        }
        return pos + bits;
    }

    /** BLOB → BIT: every byte is eight bits. */
    public static byte[] ofBlob(byte[] b, int off, int len) {
        if (len == 0) throw new ConversionException("Cannot cast empty BLOB to BIT");
        byte[] out = new byte[len * 8];
        for (int i = 0; i < out.length; i++) out[i] = (byte) ((b[off + (i >>> 3)] >> (7 - (i & 7)) & 1) != 0 ? '1' : '0');
        return out;
    }
}
