package io.tealdb.execution.window;

import io.tealdb.error.InternalException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.execution.TaskScheduler;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Window function evaluation over a fully materialised input: columns of {@code n} rows in input
 * order in, one result column per {@link WindowSpec} out (also in input order).
 *
 * <p>How: rows are sorted by (partition keys, order keys) as an index permutation
 * ({@link PartitionLayout}, shared by windows with the same keys); frames are computed per sorted
 * position ({@link FrameBounds}); each function fills a result in sorted order; the result is
 * gathered back to input order through the inverse permutation. Work on ranges of whole partitions
 * runs in parallel on the scheduler.
 */
public final class WindowEvaluator {
    private final TaskScheduler scheduler;
    private final int threads;

    /** @param scheduler null to run on the calling thread only */
    public WindowEvaluator(TaskScheduler scheduler, int threads) {
        this.scheduler = scheduler;
        this.threads = scheduler == null ? 1 : Math.max(1, threads);
    }

    public Vector[] evaluate(Vector[] columns, int n, List<WindowSpec> specs) {
        Map<Integer, KeyColumn> keyCache = new HashMap<>();
        Map<String, PartitionLayout> layouts = new HashMap<>();
        Vector[] results = new Vector[specs.size()];
        for (int w = 0; w < specs.size(); w++) {
            WindowSpec spec = specs.get(w);
            PartitionLayout layout = layouts.computeIfAbsent(spec.layoutKey(), k -> PartitionLayout.build(n,
                    keys(spec.partitions(), columns, n, keyCache), keys(spec.orders(), columns, n, keyCache),
                    spec.ascending(), spec.nullsFirst()));
            if (spec.kind() == WindowFunctionKind.FILL) {
                results[w] = fill(spec, columns, n, layouts, keyCache, layout);
                continue;
            }
            if (spec.kind() == WindowFunctionKind.AGGREGATE && spec.hasArgumentOrder()) {
                results[w] = orderedAggregate(spec, columns, n, layouts, keyCache);
                continue;
            }
            results[w] = spec.hasArgumentOrder() && spec.kind() != WindowFunctionKind.AGGREGATE
                    ? evaluateArgumentOrdered(spec, layout, columns, keys(spec.argOrders(), columns, n, keyCache))
                    : evaluate(spec, layout, columns);
        }
        return results;
    }

    /**
     * fill interpolates along its own ORDER BY key when it has one, else along the window's single
     * ORDER BY key: the partitions sorted by that key are its series, whatever the frame.
     */
    private Vector fill(WindowSpec spec, Vector[] columns, int n, Map<String, PartitionLayout> layouts,
                        Map<Integer, KeyColumn> keyCache, PartitionLayout windowLayout) {
        PartitionLayout layout = windowLayout;
        int key;
        if (spec.hasArgumentOrder()) {
            key = spec.argOrders()[0];
            layout = layouts.computeIfAbsent(spec.argumentLayoutKey(), k -> PartitionLayout.build(n, keys(spec.partitions(), columns, n, keyCache),
                    keys(spec.argOrders(), columns, n, keyCache), spec.argAscending(), spec.argNullsFirst()));
        } else {
            key = spec.orders()[0];
        }
        PartitionLayout sorted = layout;
        int[] bounds = sorted.splitRanges(threads * 4);
        FillWindow fill = FillWindow.over(columns[spec.arguments()[0]], columns[key], spec.type(), sorted);
        parallel(bounds.length - 1, t -> fill.compute(bounds[t], bounds[t + 1]));
        return fill.result();
    }

    /**
     * An aggregate with its own ORDER BY over whole partitions (no window ORDER BY, so every frame is its
     * partition): aggregated along the partitions sorted by that ORDER BY. Frames ordered otherwise would
     * need each frame re-sorted; they are refused rather than aggregated in the wrong order.
     */
    private Vector orderedAggregate(WindowSpec spec, Vector[] columns, int n, Map<String, PartitionLayout> layouts,
                                    Map<Integer, KeyColumn> keyCache) {
        if (spec.orders().length > 0) {
            throw new io.tealdb.error.NotImplementedException("An aggregate with ORDER BY in a window with ORDER BY is not supported yet");
        }
        PartitionLayout layout = layouts.computeIfAbsent(spec.argumentLayoutKey(), k -> PartitionLayout.build(n,
                keys(spec.partitions(), columns, n, keyCache), keys(spec.argOrders(), columns, n, keyCache), spec.argAscending(),
                spec.argNullsFirst()));
        return evaluate(spec, layout, columns);
    }

