package io.tealdb.execution.hash;

import io.tealdb.types.Interval;
import io.tealdb.vector.Vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Vectorized 64-bit hashing of key columns. One pass per column over the chunk, specialised per
 * physical type, combining into a {@code long[]} of row hashes; multi-column keys fold column by
 * column. Every value is run through the murmur3 64-bit finaliser so that all bits (low bits pick
 * buckets, high bits are used as salt) are well mixed.
 *
 * <p>Equal keys (in the SQL sense used by joins and GROUP BY) must hash equally, so floating point
 * values are canonicalised (-0.0 == 0.0, one NaN) and intervals are normalised (1 month = 30 days),
 * matching {@link GrowableColumn}'s equality. NULL hashes to a fixed constant.
 */
public final class KeyHashing {
    static final long NULL_HASH = 0x5bd1e9955bd1e995L;
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long COMBINE = 0xbf58476d1ce4e5b9L;
    private static final VarHandle LONGS_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private KeyHashing() {
    }

    /** murmur3's fmix64: a bijective avalanche of a long. */
    public static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    /** The hash of one integer key value (any of BOOL..INT64, widened): equals what {@link #hash} computes. */
    static long hashLong(long v) {
        return mix(v ^ SEED);
    }

    static long combine(long previous, long h) {
        return previous * COMBINE ^ h;
    }

    static long canonicalDoubleBits(double d) {
        // + 0.0 turns -0.0 into 0.0; doubleToLongBits collapses every NaN into one pattern
        return Double.doubleToLongBits(d + 0.0);
    }

    static int canonicalFloatBits(float f) {
        return Float.floatToIntBits(f + 0.0f);
    }

    /** DuckDB's interval normalisation: carry micros into days, days into 30-day months. */
    static long normalizedMonths(int months, int days, long micros) {
        long d = days + Math.floorDiv(micros, Interval.MICROS_PER_DAY);
        return months + Math.floorDiv(d, Interval.DAYS_PER_MONTH);
    }

    static long normalizedDays(int days, long micros) {
        long d = days + Math.floorDiv(micros, Interval.MICROS_PER_DAY);
        return Math.floorMod(d, Interval.DAYS_PER_MONTH);
    }

    static long normalizedMicros(long micros) {
        return Math.floorMod(micros, Interval.MICROS_PER_DAY);
    }

    static long hashInterval(int months, int days, long micros) {
        return mix(mix(normalizedMonths(months, days, micros) ^ SEED) * COMBINE
                ^ normalizedDays(days, micros) * 31 ^ normalizedMicros(micros));
    }

    static long hashInt128(long low, long high) {
        return mix(mix(low ^ SEED) * COMBINE ^ high);
    }

