package io.tealdb.execution.window;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.AggregateState;
import io.tealdb.function.aggregate.OrderStatisticAggregate;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.Arrays;

/**
 * An aggregate evaluated over window frames, through the columnar {@link AggregateFunction} API
 * (update/combine/finalize with group ids), never one virtual call per row. Per range of whole
 * partitions it picks the cheapest correct strategy from the actual frames:
 * <ul>
 * <li>WHOLE — every frame is its partition: one update over all rows (group = partition),
 *     one finalize, results broadcast;</li>
 * <li>PREFIX — every frame starts at its partition start (running aggregates): a segmented
 *     inclusive scan of states by doubling (Hillis–Steele): in round d, state[i] becomes
 *     state[i-d] ⊕ state[i] — two combine calls per round, ⌈log2(partition size)⌉ rounds; the row
 *     with frame [ps, e) reads state[e-1];</li>
 * <li>SUFFIX — every frame ends at its partition end: the mirrored scan;</li>
 * <li>NAIVE — anything else (sliding frames, EXCLUDE): every frame's rows are fed to its own
 *     group in batched updates; cost is the sum of frame sizes.</li>
 * </ul>
 * FILTER drops rows up front. DISTINCT keeps, per frame, only the first row of each distinct
 * argument tuple (dense ids from a sort of the arguments); for WHOLE/PREFIX frames that is the
 * first occurrence in the partition, for SUFFIX the last.
 */
final class AggregateWindow {
    private static final int BATCH = DataChunk.CAPACITY;

    private final WindowSpec spec;
    private final AggregateFunction fn;
    private final PartitionLayout layout;
    private final FrameBounds frames;
    private final Vector[] argColumns;
    /** Per sorted position: row passes FILTER; null = all rows pass. */
    private final boolean[] passes;
    /** Per sorted position: dense id of the argument tuple (DISTINCT only). */
    private final int[] distinctId;
    private final int distinctCount;

    AggregateWindow(WindowSpec spec, PartitionLayout layout, FrameBounds frames, Vector[] columns) {
        this.spec = spec;
        this.fn = spec.aggregate();
        this.layout = layout;
        this.frames = frames;
        int n = layout.n;
        argColumns = new Vector[spec.arguments().length];
        for (int a = 0; a < argColumns.length; a++) argColumns[a] = columns[spec.arguments()[a]];
        if (spec.filter() >= 0) {
            Vector f = columns[spec.filter()];
            passes = new boolean[n];
            for (int p = 0; p < n; p++) {
                int r = layout.idx[p];
                passes[p] = f.isValid(r) && f.bytes[r] != 0;
            }
        } else {
            passes = null;
        }
        if (spec.distinct() && argColumns.length > 0) {
            KeyColumn[] keys = new KeyColumn[argColumns.length];
            for (int a = 0; a < keys.length; a++) keys[a] = KeyColumn.encode(argColumns[a], n);
            boolean[] asc = new boolean[keys.length];
            Arrays.fill(asc, true);
            KeyComparator cmp = new KeyComparator(keys, asc, new boolean[keys.length]);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = i;
            IndexSort.sort(rows, 0, n, cmp);
            int[] idByRow = new int[n];
            int id = -1;
            for (int k = 0; k < n; k++) {
                if (k == 0 || !cmp.equal(rows[k - 1], rows[k], 0, keys.length)) id++;
                idByRow[rows[k]] = id;
            }
            distinctId = new int[n];
            for (int p = 0; p < n; p++) distinctId[p] = idByRow[layout.idx[p]];
            distinctCount = id + 1;
        } else {
            distinctId = null;
            distinctCount = 0;
        }
        OrderStatisticAggregate os = fn instanceof OrderStatisticAggregate o && o.keyed() && distinctId == null ? o : null;
        double q = 0.5;
        if (os != null && argColumns.length > 1) {
            // one quantile for every row (a constant, as almost always); else the general strategies
            Vector qs = argColumns[1];
            q = n == 0 ? 0.5 : os.quantile(argColumns, layout.idx[0]);
            int first = n == 0 ? 0 : layout.idx[0];
            boolean doubles = qs.physical == io.tealdb.types.PhysicalType.DOUBLE;
            for (int p = 1; p < n && os != null; p++) {
                int r = layout.idx[p];
                if (qs.isNull(r) != qs.isNull(first)) os = null;
                else if (!qs.isNull(r) && (doubles ? qs.doubles[r] != qs.doubles[first] : os.quantile(argColumns, r) != q)) os = null;
            }
        }
        this.orderStatistics = os;
        this.quantile = q;
    }

