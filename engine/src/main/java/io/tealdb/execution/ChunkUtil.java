package io.tealdb.execution;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/** Small helpers on chunks used by operators. */
public final class ChunkUtil {
    private ChunkUtil() {
    }

    /** Appends rows [srcOffset, srcOffset+count) of {@code src} at the end of {@code dst} (caller checks capacity). */
    public static void append(DataChunk dst, DataChunk src, int srcOffset, int count) {
        int at = dst.size();
        for (int c = 0; c < dst.columnCount(); c++) {
            dst.column(c).copyFrom(src.column(c), null, srcOffset, count, at);
        }
        dst.setSize(at + count);
    }

    /** Appends rows {@code sel[0..count)} of {@code src} at the end of {@code dst}. */
    public static void appendSelected(DataChunk dst, DataChunk src, int[] sel, int count) {
        int at = dst.size();
        for (int c = 0; c < dst.columnCount(); c++) {
            dst.column(c).copyFrom(src.column(c), sel, 0, count, at);
        }
        dst.setSize(at + count);
    }

    /** A copy of the first {@code size} rows of {@code src} in fresh vectors of exactly that capacity. */
    public static DataChunk copy(DataChunk src) {
        int n = src.size();
        Vector[] cols = new Vector[src.columnCount()];
        for (int c = 0; c < cols.length; c++) {
            Vector v = new Vector(src.column(c).type, Math.max(1, n));
            v.copyFrom(src.column(c), null, 0, n, 0);
            cols[c] = v;
        }
        return new DataChunk(cols, n);
    }

    public static List<LogicalType> types(DataChunk chunk) {
        List<LogicalType> out = new ArrayList<>(chunk.columnCount());
        for (Vector v : chunk.columns()) out.add(v.type);
        return out;
    }

    /** Resets every vector of {@code chunk} (for output chunks an operator owns). */
    public static void resetVectors(DataChunk chunk) {
        chunk.reset();
    }

    /**
     * Keeps rows {@code sel[0..count)} (strictly ascending) of {@code v} as its rows {@code [0,count)},
     * moving values within the vector's own arrays: no second vector, and strings are not copied
     * (only their offsets/lengths move). Safe in place because {@code sel[i] >= i}.
     */
    public static void compactInPlace(io.tealdb.vector.Vector v, int[] sel, int count) {
        switch (v.physical) {
            case BOOL, INT8 -> {
                byte[] a = v.bytes;
                for (int i = 0; i < count; i++) a[i] = a[sel[i]];
            }
            case INT16 -> {
                short[] a = v.shorts;
                for (int i = 0; i < count; i++) a[i] = a[sel[i]];
            }
            case INT32 -> {
                int[] a = v.ints;
                for (int i = 0; i < count; i++) a[i] = a[sel[i]];
            }
            case INT64 -> {
                long[] a = v.longs;
                for (int i = 0; i < count; i++) a[i] = a[sel[i]];
            }
            case INT128 -> {
                long[] a = v.longs;
                long[] h = v.highs;
                for (int i = 0; i < count; i++) {
                    a[i] = a[sel[i]];
                    h[i] = h[sel[i]];
                }
            }
            case FLOAT -> {
                float[] a = v.floats;
                for (int i = 0; i < count; i++) a[i] = a[sel[i]];
            }
            case DOUBLE -> {
                double[] a = v.doubles;
                for (int i = 0; i < count; i++) a[i] = a[sel[i]];
            }
            case VARLEN -> {
                int[] o = v.offsets;
                int[] l = v.lengths;
                for (int i = 0; i < count; i++) {
                    o[i] = o[sel[i]];
                    l[i] = l[sel[i]];
                }
            }
            case INTERVAL -> {
                int[] m = v.ints;
                int[] d = v.days;
                long[] u = v.longs;
                for (int i = 0; i < count; i++) {
                    m[i] = m[sel[i]];
                    d[i] = d[sel[i]];
                    u[i] = u[sel[i]];
                }
            }
        }
        long[] valid = v.validity;
        if (valid != null) {
            for (int i = 0; i < count; i++) {
                int r = sel[i];
                long bit = (valid[r >>> 6] >>> r) & 1L;
                valid[i >>> 6] = (valid[i >>> 6] & ~(1L << i)) | (bit << i);
            }
        }
    }
}
