package io.tealdb.storage;

import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import io.tealdb.memory.BufferPool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The values of one column in one row group: the same primitive arrays as a {@link Vector} (so
 * reads and appends are {@code System.arraycopy}), a validity bitmask allocated on the first NULL,
 * a byte heap for VARLEN values, and a zone map (min/max, has-null, has-value) used to skip the row
 * group for filters. Row count lives in the owning {@link RowGroup} (a segment may be shared by the
 * row groups of a table before and after an ALTER). Writes happen under the table's lock.
 *
 * <p>A segment of a database file is lazy: it starts with its zone map and a {@link SegmentSource}
 * only, and reads its values on first use. While it is clean (has a source: equal to what the last
 * checkpoint wrote) its values are accounted in the {@link BufferPool} and may be evicted again when
 * no reader pins them; every read pins the segment for its duration, every write first makes it
 * dirty (loaded, no source, outside the pool) until a checkpoint writes it. Pin and eviction
 * synchronize without a lock on the read path: a reader raises {@code pins} and then checks
 * {@code evicting}/{@code resident}; the evictor raises {@code evicting} and then checks {@code
 * pins}, so at least one of them sees the other.
 */
final class ColumnSegment implements BufferPool.Evictable {
    final LogicalType type;
    final PhysicalType physical;
    private int capacity;

    byte[] bytes;
    short[] shorts;
    int[] ints;
    long[] longs;
    long[] highs;
    int[] days;
    float[] floats;
    double[] doubles;
    byte[] heap;
    /**
     * Heap positions of recently appended short values, by a hash of their bytes (not persisted): a
     * repeated value (a symbol, a category) is stored once and its rows share it, which also lets readers
     * that key caches on heap positions (string hashing) see it as one value.
     */
    private int[] recentOffsets;
    private int[] recentLengths;
    private static final int RECENT = 64;
    private static final int RECENT_MAX_LENGTH = 32;
    int heapUsed;
    int[] offsets;
    int[] lengths;
    /** Null while every stored value is valid; bit set = valid. */
    long[] validity;
    /**
     * LIST/STRUCT: the values live in a growing {@link Vector} (child vectors hold the nested
     * data), so copying them is the vector's one implementation; {@link #validity} mirrors its nulls.
     */
    Vector nested;

    // zone map
    boolean hasNull;
    boolean hasValue;
    /** False when min/max are not tracked (INT128, INTERVAL, NaN seen). */
    boolean zoneMapUsable;
    long minLong = Long.MAX_VALUE;
    long maxLong = Long.MIN_VALUE;
    double minDouble = Double.POSITIVE_INFINITY;
    double maxDouble = Double.NEGATIVE_INFINITY;
    byte[] minBytes;
    byte[] maxBytes;

    // lazy loading (see the class comment)
    /** Where the values can be read again; null while they exist only in memory. */
    private volatile SegmentSource source;
    /** False while the values of a segment with a source are not in memory. */
    private volatile boolean resident = true;
    private volatile boolean evicting;
    /** Bumped before every write: a checkpoint only marks the segment clean if no write raced it. */
    private volatile long mods;
    private final AtomicInteger pins = new AtomicInteger();
    private final ReentrantLock lazyLock = new ReentrantLock();
    /** The pool entry accounting the values while clean and resident (guarded by lazyLock). */
    private volatile BufferPool.Handle handle;

    ColumnSegment(LogicalType type, int initialCapacity) {
        this.type = type;
        this.physical = type.physical();
        this.zoneMapUsable = physical != PhysicalType.INT128 && physical != PhysicalType.INTERVAL
                && physical != PhysicalType.LIST && physical != PhysicalType.STRUCT;
        allocate(Math.max(16, initialCapacity));
    }

    /** A segment of a database file whose values are read from {@code source} on first use. */
    private ColumnSegment(LogicalType type, SegmentSource source, SegmentStats stats) {
        this.type = type;
        this.physical = type.physical();
        this.source = source;
        this.resident = false;
        hasNull = stats.hasNull();
        hasValue = stats.hasValue();
        zoneMapUsable = stats.usable();
        minLong = stats.minLong();
        maxLong = stats.maxLong();
        minDouble = stats.minDouble();
        maxDouble = stats.maxDouble();
        minBytes = stats.minBytes();
        maxBytes = stats.maxBytes();
    }

    static ColumnSegment lazy(LogicalType type, SegmentSource source, SegmentStats stats) {
        return new ColumnSegment(type, source, stats);
    }

    /** The zone map of rows [0, n) of {@code v} (what a checkpoint stores with the segment). */
    static SegmentStats statsOf(Vector v, int n) {
        ColumnSegment z = new ColumnSegment(v.type, 1);
        z.updateZoneMap(v, 0, n);
        return new SegmentStats(z.hasNull, z.hasValue, z.zoneMapUsable, z.minLong, z.maxLong, z.minDouble, z.maxDouble, z.minBytes, z.maxBytes);
    }

    // ------------------------------------------------------------------ pins, loading, eviction

    /** Makes the values readable until {@link #unpin}; loads them if they were evicted. */
    void pin() {
        pins.incrementAndGet();
        // evicting before resident: an evictor clears resident before it clears evicting
        if (evicting || !resident) {
            pinSlow();
        } else {
            BufferPool.Handle h = handle;
            if (h != null) h.touch();
        }
    }

