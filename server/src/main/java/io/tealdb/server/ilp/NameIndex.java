package io.tealdb.server.ilp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds a table's or column's index from the name bytes of a line without making a String: an
 * open-addressing hash table over UTF-8 names, compared ignoring ASCII case (QuestDB matches names
 * case-insensitively, as the engine's catalog does).
 */
final class NameIndex {
    private byte[][] keys = new byte[16][];
    private int[] values = new int[16];
    private int size;

    /** The value for the name, or -1. */
    int get(byte[] b, int off, int len) {
        int mask = keys.length - 1;
        for (int h = hash(b, off, len) & mask; ; h = (h + 1) & mask) {
            byte[] k = keys[h];
            if (k == null) return -1;
            if (equal(k, b, off, len)) return values[h];
        }
    }

    void put(String name, int value) {
        byte[] k = name.getBytes(StandardCharsets.UTF_8);
        if ((size + 1) * 2 > keys.length) rehash();
        int mask = keys.length - 1;
        for (int h = hash(k, 0, k.length) & mask; ; h = (h + 1) & mask) {
            if (keys[h] == null) {
                keys[h] = k;
                values[h] = value;
                size++;
                return;
            }
            if (equal(keys[h], k, 0, k.length)) {
                values[h] = value;
                return;
            }
        }
    }

    void clear() {
        Arrays.fill(keys, null);
        size = 0;
    }

    private void rehash() {
        byte[][] oldK = keys;
        int[] oldV = values;
        keys = new byte[oldK.length * 2][];
        values = new int[oldK.length * 2];
        size = 0;
        for (int i = 0; i < oldK.length; i++) {
            if (oldK[i] != null) put(new String(oldK[i], StandardCharsets.UTF_8), oldV[i]);
        }
    }

    private static int fold(byte b) {
        return b >= 'A' && b <= 'Z' ? b | 0x20 : b;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) h = 31 * h + fold(b[off + i]);
        return h ^ (h >>> 16);
    }

    static boolean equal(byte[] k, byte[] b, int off, int len) {
        if (k.length != len) return false;
        // names are short: a plain loop costs less than a vectorised comparison's set-up; case folds only where bytes differ
        for (int i = 0; i < len; i++) {
            byte x = k[i], y = b[off + i];
            if (x != y && fold(x) != fold(y)) return false;
        }
        return true;
    }
}
