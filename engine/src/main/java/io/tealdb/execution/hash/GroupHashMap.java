package io.tealdb.execution.hash;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Maps group keys (any number of columns of any type; NULLs group together) to dense group ids
 * {@code 0, 1, 2, ...} in order of first appearance, so aggregate states can be plain arrays
 * indexed by group id.
 *
 * <p>Layout: the distinct keys live column-wise in a {@link ColumnStore} (row id = group id), their
 * hashes in {@code long[] groupHashes}; the index is one open-addressing {@code long[]} with linear
 * probing whose entries pack {@code (hash high 32 bits) << 32 | (group id + 1)}, 0 = empty. The
 * salt rejects almost all foreign entries without touching key storage; resizing re-inserts from
 * {@code groupHashes} without rehashing keys. Lookup is vectorized like DuckDB's FindOrCreateGroups:
 * each round, every unresolved row inspects one slot; salt hits are verified column by column.
 *
 * <p>Single integer key (BOOLEAN..BIGINT, the common GROUP BY id): a different index,
 * {@code long[] intSlots} of (key, group id + 1) pairs side by side, so a lookup touches one cache
 * line and compares the key itself — no salt, no key column access; the NULL group has its own id.
 * The key column is still appended to the {@link ColumnStore} (sequentially) for output.
 */
public final class GroupHashMap {
    private static final int CAP = DataChunk.CAPACITY;
    private static final long SALT_MASK = 0xFFFFFFFF00000000L;

    private final ColumnStore keys;
    private final int keyCount;
    private long[] groupHashes;
    private long[] slots;
    private int mask;
    private int groupCount;
    private int resizeAt;

    // scratch for one chunk
    private final long[] hashes = new long[CAP];
    private final int[] slotOf = new int[CAP];
    private final int[] pending = new int[CAP];
    private final int[] candRow = new int[CAP];
    private final int[] candGroup = new int[CAP];
    private final int[] sel = new int[CAP];
    private final byte[] hit = new byte[CAP];
    private final int[] newRows = new int[CAP];
    private final int[] appendSel = new int[CAP];
    private int newCount;

    /** Integer-key index: pairs (key, group id + 1), 0 id = empty; null for other keys. */
    private long[] intSlots;
    private final long[] rowKeys;
    private int nullGroup = -1;