    private void pinSlow() {
        lazyLock.lock();
        try {
            if (!resident) loadLocked();
        } catch (RuntimeException | Error e) {
            pins.decrementAndGet();
            throw e;
        } finally {
            lazyLock.unlock();
        }
    }

    void unpin() {
        pins.decrementAndGet();
    }

    private void loadLocked() {
        SegmentSource s = source;
        Vector v = s.load();
        BufferPool.Handle h = s.pool().register(this, sizeOf(v), "reading a column segment of " + type, false);
        adopt(v);
        handle = h;
        resident = true;
    }

    @Override
    public boolean tryEvict() {
        if (lazyLock.isHeldByCurrentThread() || !lazyLock.tryLock()) return false;
        try {
            SegmentSource s = source;
            if (!resident || s == null || pins.get() != 0) return false;
            evicting = true;
            if (pins.get() != 0) {
                evicting = false;
                return false;
            }
            dropValues();
            resident = false;
            evicting = false;
            BufferPool.Handle h = handle;
            handle = null;
            s.pool().unregister(h);
            return true;
        } finally {
            lazyLock.unlock();
        }
    }

    /** Before every write: the values must be loaded and stay so (they now differ from the file). */
    private void markDirty() {
        mods++;
        if (source != null || !resident) {
            lazyLock.lock();
            try {
                if (!resident) loadLocked();
                source = null;
                BufferPool.Handle h = handle;
                handle = null;
                if (h != null) h.pool().unregister(h);
            } finally {
                lazyLock.unlock();
            }
        }
    }

    long mods() {
        return mods;
    }

    /**
     * The blocks a transaction wrote this segment to (see {@link RowGroupSpill}) are given back on
     * rollback while the group stays in the table: the values are loaded and kept in memory.
     */
    void unspill() {
        markDirty();
    }

    /**
     * The segment's row group was dropped (the rolled-back tail of a table) and its blocks given
     * back: it leaves the pool and never reads them again (nobody reads its never-visible rows).
     */
    void discard() {
        lazyLock.lock();
        try {
            source = null;
            BufferPool.Handle h = handle;
            handle = null;
            if (h != null) h.pool().unregister(h);
            if (!resident) {
                allocate(16);
                resident = true;
            }
        } finally {
            lazyLock.unlock();
        }
    }

    /**
     * A checkpoint wrote this segment's values (as read when {@link #mods()} was {@code modsBefore})
     * to {@code written}: unless a write raced it, the segment is now clean and evictable. A null
     * {@code written} means the file holds them in another layout (deleted rows compacted away,
     * still visible to older snapshots): the values are loaded and kept in memory.
     */
    void checkpointed(long modsBefore, SegmentSource written) {
        lazyLock.lock();
        try {
            if (mods != modsBefore) return;
            if (written == null) {
                if (!resident) loadLocked();
                source = null;
                BufferPool.Handle h = handle;
                handle = null;
                if (h != null) h.pool().unregister(h);
                return;
            }
            source = written;
            if (mods != modsBefore) {
                source = null; // a writer raced (it saw no source, or waits for this lock and clears it)
                return;
            }
            if (resident && handle == null) {
                handle = written.pool().register(this, sizeOf(), "a checkpointed column segment", true);
            }
        } finally {
            lazyLock.unlock();
        }
    }

    boolean isResident() {
        return resident;
    }

    private void adopt(Vector v) {
        capacity = v.capacity;
        if (physical == PhysicalType.LIST || physical == PhysicalType.STRUCT) {
            nested = v;
            validity = v.validity == null ? null : v.validity.clone();
            return;
        }
        bytes = v.bytes;
        shorts = v.shorts;
        ints = v.ints;
        longs = v.longs;
        highs = v.highs;
        days = v.days;
        floats = v.floats;
        doubles = v.doubles;
        offsets = v.offsets;
        lengths = v.lengths;
        heap = v.heap;
        heapUsed = v.heapUsed;
        if (heap != null && heap.length > heapUsed + (heapUsed >>> 3) + 64) {
            heap = Arrays.copyOf(heap, heapUsed);
        }
        validity = v.validity;
    }

    private void dropValues() {
        capacity = 0;
        bytes = null;
        shorts = null;
        ints = null;
        longs = null;
        highs = null;
        days = null;
        floats = null;
        doubles = null;
        offsets = null;
        lengths = null;
        heap = null;
        heapUsed = 0;
        validity = null;
        nested = null;
    }

    private long sizeOf() {
        long n = 64;
        n += bytes == null ? 0 : bytes.length;
        n += shorts == null ? 0 : 2L * shorts.length;
        n += ints == null ? 0 : 4L * ints.length;
        n += longs == null ? 0 : 8L * longs.length;
        n += highs == null ? 0 : 8L * highs.length;
        n += days == null ? 0 : 4L * days.length;
        n += floats == null ? 0 : 4L * floats.length;
        n += doubles == null ? 0 : 8L * doubles.length;
        n += offsets == null ? 0 : 4L * offsets.length;
        n += lengths == null ? 0 : 4L * lengths.length;
        n += heap == null ? 0 : heap.length;
        n += validity == null ? 0 : 8L * validity.length;
        if (nested != null) n += sizeOf(nested);
        return n;
    }

