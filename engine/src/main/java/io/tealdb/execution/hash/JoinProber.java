package io.tealdb.execution.hash;

import io.tealdb.error.InvalidInputException;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.Arrays;

/**
 * Probes a finished {@link JoinHashTable} with one chunk of probe keys at a time and produces the
 * join result as index pairs, in batches of at most {@link DataChunk#CAPACITY} rows: output row i
 * is probe row {@link #probeRows()}[i] combined with build row {@link #buildRows()}[i] (-1 = the
 * NULL-extended side). MARK joins also produce {@link #writeMark}. One prober per thread; many
 * probers can share one table.
 *
 * <p>RIGHT_SEMI / RIGHT_ANTI tables ({@link JoinHashTable#marksBuildRows()}) produce no rows here:
 * every key-equal pair that passes the residual sets its build row's matched flag. Candidates whose
 * build row is already matched are dropped before the residual (a flag only ever goes 0 → 1, so a
 * stale read just costs one extra evaluation), and without a residual every key-equal build row is
 * marked in place; a probe row never settles early, since each of its partners must be marked.
 *
 * <p>Every probe row gets its bucket's row range {@code [ptr, end)} up front (one pass that only
 * reads bucket offsets, so the cache misses of a whole chunk overlap). Single integer keys then
 * scan their range comparing the keys directly ({@link #matchLongKeys}); other keys advance all
 * active rows one hash match per round and compare the candidates column by column
 * ({@link GrowableColumn#filterEqual}), so the inner loops are type-specialised.
 *
 * <pre>
 * prober.probe(keys, count);
 * while (!prober.finished()) { int n = prober.next(); ... emit n rows ... }
 * </pre>
 */
public final class JoinProber {
    private static final int CAP = DataChunk.CAPACITY;
    private static final String SINGLE_ERROR = "More than one row returned by a subquery used as an expression - "
            + "scalar subqueries can only return a single row.\n\nUse \"SET scalar_subquery_error_on_multiple_rows=false\" "
            + "to revert to previous behavior of returning a random row.";

    private final JoinHashTable table;
    private final PairFilter residual;
    private final JoinType type;
    private final GrowableColumn[] keyColumns;

    private final long[] probeHashes = new long[CAP];
    private final long[] probeLongs;
    private final int[] ptr = new int[CAP];
    private final int[] end = new int[CAP];
    private final int[] active = new int[CAP];
    private final byte[] found = new byte[CAP];
    private final byte[] keyNull = new byte[CAP];
    private final int[] candProbe = new int[CAP];
    private final int[] candBuild = new int[CAP];
    private final int[] sel = new int[CAP];
    private final int[] outProbe = new int[CAP];
    private final int[] outBuild = new int[CAP];

    private Vector[] keys;
    private int count;
    private int activeCount;
    /** Integer-key path: the next probe row to scan (its scan resumes at ptr[row]). */
    private int nextRow;
    private boolean tailDone;
    private boolean anyKeyNull;
    private final boolean longKeys;
    private final boolean settleEarly;
    /** RIGHT_SEMI / RIGHT_ANTI: mark build rows, output nothing. */
    private final boolean marksBuild;

    JoinProber(JoinHashTable table, PairFilter residual) {
        this.table = table;
        this.residual = residual;
        this.type = table.joinType;
        this.keyColumns = new GrowableColumn[table.keyCount];
        for (int c = 0; c < table.keyCount; c++) keyColumns[c] = table.rows().column(c);
        this.longKeys = table.keyLongs != null;
        this.probeLongs = longKeys ? new long[CAP] : null;
        this.marksBuild = table.marksBuildRows();
        this.settleEarly = !marksBuild && residual == null
                && (type == JoinType.SEMI || type == JoinType.ANTI || type == JoinType.MARK);
    }

