package io.tealdb.execution.window;

/**
 * Lexicographic comparison of rows over normalised {@link KeyColumn}s with per-key direction and
 * null placement (nulls compare equal to each other, as in ORDER BY).
 */
final class KeyComparator implements IndexSort.IntComparator {
    private final long[][] values;
    private final boolean[][] nulls;
    private final boolean[] ascending;
    private final boolean[] nullsFirst;

    KeyComparator(KeyColumn[] keys, boolean[] ascending, boolean[] nullsFirst) {
        values = new long[keys.length][];
        nulls = new boolean[keys.length][];
        for (int k = 0; k < keys.length; k++) {
            values[k] = keys[k].values();
            nulls[k] = keys[k].nulls();
        }
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
    }

    @Override
    public int compare(int a, int b) {
        for (int k = 0; k < values.length; k++) {
            boolean[] nk = nulls[k];
            if (nk != null) {
                boolean an = nk[a];
                boolean bn = nk[b];
                if (an || bn) {
                    if (an && bn) continue;
                    return an == nullsFirst[k] ? -1 : 1;
                }
            }
            long[] vk = values[k];
            int c = Long.compare(vk[a], vk[b]);
            if (c != 0) return ascending[k] ? c : -c;
        }
        return 0;
    }

    /** Whether rows a and b are equal on keys {@code [from, to)}. */
    boolean equal(int a, int b, int from, int to) {
        for (int k = from; k < to; k++) {
            boolean[] nk = nulls[k];
            if (nk != null) {
                boolean an = nk[a];
                if (an != nk[b]) return false;
                if (an) continue;
            }
            if (values[k][a] != values[k][b]) return false;
        }
        return true;
    }
}