    private static KeyColumn[] keys(int[] cols, Vector[] columns, int n, Map<Integer, KeyColumn> cache) {
        KeyColumn[] out = new KeyColumn[cols.length];
        for (int i = 0; i < cols.length; i++) out[i] = cache.computeIfAbsent(cols[i], c -> KeyColumn.encode(columns[c], n));
        return out;
    }

    private Vector evaluate(WindowSpec spec, PartitionLayout layout, Vector[] columns) {
        int n = layout.n;
        int[] bounds = layout.splitRanges(threads * 4);
        int tasks = bounds.length - 1;
        FrameBounds frames = spec.kind().usesFrame() ? new FrameBounds(spec, layout, columns) : null;
        return switch (spec.kind()) {
            case ROW_NUMBER, RANK, DENSE_RANK, NTILE -> {
                long[] res = new long[n];
                boolean[] nulls = spec.kind() == WindowFunctionKind.NTILE ? new boolean[n] : null;
                long[] ntileArg = null;
                if (spec.kind() == WindowFunctionKind.NTILE) {
                    Vector a = columns[spec.arguments()[0]];
                    ntileArg = Columns.toLongs(a, n);
                    for (int p = 0; p < n; p++) nulls[p] = a.isNull(layout.idx[p]);
                }
                long[] arg = ntileArg;
                parallel(tasks, t -> ranking(spec.kind(), layout, bounds[t], bounds[t + 1], res, arg, nulls));
                yield scatterLongs(spec, layout, res, nulls);
            }
            case PERCENT_RANK, CUME_DIST -> {
                double[] res = new double[n];
                parallel(tasks, t -> distribution(spec.kind(), layout, bounds[t], bounds[t + 1], res));
                Vector out = new Vector(spec.type(), Math.max(1, n));
                requirePhysical(out, PhysicalType.DOUBLE);
                for (int p = 0; p < n; p++) out.doubles[layout.idx[p]] = res[p];
                yield out;
            }
            case LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
                int[] src = new int[n];
                ValueFunctions vf = new ValueFunctions(spec, layout, frames, columns);
                parallel(tasks, t -> {
                    if (frames != null) frames.compute(bounds[t], bounds[t + 1]);
                    vf.compute(bounds[t], bounds[t + 1], src);
                });
                yield vf.assemble(src);
            }
            case FILL -> throw new IllegalStateException("fill");
            case AGGREGATE -> {
                Vector[] parts = new Vector[tasks];
                AggregateWindow aw;
                if (frames != null) {
                    parallel(tasks, t -> frames.compute(bounds[t], bounds[t + 1]));
                }
                aw = new AggregateWindow(spec, layout, frames, columns);
                parallel(tasks, t -> parts[t] = aw.evaluate(bounds[t], bounds[t + 1]));
                Vector sorted = parts[0];
                if (tasks > 1) {
                    sorted = new Vector(spec.type(), Math.max(1, n));
                    for (int t = 0; t < tasks; t++) sorted.copyFrom(parts[t], null, 0, bounds[t + 1] - bounds[t], bounds[t]);
                }
                Vector out = new Vector(spec.type(), Math.max(1, n));
                out.copyFrom(sorted, layout.inverse(), 0, n, 0);
                yield out;
            }
        };
    }

    /** A ranking or value function with its own ORDER BY: evaluated over the frame sorted by it. */
    private Vector evaluateArgumentOrdered(WindowSpec spec, PartitionLayout layout, Vector[] columns, KeyColumn[] argumentKeys) {
        int n = layout.n;
        int[] bounds = layout.splitRanges(threads * 4);
        int tasks = bounds.length - 1;
        FrameBounds frames = new FrameBounds(spec, layout, columns);
        ArgumentOrderedFunctions f = new ArgumentOrderedFunctions(spec, layout, frames, argumentKeys, columns);
        return switch (spec.kind()) {
            case ROW_NUMBER, RANK, DENSE_RANK, NTILE -> {
                long[] res = new long[n];
                boolean[] nulls = new boolean[n];
                parallel(tasks, t -> {
                    frames.compute(bounds[t], bounds[t + 1]);
                    f.ranking(bounds[t], bounds[t + 1], res, nulls);
                });
                yield scatterLongs(spec, layout, res, spec.kind() == WindowFunctionKind.NTILE ? nulls : null);
            }
            case PERCENT_RANK, CUME_DIST -> {
                double[] res = new double[n];
                parallel(tasks, t -> {
                    frames.compute(bounds[t], bounds[t + 1]);
                    f.distribution(bounds[t], bounds[t + 1], res);
                });
                Vector out = new Vector(spec.type(), Math.max(1, n));
                requirePhysical(out, PhysicalType.DOUBLE);
                for (int p = 0; p < n; p++) out.doubles[layout.idx[p]] = res[p];
                yield out;
            }
            case LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
                int[] src = new int[n];
                parallel(tasks, t -> {
                    frames.compute(bounds[t], bounds[t + 1]);
                    f.values(bounds[t], bounds[t + 1], src);
                });
                yield new ValueFunctions(spec, layout, frames, columns).assemble(src);
            }
            case AGGREGATE, FILL -> throw new IllegalStateException(spec.kind().name());
        };
    }

    private static void requirePhysical(Vector v, PhysicalType t) {
        if (v.physical != t) throw new InternalException("window result type " + v.type + " is not " + t);
    }

    private static Vector scatterLongs(WindowSpec spec, PartitionLayout layout, long[] res, boolean[] nulls) {
        int n = layout.n;
        Vector out = new Vector(spec.type(), Math.max(1, n));
        requirePhysical(out, PhysicalType.INT64);
        int[] idx = layout.idx;
        for (int p = 0; p < n; p++) out.longs[idx[p]] = res[p];
        if (nulls != null) {
            for (int p = 0; p < n; p++) {
                if (nulls[p]) out.setNull(idx[p]);
            }
        }
        return out;
    }

    private static void ranking(WindowFunctionKind kind, PartitionLayout layout, int from, int to, long[] res, long[] ntileArg,
                                boolean[] nulls) {
        int[] partOf = layout.partOf;
        int[] partStart = layout.partStart;
        int[] peerOf = layout.peerOf;
        int[] peerStart = layout.peerStart;
        switch (kind) {
            case ROW_NUMBER -> {
                for (int p = from; p < to; p++) res[p] = p - partStart[partOf[p]] + 1;
            }
            case RANK -> {
                for (int p = from; p < to; p++) res[p] = peerStart[peerOf[p]] - partStart[partOf[p]] + 1;
            }
            case DENSE_RANK -> {
                for (int p = from; p < to; p++) res[p] = peerOf[p] - peerOf[partStart[partOf[p]]] + 1;
            }
            case NTILE -> {
                int[] idx = layout.idx;
                for (int p = from; p < to; p++) {
                    if (nulls[p]) continue;
                    long buckets = ntileArg[idx[p]];
                    if (buckets <= 0) throw new InvalidInputException("Argument for ntile must be greater than zero");
                    int part = partOf[p];
                    long size = partStart[part + 1] - partStart[part];
                    long row = p - partStart[part];
                    if (buckets > size) buckets = size;
                    long small = size / buckets;
                    long large = size - buckets * small;
                    long iSmall = large * (small + 1);
                    res[p] = row < iSmall ? 1 + row / (small + 1) : 1 + large + (row - iSmall) / small;
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static void distribution(WindowFunctionKind kind, PartitionLayout layout, int from, int to, double[] res) {
        int[] partOf = layout.partOf;
        int[] partStart = layout.partStart;
        int[] peerOf = layout.peerOf;
        int[] peerStart = layout.peerStart;
        for (int p = from; p < to; p++) {
            int part = partOf[p];
            int ps = partStart[part];
            double size = partStart[part + 1] - ps;
            if (kind == WindowFunctionKind.PERCENT_RANK) {
                long rank = peerStart[peerOf[p]] - ps; // rank - 1
                res[p] = size > 1 ? rank / (size - 1) : 0;
            } else {
                res[p] = (peerStart[peerOf[p] + 1] - ps) / size;
            }
        }
    }

    @FunctionalInterface
    private interface Task {
        void run(int t);
    }

    /** Runs tasks 0..count-1, on the scheduler when there is more than one. */
    private void parallel(int count, Task task) {
        if (scheduler == null) {
            for (int t = 0; t < count; t++) task.run(t);
            return;
        }
        scheduler.forEach(count, threads, task::run);
    }
}