    /** Starts probing rows {@code [0,count)} of the given key vectors (they must stay unchanged until finished). */
    public void probe(Vector[] keyVectors, int count) {
        this.keys = keyVectors;
        this.count = count;
        this.tailDone = false;
        Arrays.fill(found, 0, count, (byte) 0);
        activeCount = 0;
        nextRow = 0;
        anyKeyNull = false;
        if (count == 0) {
            tailDone = true;
            return;
        }
        boolean nulls = false;
        for (int c = 0; c < keyVectors.length; c++) {
            if (!table.nullsEqual[c] && keyVectors[c].mayBeEqualityNull()) nulls = true;
        }
        int[] start = table.bucketStart;
        int m = table.mask;
        if (table.rowCount() == 0) {
            Arrays.fill(ptr, 0, count, 0);
            Arrays.fill(end, 0, count, 0);
        } else if (longKeys) {
            long[] pk = probeLongs;
            widen(keyVectors[0], count, pk);
            int[] b = sel;
            for (int i = 0; i < count; i++) b[i] = (int) KeyHashing.hashLong(pk[i]) & m;
            for (int i = 0; i < count; i++) {
                int x = b[i];
                ptr[i] = start[x];
                end[i] = start[x + 1];
            }
        } else {
            KeyHashing.hashKeys(keyVectors, count, probeHashes);
            long[] ph = probeHashes;
            for (int i = 0; i < count; i++) {
                int x = (int) ph[i] & m;
                ptr[i] = start[x];
                end[i] = start[x + 1];
            }
        }
        if (nulls) {
            Arrays.fill(keyNull, 0, count, (byte) 0);
            for (int i = 0; i < count; i++) {
                if (hasEqNull(i)) {
                    keyNull[i] = 1;
                    anyKeyNull = true;
                    end[i] = ptr[i];
                }
            }
        }
        if (!longKeys) {
            for (int i = 0; i < count; i++) {
                if (ptr[i] < end[i]) active[activeCount++] = i;
            }
        }
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

    private boolean hasEqNull(int row) {
        for (int c = 0; c < keys.length; c++) {
            if (!table.nullsEqual[c] && keys[c].isEqualityNull(row)) return true;
        }
        return false;
    }

    public boolean finished() {
        return tailDone && (longKeys ? nextRow >= count : activeCount == 0);
    }

    /** Probe-chunk row of each output row. */
    public int[] probeRows() {
        return outProbe;
    }

    /** Build row id of each output row, -1 for a NULL-extended row. */
    public int[] buildRows() {
        return outBuild;
    }

    /** Produces the next batch; returns its row count (possibly 0 while not yet finished). */
    public int next() {
        if (marksBuild) {
            markBuildRows();
            tailDone = true;
            return 0;
        }
        while (longKeys ? nextRow < count : activeCount > 0) {
            // a residual that rejects every candidate keeps this loop going over all key-equal pairs
            // (10,000 duplicates a side: 10^8 pairs) without returning a chunk: look for a cancel per round
            io.tealdb.execution.Cancellation.check();
            int n = longKeys ? matchLongKeys() : matchRounds();
            if (n > 0 && residual != null) {
                n = residual.filter(outProbe, outBuild, n);
            }
            switch (type) {
                case INNER -> {
                    if (n > 0) return n;
                }
                case RIGHT -> {
                    markBuild(n);
                    if (n > 0) return n;
                }
                case LEFT -> {
                    markFound(n);
                    if (n > 0) return n;
                }
                case FULL -> {
                    markFound(n);
                    markBuild(n);
                    if (n > 0) return n;
                }
                case SINGLE -> {
                    for (int i = 0; i < n; i++) {
                        int p = outProbe[i];
                        if (found[p] != 0) throw new InvalidInputException(SINGLE_ERROR);
                        found[p] = 1;
                    }
                    if (n > 0) return n;
                }
                case SEMI, ANTI, MARK -> markFound(n);
            }
        }
        if (tailDone) return 0;
        tailDone = true;
        return tail();
    }

    /** RIGHT_SEMI / RIGHT_ANTI: marks every build row with a (residual-passing) partner in this chunk. */
    private void markBuildRows() {
        byte[] m = table.matched;
        if (residual == null && longKeys) {
            long[] bk = table.keyLongs;
            long[] pk = probeLongs;
            for (int row = nextRow; row < count; row++) {
                long k = pk[row];
                for (int j = ptr[row], e = end[row]; j < e; j++) {
                    if (bk[j] == k) m[j] = 1;
                }
            }
            nextRow = count;
            return;
        }
        while (longKeys ? nextRow < count : activeCount > 0) {
            // a residual that rejects every candidate keeps this loop going over all key-equal pairs
            // (10,000 duplicates a side: 10^8 pairs) without returning a chunk: look for a cancel per round
            io.tealdb.execution.Cancellation.check();
            int n = longKeys ? matchLongKeys() : matchRounds();
            int kept = 0;
            for (int i = 0; i < n; i++) {
                int b = outBuild[i];
                if (m[b] == 0) {
                    outProbe[kept] = outProbe[i];
                    outBuild[kept++] = b;
                }
            }
            n = kept;
            if (n > 0 && residual != null) n = residual.filter(outProbe, outBuild, n);
            markBuild(n);
        }
    }

    private void markFound(int n) {
        for (int i = 0; i < n; i++) found[outProbe[i]] = 1;
    }

    private void markBuild(int n) {
        byte[] m = table.matched;
        for (int i = 0; i < n; i++) m[outBuild[i]] = 1;
    }

    /**
     * Integer keys: scans each probe row's bucket range comparing keys directly, collecting pairs
     * until the output is full (then resumes at the same row and position). Matches are in probe
     * row order. For SEMI/ANTI/MARK without a residual the first match settles a row.
     */
    private int matchLongKeys() {
        long[] bk = table.keyLongs;
        long[] pk = probeLongs;
        int[] op = outProbe;
        int[] ob = outBuild;
        int n = 0;
        int row = nextRow;
        if (settleEarly) {
            for (; row < count; row++) {
                long k = pk[row];
                for (int j = ptr[row], e = end[row]; j < e; j++) {
                    if (bk[j] == k) {
                        found[row] = 1;
                        break;
                    }
                }
            }
            nextRow = row;
            return 0;
        }
        for (; row < count; row++) {
            long k = pk[row];
            int e = end[row];
            int j = ptr[row];
            if (e - j == 1) { // the common case: one candidate, no loop
                if (bk[j] == k) {
                    if (n == CAP) break;
                    op[n] = row;
                    ob[n] = j;
                    n++;
                }
                continue;
            }
            for (; j < e; j++) {
                if (bk[j] == k) {
                    if (n == CAP) {
                        ptr[row] = j;
                        nextRow = row;
                        return n;
                    }
                    op[n] = row;
                    ob[n] = j;
                    n++;
                }
            }
        }
        nextRow = row;
        return n;
    }

    /**
     * Other keys: advances active rows through their bucket ranges, round after round while the
     * output has room for a whole round; in a round every active row moves to its next entry with
     * an equal full hash, and those candidates are compared column by column. Key-equal pairs go
     * to outProbe/outBuild. For SEMI/ANTI/MARK without a residual the first match settles a row,
     * which then leaves the active set.
     */
    private int matchRounds() {
        long[] bh = table.hashes;
        int n = 0;
        while (activeCount > 0 && n + activeCount <= CAP) {
            int m = 0;
            for (int j = 0; j < activeCount; j++) {
                int r = active[j];
                long h = probeHashes[r];
                int b = ptr[r];
                int e = end[r];
                while (b < e && bh[b] != h) b++;
                if (b < e) {
                    candProbe[m] = r;
                    candBuild[m] = b;
                    m++;
                    ptr[r] = b + 1;
                } else {
                    ptr[r] = e;
                }
            }
            int s = m;
            for (int k = 0; k < m; k++) sel[k] = k;
            for (int c = 0; c < keyColumns.length && s > 0; c++) {
                s = keyColumns[c].filterEqual(keys[c], candProbe, candBuild, sel, s);
            }
            if (settleEarly) {
                for (int k = 0; k < s; k++) found[candProbe[sel[k]]] = 1;
            } else {
                for (int k = 0; k < s; k++) {
                    int x = sel[k];
                    outProbe[n] = candProbe[x];
                    outBuild[n] = candBuild[x];
                    n++;
                }
            }
            int a = 0;
            for (int j = 0; j < activeCount; j++) {
                int r = active[j];
                if (ptr[r] < end[r] && !(settleEarly && found[r] != 0)) active[a++] = r;
            }
            activeCount = a;
        }
        return n;
    }

    /** The rows a probe chunk produces after its matches: unmatched / semi / anti / mark rows. */
    private int tail() {
        int n = 0;
        switch (type) {
            case LEFT, FULL, SINGLE -> {
                for (int i = 0; i < count; i++) {
                    if (found[i] == 0) {
                        outProbe[n] = i;
                        outBuild[n++] = -1;
                    }
                }
            }
            case SEMI -> {
                for (int i = 0; i < count; i++) {
                    if (found[i] != 0) outProbe[n++] = i;
                }
            }
            case ANTI -> {
                for (int i = 0; i < count; i++) {
                    if (found[i] == 0) outProbe[n++] = i;
                }
            }
            case MARK -> {
                for (int i = 0; i < count; i++) outProbe[i] = i;
                n = count;
            }
            case INNER, RIGHT -> {
            }
        }
        return n;
    }

    /**
     * MARK joins: writes the mark of every probe row (rows {@code [0,count)} of the last batch) —
     * TRUE if it has a match; otherwise NULL if its key is NULL or the build side has a NULL key
     * (x IN (..., NULL) is NULL, not FALSE); otherwise FALSE. Against an empty build side every mark
     * is FALSE.
     */
    public void writeMark(Vector out) {
        boolean empty = table.rowsSeen() == 0;
        boolean buildNull = table.hasNullKey();
        for (int i = 0; i < count; i++) {
            if (found[i] != 0) {
                out.bytes[i] = 1;
                out.setValid(i);
            } else {
                out.bytes[i] = 0;
                if (!empty && (buildNull || (anyKeyNull && keyNull[i] != 0))) out.setNull(i);
                else out.setValid(i);
            }
        }
    }
}