    public GroupHashMap(List<LogicalType> keyTypes, int expectedGroups) {
        this.keyCount = keyTypes.size();
        int initial = Math.max(16, Math.min(expectedGroups, 1 << 24));
        this.keys = new ColumnStore(keyTypes, initial);
        this.groupHashes = new long[initial];
        boolean intKey = keyTypes.size() == 1 && switch (keyTypes.get(0).physical()) {
            case BOOL, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
        this.rowKeys = intKey ? new long[CAP] : null;
        allocateSlots(Integer.highestOneBit(Math.max(64, initial * 2 - 1)) << 1);
    }

    private void allocateSlots(int n) {
        io.tealdb.execution.Cancellation.reserveMemory((rowKeys != null ? 16L : 8L) * n, "a hash table");
        if (rowKeys != null) {
            intSlots = new long[2 * n];
        } else {
            slots = new long[n];
        }
        mask = n - 1;
        resizeAt = n / 2; // load factor 0.5: linear probing stays short
    }

    /** Integer keys: find-or-create every row's group with one probe sequence in {@code intSlots}. */
    private int findOrCreateInt(Vector v, int count, int[] groupIds) {
        newCount = 0;
        if (groupCount + count > resizeAt) grow(groupCount + count);
        long[] k = rowKeys;
        widen(v, count, k);
        long[] hs = hashes;
        long[] t = intSlots;
        int m = mask;
        long[] valid = v.validity;
        for (int i = 0; i < count; i++) hs[i] = KeyHashing.hashLong(k[i]);
        for (int i = 0; i < count; i++) {
            if (valid != null && (valid[i >>> 6] & (1L << i)) == 0) {
                hs[i] = KeyHashing.NULL_HASH;
                if (nullGroup < 0) {
                    nullGroup = groupCount++;
                    newRows[newCount++] = i;
                }
                groupIds[i] = nullGroup;
                continue;
            }
            long key = k[i];
            int s = (int) hs[i] & m;
            while (true) {
                long id = t[2 * s + 1];
                if (id == 0) {
                    int g = groupCount++;
                    t[2 * s] = key;
                    t[2 * s + 1] = g + 1L;
                    groupIds[i] = g;
                    newRows[newCount++] = i;
                    break;
                }
                if (t[2 * s] == key) {
                    groupIds[i] = (int) id - 1;
                    break;
                }
                s = (s + 1) & m;
            }
        }
        if (newCount > 0) appendKeys(new Vector[]{v}, 0, newCount, groupCount - newCount);
        return groupCount;
    }

    private static void widen(Vector v, int count, long[] out) {
        switch (v.physical) {
            case INT64 -> System.arraycopy(v.longs, 0, out, 0, count);
            case INT32 -> {
                int[] a = v.ints;
                for (int i = 0; i < count; i++) out[i] = a[i];
            }
            case INT16 -> {
                short[] a = v.shorts;
                for (int i = 0; i < count; i++) out[i] = a[i];
            }
            case BOOL, INT8 -> {
                byte[] a = v.bytes;
                for (int i = 0; i < count; i++) out[i] = a[i];
            }
            default -> throw new IllegalStateException("not an integer key: " + v.type);
        }
    }

    public int groupCount() {
        return groupCount;
    }

    public ColumnStore keys() {
        return keys;
    }

    public long[] groupHashes() {
        return groupHashes;
    }

    /** Number of rows of the last {@link #findOrCreate} call that created a new group; see {@link #newRows()}. */
    public int newCount() {
        return newCount;
    }

    /**
     * Rows of the last {@link #findOrCreate} call that created new groups (not necessarily in row
     * order; their ids are in the groupIds output).
     */
    public int[] newRows() {
        return newRows;
    }

    /** Hashes of the rows of the last call. */
    public long[] lastHashes() {
        return hashes;
    }

    /**
     * Writes into {@code groupIds[i]} the group of key row i, i &lt; count, creating groups for new
     * keys. Returns the group count afterwards.
     */
    public int findOrCreate(Vector[] keyVectors, int count, int[] groupIds) {
        if (rowKeys != null) return findOrCreateInt(keyVectors[0], count, groupIds);
        KeyHashing.hashKeys(keyVectors, count, hashes);
        return findOrCreateHashed(keyVectors, count, groupIds);
    }

    /** Writes into {@code out} the hash {@link #findOrCreate} gives each key row (as {@link #groupHashes()} keeps it). */
    public void hash(Vector[] keyVectors, int count, long[] out) {
        if (rowKeys == null) {
            KeyHashing.hashKeys(keyVectors, count, out);
            return;
        }
        Vector v = keyVectors[0];
        widen(v, count, out);
        for (int i = 0; i < count; i++) out[i] = v.validity != null && v.isNull(i) ? KeyHashing.NULL_HASH : KeyHashing.hashLong(out[i]);
    }

    /**
     * As {@link #findOrCreate} for keys whose hashes are known ({@code keyHashes[0..count)}, as
     * {@link #groupHashes()} of another map of the same key types holds them): a merge of tables
     * does not hash the keys again.
     */
    public int findOrCreate(Vector[] keyVectors, int count, long[] keyHashes, int[] groupIds) {
        if (rowKeys != null) return findOrCreateInt(keyVectors[0], count, groupIds);
        System.arraycopy(keyHashes, 0, hashes, 0, count);
        return findOrCreateHashed(keyVectors, count, groupIds);
    }

    /** As {@link #findOrCreate} with the hashes of the rows already in {@link #lastHashes()}. */
    public int findOrCreateHashed(Vector[] keyVectors, int count, int[] groupIds) {
        if (rowKeys != null) return findOrCreateInt(keyVectors[0], count, groupIds);
        newCount = 0;
        if (groupCount + count > resizeAt) {
            grow(groupCount + count);
        }
        long[] hs = hashes;
        int m = mask;
        for (int i = 0; i < count; i++) {
            slotOf[i] = (int) hs[i] & m;
            pending[i] = i;
        }
        int pendingCount = count;
        int firstNew = groupCount;
        while (pendingCount > 0) {
            // one slot per pending row: claim empties, collect salt hits as candidates
            int c = 0;
            int firstNewThisRound = groupCount;
            for (int j = 0; j < pendingCount; j++) {
                int r = pending[j];
                long h = hs[r];
                int s = slotOf[r];
                long e;
                while (true) {
                    e = slots[s];
                    if (e == 0) {
                        int g = groupCount++;
                        slots[s] = (h & SALT_MASK) | (g + 1L);
                        groupIds[r] = g;
                        newRows[newCount++] = r;
                        break;
                    }
                    if (((e ^ h) & SALT_MASK) == 0) {
                        candRow[c] = r;
                        candGroup[c] = (int) e - 1;
                        c++;
                        break;
                    }
                    s = (s + 1) & m;
                }
                slotOf[r] = s;
            }
            // materialise groups created in this round before comparing against them
            int created = groupCount - firstNewThisRound;
            if (created > 0) {
                appendKeys(keyVectors, newCount - created, created, firstNewThisRound);
            }
            if (c == 0) break;
            int s = c;
            for (int k = 0; k < c; k++) sel[k] = k;
            for (int col = 0; col < keyCount && s > 0; col++) {
                s = keys.column(col).filterEqual(keyVectors[col], candRow, candGroup, sel, s);
            }
            java.util.Arrays.fill(hit, 0, c, (byte) 0);
            for (int k = 0; k < s; k++) {
                int x = sel[k];
                hit[x] = 1;
                groupIds[candRow[x]] = candGroup[x];
            }
            pendingCount = 0;
            for (int k = 0; k < c; k++) {
                if (hit[k] == 0) {
                    int r = candRow[k];
                    slotOf[r] = (slotOf[r] + 1) & m;
                    pending[pendingCount++] = r;
                }
            }
        }
        assert groupCount - firstNew == newCount;
        return groupCount;
    }

    /**
     * Read-only lookup (safe for many threads once no thread creates groups): writes the group of
     * each key row into {@code groupIds}, -1 when absent. {@code hashScratch} holds at least count longs.
     */
    public void find(Vector[] keyVectors, int count, int[] groupIds, long[] hashScratch) {
        if (rowKeys != null) {
            findInt(keyVectors[0], count, groupIds, hashScratch);
            return;
        }
        KeyHashing.hashKeys(keyVectors, count, hashScratch);
        GrowableColumn[] cols = keys.columns();
        for (int i = 0; i < count; i++) {
            long h = hashScratch[i];
            int s = (int) h & mask;
            int found = -1;
            while (true) {
                long e = slots[s];
                if (e == 0) break;
                if (((e ^ h) & SALT_MASK) == 0) {
                    int g = (int) e - 1;
                    boolean eq = true;
                    for (int c = 0; c < cols.length && eq; c++) eq = cols[c].rowEquals(g, keyVectors[c], i);
                    if (eq) {
                        found = g;
                        break;
                    }
                }
                s = (s + 1) & mask;
            }
            groupIds[i] = found;
        }
    }

    private void findInt(Vector v, int count, int[] groupIds, long[] keyScratch) {
        widen(v, count, keyScratch);
        long[] t = intSlots;
        int m = mask;
        for (int i = 0; i < count; i++) {
            if (v.validity != null && v.isNull(i)) {
                groupIds[i] = nullGroup;
                continue;
            }
            long key = keyScratch[i];
            int s = (int) KeyHashing.hashLong(key) & m;
            int found = -1;
            while (true) {
                long id = t[2 * s + 1];
                if (id == 0) break;
                if (t[2 * s] == key) {
                    found = (int) id - 1;
                    break;
                }
                s = (s + 1) & m;
            }
            groupIds[i] = found;
        }
    }

    private void appendKeys(Vector[] keyVectors, int fromNew, int n, int firstGroup) {
        int[] rows = appendSel;
        System.arraycopy(newRows, fromNew, rows, 0, n);
        int at = keys.append(keyVectors, rows, n);
        assert at == firstGroup;
        if (groupHashes.length < at + n) {
            groupHashes = java.util.Arrays.copyOf(groupHashes, Math.max(at + n, groupHashes.length * 2));
        }
        for (int i = 0; i < n; i++) groupHashes[at + i] = hashes[rows[i]];
    }

    private void grow(int needGroups) {
        int n = mask + 1;
        while (needGroups > n / 2) n <<= 1;
        if (rowKeys != null) {
            if (n == mask + 1) return;
            long[] old = intSlots;
            allocateSlots(n);
            long[] t = intSlots;
            int m = mask;
            for (int s = 0; s < old.length; s += 2) {
                long id = old[s + 1];
                if (id == 0) continue;
                long key = old[s];
                int x = (int) KeyHashing.hashLong(key) & m;
                while (t[2 * x + 1] != 0) x = (x + 1) & m;
                t[2 * x] = key;
                t[2 * x + 1] = id;
            }
            return;
        }
        if (n == slots.length) return;
        allocateSlots(n);
        long[] sl = slots;
        int m = mask;
        for (int g = 0; g < groupCount; g++) {
            long h = groupHashes[g];
            int s = (int) h & m;
            while (sl[s] != 0) s = (s + 1) & m;
            sl[s] = (h & SALT_MASK) | (g + 1L);
        }
    }

    public long memoryUsage() {
        return keys.memoryUsage() + 8L * groupHashes.length + 8L * (slots != null ? slots.length : intSlots.length);
    }
}