    /** A fast 64-bit hash of a byte range: 8 bytes per step, then the finaliser. */
    public static long hashBytes(byte[] a, int off, int len) {
        long h = SEED ^ (len * 0xc6a4a7935bd1e995L);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long w = (long) LONGS_LE.get(a, off + i);
            w *= 0x87c37b91114253d5L;
            w = Long.rotateLeft(w, 31);
            h ^= w * 0x4cf5ad432745937fL;
            h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
        }
        if (i < len) {
            long w = 0;
            for (int s = 0; i < len; i++, s += 8) {
                w |= (a[off + i] & 0xFFL) << s;
            }
            h ^= mix(w ^ SEED);
        }
        return mix(h);
    }

    /**
     * Hashes rows {@code [0,count)} of {@code v} into {@code hashes}: overwriting when {@code first},
     * else combining with the hashes already there.
     */
    public static void hash(Vector v, int count, long[] hashes, boolean first) {
        long[] valid = v.validity;
        if (valid != null) {
            // value slots of NULL rows are arbitrary (a VARLEN slot may not even point into the heap)
            if (v.physical == io.tealdb.types.PhysicalType.VARLEN) {
                // strings with NULLs (a dimension's attributes after an outer join, TPC-DS's nullable columns)
                byte[] heap = v.heap;
                int[] offs = v.offsets;
                int[] lens = v.lengths;
                StringHashCache cache = new StringHashCache();
                for (int i = 0; i < count; i++) {
                    long h = (valid[i >>> 6] & (1L << i)) == 0 ? NULL_HASH : cache.hash(heap, offs[i], lens[i]);
                    hashes[i] = first ? h : combine(hashes[i], h);
                }
                return;
            }
            for (int i = 0; i < count; i++) {
                long h = (valid[i >>> 6] & (1L << i)) == 0 ? NULL_HASH : valueHash(v, i);
                hashes[i] = first ? h : combine(hashes[i], h);
            }
            return;
        }
        switch (v.physical) {
            case BOOL, INT8 -> {
                byte[] a = v.bytes;
                for (int i = 0; i < count; i++) put(hashes, i, mix(a[i] ^ SEED), first);
            }
            case INT16 -> {
                short[] a = v.shorts;
                for (int i = 0; i < count; i++) put(hashes, i, mix(a[i] ^ SEED), first);
            }
            case INT32 -> {
                int[] a = v.ints;
                if (first) {
                    for (int i = 0; i < count; i++) hashes[i] = mix(a[i] ^ SEED);
                } else {
                    for (int i = 0; i < count; i++) hashes[i] = combine(hashes[i], mix(a[i] ^ SEED));
                }
            }
            case INT64 -> {
                long[] a = v.longs;
                if (first) {
                    for (int i = 0; i < count; i++) hashes[i] = mix(a[i] ^ SEED);
                } else {
                    for (int i = 0; i < count; i++) hashes[i] = combine(hashes[i], mix(a[i] ^ SEED));
                }
            }
            case INT128 -> {
                long[] lo = v.longs;
                long[] hi = v.highs;
                for (int i = 0; i < count; i++) put(hashes, i, hashInt128(lo[i], hi[i]), first);
            }
            case FLOAT -> {
                float[] a = v.floats;
                for (int i = 0; i < count; i++) put(hashes, i, mix(canonicalFloatBits(a[i]) ^ SEED), first);
            }
            case DOUBLE -> {
                double[] a = v.doubles;
                for (int i = 0; i < count; i++) put(hashes, i, mix(canonicalDoubleBits(a[i]) ^ SEED), first);
            }
            case VARLEN -> {
                byte[] heap = v.heap;
                int[] offs = v.offsets;
                int[] lens = v.lengths;
                StringHashCache cache = new StringHashCache();
                for (int i = 0; i < count; i++) put(hashes, i, cache.hash(heap, offs[i], lens[i]), first);
            }
            case INTERVAL -> {
                int[] m = v.ints;
                int[] d = v.days;
                long[] us = v.longs;
                for (int i = 0; i < count; i++) put(hashes, i, hashInterval(m[i], d[i], us[i]), first);
            }
            case LIST, STRUCT -> {
                for (int i = 0; i < count; i++) put(hashes, i, valueHash(v, i), first);
            }
        }
    }

    private static long valueHash(Vector v, int i) {
        return switch (v.physical) {
            case BOOL, INT8 -> mix(v.bytes[i] ^ SEED);
            case INT16 -> mix(v.shorts[i] ^ SEED);
            case INT32 -> mix(v.ints[i] ^ SEED);
            case INT64 -> mix(v.longs[i] ^ SEED);
            case INT128 -> hashInt128(v.longs[i], v.highs[i]);
            case FLOAT -> mix(canonicalFloatBits(v.floats[i]) ^ SEED);
            case DOUBLE -> mix(canonicalDoubleBits(v.doubles[i]) ^ SEED);
            case VARLEN -> hashBytes(v.heap, v.offsets[i], v.lengths[i]);
            case INTERVAL -> hashInterval(v.ints[i], v.days[i], v.longs[i]);
            // nested: the vectors' one recursive hash, consistent with RowCompare.equals
            case LIST, STRUCT -> io.tealdb.vector.VectorHashing.hashValue(v, i);
        };
    }

    private static void put(long[] hashes, int i, long h, boolean first) {
        hashes[i] = first ? h : combine(hashes[i], h);
    }

    /** Hashes a multi-column key; {@code keys.length == 0} gives one constant hash for every row. */
    public static void hashKeys(Vector[] keys, int count, long[] hashes) {
        if (keys.length == 0) {
            java.util.Arrays.fill(hashes, 0, count, NULL_HASH);
            return;
        }
        for (int c = 0; c < keys.length; c++) {
            hash(keys[c], count, hashes, c == 0);
        }
    }
}
