package io.tealdb.execution.hash;

import io.tealdb.error.OutOfRangeException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;

/**
 * One column of rows materialised by a hash table (join build side, group keys): the primitive
 * array of its physical type, grown geometrically, addressed by a dense row id. Unlike a
 * {@link Vector} it is not limited to a chunk's size.
 *
 * <p>Equality ({@link #filterEqual}) is the one joins and GROUP BY use: NULL equals NULL (callers
 * exclude NULL keys where SQL says they never match), floating point compares canonical bits
 * (-0.0 = 0.0, NaN = NaN) and intervals compare normalised (1 month = 30 days), consistent with
 * {@link KeyHashing}.
 */
public final class GrowableColumn {
    public final LogicalType type;
    public final PhysicalType physical;

    byte[] bytes;
    short[] shorts;
    int[] ints;
    long[] longs;
    long[] highs;
    int[] days;
    float[] floats;
    double[] doubles;
    byte[] heap;
    int[] offsets;
    int[] lengths;
    int heapUsed;
    /** Null while every row is valid; bit set = valid. */
    long[] validity;
    int capacity;
    /**
     * LIST/STRUCT: the rows live in a growing {@link Vector} (its child vectors hold the nested
     * values), so copying, comparing and hashing nested values is the vector's one implementation.
     */
    Vector nested;

    public GrowableColumn(LogicalType type, int initialCapacity) {
        this.type = type;
        this.physical = type.physical();
        this.capacity = 0;
        ensureCapacity(Math.max(initialCapacity, 16));
    }

    /** A column of {@code capacity} rows whose VARLEN heap the caller provides (not allocated here). */
    private GrowableColumn(LogicalType type, int capacity, byte[] heap, int heapUsed) {
        this.type = type;
        this.physical = type.physical();
        this.heap = heap;
        this.heapUsed = heapUsed;
        ensureCapacity(Math.max(capacity, 16));
    }

