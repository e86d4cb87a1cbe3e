package io.tealdb.execution.hash;

/**
 * Hashes of the strings of one vector, remembered by heap position: rows that point at the same bytes
 * (a dictionary-decoded column, whose rows share the dictionary's heap slots, or repeated values stored
 * once) are hashed once. A small direct-mapped table keyed by offset and length; a miss costs one extra
 * comparison over hashing the bytes.
 */
final class StringHashCache {
    private static final int SIZE = 32;
    private final int[] offsets = new int[SIZE];
    private final int[] lengths = new int[SIZE];
    private final long[] hashes = new long[SIZE];

    StringHashCache() {
        java.util.Arrays.fill(offsets, -1);
    }

    long hash(byte[] heap, int off, int len) {
        int slot = (off * 0x9E3779B1) >>> 27;
        if (offsets[slot] == off && lengths[slot] == len) return hashes[slot];
        long h = KeyHashing.hashBytes(heap, off, len);
        offsets[slot] = off;
        lengths[slot] = len;
        hashes[slot] = h;
        return h;
    }
}
