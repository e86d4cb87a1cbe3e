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

    /**
     * A copy of {@code src} (all {@code size} rows) that shares strings read from storage instead of
     * copying them ({@link Vector#sharingStrings}): for results that outlive the operator's chunk.
     */
    public static DataChunk copySharingStrings(DataChunk src) {
        int n = src.size();
        Vector[] cols = new Vector[src.columnCount()];
        for (int c = 0; c < cols.length; c++) cols[c] = Vector.sharingStrings(src.column(c), n);
        return new DataChunk(cols, n);
    }

    /**
     * {@code src}'s rows written into the empty, recycled chunk {@code into} of the same types, sharing
     * strings as {@link #copySharingStrings(DataChunk)} does: the same copy without allocating vectors.
     */
    public static DataChunk copySharingStrings(DataChunk src, DataChunk into) {
        int n = src.size();
        for (int c = 0; c < into.columnCount(); c++) into.column(c).appendSharing(src.column(c), n, 0);
        into.setSize(n);
        return into;
    }

    /**
     * {@code src}'s rows written into {@code into} (empty, recycled or new, of the same types), moving
     * instead of copying the columns {@link #takeable} says may be taken: their memory is exchanged
     * ({@link Vector#swapStorage}), so {@code into} holds the rows and {@code src}'s vector holds
     * {@code into}'s former, empty memory for its producer to refill. The other columns are copied,
     * sharing strings as {@link #copySharingStrings(DataChunk, DataChunk)} does.
     */
    public static DataChunk takeStorage(DataChunk src, DataChunk into) {
        int n = src.size();
        // copies first: they read the chunk as the producer left it
        for (int c = 0; c < into.columnCount(); c++) {
            if (!takeable(src, c, into.column(c).type)) into.column(c).appendSharing(src.column(c), n, 0);
        }
        for (int c = 0; c < into.columnCount(); c++) {
            if (takeable(src, c, into.column(c).type)) into.column(c).swapStorage(src.column(c));
        }
        into.setSize(n);
        return into;
    }

    /**
     * Whether {@link #takeStorage} takes column {@code c} of {@code chunk} (into a vector of
     * {@code type}) instead of copying it: its producer hands it over ({@link DataChunk#handsOver(int)}),
     * it has that type, and its vector is no other column of the chunk as well (taking its memory
     * would empty the other column).
     */
    public static boolean takeable(DataChunk chunk, int c, LogicalType type) {
        if (!chunk.handsOver(c)) return false;
        Vector v = chunk.column(c);
        if (!v.type.equals(type)) return false;
        for (int j = 0; j < chunk.columnCount(); j++) if (j != c && chunk.column(j) == v) return false;
        return true;
    }

    /** Whether {@link #takeStorage} takes at least one column of {@code chunk} into a chunk of {@code types}. */
    public static boolean anyTakeable(DataChunk chunk, List<LogicalType> types) {
        if (chunk.columnCount() != types.size()) return false;
        for (int c = 0; c < types.size(); c++) if (takeable(chunk, c, types.get(c))) return true;
        return false;
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

    /** Approximate bytes {@code chunk} holds (fixed-width values plus string bytes), for memory accounting. */
    public static long estimatedBytes(DataChunk chunk) {
        long n = chunk.size();
        long bytes = 0;
        for (int c = 0; c < chunk.columnCount(); c++) {
            io.tealdb.vector.Vector v = chunk.column(c);
            bytes += n * switch (v.physical) {
                case BOOL, INT8 -> 1;
                case INT16 -> 2;
                case INT32, FLOAT -> 4;
                case INT128, INTERVAL -> 16;
                case VARLEN -> 8;
                default -> 8;
            };
            if (v.heap != null) bytes += Math.min(v.heapUsed, v.heap.length);
        }
        return bytes;
    }
}