    static long sizeOf(Vector v) {
        long n = 64;
        n += v.bytes == null ? 0 : v.bytes.length;
        n += v.shorts == null ? 0 : 2L * v.shorts.length;
        n += v.ints == null ? 0 : 4L * v.ints.length;
        n += v.longs == null ? 0 : 8L * v.longs.length;
        n += v.highs == null ? 0 : 8L * v.highs.length;
        n += v.days == null ? 0 : 4L * v.days.length;
        n += v.floats == null ? 0 : 4L * v.floats.length;
        n += v.doubles == null ? 0 : 8L * v.doubles.length;
        n += v.offsets == null ? 0 : 4L * v.offsets.length;
        n += v.lengths == null ? 0 : 4L * v.lengths.length;
        n += v.heap == null ? 0 : Math.min(v.heap.length, v.heapUsed + (v.heapUsed >>> 3) + 64);
        n += v.validity == null ? 0 : 8L * v.validity.length;
        if (v.children != null) {
            for (Vector c : v.children) n += sizeOf(c);
        }
        return n;
    }

    private void allocate(int cap) {
        capacity = cap;
        switch (physical) {
            case BOOL, INT8 -> bytes = bytes == null ? new byte[cap] : Arrays.copyOf(bytes, cap);
            case INT16 -> shorts = shorts == null ? new short[cap] : Arrays.copyOf(shorts, cap);
            case INT32 -> ints = ints == null ? new int[cap] : Arrays.copyOf(ints, cap);
            case INT64 -> longs = longs == null ? new long[cap] : Arrays.copyOf(longs, cap);
            case INT128 -> {
                longs = longs == null ? new long[cap] : Arrays.copyOf(longs, cap);
                highs = highs == null ? new long[cap] : Arrays.copyOf(highs, cap);
            }
            case FLOAT -> floats = floats == null ? new float[cap] : Arrays.copyOf(floats, cap);
            case DOUBLE -> doubles = doubles == null ? new double[cap] : Arrays.copyOf(doubles, cap);
            case VARLEN -> {
                offsets = offsets == null ? new int[cap] : Arrays.copyOf(offsets, cap);
                lengths = lengths == null ? new int[cap] : Arrays.copyOf(lengths, cap);
                if (heap == null) {
                    heap = new byte[Math.max(64, cap * 8)];
                }
            }
            case INTERVAL -> {
                ints = ints == null ? new int[cap] : Arrays.copyOf(ints, cap);
                days = days == null ? new int[cap] : Arrays.copyOf(days, cap);
                longs = longs == null ? new long[cap] : Arrays.copyOf(longs, cap);
            }
            case LIST, STRUCT -> {
                if (nested == null) nested = new Vector(type, cap);
                else nested.reserve(cap);
            }
        }
        if (validity != null) {
            validity = Arrays.copyOf(validity, (cap + 63) >>> 6);
        }
    }

    void ensureCapacity(int rows) {
        markDirty();
        if (rows > capacity) {
            allocate(Math.min(DataTable.ROW_GROUP_SIZE, Math.max(rows, capacity * 2)));
        }
    }

    private void ensureHeap(int extra) {
        int need = heapUsed + extra;
        if (need > heap.length) {
            heap = Arrays.copyOf(heap, Math.max(need, heap.length * 2));
        }
    }

    /**
     * Shrinks the VARLEN heap to the bytes in use (it grows by doubling, so up to half of it is
     * slack, and a full-size row group starts with 8 bytes per row even for 1-byte strings). Scans
     * that borrowed the old array keep reading it: its bytes stay valid, the copy has the same offsets.
     */
    void trimHeap() {
        markDirty();
        if (heap != null && heap.length > heapUsed) {
            heap = Arrays.copyOf(heap, heapUsed);
        }
    }

    boolean isValid(int row) {
        pin();
        try {
            return validAt(row);
        } finally {
            unpin();
        }
    }

    private boolean validAt(int row) {
        return validity == null || (validity[row >>> 6] & (1L << row)) != 0;
    }

    private void setNullBit(int row) {
        if (validity == null) {
            validity = new long[(capacity + 63) >>> 6];
            Arrays.fill(validity, -1L);
        }
        validity[row >>> 6] &= ~(1L << row);
    }

    private void setValidBit(int row) {
        if (validity != null) {
            validity[row >>> 6] |= 1L << row;
        }
    }

    // ------------------------------------------------------------------ append