    public void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        int c = Math.max(n, capacity + (capacity >> 1));
        // every hash table (join build, aggregate, DISTINCT, set operations) grows here: reserve first.
        // The old arrays live until the copy is done, so the growth must fit beside them as well.
        io.tealdb.execution.Cancellation.reserveGrowth((long) capacity * bytesPerRow(), (long) c * bytesPerRow(), "a hash table");
        switch (physical) {
            case BOOL, INT8 -> bytes = grow(bytes, c);
            case INT16 -> shorts = shorts == null ? new short[c] : Arrays.copyOf(shorts, c);
            case INT32 -> ints = grow(ints, c);
            case INT64 -> longs = grow(longs, c);
            case INT128 -> {
                longs = grow(longs, c);
                highs = grow(highs, c);
            }
            case FLOAT -> floats = floats == null ? new float[c] : Arrays.copyOf(floats, c);
            case DOUBLE -> doubles = doubles == null ? new double[c] : Arrays.copyOf(doubles, c);
            case VARLEN -> {
                offsets = grow(offsets, c);
                lengths = grow(lengths, c);
                if (heap == null) {
                    heap = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(64L, c * 8L))];
                }
            }
            case INTERVAL -> {
                ints = grow(ints, c);
                days = grow(days, c);
                longs = grow(longs, c);
            }
            case LIST, STRUCT -> {
                if (nested == null) nested = new Vector(type, c);
                else nested.reserve(c);
            }
        }
        if (validity != null) {
            int words = (c + 63) >>> 6;
            int old = validity.length;
            validity = Arrays.copyOf(validity, words);
            Arrays.fill(validity, old, words, -1L);
        }
        capacity = c;
    }

    private int bytesPerRow() {
        return switch (physical) {
            case BOOL, INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT128 -> 16;
            case VARLEN -> 8 + 8; // offsets, lengths and (at least) 8 heap bytes
            case INTERVAL -> 16;
            default -> 8;
        };
    }

    private static byte[] grow(byte[] a, int c) {
        return a == null ? new byte[c] : Arrays.copyOf(a, c);
    }

    private static int[] grow(int[] a, int c) {
        return a == null ? new int[c] : Arrays.copyOf(a, c);
    }

    private static long[] grow(long[] a, int c) {
        return a == null ? new long[c] : Arrays.copyOf(a, c);
    }

    private void ensureHeap(int need) {
        if (need < 0) {
            throw new OutOfRangeException("Hash table string storage exceeds 2 GB");
        }
        if (need > heap.length) {
            long n = Math.min(Math.max(need, (long) heap.length * 2), Integer.MAX_VALUE - 16);
            io.tealdb.execution.Cancellation.reserveGrowth(heap.length, n, "hash table strings");
            heap = Arrays.copyOf(heap, (int) n);
        }
    }

    private long[] ensureValidity() {
        if (validity == null) {
            validity = new long[(capacity + 63) >>> 6];
            Arrays.fill(validity, -1L);
        }
        return validity;
    }

    public boolean isNull(int row) {
        if (nested != null) return nested.isNull(row);
        return validity != null && (validity[row >>> 6] & (1L << row)) == 0;
    }

    public boolean mayHaveNulls() {
        return nested != null ? nested.validity != null : validity != null;
    }

    void setNull(int row) {
        if (nested != null) {
            nested.setNull(row);
            return;
        }
        ensureValidity()[row >>> 6] &= ~(1L << row);
    }

    // ------------------------------------------------------------------ appending

    /**
     * Appends rows {@code sel[0..count)} of {@code src} (rows {@code [0,count)} when sel is null) at
     * rows {@code [dst, dst+count)}; the caller has ensured capacity.
     */
    public void append(Vector src, int[] sel, int count, int dst) {
        if (nested != null) {
            for (int i = 0; i < count; i++) nested.copyRow(src, sel == null ? i : sel[i], dst + i);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> {
                byte[] s = src.bytes;
                if (sel == null) System.arraycopy(s, 0, bytes, dst, count);
                else for (int i = 0; i < count; i++) bytes[dst + i] = s[sel[i]];
            }
            case INT16 -> {
                short[] s = src.shorts;
                if (sel == null) System.arraycopy(s, 0, shorts, dst, count);
                else for (int i = 0; i < count; i++) shorts[dst + i] = s[sel[i]];
            }
            case INT32 -> {
                int[] s = src.ints;
                if (sel == null) System.arraycopy(s, 0, ints, dst, count);
                else for (int i = 0; i < count; i++) ints[dst + i] = s[sel[i]];
            }
            case INT64 -> {
                long[] s = src.longs;
                if (sel == null) System.arraycopy(s, 0, longs, dst, count);
                else for (int i = 0; i < count; i++) longs[dst + i] = s[sel[i]];
            }
            case INT128 -> {
                for (int i = 0; i < count; i++) {
                    int r = sel == null ? i : sel[i];
                    longs[dst + i] = src.longs[r];
                    highs[dst + i] = src.highs[r];
                }
            }
            case FLOAT -> {
                float[] s = src.floats;
                if (sel == null) System.arraycopy(s, 0, floats, dst, count);
                else for (int i = 0; i < count; i++) floats[dst + i] = s[sel[i]];
            }
            case DOUBLE -> {
                double[] s = src.doubles;
                if (sel == null) System.arraycopy(s, 0, doubles, dst, count);
                else for (int i = 0; i < count; i++) doubles[dst + i] = s[sel[i]];
            }
            case VARLEN -> {
                long[] sv = src.validity;
                for (int i = 0; i < count; i++) {
                    int r = sel == null ? i : sel[i];
                    int len = sv != null && (sv[r >>> 6] & (1L << r)) == 0 ? 0 : src.lengths[r];
                    int at = heapUsed;
                    ensureHeap(at + len);
                    if (len > 0) System.arraycopy(src.heap, src.offsets[r], heap, at, len);
                    offsets[dst + i] = at;
                    lengths[dst + i] = len;
                    heapUsed = at + len;
                }
            }
            case INTERVAL -> {
                for (int i = 0; i < count; i++) {
                    int r = sel == null ? i : sel[i];
                    ints[dst + i] = src.ints[r];
                    days[dst + i] = src.days[r];
                    longs[dst + i] = src.longs[r];
                }
            }
            case LIST, STRUCT -> throw new IllegalStateException("nested columns append through their vector");
        }
        long[] sv = src.validity;
        if (sv != null) {
            for (int i = 0; i < count; i++) {
                int r = sel == null ? i : sel[i];
                if ((sv[r >>> 6] & (1L << r)) == 0) setNull(dst + i);
            }
        }
    }

    /**
     * One column from the same column of several stores: row {@code i} of {@code sources[s]} goes
     * to row {@code dest[s][i]} ({@code i < counts[s]}); {@code dest} covers {@code [0, n)}. Reads
     * each source sequentially and writes once, so a join build needs no intermediate concatenation.
     * VARLEN heaps are concatenated (one source: shared, no bytes copied).
     */
    static GrowableColumn scattered(GrowableColumn[] sources, int[][] dest, int[] counts, int n) {
        LogicalType type = sources[0].type;
        int[] heapBase = new int[sources.length];
        byte[] heap = null;
        int heapUsed = 0;
        if (type.physical() == PhysicalType.VARLEN) {
            if (sources.length == 1) {
                heap = sources[0].heap;
                heapUsed = sources[0].heapUsed;
            } else {
                long total = 0;
                for (int s = 0; s < sources.length; s++) {
                    heapBase[s] = (int) total;
                    total += sources[s].heapUsed;
                    if (total > Integer.MAX_VALUE - 16) throw new OutOfRangeException("Hash table string storage exceeds 2 GB");
                }
                io.tealdb.execution.Cancellation.reserveMemory(Math.max(total, 64), "hash table strings");
                heap = new byte[(int) Math.max(total, 64)];
                for (int s = 0; s < sources.length; s++) {
                    System.arraycopy(sources[s].heap, 0, heap, heapBase[s], sources[s].heapUsed);
                }
                heapUsed = (int) total;
            }
        }
        GrowableColumn out = new GrowableColumn(type, n, heap, heapUsed);
        for (int s = 0; s < sources.length; s++) {
            out.scatter(sources[s], dest[s], counts[s], heapBase[s]);
        }
        return out;
    }

    private void scatter(GrowableColumn src, int[] dest, int n, int heapBase) {
        if (nested != null) {
            for (int i = 0; i < n; i++) nested.copyRow(src.nested, i, dest[i]);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> scatter(src.bytes, bytes, dest, n);
            case INT16 -> {
                short[] a = src.shorts;
                for (int i = 0; i < n; i++) shorts[dest[i]] = a[i];
            }
            case INT32 -> scatter(src.ints, ints, dest, n);
            case INT64 -> scatter(src.longs, longs, dest, n);
            case INT128 -> {
                scatter(src.longs, longs, dest, n);
                scatter(src.highs, highs, dest, n);
            }
            case FLOAT -> {
                float[] a = src.floats;
                for (int i = 0; i < n; i++) floats[dest[i]] = a[i];
            }
            case DOUBLE -> {
                double[] a = src.doubles;
                for (int i = 0; i < n; i++) doubles[dest[i]] = a[i];
            }
            case VARLEN -> {
                int[] o = src.offsets;
                int[] l = src.lengths;
                for (int i = 0; i < n; i++) {
                    int d = dest[i];
                    offsets[d] = o[i] + heapBase;
                    lengths[d] = l[i];
                }
            }
            case INTERVAL -> {
                scatter(src.ints, ints, dest, n);
                scatter(src.days, days, dest, n);
                scatter(src.longs, longs, dest, n);
            }
            case LIST, STRUCT -> throw new IllegalStateException("nested columns scatter through their vector");
        }
        if (src.validity != null) {
            for (int i = 0; i < n; i++) {
                if (src.isNull(i)) setNull(dest[i]);
            }
        }
    }

    private static void scatter(byte[] src, byte[] dst, int[] dest, int n) {
        for (int i = 0; i < n; i++) dst[dest[i]] = src[i];
    }

    private static void scatter(int[] src, int[] dst, int[] dest, int n) {
        for (int i = 0; i < n; i++) dst[dest[i]] = src[i];
    }

    private static void scatter(long[] src, long[] dst, int[] dest, int n) {
        for (int i = 0; i < n; i++) dst[dest[i]] = src[i];
    }

    /** Rows {@code [0,n)} of an integer column (BOOL..INT64) widened to long; INT64 returns its own array. */
    long[] widenedLongs(int n) {
        switch (physical) {
            case INT64:
                return longs;
            case INT32: {
                long[] out = new long[Math.max(n, 1)];
                for (int i = 0; i < n; i++) out[i] = ints[i];
                return out;
            }
            case INT16: {
                long[] out = new long[Math.max(n, 1)];
                for (int i = 0; i < n; i++) out[i] = shorts[i];
                return out;
            }
            case BOOL:
            case INT8: {
                long[] out = new long[Math.max(n, 1)];
                for (int i = 0; i < n; i++) out[i] = bytes[i];
                return out;
            }
            default:
                throw new IllegalStateException("not an integer column: " + type);
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Writes rows {@code rows[0..count)} into {@code out} rows {@code [outOffset, outOffset+count)};
     * a negative row id produces NULL (the missing side of an outer join).
     */
    public void gather(int[] rows, int count, Vector out, int outOffset) {
        if (nested != null) {
            for (int i = 0; i < count; i++) {
                if (rows[i] < 0) out.setNull(outOffset + i);
                else out.copyRow(nested, rows[i], outOffset + i);
            }
            return;
        }
        boolean nulls = validity != null;
        switch (physical) {
            case BOOL, INT8 -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.bytes[outOffset + i] = r < 0 ? 0 : bytes[r];
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.shorts[outOffset + i] = r < 0 ? 0 : shorts[r];
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.ints[outOffset + i] = r < 0 ? 0 : ints[r];
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.longs[outOffset + i] = r < 0 ? 0 : longs[r];
                }
            }
            case INT128 -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.longs[outOffset + i] = r < 0 ? 0 : longs[r];
                    out.highs[outOffset + i] = r < 0 ? 0 : highs[r];
                }
            }
            case FLOAT -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.floats[outOffset + i] = r < 0 ? 0 : floats[r];
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.doubles[outOffset + i] = r < 0 ? 0 : doubles[r];
                }
            }
            case VARLEN -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    if (r < 0) {
                        out.offsets[outOffset + i] = 0;
                        out.lengths[outOffset + i] = 0;
                    } else {
                        out.setBytes(outOffset + i, heap, offsets[r], lengths[r]);
                    }
                }
            }
            case INTERVAL -> {
                for (int i = 0; i < count; i++) {
                    int r = rows[i];
                    out.ints[outOffset + i] = r < 0 ? 0 : ints[r];
                    out.days[outOffset + i] = r < 0 ? 0 : days[r];
                    out.longs[outOffset + i] = r < 0 ? 0 : longs[r];
                }
            }
            case LIST, STRUCT -> throw new IllegalStateException("nested columns gather through their vector");
        }
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            if (r < 0 || (nulls && isNull(r))) {
                out.setNull(outOffset + i);
            } else if (out.validity != null) {
                out.setValid(outOffset + i);
            }
        }
    }

    /**
     * As {@link #gather} into rows {@code [0, count)} of a fresh (just reset) output vector, except
     * that strings are not copied: the output borrows this column's heap, whose bytes below
     * {@code heapUsed} never change (appends go after them, growth copies to a new array). A hash
     * join's payload (TPC-DS: item's and customer's names joined to every sale) then costs two ints
     * per row. Only for an operator's own output vectors, reset before each chunk (see
     * {@link Vector#copyFromSharing}).
     */
    public void gatherSharing(int[] rows, int count, Vector out) {
        if (nested != null || physical != PhysicalType.VARLEN || !out.canBorrow(heap)) {
            gather(rows, count, out, 0);
            return;
        }
        if (out.heap != heap) out.borrowHeap(heap);
        int[] oo = out.offsets;
        int[] ol = out.lengths;
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            oo[i] = r < 0 ? 0 : offsets[r];
            ol[i] = r < 0 ? 0 : lengths[r];
        }
        boolean nulls = validity != null;
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            if (r < 0 || (nulls && isNull(r))) {
                out.setNull(i);
            } else if (out.validity != null) {
                out.setValid(i);
            }
        }
    }

    /** Writes rows {@code [from, from+count)} into {@code out} rows {@code [0,count)}. */
    public void scan(int from, int count, Vector out) {
        if (nested != null) {
            out.copyRange(nested, from, 0, count);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> System.arraycopy(bytes, from, out.bytes, 0, count);
            case INT16 -> System.arraycopy(shorts, from, out.shorts, 0, count);
            case INT32 -> System.arraycopy(ints, from, out.ints, 0, count);
            case INT64 -> System.arraycopy(longs, from, out.longs, 0, count);
            case INT128 -> {
                System.arraycopy(longs, from, out.longs, 0, count);
                System.arraycopy(highs, from, out.highs, 0, count);
            }
            case FLOAT -> System.arraycopy(floats, from, out.floats, 0, count);
            case DOUBLE -> System.arraycopy(doubles, from, out.doubles, 0, count);
            case VARLEN -> {
                for (int i = 0; i < count; i++) {
                    out.setBytes(i, heap, offsets[from + i], lengths[from + i]);
                }
            }
            case INTERVAL -> {
                System.arraycopy(ints, from, out.ints, 0, count);
                System.arraycopy(days, from, out.days, 0, count);
                System.arraycopy(longs, from, out.longs, 0, count);
            }
            case LIST, STRUCT -> throw new IllegalStateException("nested columns scan through their vector");
        }
        if (validity != null) {
            for (int i = 0; i < count; i++) {
                if (isNull(from + i)) out.setNull(i);
                else if (out.validity != null) out.setValid(i);
            }
        } else {
            out.validity = null;
        }
    }

    // ------------------------------------------------------------------ equality

    /**
     * Keeps in {@code sel[0..count)} the candidate indexes k whose probe value
     * {@code probe[probeRows[k]]} equals stored value {@code this[rows[k]]}; returns the new count.
     */
    public int filterEqual(Vector probe, int[] probeRows, int[] rows, int[] sel, int count) {
        int n = 0;
        if (probe.validity != null || mayHaveNulls()) {
            if (physical == PhysicalType.VARLEN) {
                byte[] ph = probe.heap;
                int[] po = probe.offsets;
                int[] pl = probe.lengths;
                for (int j = 0; j < count; j++) {
                    int k = sel[j];
                    int p = probeRows[k];
                    int r = rows[k];
                    boolean pn = probe.isNull(p);
                    boolean rn = isNull(r);
                    if (pn || rn) {
                        if (pn && rn) sel[n++] = k;
                    } else if (pl[p] == lengths[r] && bytesEqual(ph, po[p], heap, offsets[r], lengths[r])) {
                        sel[n++] = k;
                    }
                }
                return n;
            }
            for (int j = 0; j < count; j++) {
                int k = sel[j];
                int p = probeRows[k];
                int r = rows[k];
                boolean pn = probe.isNull(p);
                boolean rn = isNull(r);
                if (pn || rn) {
                    if (pn && rn) sel[n++] = k;
                } else if (valueEquals(probe, p, r)) {
                    sel[n++] = k;
                }
            }
            return n;
        }
        switch (physical) {
            case BOOL, INT8 -> {
                byte[] a = probe.bytes;
                for (int j = 0; j < count; j++) {
                    int k = sel[j];
                    sel[n] = k;
                    n += a[probeRows[k]] == bytes[rows[k]] ? 1 : 0;
                }
            }
            case INT16 -> {
                short[] a = probe.shorts;
                for (int j = 0; j < count; j++) {
                    int k = sel[j];
                    sel[n] = k;
                    n += a[probeRows[k]] == shorts[rows[k]] ? 1 : 0;
                }
            }
            case INT32 -> {
                int[] a = probe.ints;
                for (int j = 0; j < count; j++) {
                    int k = sel[j];
                    sel[n] = k;
                    n += a[probeRows[k]] == ints[rows[k]] ? 1 : 0;
                }
            }
            case INT64 -> {
                long[] a = probe.longs;
                for (int j = 0; j < count; j++) {
                    int k = sel[j];
                    sel[n] = k;
                    n += a[probeRows[k]] == longs[rows[k]] ? 1 : 0;
                }
            }
            case VARLEN -> {
                // probe rows that point at the same bytes (a dictionary-decoded or deduplicated column) compared
                // with the same group give the same answer: remembered by (probe heap position, stored row)
                int[] memoOff = new int[64];
                int[] memoRow = new int[64];
                boolean[] memoEq = new boolean[64];
                Arrays.fill(memoOff, -1);
                int[] po = probe.offsets;
                int[] pl = probe.lengths;
                for (int j = 0; j < count; j++) {
                    int k = sel[j];
                    int p = probeRows[k], r = rows[k];
                    if (pl[p] != lengths[r]) continue;
                    // the lengths being equal, the bytes at the probe's position decide for stored row r
                    int off = po[p];
                    int slot = (off * 31 + r) & 63;
                    boolean eq;
                    if (memoOff[slot] == off && memoRow[slot] == r) {
                        eq = memoEq[slot];
                    } else {
                        eq = bytesEqual(probe.heap, off, heap, offsets[r], pl[p]);
                        memoOff[slot] = off;
                        memoRow[slot] = r;
                        memoEq[slot] = eq;
                    }
                    if (eq) sel[n++] = k;
                }
            }
            default -> {
                for (int j = 0; j < count; j++) {
                    int k = sel[j];
                    if (valueEquals(probe, probeRows[k], rows[k])) sel[n++] = k;
                }
            }
        }
        return n;
    }

    /** Equality of two non-null values: probe row p and stored row r. */
    boolean valueEquals(Vector probe, int p, int r) {
        return switch (physical) {
            case BOOL, INT8 -> probe.bytes[p] == bytes[r];
            case INT16 -> probe.shorts[p] == shorts[r];
            case INT32 -> probe.ints[p] == ints[r];
            case INT64 -> probe.longs[p] == longs[r];
            case INT128 -> probe.longs[p] == longs[r] && probe.highs[p] == highs[r];
            case FLOAT -> KeyHashing.canonicalFloatBits(probe.floats[p]) == KeyHashing.canonicalFloatBits(floats[r]);
            case DOUBLE -> KeyHashing.canonicalDoubleBits(probe.doubles[p]) == KeyHashing.canonicalDoubleBits(doubles[r]);
            case VARLEN -> {
                int len = lengths[r];
                int po = probe.offsets[p];
                int ro = offsets[r];
                yield probe.lengths[p] == len && bytesEqual(probe.heap, po, heap, ro, len);
            }
            case INTERVAL -> intervalEquals(probe.ints[p], probe.days[p], probe.longs[p], ints[r], days[r], longs[r]);
            case LIST, STRUCT -> io.tealdb.vector.RowCompare.equals(probe, p, nested, r);
        };
    }

    /** Equal byte ranges (see {@link io.tealdb.vector.RowCompare#bytesEqual}). */
    static boolean bytesEqual(byte[] a, int ao, byte[] b, int bo, int len) {
        return io.tealdb.vector.RowCompare.bytesEqual(a, ao, b, bo, len);
    }


    /**
     * Three-way comparison of stored row {@code r} with non-null value {@code probe[p]} (both
     * non-null): negative when the stored value sorts first. VARLEN by unsigned bytes, NaN last.
     */
    int compareTo(int r, Vector probe, int p) {
        return switch (physical) {
            case BOOL, INT8 -> Byte.compare(bytes[r], probe.bytes[p]);
            case INT16 -> Short.compare(shorts[r], probe.shorts[p]);
            case INT32 -> Integer.compare(ints[r], probe.ints[p]);
            case INT64 -> Long.compare(longs[r], probe.longs[p]);
            case INT128 -> {
                int c = Long.compare(highs[r], probe.highs[p]);
                yield c != 0 ? c : Long.compareUnsigned(longs[r], probe.longs[p]);
            }
            case FLOAT -> compareDouble(floats[r], probe.floats[p]);
            case DOUBLE -> compareDouble(doubles[r], probe.doubles[p]);
            case VARLEN -> Arrays.compareUnsigned(heap, offsets[r], offsets[r] + lengths[r],
                    probe.heap, probe.offsets[p], probe.offsets[p] + probe.lengths[p]);
            case INTERVAL -> {
                int c = Long.compare(KeyHashing.normalizedMonths(ints[r], days[r], longs[r]),
                        KeyHashing.normalizedMonths(probe.ints[p], probe.days[p], probe.longs[p]));
                if (c == 0) c = Long.compare(KeyHashing.normalizedDays(days[r], longs[r]), KeyHashing.normalizedDays(probe.days[p], probe.longs[p]));
                if (c == 0) c = Long.compare(KeyHashing.normalizedMicros(longs[r]), KeyHashing.normalizedMicros(probe.longs[p]));
                yield c;
            }
            case LIST, STRUCT -> io.tealdb.vector.RowCompare.compare(nested, r, probe, p);
        };
    }

    private static int compareDouble(double a, double b) {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a == b) return 0;
        boolean an = a != a;
        boolean bn = b != b;
        return an == bn ? 0 : (an ? 1 : -1);
    }

    /** True if stored row {@code r} equals {@code probe[p]}, NULL equal to NULL. */
    boolean rowEquals(int r, Vector probe, int p) {
        boolean rn = isNull(r);
        boolean pn = probe.isNull(p);
        if (rn || pn) return rn && pn;
        return valueEquals(probe, p, r);
    }

    static boolean intervalEquals(int m1, int d1, long u1, int m2, int d2, long u2) {
        if (m1 == m2 && d1 == d2 && u1 == u2) {
            return true;
        }
        return KeyHashing.normalizedMonths(m1, d1, u1) == KeyHashing.normalizedMonths(m2, d2, u2)
                && KeyHashing.normalizedDays(d1, u1) == KeyHashing.normalizedDays(d2, u2)
                && KeyHashing.normalizedMicros(u1) == KeyHashing.normalizedMicros(u2);
    }

    /** Bytes used, for memory accounting. */
    public long memoryUsage() {
        long per = switch (physical) {
            case BOOL, INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE, VARLEN -> 8;
            case INT128, INTERVAL -> 16;
            case LIST, STRUCT -> 32;
        };
        return per * capacity + (heap == null ? 0 : heap.length);
    }
}