    /** median / quantile over frames from one ranking per partition ({@link FrameOrderStatistics}); null otherwise. */
    private final OrderStatisticAggregate orderStatistics;
    private final double quantile;

    private enum Strategy { WHOLE, PREFIX, SUFFIX, NAIVE }

    /** Results for sorted positions {@code [from, to)} (whole partitions), in position order. */
    Vector evaluate(int from, int to) {
        int len = to - from;
        Vector out = new Vector(spec.type(), Math.max(1, len));
        if (len == 0) return out;
        if (orderStatistics != null && spec.exclude() == WindowFrame.Exclude.NO_OTHERS) {
            FrameOrderStatistics.evaluate(orderStatistics, quantile, layout, frames, argColumns[0], passes, from, to, out);
            return out;
        }
        Strategy strategy = strategy(from, to);
        switch (strategy) {
            case WHOLE -> whole(from, to, out);
            case PREFIX -> scan(from, to, out, true);
            case SUFFIX -> scan(from, to, out, false);
            case NAIVE -> naive(from, to, out);
        }
        return out;
    }

    private Strategy strategy(int from, int to) {
        if (spec.exclude() != WindowFrame.Exclude.NO_OTHERS) return Strategy.NAIVE;
        int[] s = frames.start;
        int[] e = frames.end;
        boolean prefix = true;
        boolean suffix = true;
        for (int p = from; p < to && (prefix || suffix); p++) {
            int part = layout.partOf[p];
            prefix &= s[p] == layout.partStart[part];
            suffix &= e[p] == layout.partStart[part + 1];
        }
        if (prefix && suffix) return Strategy.WHOLE;
        if (prefix) return Strategy.PREFIX;
        if (suffix) return Strategy.SUFFIX;
        return Strategy.NAIVE;
    }

    /** Whether position p's row is fed at all (FILTER, and for DISTINCT the chosen occurrence). */
    private boolean[] selectedRows(int from, int to, boolean lastOccurrence) {
        if (passes == null && distinctId == null) return null;
        int len = to - from;
        boolean[] sel = new boolean[len];
        for (int i = 0; i < len; i++) sel[i] = passes == null || passes[from + i];
        if (distinctId != null) {
            int[] stamp = new int[distinctCount];
            Arrays.fill(stamp, -1);
            if (!lastOccurrence) {
                for (int i = 0; i < len; i++) {
                    if (!sel[i]) continue;
                    int id = distinctId[from + i];
                    int part = layout.partOf[from + i];
                    if (stamp[id] == part) sel[i] = false;
                    else stamp[id] = part;
                }
            } else {
                for (int i = len - 1; i >= 0; i--) {
                    if (!sel[i]) continue;
                    int id = distinctId[from + i];
                    int part = layout.partOf[from + i];
                    if (stamp[id] == part) sel[i] = false;
                    else stamp[id] = part;
                }
            }
        }
        return sel;
    }

    private void whole(int from, int to, Vector out) {
        int len = to - from;
        int basePart = layout.partOf[from];
        int parts = layout.partOf[to - 1] - basePart + 1;
        AggregateState state = fn.createState();
        state.ensureCapacity(parts);
        boolean[] sel = selectedRows(from, to, false);
        Updater up = new Updater(state);
        for (int i = 0; i < len; i++) {
            if (sel == null || sel[i]) up.add(from + i, layout.partOf[from + i] - basePart);
        }
        up.flush();
        Vector perPart = new Vector(spec.type(), parts);
        fn.finalize(state, 0, parts, perPart);
        int[] g = new int[len];
        for (int i = 0; i < len; i++) g[i] = layout.partOf[from + i] - basePart;
        out.copyFrom(perPart, g, 0, len, 0);
    }