    /** Copies rows [srcOffset, srcOffset+count) of {@code src} to rows [dstRow, dstRow+count). Capacity must suffice. */
    void append(Vector src, int srcOffset, int count, int dstRow) {
        markDirty();
        if (nested != null) {
            nested.copyRange(src, srcOffset, dstRow, count);
            for (int i = 0; i < count; i++) {
                if (src.isNull(srcOffset + i)) setNullBit(dstRow + i);
                else setValidBit(dstRow + i);
            }
            updateZoneMap(src, srcOffset, count);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> System.arraycopy(src.bytes, srcOffset, bytes, dstRow, count);
            case INT16 -> System.arraycopy(src.shorts, srcOffset, shorts, dstRow, count);
            case INT32 -> System.arraycopy(src.ints, srcOffset, ints, dstRow, count);
            case INT64 -> System.arraycopy(src.longs, srcOffset, longs, dstRow, count);
            case INT128 -> {
                System.arraycopy(src.longs, srcOffset, longs, dstRow, count);
                System.arraycopy(src.highs, srcOffset, highs, dstRow, count);
            }
            case FLOAT -> System.arraycopy(src.floats, srcOffset, floats, dstRow, count);
            case DOUBLE -> System.arraycopy(src.doubles, srcOffset, doubles, dstRow, count);
            case VARLEN -> {
                int total = 0;
                for (int i = 0; i < count; i++) {
                    total += src.lengths[srcOffset + i];
                }
                ensureHeap(total);
                byte[] h = heap;
                int used = heapUsed;
                byte[] sh = src.heap;
                if (recentOffsets == null) {
                    recentOffsets = new int[RECENT];
                    recentLengths = new int[RECENT];
                    Arrays.fill(recentOffsets, -1);
                }
                int[] ro = recentOffsets;
                int[] rl = recentLengths;
                // rows of src that share a heap slot (a symbol staged once per value, a borrowed dictionary
                // segment) are stored once without hashing: the last src slots seen map to where they went
                int[] srcSeen = new int[RECENT];
                int[] srcLen = new int[RECENT];
                int[] srcDst = new int[RECENT];
                Arrays.fill(srcSeen, -1);
                for (int i = 0; i < count; i++) {
                    int len = src.lengths[srcOffset + i];
                    int so = src.offsets[srcOffset + i];
                    int ss = (so ^ (so >>> 6)) & (RECENT - 1);
                    if (srcSeen[ss] == so && srcLen[ss] == len) {
                        offsets[dstRow + i] = srcDst[ss];
                        lengths[dstRow + i] = len;
                        continue;
                    }
                    int slot = -1;
                    if (len > 0 && len <= RECENT_MAX_LENGTH) {
                        // a short value seen recently in this segment is stored once: the row points at the
                        // earlier copy (stored bytes never change), as rows of a dictionary-decoded segment do
                        int x = len;
                        for (int k = 0, n = Math.min(len, 8); k < n; k++) x = x * 31 + sh[so + k];
                        x = x * 31 + sh[so + len - 1];
                        slot = (x ^ (x >>> 7) ^ (x >>> 15)) & (RECENT - 1);
                        int c = ro[slot];
                        if (c >= 0 && rl[slot] == len && c + len <= used && sameBytes(h, c, sh, so, len)) {
                            offsets[dstRow + i] = c;
                            lengths[dstRow + i] = len;
                            srcSeen[ss] = so;
                            srcLen[ss] = len;
                            srcDst[ss] = c;
                            continue;
                        }
                    }
                    System.arraycopy(sh, so, h, used, len);
                    offsets[dstRow + i] = used;
                    lengths[dstRow + i] = len;
                    if (slot >= 0) {
                        ro[slot] = used;
                        rl[slot] = len;
                        srcSeen[ss] = so;
                        srcLen[ss] = len;
                        srcDst[ss] = used;
                    }
                    used += len;
                }
                heapUsed = used;
            }
            case INTERVAL -> {
                System.arraycopy(src.ints, srcOffset, ints, dstRow, count);
                System.arraycopy(src.days, srcOffset, days, dstRow, count);
                System.arraycopy(src.longs, srcOffset, longs, dstRow, count);
            }
        }
        if (src.validity != null && (srcOffset & 63) == 0 && (dstRow & 63) == 0) {
            appendValidityAligned(src.validity, srcOffset, count, dstRow);
        } else if (src.validity != null) {
            long[] sv = src.validity;
            for (int i = 0; i < count; i++) {
                int s = srcOffset + i;
                if ((sv[s >>> 6] & (1L << s)) == 0) {
                    setNullBit(dstRow + i);
                } else {
                    setValidBit(dstRow + i);
                }
            }
        } else if (validity != null) {
            if ((dstRow & 63) == 0) {
                appendValidityAligned(null, 0, count, dstRow);
            } else {
                for (int i = 0; i < count; i++) {
                    setValidBit(dstRow + i);
                }
            }
        }
        updateZoneMap(src, srcOffset, count);
    }

    /**
     * The NULL mask of rows [dstRow, dstRow+count) from {@code sv}'s bits [srcOffset, ...) (null: all
     * valid), both starting on a word: whole words are copied, the last partial word is merged. No
     * mask is made while every row is valid.
     */
    private void appendValidityAligned(long[] sv, int srcOffset, int count, int dstRow) {
        int words = count >>> 6;
        int rest = count & 63;
        int s = srcOffset >>> 6;
        int d = dstRow >>> 6;
        if (validity == null) {
            long all = -1L;
            for (int w = 0; w < words; w++) all &= sv[s + w];
            if (rest > 0) all &= sv[s + words] | (-1L << rest);
            if (all == -1L) return;
            validity = new long[(capacity + 63) >>> 6];
            Arrays.fill(validity, -1L);
        }
        long[] v = validity;
        for (int w = 0; w < words; w++) v[d + w] = sv == null ? -1L : sv[s + w];
        if (rest > 0) {
            long low = (1L << rest) - 1;
            long bits = sv == null ? -1L : sv[s + words];
            v[d + words] = (v[d + words] & ~low) | (bits & low);
        }
    }

