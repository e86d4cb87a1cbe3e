package io.tealdb.server.clickhouse;

import io.tealdb.execution.operator.SortKeyEncoder;
import io.tealdb.session.TableAppender;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of an INSERT into a table with an ORDER BY key, stored the way ClickHouse stores a part: in
 * blocks of up to {@link #BLOCK_ROWS} rows (ClickHouse's {@code max_insert_block_size}), each sorted by the
 * key before it is appended. A block's row groups then hold narrow, ordered key ranges, so their zone maps
 * let range filters on the key skip most of them. Blocks are not merged with each other afterwards
 * (ClickHouse's background merges have no counterpart). Keys are compared by the engine's normalised
 * sort keys: strings by their first 8 bytes, which is all the zone maps need.
 */
final class SortedBlocks {
    static final int BLOCK_ROWS = 1 << 20;

    private final TableAppender appender;
    private final List<LogicalType> types;
    private final int[] key;
    private final List<DataChunk> pending = new ArrayList<>();
    private int pendingRows;
    /**
     * True while every row of the current block arrived in key order: chunks then go to the appender at
     * once (storage appends overlap the arrival of the rest of the request instead of waiting for the
     * block to fill). The first chunk out of order switches the rest of the block to buffering.
     */
    private boolean streaming = true;
    /** Rows of the current block appended while streaming. */
    private int streamed;
    /** The encoded key of the last row streamed, when {@code hasLast}. */
    private long[] last;
    private boolean hasLast;
    /** {@code last} holds the raw value of a single INT64 key rather than its encoding. */
    private boolean lastIsRaw;
    private SortKeyEncoder encoder;
    private long[] encoded = new long[0];
    private byte[] scratch = new byte[0];

    /** {@code key}: the table's column indexes, most significant first. */
    SortedBlocks(TableAppender appender, List<LogicalType> types, int[] key) {
        this.appender = appender;
        this.types = types;
        this.key = key;
    }

    void add(DataChunk chunk) {
        if (streaming) {
            if (inKeyOrder(chunk)) {
                appender.append(chunk);
                streamed += chunk.size();
                if (streamed >= BLOCK_ROWS) startBlock();
                return;
            }
            streaming = false;
        }
        pending.add(chunk);
        pendingRows += chunk.size();
        if (streamed + pendingRows >= BLOCK_ROWS) flush();
    }

    private void startBlock() {
        streaming = true;
        streamed = 0;
        hasLast = false;
    }

    /** True when the chunk's rows are in key order and do not sort before the last row streamed. */
    private boolean inKeyOrder(DataChunk chunk) {
        int n = chunk.size();
        if (n == 0) return true;
        if (key.length == 1) {
            Vector k = chunk.column(key[0]);
            if (k.physical == PhysicalType.INT64 && !k.mayHaveNulls()) {
                // the common case (an id or a timestamp key): plain signed comparisons, no encoding
                long[] a = k.longs;
                if (hasLast && (!lastIsRaw || a[0] < last[0])) return false;
                for (int i = 1; i < n; i++) if (a[i] < a[i - 1]) return false;
                if (last == null) last = new long[1];
                last[0] = a[n - 1];
                hasLast = true;
                lastIsRaw = true;
                return true;
            }
        }
        if (hasLast && lastIsRaw) return false;
        if (encoder == null) encoder = encoderFor(chunk);
        int words = encoder.words();
        if (encoded.length < n * words) encoded = new long[n * words];
        if (scratch.length < n * words * 8) scratch = new byte[n * words * 8];
        Vector[] keys = new Vector[key.length];
        for (int k = 0; k < key.length; k++) keys[k] = chunk.column(key[k]);
        encoder.encode(keys, n, encoded, 0, scratch);
        if (hasLast && compareWith(last, encoded, 0, words) > 0) return false;
        for (int i = 1; i < n; i++) if (compare(encoded, words, i - 1, i) > 0) return false;
        if (last == null || last.length != words) last = new long[words];
        System.arraycopy(encoded, (n - 1) * words, last, 0, words);
        hasLast = true;
        lastIsRaw = false;
        return true;
    }

    private SortKeyEncoder encoderFor(DataChunk chunk) {
        List<PhysicalType> physical = new ArrayList<>();
        for (int k : key) physical.add(chunk.column(k).physical);
        boolean[] asc = new boolean[key.length];
        Arrays.fill(asc, true);
        return new SortKeyEncoder(physical, asc, new boolean[key.length]);
    }

    private static int compareWith(long[] a, long[] enc, int row, int words) {
        for (int w = 0; w < words; w++) {
            int c = Long.compareUnsigned(a[w], enc[row * words + w]);
            if (c != 0) return c;
        }
        return 0;
    }

    /** Sorts and appends what is buffered; a block that arrived in key order is appended as it came. */
    void flush() {
        int n = pendingRows;
        if (n == 0) {
            startBlock();
            return;
        }
        List<DataChunk> chunks = new ArrayList<>(pending);
        pending.clear();
        pendingRows = 0;
        startBlock();
        int[] order = order(chunks, n);
        boolean inOrder = true;
        for (int i = 0; i < n && inOrder; i++) inOrder = order[i] == i;
        if (inOrder) {
            for (DataChunk c : chunks) appender.append(c);
            return;
        }
        Vector[] all = new Vector[types.size()];
        for (int c = 0; c < all.length; c++) {
            if (chunks.size() == 1) {
                all[c] = chunks.get(0).column(c);
                continue;
            }
            all[c] = new Vector(types.get(c), n);
            int at = 0;
            for (DataChunk d : chunks) {
                all[c].copyRange(d.column(c), 0, at, d.size());
                at += d.size();
            }
        }
        for (int off = 0; off < n; off += DataChunk.CAPACITY) {
            int m = Math.min(DataChunk.CAPACITY, n - off);
            int[] sel = Arrays.copyOfRange(order, off, off + m);
            Vector[] out = new Vector[all.length];
            for (int c = 0; c < all.length; c++) {
                out[c] = new Vector(types.get(c), m);
                out[c].copyFrom(all[c], sel, 0, m, 0);
            }
            appender.append(new DataChunk(out, m));
        }
    }

    /** The block's rows (numbered across its chunks) in key order: ascending, NULLs last as in ClickHouse, ties in arrival order. */
    private int[] order(List<DataChunk> chunks, int n) {
        List<PhysicalType> physical = new ArrayList<>();
        for (int k : key) physical.add(chunks.get(0).column(k).physical);
        boolean[] asc = new boolean[key.length];
        Arrays.fill(asc, true);
        SortKeyEncoder encoder = new SortKeyEncoder(physical, asc, new boolean[key.length]);
        int words = encoder.words();
        long[] encoded = new long[n * words];
        byte[] scratch = new byte[DataChunk.CAPACITY * words * 8];
        int at = 0;
        Vector[] keys = new Vector[key.length];
        for (DataChunk c : chunks) {
            for (int k = 0; k < key.length; k++) keys[k] = c.column(key[k]);
            if (scratch.length < c.size() * words * 8) scratch = new byte[c.size() * words * 8];
            encoder.encode(keys, c.size(), encoded, at, scratch);
            at += c.size();
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        mergeSort(a, new int[n], 0, n, encoded, words);
        return a;
    }

    private static int compare(long[] enc, int words, int x, int y) {
        int px = x * words, py = y * words;
        for (int w = 0; w < words; w++) {
            int c = Long.compareUnsigned(enc[px + w], enc[py + w]);
            if (c != 0) return c;
        }
        return 0;
    }

    /** Stable merge sort of a[from, to) by the encoded keys (insertion sort for short runs). */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] enc, int words) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && compare(enc, words, a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, enc, words);
        mergeSort(a, tmp, mid, to, enc, words);
        if (compare(enc, words, a[mid - 1], a[mid]) <= 0) return;
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) a[k++] = compare(enc, words, tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < mid) a[k++] = tmp[i++];
        while (j < to) a[k++] = tmp[j++];
    }
}
