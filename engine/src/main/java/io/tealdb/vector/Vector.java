package io.tealdb.vector;

import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A column of up to {@link #capacity} values of one {@link LogicalType}, stored in the primitive
 * array of its {@link PhysicalType} plus a validity bitmask.
 *
 * <p>Vectors are the unit kernels work on, so their arrays are public: a kernel reads e.g.
 * {@code v.longs[i]} directly in a tight loop. Exactly the arrays of the vector's physical type are
 * allocated:
 * <ul>
 * <li>BOOL, INT8: {@link #bytes}; INT16: {@link #shorts}; INT32: {@link #ints}; INT64: {@link #longs}</li>
 * <li>INT128: {@link #longs} (low 64 bits, unsigned) and {@link #highs} (high 64 bits, signed)</li>
 * <li>FLOAT: {@link #floats}; DOUBLE: {@link #doubles}</li>
 * <li>VARLEN: {@link #heap} (UTF-8 or blob bytes), {@link #offsets} and {@link #lengths} per row</li>
 * <li>INTERVAL: {@link #ints} months, {@link #days} days, {@link #longs} microseconds</li>
 * <li>LIST (also ARRAY and MAP): {@link #offsets} and {@link #lengths} per row into the entries of
 * one child vector {@code children[0]} (for MAP a STRUCT(key, value) vector), of which
 * {@link #childUsed} entries are in use; new lists are appended after them</li>
 * <li>STRUCT: one child vector per field in {@link #children}, row-aligned with this vector; this
 * vector's validity says whether the struct itself is NULL</li>
 * </ul>
 *
 * <p>Validity: {@link #validity} is null while every value is valid (the common case, so kernels can
 * skip null handling entirely); otherwise bit {@code i} set means row {@code i} is valid. The value
 * slot of a null row holds an arbitrary value that kernels may compute on and ignore.
 *
 * <p>Ownership: a vector handed to a consumer is read-only for it; producers create new vectors
 * (or reuse their own) for output.
 */
public final class Vector {
    public final LogicalType type;
    public final PhysicalType physical;
    /** Rows the arrays hold; grows only through {@link #reserve} (used for the child vectors of lists). */
    public int capacity;

    public byte[] bytes;
    public short[] shorts;
    public int[] ints;
    public long[] longs;
    public long[] highs;
    public int[] days;
    public float[] floats;
    public double[] doubles;
    public byte[] heap;
    public int[] offsets;
    public int[] lengths;
    /** Bytes of {@link #heap} in use; new strings are appended after it. */
    public int heapUsed;
    /** LIST: the element vector; STRUCT: one vector per field; else null. */
    public Vector[] children;
    /** LIST: entries of {@code children[0]} in use; new lists are appended after them. */
    public int childUsed;

    /** Null while all rows are valid; bit i set means row i is valid. */
    public long[] validity;

    public Vector(LogicalType type, int capacity) {
        this(type, capacity, true);
    }

    /** An empty string heap, for a vector that is about to borrow one (see {@link #sharingStrings}). */
    private static final byte[] NO_HEAP = new byte[0];

    private Vector(LogicalType type, int capacity, boolean ownStringHeap) {
        this.type = type;
        this.physical = type.physical();
        this.capacity = capacity;
        switch (physical) {
            case BOOL, INT8 -> bytes = new byte[capacity];
            case INT16 -> shorts = new short[capacity];
            case INT32 -> ints = new int[capacity];
            case INT64 -> longs = new long[capacity];
            case INT128 -> {
                longs = new long[capacity];
                highs = new long[capacity];
            }
            case FLOAT -> floats = new float[capacity];
            case DOUBLE -> doubles = new double[capacity];
            case VARLEN -> {
                offsets = new int[capacity];
                lengths = new int[capacity];
                heap = ownStringHeap ? new byte[Math.max(16, capacity * 8)] : NO_HEAP;
            }
            case INTERVAL -> {
                ints = new int[capacity];
                days = new int[capacity];
                longs = new long[capacity];
            }
            case LIST -> {
                offsets = new int[capacity];
                lengths = new int[capacity];
                children = new Vector[]{new Vector(type.childType(), Math.max(4, capacity))};
            }
            case STRUCT -> {
                children = new Vector[type.children().size()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = new Vector(type.children().get(i).type(), capacity);
                }
            }
        }
    }

    /**
     * Grows the arrays (and a STRUCT's children) to hold at least {@code rows} rows, keeping their
     * contents. Chunk vectors never need it; list child vectors and growable stores do.
     */
    public void reserve(int rows) {
        if (rows < 0) {
            // a list's elements counted past 2^31 (childUsed + count wrapped around)
            throw new io.tealdb.error.InvalidInputException("Lists larger than 2^31 elements are not supported");
        }
        if (rows <= capacity) {
            return;
        }
        int cap = Math.max(rows, capacity + (capacity >> 1) + 8);
        if (cap > ADMIT_ROWS) {
            // one array of this size can exhaust the heap by itself: it must fit the statement's memory_limit
            io.tealdb.memory.StatementGuard.admit((long) cap * bytesPerRow(), "a vector of " + cap + " values");
            io.tealdb.memory.StatementGuard.check();
        }
        switch (physical) {
            case BOOL, INT8 -> bytes = Arrays.copyOf(bytes, cap);
            case INT16 -> shorts = Arrays.copyOf(shorts, cap);
            case INT32 -> ints = Arrays.copyOf(ints, cap);
            case INT64 -> longs = Arrays.copyOf(longs, cap);
            case INT128 -> {
                longs = Arrays.copyOf(longs, cap);
                highs = Arrays.copyOf(highs, cap);
            }
            case FLOAT -> floats = Arrays.copyOf(floats, cap);
            case DOUBLE -> doubles = Arrays.copyOf(doubles, cap);
            case VARLEN, LIST -> {
                offsets = Arrays.copyOf(offsets, cap);
                lengths = Arrays.copyOf(lengths, cap);
            }
            case INTERVAL -> {
                ints = Arrays.copyOf(ints, cap);
                days = Arrays.copyOf(days, cap);
                longs = Arrays.copyOf(longs, cap);
            }
            case STRUCT -> {
                for (Vector c : children) c.reserve(cap);
            }
        }
        if (validity != null) {
            int old = validity.length;
            validity = Arrays.copyOf(validity, (cap + 63) >>> 6);
            Arrays.fill(validity, old, validity.length, -1L);
        }
        capacity = cap;
    }

    /** Growth beyond this many rows is checked against memory_limit first ({@link #reserve}). */
    private static final int ADMIT_ROWS = 1 << 20;
    /** String heaps growing beyond this many bytes are checked against memory_limit first. */
    private static final int ADMIT_BYTES = 1 << 23;
    /** Copies of at least this many values or bytes look for the statement's cancellation first. */
    private static final int LONG_COPY = 1 << 14;

    /** The bytes one row takes in this vector's own arrays (a STRUCT's are in its children). */
    private int bytesPerRow() {
        return switch (physical) {
            case BOOL, INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE, VARLEN, LIST -> 8;
            case INT128, INTERVAL -> 16;
            case STRUCT -> 0;
        };
    }

    /**
     * Whether {@code row} is NULL to an '=' (a join key): the value is NULL, or it is a UNION whose
     * active member is NULL (DuckDB: comparing such a union with one of the same member gives NULL).
     */
    public boolean isEqualityNull(int row) {
        if (isNull(row)) return true;
        return type.id() == io.tealdb.types.TypeId.UNION && children[children[0].shorts[row] + 1].isNull(row);
    }

    /** Whether some row may be {@link #isEqualityNull}. */
    public boolean mayBeEqualityNull() {
        return validity != null || type.id() == io.tealdb.types.TypeId.UNION;
    }

    /** LIST: the element vector. */
    public Vector child() {
        return children[0];
    }

    /**
     * LIST: appends entries {@code [from, from+count)} of {@code src}'s element vector to this
     * vector's element vector and points {@code dstRow} at them.
     */
    public void appendList(Vector src, int from, int count, int dstRow) {
        // copying a long list (a window's list() repeated per row) can go on for a long time: a cancel must reach it
        if (count >= LONG_COPY) io.tealdb.memory.StatementGuard.check();
        Vector c = children[0];
        c.reserve(childUsed + count);
        c.copyRange(src.children[0], from, childUsed, count);
        offsets[dstRow] = childUsed;
        lengths[dstRow] = count;
        childUsed += count;
    }

    /** LIST: reserves {@code count} new entries in the element vector for row {@code dstRow}; returns the first entry's index. */
    public int startList(int dstRow, int count) {
        children[0].reserve(childUsed + count);
        offsets[dstRow] = childUsed;
        lengths[dstRow] = count;
        int start = childUsed;
        childUsed += count;
        return start;
    }

    public Vector(LogicalType type) {
        this(type, DataChunk.CAPACITY);
    }

    // ---------------------------------------------------------------- validity

    public boolean isNull(int row) {
        return validity != null && (validity[row >>> 6] & (1L << row)) == 0;
    }

    public boolean isValid(int row) {
        return validity == null || (validity[row >>> 6] & (1L << row)) != 0;
    }

    public boolean mayHaveNulls() {
        return validity != null;
    }

    /** Allocates the validity mask (all valid) if absent and returns it. */
    public long[] ensureValidity() {
        if (validity == null) {
            validity = new long[(capacity + 63) >>> 6];
            Arrays.fill(validity, -1L);
        }
        return validity;
    }

    public void setNull(int row) {
        ensureValidity()[row >>> 6] &= ~(1L << row);
    }

    public void setValid(int row) {
        if (validity != null) {
            validity[row >>> 6] |= 1L << row;
        }
    }

    public void setNull(int row, boolean isNull) {
        if (isNull) {
            setNull(row);
        } else {
            setValid(row);
        }
    }

    /** Marks every row valid again (drops the mask). */
    public void resetValidity() {
        validity = null;
    }

    /** Resets the vector for reuse as an output: all valid, empty string heap (its own again if it was borrowed). */
    public void reset() {
        validity = null;
        heapUsed = 0;
        if (ownHeap != null) {
            heap = ownHeap;
            ownHeap = null;
        }
        if (children != null) {
            childUsed = 0;
            for (Vector c : children) c.reset();
        }
    }

    /** This vector's own heap while {@link #heap} points at a borrowed, read-only array; else null. */
    private byte[] ownHeap;

    /**
     * Exchanges the memory of this vector and {@code other} (of the same type): every array, the
     * string heap (borrowed or own) and the children's memory, recursively; the objects stay where
     * they are. A consumer takes a producer's filled vector this way, leaving it the consumer's empty
     * one to fill next (see {@link DataChunk#handsOver}), instead of copying the values out.
     */
    public void swapStorage(Vector other) {
        if (!type.equals(other.type)) throw new IllegalArgumentException("swapStorage between " + type + " and " + other.type);
        int cap = capacity; capacity = other.capacity; other.capacity = cap;
        byte[] b = bytes; bytes = other.bytes; other.bytes = b;
        short[] sh = shorts; shorts = other.shorts; other.shorts = sh;
        int[] in = ints; ints = other.ints; other.ints = in;
        long[] l = longs; longs = other.longs; other.longs = l;
        long[] h = highs; highs = other.highs; other.highs = h;
        int[] d = days; days = other.days; other.days = d;
        float[] f = floats; floats = other.floats; other.floats = f;
        double[] db = doubles; doubles = other.doubles; other.doubles = db;
        byte[] hp = heap; heap = other.heap; other.heap = hp;
        byte[] own = ownHeap; ownHeap = other.ownHeap; other.ownHeap = own;
        int used = heapUsed; heapUsed = other.heapUsed; other.heapUsed = used;
        int[] o = offsets; offsets = other.offsets; other.offsets = o;
        int[] len = lengths; lengths = other.lengths; other.lengths = len;
        long[] v = validity; validity = other.validity; other.validity = v;
        int cu = childUsed; childUsed = other.childUsed; other.childUsed = cu;
        if (children != null) {
            for (int i = 0; i < children.length; i++) children[i].swapStorage(other.children[i]);
        }
    }

    /**
     * Makes {@link #heap} the given read-only array (e.g. a storage segment's heap, whose bytes never
     * change), so a scan can point offsets into it instead of copying strings. The borrowed array is
     * never written: {@code heapUsed} is set to its length, so a later {@link #setBytes} appends into a
     * fresh copy, and {@link #reset()} returns to the vector's own heap.
     */
    public void borrowHeap(byte[] shared) {
        if (ownHeap == null) {
            ownHeap = heap;
        }
        heap = shared;
        heapUsed = shared.length;
    }

    /**
     * Copies rows {@code sel[0..count)} of {@code src} into rows {@code [0, count)} of this fresh
     * (just reset) vector like {@link #copyFrom}, except that when {@code src} reads a borrowed,
     * read-only heap this vector points into the same heap instead of copying the strings. Only for
     * an operator's own output vectors, which it resets before each chunk: a vector that borrows a
     * heap copies that whole heap on its next {@link #setBytes}.
     */
    public void copyFromSharing(Vector src, int[] sel, int count) {
        if (physical != PhysicalType.VARLEN || src.ownHeap == null || !canBorrow(src.heap)) {
            copyFrom(src, sel, 0, count, 0);
            return;
        }
        if (heap != src.heap) borrowHeap(src.heap);
        int[] so = src.offsets;
        int[] sl = src.lengths;
        for (int i = 0; i < count; i++) {
            int r = sel[i];
            offsets[i] = so[r];
            lengths[i] = sl[r];
        }
        if (src.validity != null || validity != null) {
            for (int i = 0; i < count; i++) setNull(i, src.isNull(sel[i]));
        }
    }

    /**
     * {@link #copyRange} of rows {@code [0, count)} of {@code src} to rows {@code [dstOffset, ...)}, except
     * that strings {@code src} reads from a borrowed, read-only heap are not copied when this vector can
     * point into the same heap (see {@link #canBorrow}): rows that shared a stored value keep sharing it.
     */
    public void appendSharing(Vector src, int count, int dstOffset) {
        if (physical != PhysicalType.VARLEN || src.ownHeap == null || !canBorrow(src.heap)) {
            copyRange(src, 0, dstOffset, count);
            return;
        }
        if (heap != src.heap) borrowHeap(src.heap);
        System.arraycopy(src.offsets, 0, offsets, dstOffset, count);
        System.arraycopy(src.lengths, 0, lengths, dstOffset, count);
        if (src.validity == null && validity == null) return;
        for (int i = 0; i < count; i++) setNull(dstOffset + i, src.isNull(i));
    }

    /**
     * Whether rows written now may point into the read-only array {@code shared} instead of copying
     * their bytes: the vector holds no strings of its own (fresh or reset) or already borrows
     * {@code shared}. {@link #borrowHeap} it first when {@link #heap} is not yet {@code shared}.
     */
    public boolean canBorrow(byte[] shared) {
        return heap == shared ? ownHeap != null : ownHeap == null && heapUsed == 0;
    }

    // ---------------------------------------------------------------- strings

    /** Grows the string heap to at least {@code need} bytes, keeping the used ones. */
    private void growHeap(int need) {
        int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, heap.length * 2L));
        if (size > ADMIT_BYTES) {
            // a chunk of long strings (a window's string_agg or a long default repeated per row) can
            // exhaust the heap by itself: the new and the old heap must fit the statement's memory_limit
            io.tealdb.memory.StatementGuard.admit((long) size + heap.length,
                    "the strings of a vector (" + io.tealdb.memory.MemoryManager.format(size) + ")");
            io.tealdb.memory.StatementGuard.check();
        }
        byte[] grown = new byte[size];
        System.arraycopy(heap, 0, grown, 0, heapUsed);
        heap = grown;
    }

    /** Copies {@code len} bytes into this vector's heap and points row at them. */
    public void setBytes(int row, byte[] src, int off, int len) {
        int need = heapUsed + len;
        if (need < 0) {
            throw new io.tealdb.error.OutOfMemoryException("could not allocate the strings of one chunk: more than 2 GiB");
        }
        if (need > heap.length) growHeap(need);
        if (len >= LONG_COPY) io.tealdb.memory.StatementGuard.check();
        System.arraycopy(src, off, heap, heapUsed, len);
        offsets[row] = heapUsed;
        lengths[row] = len;
        heapUsed = need;
    }

    /**
     * A copy of rows {@code [0, count)} of {@code src} in a new vector of capacity {@code count}. Strings
     * that {@code src} reads from a borrowed, read-only heap (a storage segment's) are shared, not
     * copied: the copy borrows the same heap, which never changes.
     */
    public static Vector sharingStrings(Vector src, int count) {
        if (src.physical != PhysicalType.VARLEN || src.ownHeap == null) {
            Vector v = new Vector(src.type, Math.max(1, count));
            v.copyRange(src, 0, 0, count);
            return v;
        }
        Vector v = new Vector(src.type, Math.max(1, count), false);
        v.borrowHeap(src.heap);
        System.arraycopy(src.offsets, 0, v.offsets, 0, count);
        System.arraycopy(src.lengths, 0, v.lengths, 0, count);
        if (src.validity != null) v.validity = Arrays.copyOf(src.validity, (Math.max(1, count) + 63) >>> 6);
        return v;
    }

    /**
     * Copies the strings of rows {@code [srcOffset, srcOffset+count)} of {@code src}: the heap grows
     * once for all of them, and rows whose bytes lie back to back in the source heap (a scan's rows
     * of one storage segment, a chunk filled in order) move as one array copy.
     */
    private void copyStrings(Vector src, int srcOffset, int dstOffset, int count) {
        long bytes = 0;
        for (int i = 0; i < count; i++) bytes += src.lengths[srcOffset + i];
        long need = heapUsed + bytes;
        if (need > Integer.MAX_VALUE - 16) throw new io.tealdb.error.OutOfMemoryException("a vector's strings exceed 2 GiB");
        if (need > heap.length) growHeap((int) need);
        byte[] from = src.heap;
        int i = 0;
        while (i < count) {
            int r = srcOffset + i;
            int start = src.offsets[r];
            int end = start + src.lengths[r];
            int j = i + 1;
            while (j < count && src.offsets[srcOffset + j] == end) {
                end += src.lengths[srcOffset + j];
                j++;
            }
            System.arraycopy(from, start, heap, heapUsed, end - start);
            int shift = heapUsed - start;
            for (int k = i; k < j; k++) {
                offsets[dstOffset + k] = src.offsets[srcOffset + k] + shift;
                lengths[dstOffset + k] = src.lengths[srcOffset + k];
            }
            heapUsed += end - start;
            i = j;
        }
    }

    public void setBytes(int row, byte[] src) {
        setBytes(row, src, 0, src.length);
    }

    /** Convenience for non-hot paths (literals, tests, API). */
    public void setString(int row, String s) {
        setBytes(row, s.getBytes(StandardCharsets.UTF_8));
    }

    public String getString(int row) {
        return new String(heap, offsets[row], lengths[row], StandardCharsets.UTF_8);
    }

    public byte[] getBytes(int row) {
        return Arrays.copyOfRange(heap, offsets[row], offsets[row] + lengths[row]);
    }

    // ---------------------------------------------------------------- copying

    /** Copies row {@code srcRow} of {@code src} (same physical type) into row {@code dstRow}. */
    public void copyRow(Vector src, int srcRow, int dstRow) {
        if (src.isNull(srcRow)) {
            setNull(dstRow);
            return;
        }
        setValid(dstRow);
        switch (physical) {
            case BOOL, INT8 -> bytes[dstRow] = src.bytes[srcRow];
            case INT16 -> shorts[dstRow] = src.shorts[srcRow];
            case INT32 -> ints[dstRow] = src.ints[srcRow];
            case INT64 -> longs[dstRow] = src.longs[srcRow];
            case INT128 -> {
                longs[dstRow] = src.longs[srcRow];
                highs[dstRow] = src.highs[srcRow];
            }
            case FLOAT -> floats[dstRow] = src.floats[srcRow];
            case DOUBLE -> doubles[dstRow] = src.doubles[srcRow];
            case VARLEN -> setBytes(dstRow, src.heap, src.offsets[srcRow], src.lengths[srcRow]);
            case INTERVAL -> {
                ints[dstRow] = src.ints[srcRow];
                days[dstRow] = src.days[srcRow];
                longs[dstRow] = src.longs[srcRow];
            }
            case LIST -> appendList(src, src.offsets[srcRow], src.lengths[srcRow], dstRow);
            case STRUCT -> {
                for (int k = 0; k < children.length; k++) children[k].copyRow(src.children[k], srcRow, dstRow);
            }
        }
    }

    /**
     * Gathers {@code count} rows {@code sel[0..count)} of {@code src} into rows {@code [dstOffset,
     * dstOffset+count)} of this vector. {@code sel == null} means rows {@code [srcOffset, srcOffset+count)}.
     */
    public void copyFrom(Vector src, int[] sel, int srcOffset, int count, int dstOffset) {
        if (sel == null) {
            copyRange(src, srcOffset, dstOffset, count);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> {
                for (int i = 0; i < count; i++) bytes[dstOffset + i] = src.bytes[sel[i]];
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) shorts[dstOffset + i] = src.shorts[sel[i]];
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) ints[dstOffset + i] = src.ints[sel[i]];
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) longs[dstOffset + i] = src.longs[sel[i]];
            }
            case INT128 -> {
                for (int i = 0; i < count; i++) {
                    longs[dstOffset + i] = src.longs[sel[i]];
                    highs[dstOffset + i] = src.highs[sel[i]];
                }
            }
            case FLOAT -> {
                for (int i = 0; i < count; i++) floats[dstOffset + i] = src.floats[sel[i]];
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++) doubles[dstOffset + i] = src.doubles[sel[i]];
            }
            case VARLEN -> {
                for (int i = 0; i < count; i++) {
                    int r = sel[i];
                    setBytes(dstOffset + i, src.heap, src.offsets[r], src.lengths[r]);
                }
            }
            case INTERVAL -> {
                for (int i = 0; i < count; i++) {
                    ints[dstOffset + i] = src.ints[sel[i]];
                    days[dstOffset + i] = src.days[sel[i]];
                    longs[dstOffset + i] = src.longs[sel[i]];
                }
            }
            case LIST -> {
                for (int i = 0; i < count; i++) {
                    int r = sel[i];
                    appendList(src, src.offsets[r], src.lengths[r], dstOffset + i);
                }
            }
            case STRUCT -> {
                for (int k = 0; k < children.length; k++) children[k].copyFrom(src.children[k], sel, srcOffset, count, dstOffset);
            }
        }
        if (src.validity != null || validity != null) {
            for (int i = 0; i < count; i++) {
                setNull(dstOffset + i, src.isNull(sel[i]));
            }
        }
    }

    /** Copies rows {@code [srcOffset, srcOffset+count)} of {@code src} (same type) to rows {@code [dstOffset, ...)}. */
    public void copyRange(Vector src, int srcOffset, int dstOffset, int count) {
        switch (physical) {
            case BOOL, INT8 -> System.arraycopy(src.bytes, srcOffset, bytes, dstOffset, count);
            case INT16 -> System.arraycopy(src.shorts, srcOffset, shorts, dstOffset, count);
            case INT32 -> System.arraycopy(src.ints, srcOffset, ints, dstOffset, count);
            case INT64 -> System.arraycopy(src.longs, srcOffset, longs, dstOffset, count);
            case INT128 -> {
                System.arraycopy(src.longs, srcOffset, longs, dstOffset, count);
                System.arraycopy(src.highs, srcOffset, highs, dstOffset, count);
            }
            case FLOAT -> System.arraycopy(src.floats, srcOffset, floats, dstOffset, count);
            case DOUBLE -> System.arraycopy(src.doubles, srcOffset, doubles, dstOffset, count);
            case VARLEN -> copyStrings(src, srcOffset, dstOffset, count);
            case INTERVAL -> {
                System.arraycopy(src.ints, srcOffset, ints, dstOffset, count);
                System.arraycopy(src.days, srcOffset, days, dstOffset, count);
                System.arraycopy(src.longs, srcOffset, longs, dstOffset, count);
            }
            case LIST -> copyListRange(src, srcOffset, dstOffset, count);
            case STRUCT -> {
                for (int k = 0; k < children.length; k++) children[k].copyRange(src.children[k], srcOffset, dstOffset, count);
            }
        }
        if (src.validity == null && validity == null) {
            return;
        }
        if (src.validity == null) {
            for (int i = 0; i < count; i++) setValid(dstOffset + i);
        } else {
            for (int i = 0; i < count; i++) setNull(dstOffset + i, src.isNull(srcOffset + i));
        }
    }

    /** Copies a run of lists: their entries are usually contiguous, so one child range copy serves them all. */
    private void copyListRange(Vector src, int srcOffset, int dstOffset, int count) {
        int first = count == 0 ? 0 : src.offsets[srcOffset];
        int expected = first;
        boolean contiguous = true;
        for (int i = 0; i < count && contiguous; i++) {
            int r = srcOffset + i;
            contiguous = src.offsets[r] == expected || src.lengths[r] == 0;
            expected += src.lengths[r];
        }
        if (!contiguous) {
            for (int i = 0; i < count; i++) {
                int r = srcOffset + i;
                appendList(src, src.offsets[r], src.lengths[r], dstOffset + i);
            }
            return;
        }
        int total = expected - first;
        int base = childUsed;
        children[0].reserve(base + total);
        children[0].copyRange(src.children[0], first, base, total);
        int at = base;
        for (int i = 0; i < count; i++) {
            int len = src.lengths[srcOffset + i];
            offsets[dstOffset + i] = at;
            lengths[dstOffset + i] = len;
            at += len;
        }
        childUsed = base + total;
    }

    // ---------------------------------------------------------------- boxed access (not for hot paths)

    /** Returns the value at {@code row} in the canonical Java form documented on {@link io.tealdb.types.Value}. */
    public Object getObject(int row) {
        if (isNull(row)) {
            return null;
        }
        return switch (type.id()) {
            case SQLNULL -> null;
            case BOOLEAN -> bytes[row] != 0;
            case TINYINT -> bytes[row];
            case SMALLINT -> shorts[row];
            case INTEGER, DATE -> ints[row];
            case BIGINT, TIME, TIMESTAMP, TIMESTAMP_TZ, TIME_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> longs[row];
            case HUGEINT -> Int128.toBigInteger(highs[row], longs[row]);
            case FLOAT -> floats[row];
            case DOUBLE -> doubles[row];
            case DECIMAL -> physical == PhysicalType.INT64
                    ? BigDecimal.valueOf(longs[row], type.scale())
                    : new BigDecimal(Int128.toBigInteger(highs[row], longs[row]), type.scale());
            case VARCHAR, JSON -> getString(row);
            case BLOB -> getBytes(row);
            // BIT: its text, as DuckDB's clients get it (the bytes are BitString's layout)
            case BIT -> io.tealdb.types.BitString.toText(heap, offsets[row], lengths[row]);
            case BIGNUM -> io.tealdb.types.BigNum.decode(heap, offsets[row], lengths[row]);
            case INTERVAL -> new Interval(ints[row], days[row], longs[row]);
            // unsigned: the next wider Java type (the physical layout already is that type)
            case UTINYINT -> shorts[row];
            case USMALLINT -> ints[row];
            case UINTEGER -> longs[row];
            case UBIGINT -> Int128.toBigInteger(highs[row], longs[row]);
            case UHUGEINT -> Int128.uhugeToBigInteger(highs[row], longs[row]);
            case UUID -> io.tealdb.types.UuidText.toJava(highs[row], longs[row]);
            case LIST, ARRAY -> {
                java.util.List<Object> list = new java.util.ArrayList<>(lengths[row]);
                for (int k = 0; k < lengths[row]; k++) list.add(children[0].getObject(offsets[row] + k));
                yield list;
            }
            case MAP -> {
                // a list of [key, value] pairs: keys that are themselves collections may be equal as Java
                // objects (a Map ignores order) while distinct as SQL values; the API turns it into a Map
                java.util.List<Object> entries = new java.util.ArrayList<>(lengths[row]);
                Vector e = children[0];
                for (int k = 0; k < lengths[row]; k++) {
                    int at = offsets[row] + k;
                    entries.add(java.util.Arrays.asList(e.children[0].getObject(at), e.children[1].getObject(at)));
                }
                yield entries;
            }
            // UNION: [tag, member values...] with the inactive members null (its STRUCT layout)
            case STRUCT, UNION -> {
                // positional: field names may repeat or be empty (row(...)); the API turns it into a Map
                java.util.List<Object> struct = new java.util.ArrayList<>(children.length);
                for (Vector c : children) struct.add(c.getObject(row));
                yield struct;
            }
            case ENUM -> type.dictionary().label(ints[row]);
        };
    }

    /** Sets {@code row} from the canonical Java form (null = SQL NULL). Not for hot paths. */
    public void setObject(int row, Object value) {
        if (value == null) {
            setNull(row);
            return;
        }
        setValid(row);
        switch (type.id()) {
            case SQLNULL -> setNull(row);
            case BOOLEAN -> bytes[row] = (byte) (((Boolean) value) ? 1 : 0);
            case TINYINT -> bytes[row] = ((Number) value).byteValue();
            case SMALLINT -> shorts[row] = ((Number) value).shortValue();
            case INTEGER, DATE -> ints[row] = ((Number) value).intValue();
            case BIGINT, TIME, TIMESTAMP, TIMESTAMP_TZ, TIME_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> longs[row] = ((Number) value).longValue();
            case HUGEINT -> setInt128(row, (BigInteger) value);
            case FLOAT -> floats[row] = ((Number) value).floatValue();
            case DOUBLE -> doubles[row] = ((Number) value).doubleValue();
            case DECIMAL -> {
                BigInteger unscaled = ((BigDecimal) value).setScale(type.scale()).unscaledValue();
                if (physical == PhysicalType.INT64) {
                    longs[row] = unscaled.longValueExact();
                } else {
                    setInt128(row, unscaled);
                }
            }
            case VARCHAR, JSON -> setString(row, (String) value);
            case BLOB -> setBytes(row, (byte[]) value);
            case BIT -> setBytes(row, value instanceof byte[] b ? b : io.tealdb.types.BitString.parse((String) value));
            case BIGNUM -> setBytes(row, value instanceof byte[] b ? b
                    : io.tealdb.types.BigNum.encode(value instanceof BigInteger big ? big : new BigInteger(value.toString())));
            case INTERVAL -> {
                Interval iv = (Interval) value;
                ints[row] = iv.months();
                days[row] = iv.days();
                longs[row] = iv.micros();
            }
            case UTINYINT -> shorts[row] = ((Number) value).shortValue();
            case USMALLINT -> ints[row] = ((Number) value).intValue();
            case UINTEGER -> longs[row] = ((Number) value).longValue();
            case UBIGINT -> setInt128(row, value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue()));
            case UHUGEINT -> {
                BigInteger b = value instanceof BigInteger bi ? bi : BigInteger.valueOf(((Number) value).longValue());
                longs[row] = b.longValue();
                highs[row] = Int128.uhugeHigh(b);
            }
            case ENUM -> {
                int code = value instanceof String label ? type.dictionary().code(label) : ((Number) value).intValue();
                if (code < 0 || code >= type.dictionary().size()) {
                    throw new io.tealdb.error.ConversionException("Could not convert string '" + value + "' to " + type);
                }
                ints[row] = code;
            }
            case UUID -> {
                java.util.UUID u = (java.util.UUID) value;
                highs[row] = io.tealdb.types.UuidText.high(u);
                longs[row] = io.tealdb.types.UuidText.low(u);
            }
            case LIST, ARRAY -> {
                java.util.List<?> list = (java.util.List<?>) value;
                int at = startList(row, list.size());
                for (Object e : list) children[0].setObject(at++, e);
            }
            case MAP -> {
                // canonical: a list of [key, value] pairs; a java.util.Map is accepted too
                java.util.Collection<?> pairs = value instanceof java.util.Map<?, ?> m
                        ? m.entrySet().stream().map(e -> java.util.Arrays.asList(e.getKey(), e.getValue())).toList()
                        : (java.util.List<?>) value;
                int at = startList(row, pairs.size());
                Vector entries = children[0];
                for (Object p : pairs) {
                    java.util.List<?> pair = (java.util.List<?>) p;
                    entries.setValid(at);
                    entries.children[0].setObject(at, pair.get(0));
                    entries.children[1].setObject(at++, pair.get(1));
                }
            }
            case STRUCT, UNION -> {
                // a Map by field name (the canonical form) or a List by position (a UNION: [tag, members...])
                if (value instanceof java.util.Map<?, ?> m) {
                    for (int k = 0; k < children.length; k++) children[k].setObject(row, m.get(type.children().get(k).name()));
                } else {
                    java.util.List<?> l = (java.util.List<?>) value;
                    for (int k = 0; k < children.length; k++) children[k].setObject(row, l.get(k));
                }
            }
        }
    }

    private void setInt128(int row, BigInteger v) {
        longs[row] = v.longValue();
        highs[row] = v.shiftRight(64).longValueExact();
    }

    /** A vector of {@code count} copies of one value: used for literals (built once, reused per chunk). */
    public static Vector constant(LogicalType type, Object value, int count) {
        Vector v = new Vector(type, Math.max(count, 1));
        if (value == null) {
            v.ensureValidity();
            Arrays.fill(v.validity, 0L);
            return v;
        }
        v.setObject(0, value);
        v.fillFromFirst();
        return v;
    }

    /** Makes every row a copy of row 0 (lists share row 0's entries). */
    private void fillFromFirst() {
        if (validity != null) {
            boolean valid = isValid(0);
            Arrays.fill(validity, valid ? -1L : 0L);
        }
        Vector v = this;
        switch (v.physical) {
            case BOOL, INT8 -> Arrays.fill(v.bytes, v.bytes[0]);
            case INT16 -> Arrays.fill(v.shorts, v.shorts[0]);
            case INT32 -> Arrays.fill(v.ints, v.ints[0]);
            case INT64 -> Arrays.fill(v.longs, v.longs[0]);
            case INT128 -> {
                Arrays.fill(v.longs, v.longs[0]);
                Arrays.fill(v.highs, v.highs[0]);
            }
            case FLOAT -> Arrays.fill(v.floats, v.floats[0]);
            case DOUBLE -> Arrays.fill(v.doubles, v.doubles[0]);
            case VARLEN, LIST -> {
                Arrays.fill(v.offsets, v.offsets[0]);
                Arrays.fill(v.lengths, v.lengths[0]);
            }
            case INTERVAL -> {
                Arrays.fill(v.ints, v.ints[0]);
                Arrays.fill(v.days, v.days[0]);
                Arrays.fill(v.longs, v.longs[0]);
            }
            case STRUCT -> {
                for (Vector c : v.children) c.fillFromFirst();
            }
        }
    }

    @Override
    public String toString() {
        return "Vector[" + type + ", capacity=" + capacity + "]";
    }
}