    /** Fills rows [dstRow, dstRow+count) with one value (ADD COLUMN ... DEFAULT). */
    void appendConstant(Value value, int count, int dstRow) {
        Vector one = new Vector(type, 1);
        one.setObject(0, value.isNull() ? null : value.object());
        for (int i = 0; i < count; i++) {
            append(one, 0, 1, dstRow + i);
        }
    }

    /** Widens the zone map by rows [offset, offset+count) of {@code src}. */
    void updateZoneMap(Vector src, int offset, int count) {
        long[] sv = src.validity;
        boolean anyValid = false;
        if (sv == null) {
            anyValid = count > 0;
        } else if (count > 0) {
            // valid rows counted a word at a time
            int valid = 0;
            int end = offset + count;
            for (int w = offset >>> 6, last = (end - 1) >>> 6; w <= last; w++) {
                int base = w << 6;
                int lo = Math.max(offset, base) - base;
                int hi = Math.min(end, base + 64) - base;
                long mask = (hi == 64 ? -1L : (1L << hi) - 1) & (-1L << lo);
                valid += Long.bitCount(sv[w] & mask);
            }
            if (valid < count) hasNull = true;
            anyValid = valid > 0;
        }
        if (!anyValid) {
            return;
        }
        hasValue = true;
        if (!zoneMapUsable) {
            return;
        }
        long mn = minLong;
        long mx = maxLong;
        switch (physical) {
            case BOOL, INT8 -> {
                for (int i = 0; i < count; i++) {
                    if (sv != null && !src.isValid(offset + i)) continue;
                    long v = src.bytes[offset + i];
                    mn = Math.min(mn, v);
                    mx = Math.max(mx, v);
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    if (sv != null && !src.isValid(offset + i)) continue;
                    long v = src.shorts[offset + i];
                    mn = Math.min(mn, v);
                    mx = Math.max(mx, v);
                }
            }
            case INT32 -> {
                int[] a = src.ints;
                if (sv == null) {
                    int imn = (int) Math.max(Integer.MIN_VALUE, Math.min(mn, Integer.MAX_VALUE));
                    int imx = (int) Math.min(Integer.MAX_VALUE, Math.max(mx, Integer.MIN_VALUE));
                    for (int i = offset, e = offset + count; i < e; i++) {
                        int v = a[i];
                        imn = Math.min(imn, v);
                        imx = Math.max(imx, v);
                    }
                    mn = Math.min(mn, imn);
                    mx = Math.max(mx, imx);
                } else {
                    for (int i = 0; i < count; i++) {
                        if (!src.isValid(offset + i)) continue;
                        long v = a[offset + i];
                        mn = Math.min(mn, v);
                        mx = Math.max(mx, v);
                    }
                }
            }
            case INT64 -> {
                long[] a = src.longs;
                for (int i = offset, e = offset + count; i < e; i++) {
                    if (sv != null && (sv[i >>> 6] & (1L << i)) == 0) continue;
                    long v = a[i];
                    mn = Math.min(mn, v);
                    mx = Math.max(mx, v);
                }
            }
            case FLOAT, DOUBLE -> {
                double dmn = minDouble;
                double dmx = maxDouble;
                for (int i = offset, e = offset + count; i < e; i++) {
                    if (sv != null && (sv[i >>> 6] & (1L << i)) == 0) continue;
                    double v = physical == PhysicalType.FLOAT ? src.floats[i] : src.doubles[i];
                    if (v != v) {
                        zoneMapUsable = false;
                        return;
                    }
                    dmn = Math.min(dmn, v);
                    dmx = Math.max(dmx, v);
                }
                minDouble = dmn;
                maxDouble = dmx;
            }
            case VARLEN -> {
                byte[] h = src.heap;
                int[] offs = src.offsets;
                int[] lens = src.lengths;
                int bestMin = -1;
                int bestMax = -1;
                // the first 8 bytes (zero-padded, unsigned) order most values without a byte comparison:
                // a prefix strictly between the current extremes' prefixes is neither a new min nor max
                long minPrefix = 0, maxPrefix = 0;
                for (int i = offset, e = offset + count; i < e; i++) {
                    if (sv != null && (sv[i >>> 6] & (1L << i)) == 0) continue;
                    if (bestMin >= 0) {
                        long p = prefix8(h, offs[i], lens[i]);
                        int cMin = Long.compareUnsigned(p, minPrefix), cMax = Long.compareUnsigned(p, maxPrefix);
                        if (cMin > 0 && cMax < 0) continue;
                        if (cMin < 0 || (cMin == 0 && compareSamePrefix(h, offs[i], lens[i], offs[bestMin], lens[bestMin]) < 0)) {
                            bestMin = i;
                            minPrefix = p;
                        }
                        if (cMax > 0 || (cMax == 0 && compareSamePrefix(h, offs[i], lens[i], offs[bestMax], lens[bestMax]) > 0)) {
                            bestMax = i;
                            maxPrefix = p;
                        }
                    } else {
                        bestMin = bestMax = i;
                        minPrefix = maxPrefix = prefix8(h, offs[i], lens[i]);
                    }
                }
                if (bestMin >= 0) {
                    if (minBytes == null || compareBytes(h, src.offsets[bestMin], src.lengths[bestMin], minBytes, 0, minBytes.length) < 0) {
                        minBytes = Arrays.copyOfRange(h, src.offsets[bestMin], src.offsets[bestMin] + src.lengths[bestMin]);
                    }
                    if (maxBytes == null || compareBytes(h, src.offsets[bestMax], src.lengths[bestMax], maxBytes, 0, maxBytes.length) > 0) {
                        maxBytes = Arrays.copyOfRange(h, src.offsets[bestMax], src.offsets[bestMax] + src.lengths[bestMax]);
                    }
                }
            }
            default -> {
            }
        }
        minLong = mn;
        maxLong = mx;
    }

