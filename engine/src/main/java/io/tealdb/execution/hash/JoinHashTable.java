package io.tealdb.execution.hash;

import io.tealdb.planner.logical.JoinType;
import io.tealdb.execution.Cancellation;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build side of a hash join: all build rows (key columns, then payload columns) in one
 * {@link ColumnStore}, indexed by a bucket-sorted ("compact", CSR-like) layout: after the build
 * the rows are permuted so that the rows of bucket {@code b} are the contiguous range
 * {@code [bucketStart[b], bucketStart[b+1])}, with their full hashes in {@code hashes} (same order).
 * A probe reads one bucket-offset pair, then scans a contiguous run of hashes (or, for a single
 * integer key, of the keys themselves in {@link #keyLongs}); duplicates of a key are adjacent, so
 * 1:N joins cost no pointer chasing, and the payload of a match is at the same row id. No per-entry
 * objects, no chains.
 *
 * <p>Lifecycle: every build thread fills its own {@link LocalBuild} (no locking), hands it over
 * with {@link #addLocal}; then {@link #prepare()} counts rows per bucket over all of them (bucket
 * count from the exact row count: never any rehashing) and scatters each one's rows into bucket
 * order in the final store.
 * Afterwards the table is read-only except for the matched flags of RIGHT/FULL joins, and any
 * number of threads probe it through their own {@link JoinProber}.
 *
 * <p>NULL keys: a row with NULL in an equality key column (one without NOT DISTINCT FROM semantics)
 * can never match, so it is not linked (it is placed after all buckets); RIGHT/FULL joins and
 * RIGHT_ANTI still keep it to emit it as unmatched. Its presence is remembered for MARK joins
 * ({@link #hasNullKey()}).
 *
 * <p>RIGHT_SEMI / RIGHT_ANTI ({@link #marksBuildRows()}): a SEMI/ANTI join whose build side is the
 * side the join returns. Probing only sets the matched flags of build rows; the rows themselves are
 * emitted afterwards by {@link #matchedRows} / {@link #unmatchedRows}.
 */
public final class JoinHashTable {
    final JoinType joinType;
    final List<LogicalType> keyTypes;
    final List<LogicalType> payloadTypes;
    final boolean[] nullsEqual;
    final int keyCount;
    private final boolean keepNullKeyRows;
    private final boolean marksBuildRows;

    private final List<LocalBuild> locals = new ArrayList<>();
    /** Guards {@link #locals}; not a monitor (JDK-8373120: virtual threads stuck on contended monitors in 25.0.3). */
    private final java.util.concurrent.locks.ReentrantLock localsLock = new java.util.concurrent.locks.ReentrantLock();
    private ColumnStore rows;
    /** Full hash of every row, in bucket order. */
    long[] hashes;
    /** Rows of bucket b: {@code [bucketStart[b], bucketStart[b+1])}; length buckets + 1. */
    int[] bucketStart;
    int mask;
    /**
     * Single integer key (BOOLEAN..BIGINT, '=' semantics): the keys widened to long in row order,
     * so the probe compares keys directly without touching hashes; null otherwise.
     */
    long[] keyLongs;
    private int rowCount;
    private long rowsSeen;
    private boolean hasNullKey;
    /**
     * RIGHT/FULL/RIGHT_SEMI/RIGHT_ANTI: set to 1 when a build row found a partner. Probe threads
     * race benignly (they only ever store 1); it is read after the probe pipeline's barrier.
     */
    byte[] matched;

    /**
     * @param nullsEqual per key column: true for IS NOT DISTINCT FROM (NULL matches NULL), false for =
     */
    public JoinHashTable(JoinType joinType, List<LogicalType> keyTypes, boolean[] nullsEqual, List<LogicalType> payloadTypes) {
        this(joinType, false, keyTypes, nullsEqual, payloadTypes);
    }

    /**
     * @param marksBuildRows with SEMI / ANTI: RIGHT_SEMI / RIGHT_ANTI, the build rows are the result
     *                       (probing marks them; see {@link #matchedRows} / {@link #unmatchedRows})
     */
    public JoinHashTable(JoinType joinType, boolean marksBuildRows, List<LogicalType> keyTypes, boolean[] nullsEqual,
                         List<LogicalType> payloadTypes) {
        if (marksBuildRows && joinType != JoinType.SEMI && joinType != JoinType.ANTI) {
            throw new IllegalArgumentException("only SEMI / ANTI joins can return their build rows, not " + joinType);
        }
        if (nullsEqual.length != keyTypes.size()) {
            throw new IllegalArgumentException("nullsEqual must have one entry per key");
        }
        this.joinType = joinType;
        this.keyTypes = List.copyOf(keyTypes);
        this.payloadTypes = List.copyOf(payloadTypes);
        this.nullsEqual = nullsEqual.clone();
        this.keyCount = keyTypes.size();
        this.marksBuildRows = marksBuildRows;
        // RIGHT_ANTI returns build rows whose key is NULL (they never match); RIGHT_SEMI drops them
        this.keepNullKeyRows = joinType == JoinType.RIGHT || joinType == JoinType.FULL
                || (marksBuildRows && joinType == JoinType.ANTI);
    }

    /** True when the single-integer-key probe path applies to these key types. */
    static boolean integerKey(List<LogicalType> keyTypes, boolean[] nullsEqual) {
        if (keyTypes.size() != 1 || nullsEqual[0]) return false;
        return switch (keyTypes.get(0).physical()) {
            case BOOL, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    public JoinType joinType() {
        return joinType;
    }

    /** RIGHT_SEMI / RIGHT_ANTI: probing marks build rows instead of producing pairs. */
    public boolean marksBuildRows() {
        return marksBuildRows;
    }

    /** A build buffer for one thread. */
    public LocalBuild createLocalBuild() {
        return new LocalBuild(1024);
    }

    /** A build buffer for one thread, sized for about {@code expectedRows} rows. */
    public LocalBuild createLocalBuild(int expectedRows) {
        return new LocalBuild(Math.max(1024, expectedRows));
    }

    public void addLocal(LocalBuild local) {
        localsLock.lock();
        try {
            locals.add(local);
        } finally {
            localsLock.unlock();
        }
    }

    /**
     * Builds the bucket-sorted index straight from the threads' local buffers: counts rows per
     * bucket, computes every row's final position, then scatters each local buffer's columns
     * there — one copy of the rows, no intermediate concatenation.
     */
    public void prepare() {
        int total = 0;
        long seen = 0;
        int parts = locals.size();
        for (LocalBuild l : locals) {
            total = Math.addExact(total, l.store.size());
            seen += l.seen;
            hasNullKey |= l.hasNullKey;
        }
        rowsSeen = seen;
        rowCount = total;
        // load factor in (0.5, 1]: a bucket holds ~0.7 rows on average, and offsets stay compact
        int buckets = Integer.highestOneBit(Math.max(16, total) * 2 - 1);
        if (buckets < 0 || buckets > (1 << 30)) buckets = 1 << 30;
        mask = buckets - 1;
        // the index (bucket starts, sorted hashes) and the scattered copy of the rows exist beside the
        // threads' buffers until the copy ends: reserve first, give the buffers' bytes back after
        long transientBytes = 4L * buckets + 4L * total;
        long localBytes = 0;
        for (LocalBuild l : locals) localBytes += l.memoryUsage();
        if (parts == 1) {
            // a single buffer's string heaps move into the index as they are (see GrowableColumn.scattered)
            for (GrowableColumn c : locals.get(0).store.columns()) localBytes -= c.heap == null ? 0 : c.heap.length;
        }
        Cancellation.reserveMemory(4L * (buckets + 1) + 8L * Math.max(total, 1) + transientBytes, "a hash join's index");
        // counting sort of the rows by bucket; unlinked rows go after the last bucket
        int[] start = new int[buckets + 1];
        int m = mask;
        for (LocalBuild l : locals) {
            long[] h = l.hashes;
            long[] skip = l.unlinked;
            for (int i = 0, n = l.store.size(); i < n; i++) {
                if (skip == null || !bit(skip, i)) start[(int) h[i] & m]++;
            }
        }
        int sum = 0;
        for (int b = 0; b < buckets; b++) {
            int c = start[b];
            start[b] = sum;
            sum += c;
        }
        start[buckets] = sum;
        int[] fill = new int[buckets];
        System.arraycopy(start, 0, fill, 0, buckets);
        long[] sortedHashes = new long[Math.max(total, 1)];
        int[][] dest = new int[parts][];
        int[] counts = new int[parts];
        int tail = sum;
        for (int p = 0; p < parts; p++) {
            LocalBuild l = locals.get(p);
            int n = l.store.size();
            long[] h = l.hashes;
            long[] skip = l.unlinked;
            int[] d = new int[n];
            for (int i = 0; i < n; i++) {
                long x = h[i];
                int pos = skip != null && bit(skip, i) ? tail++ : fill[(int) x & m]++;
                d[i] = pos;
                sortedHashes[pos] = x;
            }
            dest[p] = d;
            counts[p] = n;
        }
        bucketStart = start;
        hashes = sortedHashes;
        if (parts == 0) {
            List<LogicalType> types = new ArrayList<>(keyTypes);
            types.addAll(payloadTypes);
            rows = new ColumnStore(types, 1);
        } else {
            ColumnStore[] stores = new ColumnStore[parts];
            for (int p = 0; p < parts; p++) stores[p] = locals.get(p).store;
            rows = ColumnStore.scattered(stores, dest, counts, total);
        }
        locals.clear();
        Cancellation.releaseMemory(transientBytes + localBytes);
        if (integerKey(keyTypes, nullsEqual)) {
            if (keyTypes.get(0).physical() != io.tealdb.types.PhysicalType.INT64) {
                Cancellation.reserveMemory(8L * Math.max(total, 1), "a hash join's keys");
            }
            keyLongs = rows.column(0).widenedLongs(total);
        }
        if (keepNullKeyRows || marksBuildRows) {
            Cancellation.reserveMemory(Math.max(total, 1), "a hash join's match flags");
            matched = new byte[Math.max(total, 1)];
        }
    }

    /** Kept for callers that link in partitions: {@link #prepare()} already built the whole index. */
    public void link(int partition, int partitions) {
    }

    private static boolean bit(long[] bits, int i) {
        int w = i >>> 6;
        return w < bits.length && (bits[w] & (1L << i)) != 0;
    }

    /** Builds the index on the calling thread. */
    public void finalizeBuild() {
        prepare();
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
     * RIGHT/FULL/RIGHT_ANTI: collects into {@code out} the build rows in {@code [from, to)} that found no
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

    /**
     * RIGHT_SEMI: collects into {@code out} the build rows in {@code [from, to)} that found a
     * partner; returns how many. Call after all probing finished.
     */
    public int matchedRows(int from, int to, int[] out) {
        int n = 0;
        byte[] m = matched;
        for (int i = from; i < to; i++) {
            if (m[i] != 0) out[n++] = i;
        }
        return n;
    }

    public long memoryUsage() {
        long m = rows == null ? 0 : rows.memoryUsage();
        if (hashes != null) m += 8L * hashes.length + 4L * bucketStart.length + (keyLongs == null ? 0 : 8L * keyLongs.length);
        return m;
    }

    /** One build thread's rows, hashes and NULL-key flags. */
    public final class LocalBuild {
        final ColumnStore store;
        long[] hashes;
        long[] unlinked;
        boolean hasNullKey;
        long seen;
        private final long[] chunkHashes = new long[DataChunk.CAPACITY];
        private final int[] sel = new int[DataChunk.CAPACITY];
        private final Vector[] all = new Vector[keyCount + payloadTypes.size()];

        LocalBuild(int capacity) {
            List<LogicalType> types = new ArrayList<>(keyTypes);
            types.addAll(payloadTypes);
            store = new ColumnStore(types, capacity);
            Cancellation.reserveMemory(8L * capacity, "a hash join's build");
            hashes = new long[capacity];
        }

        /** Bytes this buffer reserved (its rows and hashes), given back once {@link #prepare} copied them. */
        long memoryUsage() {
            return store.memoryUsage() + 8L * hashes.length + (unlinked == null ? 0 : 8L * unlinked.length);
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
                if (!nullsEqual[c] && keys[c].mayBeEqualityNull()) {
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
                int grown = Math.max(at + n, hashes.length + (hashes.length >> 1));
                Cancellation.reserveGrowth(8L * hashes.length, 8L * grown, "a hash join's build");
                hashes = Arrays.copyOf(hashes, grown);
            }
            if (s == null) {
                System.arraycopy(chunkHashes, 0, hashes, at, n);
                if (anyNull && keepNullKeyRows) {
                    for (int i = 0; i < n; i++) {
                        if (hasEqNull(keys, i)) {
                            int r = at + i;
                            if (unlinked == null || unlinked.length < ((hashes.length + 63) >>> 6)) {
                                Cancellation.reserveMemory(8L * (((hashes.length + 63) >>> 6) - (unlinked == null ? 0 : unlinked.length)),
                                        "a hash join's build");
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
                if (!nullsEqual[c] && keys[c].isEqualityNull(row)) return true;
            }
            return false;
        }

        public int size() {
            return store.size();
        }
    }
}
