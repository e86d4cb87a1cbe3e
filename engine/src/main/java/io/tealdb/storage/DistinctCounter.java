package io.tealdb.storage;

import io.tealdb.vector.Vector;

/**
 * HyperLogLog (Flajolet et al. 2007) distinct-value estimate of one column, fed on append; 2^10
 * registers (~3% error). Values are hashed from their physical representation.
 */
final class DistinctCounter {
    private static final int P = 10;
    private static final int M = 1 << P;
    private final byte[] registers = new byte[M];
    /** Heap slots remembered by the VARLEN loop of {@link #add} (a power of two). */
    private static final int SEEN = 64;

    static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    private void addHash(long h) {
        int idx = (int) (h >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
        if (rank > registers[idx]) {
            registers[idx] = (byte) rank;
        }
    }

    void add(Vector v, int offset, int count) {
        long[] valid = v.validity;
        int e = offset + count;
        // one loop per physical type: no per-value dispatch on the hot append path
        switch (v.physical) {
            case INT64 -> {
                long[] a = v.longs;
                for (int i = offset; i < e; i++) {
                    if (valid == null || (valid[i >>> 6] & (1L << i)) != 0) addHash(mix(a[i]));
                }
            }
            case DOUBLE -> {
                double[] a = v.doubles;
                for (int i = offset; i < e; i++) {
                    if (valid == null || (valid[i >>> 6] & (1L << i)) != 0) addHash(mix(Double.doubleToLongBits(a[i])));
                }
            }
            case INT32 -> {
                int[] a = v.ints;
                for (int i = offset; i < e; i++) {
                    if (valid == null || (valid[i >>> 6] & (1L << i)) != 0) addHash(mix(a[i]));
                }
            }
            case VARLEN -> {
                byte[] heap = v.heap;
                int[] offs = v.offsets;
                int[] lens = v.lengths;
                // rows that share one heap slot (dictionary-decoded or repeated values) count once: adding a
                // hash again changes no register, so a row whose slot is among the last few seen is skipped
                int[] seenOff = new int[SEEN];
                int[] seenLen = new int[SEEN];
                java.util.Arrays.fill(seenOff, -1);
                for (int i = offset; i < e; i++) {
                    if (valid != null && (valid[i >>> 6] & (1L << i)) == 0) continue;
                    int o = offs[i], l = lens[i];
                    int s = (o ^ (o >>> 6)) & (SEEN - 1);
                    if (seenOff[s] == o && seenLen[s] == l) continue;
                    seenOff[s] = o;
                    seenLen[s] = l;
                    addHash(mix(polyHash(heap, o, l)));
                }
            }
            default -> {
                for (int i = offset; i < e; i++) {
                    if (valid != null && (valid[i >>> 6] & (1L << i)) == 0) continue;
                    long h = switch (v.physical) {
                        case BOOL, INT8 -> v.bytes[i];
                        case INT16 -> v.shorts[i];
                        case INT128 -> v.longs[i] * 31 + v.highs[i];
                        case FLOAT -> Float.floatToIntBits(v.floats[i]);
                        case INTERVAL -> (v.ints[i] * 31L + v.days[i]) * 31 + v.longs[i];
                        case LIST, STRUCT -> io.tealdb.vector.VectorHashing.hashValue(v, i);
                        default -> throw new IllegalStateException(v.physical.toString());
                    };
                    addHash(mix(h));
                }
            }
        }
    }

    private static final long P31_2 = 31L * 31, P31_3 = 31L * 31 * 31, P31_4 = 31L * 31 * 31 * 31;

    /**
     * The hash stored sketches were built with, x = x * 31 + b over the (signed) bytes, four bytes per
     * step: x * 31^4 + b0 * 31^3 + b1 * 31^2 + b2 * 31 + b3 is the same value (arithmetic modulo 2^64),
     * but its four products are independent instead of one chain of dependent multiplies.
     */
    static long polyHash(byte[] h, int off, int len) {
        long x = 0;
        int k = off, end = off + len, end4 = off + (len & ~3);
        for (; k < end4; k += 4) x = x * P31_4 + h[k] * P31_3 + h[k + 1] * P31_2 + h[k + 2] * 31L + h[k + 3];
        for (; k < end; k++) x = x * 31 + h[k];
        return x;
    }

    long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double e = alpha * M * M / sum;
        if (e <= 2.5 * M && zeros > 0) {
            e = M * Math.log((double) M / zeros);
        }
        return Math.round(e);
    }

    /** The sketch's registers (a copy), as a checkpoint stores them. */
    byte[] registers() {
        return registers.clone();
    }

    /** Replaces the sketch with stored registers (ignored when their size does not match). */
    void restore(byte[] stored) {
        if (stored != null && stored.length == M) {
            System.arraycopy(stored, 0, registers, 0, M);
        }
    }

    DistinctCounter copy() {
        DistinctCounter c = new DistinctCounter();
        System.arraycopy(registers, 0, c.registers, 0, M);
        return c;
    }
}