    /**
     * Compares two values of one heap whose {@link #prefix8}s are equal. When both are at most 8 bytes
     * long the prefixes are the whole values, zero-padded, so the shorter one is the smaller (a repeated
     * value, the common case, needs no byte comparison).
     */
    private static int compareSamePrefix(byte[] h, int ao, int al, int bo, int bl) {
        if (al <= 8 && bl <= 8) return Integer.compare(al, bl);
        return compareBytes(h, ao, al, h, bo, bl);
    }

    /** The first 8 bytes of a value, big-endian and zero-padded: unsigned order of prefixes agrees with byte order. */
    private static long prefix8(byte[] h, int off, int len) {
        long p = 0;
        int n = Math.min(len, 8);
        for (int k = 0; k < n; k++) p |= (h[off + k] & 0xFFL) << (56 - 8 * k);
        return p;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * a[ao, ao+len) equals b[bo, bo+len), for the short values of the append loop: a word at a time
     * (the last word overlapping the one before), which for values of 8 to 32 bytes is several times
     * cheaper than {@code Arrays.equals} over ranges (range checks and a call into the vectorized mismatch).
     */
    static boolean sameBytes(byte[] a, int ao, byte[] b, int bo, int len) {
        if (len < 8) {
            for (int k = 0; k < len; k++) if (a[ao + k] != b[bo + k]) return false;
            return true;
        }
        int last = len - 8;
        for (int k = 0; k < last; k += 8) {
            if ((long) LONGS.get(a, ao + k) != (long) LONGS.get(b, bo + k)) return false;
        }
        return (long) LONGS.get(a, ao + last) == (long) LONGS.get(b, bo + last);
    }

    static int compareBytes(byte[] a, int ao, int al, byte[] b, int bo, int bl) {
        return Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl);
    }

    // ------------------------------------------------------------------ read

    /** Copies rows [row, row+count) into {@code out} rows [outOffset, outOffset+count). */
    void read(int row, int count, Vector out, int outOffset) {
        read(row, count, out, outOffset, false);
    }

    /**
     * As {@link #read(int, int, Vector, int)}; with {@code borrow} (and {@code outOffset == 0}) VARLEN
     * values are not copied: {@code out} borrows this segment's heap, which is append-only (bytes of
     * stored rows never change), so the borrowed offsets stay valid.
     */
    void read(int row, int count, Vector out, int outOffset, boolean borrow) {
        pin();
        try {
            readPinned(row, count, out, outOffset, borrow);
        } finally {
            unpin();
        }
    }

    private void readPinned(int row, int count, Vector out, int outOffset, boolean borrow) {
        if (nested != null) {
            out.copyRange(nested, row, outOffset, count);
            return;
        }
        if (borrow && outOffset == 0 && physical == PhysicalType.VARLEN) {
            out.borrowHeap(heap);
            System.arraycopy(offsets, row, out.offsets, 0, count);
            System.arraycopy(lengths, row, out.lengths, 0, count);
            readValidity(row, count, out, 0);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> System.arraycopy(bytes, row, out.bytes, outOffset, count);
            case INT16 -> System.arraycopy(shorts, row, out.shorts, outOffset, count);
            case INT32 -> System.arraycopy(ints, row, out.ints, outOffset, count);
            case INT64 -> System.arraycopy(longs, row, out.longs, outOffset, count);
            case INT128 -> {
                System.arraycopy(longs, row, out.longs, outOffset, count);
                System.arraycopy(highs, row, out.highs, outOffset, count);
            }
            case FLOAT -> System.arraycopy(floats, row, out.floats, outOffset, count);
            case DOUBLE -> System.arraycopy(doubles, row, out.doubles, outOffset, count);
            case VARLEN -> {
                int total = 0;
                for (int i = 0; i < count; i++) {
                    total += lengths[row + i];
                }
                ensureOutHeap(out, total);
                byte[] oh = out.heap;
                int used = out.heapUsed;
                for (int i = 0; i < count; i++) {
                    int len = lengths[row + i];
                    System.arraycopy(heap, offsets[row + i], oh, used, len);
                    out.offsets[outOffset + i] = used;
                    out.lengths[outOffset + i] = len;
                    used += len;
                }
                out.heapUsed = used;
            }
            case INTERVAL -> {
                System.arraycopy(ints, row, out.ints, outOffset, count);
                System.arraycopy(days, row, out.days, outOffset, count);
                System.arraycopy(longs, row, out.longs, outOffset, count);
            }
        }
        readValidity(row, count, out, outOffset);
    }

