package io.tealdb.types;

import java.util.UUID;

/**
 * UUID text and storage. A UUID is stored as DuckDB stores it: its 128 bits read as an unsigned
 * big-endian number, minus 2^127 (the top bit flipped), in a signed INT128 (high word, low word).
 * Signed 128-bit order is then the order of the text, so sorting and comparing need no special
 * kernels. Parsing and printing work on bytes (no String per value).
 */
public final class UuidText {
    private UuidText() {
    }

    /** Text length of a UUID: 8-4-4-4-12 hex digits. */
    public static final int LENGTH = 36;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Parses DuckDB's UUID forms: 32 hex digits in either case, optionally wrapped in braces, with
     * hyphens anywhere (DuckDB skips them); no surrounding blanks. Writes the stored (high, low) words to {@code out}.
     */
    public static boolean parse(byte[] b, int off, int len, long[] out) {
        int i = off;
        int end = off + len;
        if (end - i >= 2 && b[i] == '{') {
            if (b[end - 1] != '}') {
                return false;
            }
            i++;
            end--;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (; i < end; i++) {
            int c = b[i];
            if (c == '-') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || digits == 32) {
                return false;
            }
            if (digits < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            digits++;
        }
        if (digits != 32) {
            return false;
        }
        out[0] = hi ^ Long.MIN_VALUE;
        out[1] = lo;
        return true;
    }

    /** Writes the 36-byte lower-case text of the stored UUID (high, low) at {@code dst[pos..]}. */
    public static void format(long high, long low, byte[] dst, int pos) {
        long hi = high ^ Long.MIN_VALUE;
        int p = pos;
        for (int nibble = 0; nibble < 32; nibble++) {
            if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) {
                dst[p++] = '-';
            }
            long word = nibble < 16 ? hi : low;
            int shift = 60 - 4 * (nibble & 15);
            dst[p++] = HEX[(int) (word >>> shift) & 0xF];
        }
    }

    public static String toString(long high, long low) {
        byte[] b = new byte[LENGTH];
        format(high, low, b, 0);
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static UUID toJava(long high, long low) {
        return new UUID(high ^ Long.MIN_VALUE, low);
    }

    /** Stored high word of a java.util.UUID (its most significant bits with the top bit flipped). */
    public static long high(UUID u) {
        return u.getMostSignificantBits() ^ Long.MIN_VALUE;
    }

    public static long low(UUID u) {
        return u.getLeastSignificantBits();
    }
}
