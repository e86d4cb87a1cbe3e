package io.tealdb.execution.hash;

import io.tealdb.planner.logical.JoinType;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build side of a hash join: all build rows (key columns, then payload columns) in one
 * {@link ColumnStore}, plus a chained hash index over primitive arrays — {@code heads[bucket]} is the
 * first row id of a bucket, {@code next[row]} the following one, {@code hashes[row]} the row's full
 * hash (compared before keys, so chains are walked with one long compare per entry). No per-entry
 * objects.
 *
 * <p>Lifecycle: every build thread fills its own {@link LocalBuild} (no locking), hands it over
 * with {@link #addLocal}; then {@link #prepare()} concatenates them and sizes the bucket array from
 * the exact row count (no rehashing ever), and {@link #link(int, int)} links one range of buckets —
 * disjoint partitions can be linked by different threads — or {@link #finalizeBuild()} does both.
 * Afterwards the table is read-only except for the matched flags of RIGHT/FULL joins, and any
 * number of threads probe it through their own {@link JoinProber}.
 *
 * <p>NULL keys: a row with NULL in an equality key column (one without NOT DISTINCT FROM semantics)
 * can never match, so it is not linked; RIGHT/FULL joins still keep it to emit it as unmatched. Its
 * presence is remembered for MARK joins ({@link #hasNullKey()}).
 */
public final class JoinHashTable {
    final JoinType joinType;
    final List<LogicalType> keyTypes;
    final List<LogicalType> payloadTypes;
    final boolean[] nullsEqual;
    final int keyCount;
    private final boolean keepNullKeyRows;

    private final List<LocalBuild> locals = new ArrayList<>();
    private ColumnStore rows;
    long[] hashes;
    /** Rows not to link (NULL in an equality key); null if there are none. */
    private long[] unlinked;
    int[] heads;
    int[] next;
    int mask;
    private int rowCount;
    private long rowsSeen;
    private boolean hasNullKey;
    /** RIGHT/FULL: set to 1 when a build row found a partner (benign races: only ever set to 1). */
    byte[] matched;

    /**
     * @param nullsEqual per key column: true for IS NOT DISTINCT FROM (NULL matches NULL), false for =
     */
    public JoinHashTable(JoinType joinType, List<LogicalType> keyTypes, boolean[] nullsEqual, List<LogicalType> payloadTypes) {
        if (nullsEqual.length != keyTypes.size()) {
            throw new IllegalArgumentException("nullsEqual must have one entry per key");
        }
        this.joinType = joinType;
        this.keyTypes = List.copyOf(keyTypes);
        this.payloadTypes = List.copyOf(payloadTypes);
        this.nullsEqual = nullsEqual.clone();
        this.keyCount = keyTypes.size();
        this.keepNullKeyRows = joinType == JoinType.RIGHT || joinType == JoinType.FULL;
    }

    public JoinType joinType() {
        return joinType;
    }

    /** A build buffer for one thread. */
    public LocalBuild createLocalBuild() {
        return new LocalBuild();
    }

    public synchronized void addLocal(LocalBuild local) {
        locals.add(local);
    }

    /** Concatenates the local buffers and allocates the index; then call {@link #link} for every partition. */
    public void prepare() {
        int total = 0;
        long seen = 0;
        for (LocalBuild l : locals) {
            total = Math.addExact(total, l.store.size());
            seen += l.seen;
            hasNullKey |= l.hasNullKey;
        }
        rowsSeen = seen;
        rowCount = total;
        if (locals.size() == 1) {
            LocalBuild l = locals.get(0);
            rows = l.store;
            hashes = l.hashes;
            unlinked = l.unlinked;
        } else {
            List<LogicalType> all = new ArrayList<>(keyTypes);
            all.addAll(payloadTypes);
            rows = new ColumnStore(all, Math.max(total, 1));
            hashes = new long[Math.max(total, 1)];
            for (LocalBuild l : locals) {
                int at = rows.appendAll(l.store);
                System.arraycopy(l.hashes, 0, hashes, at, l.store.size());
                if (l.unlinked != null) {
                    if (unlinked == null) unlinked = new long[(Math.max(total, 1) + 63) >>> 6];
                    for (int i = 0; i < l.store.size(); i++) {
                        if (bit(l.unlinked, i)) unlinked[(at + i) >>> 6] |= 1L << (at + i);
                    }
                }
            }
        }
        locals.clear();
        // load factor <= 0.5: chains average < 1 entry past the head
        int buckets = Integer.highestOneBit(Math.max(16, total) * 2 - 1) << 1;
        if (buckets < 0 || buckets > (1 << 30)) buckets = 1 << 30;
        heads = new int[buckets];
        Arrays.fill(heads, -1);
        next = new int[Math.max(total, 1)];
        mask = buckets - 1;
        if (keepNullKeyRows) {
            matched = new byte[Math.max(total, 1)];
        }
    }

    /**
     * Links the rows whose bucket lies in partition {@code partition} of {@code partitions} (a
     * power of two): buckets are split into contiguous ranges, so partitions touch disjoint parts of
     * {@code heads} and disjoint rows of {@code next} and may run concurrently.
     */
    public void link(int partition, int partitions) {
        int shift = Integer.numberOfTrailingZeros(mask + 1) - Integer.numberOfTrailingZeros(partitions);
        boolean all = partitions == 1;
        long[] h = hashes;
        int[] hd = heads;
        int[] nx = next;
        long[] skip = unlinked;
        int m = mask;
        for (int i = 0; i < rowCount; i++) {
            int b = (int) h[i] & m;
            if (!all && (b >>> shift) != partition) continue;
            if (skip != null && bit(skip, i)) continue;
            nx[i] = hd[b];
            hd[b] = i;
        }
    }

    private static boolean bit(long[] bits, int i) {
        int w = i >>> 6;
        return w < bits.length && (bits[w] & (1L << i)) != 0;
    }

    /** {@link #prepare()} then link everything on the calling thread. */
    public void finalizeBuild() {
        prepare();
        link(0, 1);
    }

    /** Stored build rows (including RIGHT/FULL rows with NULL keys). */
    public int rowCount() {
        return rowCount;
    }

    /** Build rows seen, including NULL-key rows that were dropped. */
    public long rowsSeen() {
        return rowsSeen;
    }

    public boolean hasNullKey() {
        return hasNullKey;
    }

    /** Key columns {@code [0, keyCount)} then payload columns. */
    public ColumnStore rows() {
        return rows;
    }

    /** Column {@code i} of the payload (build output columns). */
    public GrowableColumn payload(int i) {
        return rows.column(keyCount + i);
    }

    /** A probe cursor for one thread. */
    public JoinProber newProber(PairFilter residual) {
        return new JoinProber(this, residual);
    }

    /**
     * RIGHT/FULL: collects into {@code out} the build rows in {@code [from, to)} that found no
     * partner; returns how many (at most {@code to - from}). Call after all probing finished.
     */
    public int unmatchedRows(int from, int to, int[] out) {
        int n = 0;
        byte[] m = matched;
        for (int i = from; i < to; i++) {
            if (m[i] == 0) out[n++] = i;
        }
        return n;
    }

    public long memoryUsage() {
        long m = rows == null ? 0 : rows.memoryUsage();
        if (hashes != null) m += 8L * hashes.length + 4L * heads.length + 4L * next.length;
        return m;
    }

    /** One build thread's rows, hashes and NULL-key flags. */
    public final class LocalBuild {
        final ColumnStore store;
        long[] hashes = new long[DataChunk.CAPACITY];
        long[] unlinked;
        boolean hasNullKey;
        long seen;
        private final long[] chunkHashes = new long[DataChunk.CAPACITY];
        private final int[] sel = new int[DataChunk.CAPACITY];
        private final Vector[] all = new Vector[keyCount + payloadTypes.size()];

        LocalBuild() {
            List<LogicalType> types = new ArrayList<>(keyTypes);
            types.addAll(payloadTypes);
            store = new ColumnStore(types, 1024);
        }

        /** Adds {@code count} build rows: key vectors then payload vectors (payload may be empty). */
        public void append(Vector[] keys, Vector[] payload, int count) {
            if (count == 0) return;
            seen += count;
            KeyHashing.hashKeys(keys, count, chunkHashes);
            System.arraycopy(keys, 0, all, 0, keyCount);
            System.arraycopy(payload, 0, all, keyCount, payload.length);
            // rows with a NULL in an '=' key never match
            int[] s = null;
            int n = count;
            boolean anyNull = false;
            for (int c = 0; c < keyCount; c++) {
                if (!nullsEqual[c] && keys[c].validity != null) {
                    anyNull = true;
                    break;
                }
            }
            if (anyNull) {
                n = 0;
                for (int i = 0; i < count; i++) {
                    if (!hasEqNull(keys, i)) sel[n++] = i;
                }
                if (n < count) {
                    hasNullKey = true;
                    if (!keepNullKeyRows) {
                        s = sel;
                    } else {
                        n = count;
                    }
                } else {
                    n = count;
                }
            }
            int at = store.append(all, s, n);
            if (hashes.length < at + n) {
                hashes = Arrays.copyOf(hashes, Math.max(at + n, hashes.length + (hashes.length >> 1)));
            }
            if (s == null) {
                System.arraycopy(chunkHashes, 0, hashes, at, n);
                if (anyNull && keepNullKeyRows) {
                    for (int i = 0; i < n; i++) {
                        if (hasEqNull(keys, i)) {
                            int r = at + i;
                            if (unlinked == null || unlinked.length < ((hashes.length + 63) >>> 6)) {
                                long[] u = new long[(hashes.length + 63) >>> 6];
                                if (unlinked != null) System.arraycopy(unlinked, 0, u, 0, unlinked.length);
                                unlinked = u;
                            }
                            unlinked[r >>> 6] |= 1L << r;
                        }
                    }
                }
            } else {
                for (int i = 0; i < n; i++) hashes[at + i] = chunkHashes[s[i]];
            }
        }

        private boolean hasEqNull(Vector[] keys, int row) {
            for (int c = 0; c < keyCount; c++) {
                if (!nullsEqual[c] && keys[c].isNull(row)) return true;
            }
            return false;
        }

        public int size() {
            return store.size();
        }
    }
}
