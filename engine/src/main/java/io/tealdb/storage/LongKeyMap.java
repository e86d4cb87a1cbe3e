package io.tealdb.storage;

import java.util.Arrays;

/**
 * Open-addressing hash map from long keys to row ids (non-negative longs), linear probing with
 * backward-shift deletion. The index of single-column integer keys: no boxing per row.
 */
final class LongKeyMap {
    private long[] keys;
    private long[] values;
    private int size;
    private int mask;

    LongKeyMap() {
        this(16);
    }

    LongKeyMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(values, -1L);
        mask = cap - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    long get(long key) {
        int i = hash(key) & mask;
        while (true) {
            long v = values[i];
            if (v < 0) {
                return -1;
            }
            if (keys[i] == key) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Maps key to value; returns the previous value or -1. */
    long put(long key, long value) {
        return put(key, value, true);
    }

    /** Maps key to value unless it is mapped; returns the value it had or -1. */
    long putIfAbsent(long key, long value) {
        return put(key, value, false);
    }

    private long put(long key, long value, boolean replace) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = hash(key) & mask;
        while (true) {
            long v = values[i];
            if (v < 0) {
                keys[i] = key;
                values[i] = value;
                size++;
                return -1;
            }
            if (keys[i] == key) {
                if (replace) values[i] = value;
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes key if it maps to {@code expected} (or any value when expected < 0). */
    void remove(long key, long expected) {
        int i = hash(key) & mask;
        while (true) {
            long v = values[i];
            if (v < 0) {
                return;
            }
            if (keys[i] == key) {
                if (expected >= 0 && v != expected) {
                    return;
                }
                break;
            }
            i = (i + 1) & mask;
        }
        // backward-shift deletion keeps probe chains intact
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] < 0) {
                break;
            }
            int home = hash(keys[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = -1;
        size--;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        int cap = keys.length * 2;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(values, -1L);
        mask = cap - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] >= 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
