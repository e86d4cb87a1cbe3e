package io.tealdb.vector;


/**
 * 64-bit hashes of vector values, combined over several key columns (for hash join, aggregation,
 * DISTINCT, IN-list sets). Loops are per physical type with nulls handled outside the hot loop.
 * Equal values (by {@link RowCompare#equals}) hash equally: -0.0 and 0.0, all NaNs, and intervals
 * with the same normalised form. NULL hashes to a fixed constant.
 */
public final class VectorHashing {
    public static final long NULL_HASH = 0xbf58476d1ce4e5b9L;
    private static final long M = 0x9e3779b97f4a7c15L;

    private VectorHashing() {
    }

    /** Murmur3 fmix64: good avalanche for integer keys. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    public static long combine(long seed, long h) {
        return mix(seed * M + h);
    }

    public static long hashBytes(byte[] b, int off, int len) {
        long h = len * M;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long w = (b[off + i] & 0xFFL) | (b[off + i + 1] & 0xFFL) << 8 | (b[off + i + 2] & 0xFFL) << 16
                    | (b[off + i + 3] & 0xFFL) << 24 | (b[off + i + 4] & 0xFFL) << 32 | (b[off + i + 5] & 0xFFL) << 40
                    | (b[off + i + 6] & 0xFFL) << 48 | (b[off + i + 7] & 0xFFL) << 56;
            h = (h ^ mix(w)) * M;
        }
        long tail = 0;
        for (int s = 0; i < len; i++, s += 8) tail |= (b[off + i] & 0xFFL) << s;
        return mix(h ^ mix(tail));
    }

    private static long hashDouble(double d) {
        if (d == 0.0) d = 0.0; // -0.0 == 0.0
        if (d != d) return 0x7ff8000000000000L;
        return mix(Double.doubleToRawLongBits(d));
    }

    /** Hash of one non-null value. */
    public static long hashValue(Vector v, int r) {
        return switch (v.physical) {
            case BOOL, INT8 -> mix(v.bytes[r]);
            case INT16 -> mix(v.shorts[r]);
            case INT32 -> mix(v.ints[r]);
            case INT64 -> mix(v.longs[r]);
            case INT128 -> mix(v.longs[r] ^ mix(v.highs[r]));
            case FLOAT -> hashDouble(v.floats[r]);
            case DOUBLE -> hashDouble(v.doubles[r]);
            case VARLEN -> hashBytes(v.heap, v.offsets[r], v.lengths[r]);
            case INTERVAL -> mix(RowCompare.normMonths(v.ints[r], v.days[r], v.longs[r]) * 31
                    + RowCompare.normDays(v.days[r], v.longs[r]) * 17 + RowCompare.normMicros(v.longs[r]));
            case LIST -> {
                Vector c = v.children[0];
                long h = mix(v.lengths[r] + 0x51L);
                for (int k = 0; k < v.lengths[r]; k++) {
                    int e = v.offsets[r] + k;
                    h = combine(h, c.isNull(e) ? NULL_HASH : hashValue(c, e));
                }
                yield h;
            }
            case STRUCT -> {
                long h = 0x5717L;
                for (Vector c : v.children) h = combine(h, c.isNull(r) ? NULL_HASH : hashValue(c, r));
                yield h;
            }
        };
    }

    /**
     * Writes the hash of rows {@code sel[0..count)} (or {@code [0,count)}) of {@code v} into
     * {@code out[i]} (dense), or, when {@code combine}, combines it into the existing {@code out[i]}.
     */
    public static void hash(Vector v, int[] sel, int count, long[] out, boolean combine) {
        if (v.validity != null) {
            for (int i = 0; i < count; i++) {
                int r = sel == null ? i : sel[i];
                long h = v.isNull(r) ? NULL_HASH : hashValue(v, r);
                out[i] = combine ? combine(out[i], h) : h;
            }
            return;
        }
        switch (v.physical) {
            case INT32 -> {
                int[] a = v.ints;
                for (int i = 0; i < count; i++) {
                    long h = mix(a[sel == null ? i : sel[i]]);
                    out[i] = combine ? combine(out[i], h) : h;
                }
            }
            case INT64 -> {
                long[] a = v.longs;
                for (int i = 0; i < count; i++) {
                    long h = mix(a[sel == null ? i : sel[i]]);
                    out[i] = combine ? combine(out[i], h) : h;
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    long h = hashValue(v, sel == null ? i : sel[i]);
                    out[i] = combine ? combine(out[i], h) : h;
                }
            }
        }
    }

    /** Hash of several key columns per row into {@code out[0..count)}. */
    public static void hashRows(Vector[] keys, int[] sel, int count, long[] out) {
        for (int k = 0; k < keys.length; k++) hash(keys[k], sel, count, out, k > 0);
    }
}