    /** Segmented inclusive scan of aggregate states (prefix = running frames, else suffix). */
    private void scan(int from, int to, Vector out, boolean prefix) {
        int len = to - from;
        int empty = len;
        int trash = len + 1;
        AggregateState cur = fn.createState();
        cur.ensureCapacity(len + 2);
        boolean[] sel = selectedRows(from, to, !prefix);
        Updater up = new Updater(cur);
        for (int i = 0; i < len; i++) {
            if (sel == null || sel[i]) up.add(from + i, i);
        }
        up.flush();
        int maxPart = 0;
        for (int part = layout.partOf[from]; part <= layout.partOf[to - 1]; part++) {
            maxPart = Math.max(maxPart, layout.partStart[part + 1] - layout.partStart[part]);
        }
        int[] identity = new int[len + 1];
        for (int g = 0; g <= len; g++) identity[g] = g;
        int[] shift = new int[len + 1];
        int[] partOf = layout.partOf;
        for (int d = 1; d < maxPart; d <<= 1) {
            AggregateState next = fn.createState();
            next.ensureCapacity(len + 2);
            if (prefix) {
                // next[i] = cur[i-d] ⊕ cur[i]: the earlier rows are merged first (order-sensitive aggregates)
                for (int g = 0; g < len; g++) {
                    int t = g + d;
                    shift[g] = t < len && partOf[from + t] == partOf[from + g] ? t : trash;
                }
                shift[len] = trash;
                fn.combine(next, cur, identity, shift, len + 1);
                fn.combine(next, cur, identity, identity, len + 1);
            } else {
                // next[i] = cur[i] ⊕ cur[i+d]
                fn.combine(next, cur, identity, identity, len + 1);
                for (int g = 0; g < len; g++) {
                    int t = g - d;
                    shift[g] = t >= 0 && partOf[from + t] == partOf[from + g] ? t : trash;
                }
                shift[len] = trash;
                fn.combine(next, cur, identity, shift, len + 1);
            }
            cur = next;
        }
        Vector all = new Vector(spec.type(), len + 1);
        fn.finalize(cur, 0, len + 1, all);
        int[] g = new int[len];
        for (int i = 0; i < len; i++) {
            int p = from + i;
            int s = frames.start[p];
            int e = frames.end[p];
            g[i] = s >= e ? empty : (prefix ? e - 1 - from : s - from);
        }
        out.copyFrom(all, g, 0, len, 0);
    }

    private void naive(int from, int to, Vector out) {
        int len = to - from;
        AggregateState state = fn.createState();
        state.ensureCapacity(len);
        Updater up = new Updater(state);
        int[] ranges = new int[6];
        int[] stamp = null;
        if (distinctId != null) {
            stamp = new int[distinctCount];
            Arrays.fill(stamp, -1);
        }
        boolean[] pass = passes;
        for (int p = from; p < to; p++) {
            int k = FrameBounds.ranges(p, frames.start[p], frames.end[p], spec.exclude(), layout, ranges);
            int group = p - from;
            for (int r = 0; r < k; r++) {
                int b = ranges[2 * r];
                int e = ranges[2 * r + 1];
                if (pass == null && stamp == null) {
                    for (int q = b; q < e; q++) up.add(q, group);
                } else {
                    for (int q = b; q < e; q++) {
                        if (pass != null && !pass[q]) continue;
                        if (stamp != null) {
                            int id = distinctId[q];
                            if (stamp[id] == p) continue;
                            stamp[id] = p;
                        }
                        up.add(q, group);
                    }
                }
            }
        }
        up.flush();
        fn.finalize(state, 0, len, out);
    }

    /** Buffers (position, group) pairs and feeds them to update() a chunk at a time. */
    private final class Updater {
        private final AggregateState state;
        private final Vector[] batch;
        private final int[] rows = new int[BATCH];
        private final int[] groups = new int[BATCH];
        private int count;

        Updater(AggregateState state) {
            this.state = state;
            batch = new Vector[argColumns.length];
            for (int a = 0; a < batch.length; a++) batch[a] = new Vector(argColumns[a].type, BATCH);
        }

        void add(int position, int group) {
            rows[count] = layout.idx[position];
            groups[count] = group;
            if (++count == BATCH) flush();
        }

        void flush() {
            if (count == 0) return;
            // frames may hold millions of rows each: a cancelled query stops here
            io.tealdb.execution.Cancellation.check();
            for (int a = 0; a < batch.length; a++) {
                batch[a].reset();
                batch[a].copyFrom(argColumns[a], rows, 0, count, 0);
            }
            fn.update(state, batch, count, groups);
            count = 0;
        }
    }
}
