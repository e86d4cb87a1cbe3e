package io.tealdb.function.scalar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled LIKE pattern over UTF-8 bytes. Common shapes get fast paths: exact, {@code abc%},
 * {@code %abc}, {@code %abc%} and multi-segment {@code %a%b%} (greedy left-to-right search, no
 * backtracking needed without '_'); anything else uses an iterative matcher with single-star
 * backtracking where '_' consumes one code point.
 */
final class LikeMatcher {
    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, SEGMENTS, GENERAL }

    private final Shape shape;
    private final byte[] literal;
    /** SEGMENTS: the literal pieces between '%'; anchoredStart/End tell whether the first/last piece is pinned. */
    private final byte[][] segments;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    /** GENERAL: the pattern with escapes resolved into tokens: ≥0 byte, -1 '%', -2 '_'. */
    private final int[] tokens;
    final byte[] source;

    static final int ANY_SEQ = -1;
    static final int ANY_ONE = -2;

    LikeMatcher(byte[] pattern, int off, int len, int escape) {
        this.source = java.util.Arrays.copyOfRange(pattern, off, off + len);
        // tokenize
        int[] toks = new int[len];
        int n = 0;
        for (int i = off; i < off + len; i++) {
            int b = pattern[i] & 0xFF;
            if (escape >= 0 && b == escape) {
                if (i + 1 >= off + len) {
                    throw new io.tealdb.error.InvalidInputException("Like pattern must not end with escape character!");
                }
                toks[n++] = pattern[++i] & 0xFF;
            } else if (b == '%') {
                if (n == 0 || toks[n - 1] != ANY_SEQ) {
                    toks[n++] = ANY_SEQ;
                }
            } else if (b == '_') {
                toks[n++] = ANY_ONE;
            } else {
                toks[n++] = b;
            }
        }
        tokens = java.util.Arrays.copyOf(toks, n);
        boolean hasOne = false;
        for (int t : tokens) {
            hasOne |= t == ANY_ONE;
        }
        if (hasOne) {
            shape = Shape.GENERAL;
            literal = null;
            segments = null;
            anchoredStart = anchoredEnd = false;
            return;
        }
        List<byte[]> segs = new ArrayList<>();
        java.io.ByteArrayOutputStream cur = new java.io.ByteArrayOutputStream();
        for (int t : tokens) {
            if (t == ANY_SEQ) {
                segs.add(cur.toByteArray());
                cur.reset();
            } else {
                cur.write(t);
            }
        }
        segs.add(cur.toByteArray());
        anchoredStart = tokens.length == 0 || tokens[0] != ANY_SEQ;
        anchoredEnd = tokens.length == 0 || tokens[tokens.length - 1] != ANY_SEQ;
        // segs has (number of %) + 1 entries, first/last may be empty
        if (segs.size() == 1) {
            shape = Shape.EXACT;
            literal = segs.get(0);
        } else if (segs.size() == 2 && anchoredStart && !anchoredEnd) {
            shape = Shape.PREFIX;
            literal = segs.get(0);
        } else if (segs.size() == 2 && !anchoredStart && anchoredEnd) {
            shape = Shape.SUFFIX;
            literal = segs.get(1);
        } else if (segs.size() == 3 && !anchoredStart && !anchoredEnd) {
            shape = Shape.CONTAINS;
            literal = segs.get(1);
        } else {
            shape = Shape.SEGMENTS;
            literal = null;
        }
        segments = segs.toArray(new byte[0][]);
    }

    static LikeMatcher compile(String pattern, String escape) {
        byte[] b = pattern.getBytes(StandardCharsets.UTF_8);
        return new LikeMatcher(b, 0, b.length, escape == null || escape.isEmpty() ? -1 : escape.charAt(0));
    }

    boolean sameSource(byte[] p, int off, int len) {
        return java.util.Arrays.equals(source, 0, source.length, p, off, off + len);
    }

    boolean matches(byte[] s, int off, int len) {
        return switch (shape) {
            case EXACT -> len == literal.length && java.util.Arrays.equals(s, off, off + len, literal, 0, literal.length);
            case PREFIX -> len >= literal.length && java.util.Arrays.equals(s, off, off + literal.length, literal, 0, literal.length);
            case SUFFIX -> len >= literal.length && java.util.Arrays.equals(s, off + len - literal.length, off + len, literal, 0, literal.length);
            case CONTAINS -> indexOf(s, off, off + len, literal) >= 0;
            case SEGMENTS -> matchSegments(s, off, len);
            case GENERAL -> matchGeneral(s, off, len);
        };
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * First index of needle in s[from, to), or -1. Eight start positions at a time: one word holds
     * the bytes a match would start with, another the bytes it would end with, and a position is
     * compared in full only where both equal the needle's first and last byte (the zero-byte test
     * below never misses a position and may flag extra ones, which the comparison rejects).
     */
    static int indexOf(byte[] s, int from, int to, byte[] needle) {
        int n = needle.length;
        if (n == 0) {
            return from;
        }
        int last = to - n;
        int i = from;
        long first = (needle[0] & 0xFFL) * ONES;
        long end = (needle[n - 1] & 0xFFL) * ONES;
        for (; i + 7 <= last; i += 8) {
            long x = (long) LONGS.get(s, i) ^ first;
            long y = (long) LONGS.get(s, i + n - 1) ^ end;
            long hits = (x - ONES) & ~x & (y - ONES) & ~y & HIGHS;
            while (hits != 0) {
                int at = i + (Long.numberOfTrailingZeros(hits) >>> 3);
                if (java.util.Arrays.equals(s, at, at + n, needle, 0, n)) return at;
                hits &= hits - 1;
            }
        }
        byte b0 = needle[0];
        outer:
        for (; i <= last; i++) {
            if (s[i] != b0) continue;
            for (int k = 1; k < n; k++) {
                if (s[i + k] != needle[k]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private boolean matchSegments(byte[] s, int off, int len) {
        int pos = off;
        int end = off + len;
        int first = 0;
        int lastSeg = segments.length - 1;
        if (anchoredStart) {
            byte[] seg = segments[0];
            if (len < seg.length || !java.util.Arrays.equals(s, off, off + seg.length, seg, 0, seg.length)) {
                return false;
            }
            pos += seg.length;
            first = 1;
        }
        if (anchoredEnd) {
            byte[] seg = segments[lastSeg];
            if (end - pos < seg.length || !java.util.Arrays.equals(s, end - seg.length, end, seg, 0, seg.length)) {
                return false;
            }
            end -= seg.length;
            lastSeg--;
        }
        for (int k = first; k <= lastSeg; k++) {
            byte[] seg = segments[k];
            if (seg.length == 0) continue;
            int at = indexOf(s, pos, end, seg);
            if (at < 0) {
                return false;
            }
            pos = at + seg.length;
        }
        return true;
    }

    private static int charLen(byte lead) {
        int b = lead & 0xFF;
        return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }

    private boolean matchGeneral(byte[] s, int off, int len) {
        int i = off;
        int end = off + len;
        int j = 0;
        int starJ = -1;
        int starI = -1;
        int[] t = tokens;
        while (i < end) {
            if (j < t.length && t[j] == ANY_SEQ) {
                starJ = j++;
                starI = i;
            } else if (j < t.length && t[j] == ANY_ONE) {
                i += charLen(s[i]);
                j++;
            } else if (j < t.length && t[j] == (s[i] & 0xFF)) {
                i++;
                j++;
            } else if (starJ >= 0) {
                j = starJ + 1;
                starI += charLen(s[starI]);
                i = starI;
            } else {
                return false;
            }
        }
        while (j < t.length && t[j] == ANY_SEQ) {
            j++;
        }
        return j == t.length && i == end;
    }
}