    private void readValidity(int row, int count, Vector out, int outOffset) {
        if (validity == null) return;
        long[] v = validity;
        if ((outOffset & 63) != 0) {
            for (int i = 0; i < count; i++) {
                int r = row + i;
                if ((v[r >>> 6] & (1L << r)) == 0) {
                    out.setNull(outOffset + i);
                }
            }
            return;
        }
        // 64 rows at a time: a chunk of a nullable column (TPC-DS: 4% NULLs in most columns) cost
        // a bit test and a call per row; the output mask is made only if a NULL is found
        long[] dst = null;
        int shift = row & 63;
        int base = row >>> 6;
        for (int i = 0; i < count; i += 64) {
            int k = base + (i >>> 6);
            long w = v[k] >>> shift;
            if (shift != 0 && k + 1 < v.length) w |= v[k + 1] << (64 - shift);
            int n = Math.min(64, count - i);
            long nulls = ~w & (n == 64 ? -1L : (1L << n) - 1);
            if (nulls == 0) continue;
            if (dst == null) dst = out.ensureValidity();
            dst[(outOffset + i) >>> 6] &= ~nulls;
        }
    }

    /** Copies rows {@code base + sel[i]} for i in [0,count) into {@code out} rows [0,count). */
    void gather(int base, int[] sel, int count, Vector out) {
        gather(base, sel, count, out, false);
    }

    /** As {@link #gather(int, int[], int, Vector)}; {@code borrow}: VARLEN values point into this segment's heap (see read). */
    void gather(int base, int[] sel, int count, Vector out, boolean borrow) {
        pin();
        try {
            gatherPinned(base, sel, count, out, borrow);
        } finally {
            unpin();
        }
    }

    private void gatherPinned(int base, int[] sel, int count, Vector out, boolean borrow) {
        if (nested != null) {
            for (int i = 0; i < count; i++) out.copyRow(nested, base + sel[i], i);
            return;
        }
        if (borrow && physical == PhysicalType.VARLEN) {
            out.borrowHeap(heap);
            int[] so = offsets, sl = lengths, dof = out.offsets, dl = out.lengths;
            for (int i = 0; i < count; i++) {
                int r = base + sel[i];
                dof[i] = so[r];
                dl[i] = sl[r];
            }
            gatherValidity(base, sel, count, out);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> {
                byte[] s = bytes, d = out.bytes;
                for (int i = 0; i < count; i++) d[i] = s[base + sel[i]];
            }
            case INT16 -> {
                short[] s = shorts, d = out.shorts;
                for (int i = 0; i < count; i++) d[i] = s[base + sel[i]];
            }
            case INT32 -> {
                int[] s = ints, d = out.ints;
                for (int i = 0; i < count; i++) d[i] = s[base + sel[i]];
            }
            case INT64 -> {
                long[] s = longs, d = out.longs;
                for (int i = 0; i < count; i++) d[i] = s[base + sel[i]];
            }
            case INT128 -> {
                for (int i = 0; i < count; i++) {
                    out.longs[i] = longs[base + sel[i]];
                    out.highs[i] = highs[base + sel[i]];
                }
            }
            case FLOAT -> {
                float[] s = floats, d = out.floats;
                for (int i = 0; i < count; i++) d[i] = s[base + sel[i]];
            }
            case DOUBLE -> {
                double[] s = doubles, d = out.doubles;
                for (int i = 0; i < count; i++) d[i] = s[base + sel[i]];
            }
            case VARLEN -> {
                int total = 0;
                for (int i = 0; i < count; i++) {
                    total += lengths[base + sel[i]];
                }
                ensureOutHeap(out, total);
                byte[] oh = out.heap;
                int used = out.heapUsed;
                for (int i = 0; i < count; i++) {
                    int r = base + sel[i];
                    int len = lengths[r];
                    System.arraycopy(heap, offsets[r], oh, used, len);
                    out.offsets[i] = used;
                    out.lengths[i] = len;
                    used += len;
                }
                out.heapUsed = used;
            }
            case INTERVAL -> {
                for (int i = 0; i < count; i++) {
                    int r = base + sel[i];
                    out.ints[i] = ints[r];
                    out.days[i] = days[r];
                    out.longs[i] = longs[r];
                }
            }
        }
        gatherValidity(base, sel, count, out);
    }

    private void gatherValidity(int base, int[] sel, int count, Vector out) {
        if (validity != null) {
            long[] v = validity;
            for (int i = 0; i < count; i++) {
                int r = base + sel[i];
                if ((v[r >>> 6] & (1L << r)) == 0) {
                    out.setNull(i);
                }
            }
        }
    }

    private static void ensureOutHeap(Vector out, int extra) {
        int need = out.heapUsed + extra;
        if (need > out.heap.length) {
            out.heap = Arrays.copyOf(out.heap, Math.max(need, out.heap.length * 2));
        }
    }

