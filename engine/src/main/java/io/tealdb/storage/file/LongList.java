package io.tealdb.storage.file;

import java.util.Arrays;

/** A growable list of primitive longs (block ids). */
public final class LongList {
    private long[] a = new long[8];
    private int n;

    public void add(long v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = v;
    }

    public long get(int i) {
        return a[i];
    }

    public int size() {
        return n;
    }

    public long[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