    // ------------------------------------------------------------------ single rows (updates)

    /** Overwrites {@code row} with row {@code srcRow} of {@code src} and widens the zone map. */
    void write(int row, Vector src, int srcRow) {
        markDirty();
        if (src.isNull(srcRow)) {
            setNullBit(row);
            if (nested != null) nested.setNull(row);
            hasNull = true;
            return;
        }
        setValidBit(row);
        if (nested != null) {
            nested.copyRow(src, srcRow, row);
            hasValue = true;
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> bytes[row] = src.bytes[srcRow];
            case INT16 -> shorts[row] = src.shorts[srcRow];
            case INT32 -> ints[row] = src.ints[srcRow];
            case INT64 -> longs[row] = src.longs[srcRow];
            case INT128 -> {
                longs[row] = src.longs[srcRow];
                highs[row] = src.highs[srcRow];
            }
            case FLOAT -> floats[row] = src.floats[srcRow];
            case DOUBLE -> doubles[row] = src.doubles[srcRow];
            case VARLEN -> {
                int len = src.lengths[srcRow];
                ensureHeap(len);
                System.arraycopy(src.heap, src.offsets[srcRow], heap, heapUsed, len);
                offsets[row] = heapUsed;
                lengths[row] = len;
                heapUsed += len;
            }
            case INTERVAL -> {
                ints[row] = src.ints[srcRow];
                days[row] = src.days[srcRow];
                longs[row] = src.longs[srcRow];
            }
        }
        updateZoneMap(src, srcRow, 1);
    }

    /** Copies stored {@code row} into {@code dst} row {@code dstRow} (dst's heap grows as needed). */
    void copyTo(int row, Vector dst, int dstRow) {
        pin();
        try {
            copyPinned(row, dst, dstRow);
        } finally {
            unpin();
        }
    }

    private void copyPinned(int row, Vector dst, int dstRow) {
        if (!validAt(row)) {
            dst.setNull(dstRow);
            return;
        }
        dst.setValid(dstRow);
        if (nested != null) {
            dst.copyRow(nested, row, dstRow);
            return;
        }
        switch (physical) {
            case BOOL, INT8 -> dst.bytes[dstRow] = bytes[row];
            case INT16 -> dst.shorts[dstRow] = shorts[row];
            case INT32 -> dst.ints[dstRow] = ints[row];
            case INT64 -> dst.longs[dstRow] = longs[row];
            case INT128 -> {
                dst.longs[dstRow] = longs[row];
                dst.highs[dstRow] = highs[row];
            }
            case FLOAT -> dst.floats[dstRow] = floats[row];
            case DOUBLE -> dst.doubles[dstRow] = doubles[row];
            case VARLEN -> dst.setBytes(dstRow, heap, offsets[row], lengths[row]);
            case INTERVAL -> {
                dst.ints[dstRow] = ints[row];
                dst.days[dstRow] = days[row];
                dst.longs[dstRow] = longs[row];
            }
        }
    }

    // ------------------------------------------------------------------ zone map filtering

    /** False only when no stored row can satisfy {@code f} (conservative). */
    boolean mayMatch(TableFilter f) {
        switch (f.op()) {
            case IS_NULL -> {
                return hasNull;
            }
            case IS_NOT_NULL -> {
                return hasValue;
            }
            default -> {
            }
        }
        if (!hasValue) {
            return false; // only NULLs: no comparison is true
        }
        Value c = f.constant();
        if (!zoneMapUsable || c.isNull() || !c.type().equals(type)) {
            return true;
        }
        int lo;
        int hi;
        switch (physical) {
            case BOOL, INT8, INT16, INT32, INT64 -> {
                long v;
                try {
                    v = constantAsLong(c);
                } catch (ArithmeticException | ClassCastException e) {
                    return true;
                }
                lo = Long.compare(minLong, v);
                hi = Long.compare(maxLong, v);
            }
            case FLOAT, DOUBLE -> {
                double v = ((Number) c.object()).doubleValue();
                if (v != v) {
                    return true;
                }
                lo = Double.compare(minDouble, v);
                hi = Double.compare(maxDouble, v);
            }
            case VARLEN -> {
                if (minBytes == null || type.id() != TypeId.VARCHAR && !(c.object() instanceof byte[])) {
                    return true;
                }
                byte[] v = c.object() instanceof byte[] b ? b : c.object().toString().getBytes(StandardCharsets.UTF_8);
                lo = compareBytes(minBytes, 0, minBytes.length, v, 0, v.length);
                hi = compareBytes(maxBytes, 0, maxBytes.length, v, 0, v.length);
            }
            default -> {
                return true;
            }
        }
        return switch (f.op()) {
            case EQ -> lo <= 0 && hi >= 0;
            case NE -> !(lo == 0 && hi == 0);
            case LT -> lo < 0;
            case LE -> lo <= 0;
            case GT -> hi > 0;
            case GE -> hi >= 0;
            default -> true;
        };
    }

    private long constantAsLong(Value c) {
        Object o = c.object();
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (o instanceof BigDecimal d) {
            return d.setScale(type.scale(), java.math.RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        }
        return ((Number) o).longValue();
    }
}
