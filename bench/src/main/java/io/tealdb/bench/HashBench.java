package io.tealdb.bench;

import io.tealdb.execution.hash.AggregateHashTable;
import io.tealdb.execution.hash.AggregateSpec;
import io.tealdb.execution.hash.JoinHashTable;
import io.tealdb.execution.hash.JoinProber;
import io.tealdb.function.AggregateFunction;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Micro-benchmarks of the hash join and hash aggregation tables in isolation (no scan, no
 * expression evaluation): input chunks are generated up front, then timed phases report
 * nanoseconds per input row (best of the measured runs).
 *
 * <pre>
 * bench/run HashBench                     all cases, 1 and 2 threads
 * bench/run HashBench --cases probe,agg  --threads 1 --runs 5
 * </pre>
 *
 * Cases: build (1.5M BIGINT keys + payload), probe (6M rows, 1:1 against 1.5M), probe1n (1.5M rows,
 * 4 matches each), composite (BIGINT+INTEGER key, 1:1), varchar (VARCHAR key, 1:1, 500k build / 2M probe),
 * agg (6M rows into 1.5M groups, sum+count), aggfew (6M rows into 4 groups, sum+count).
 */
public final class HashBench {
    private static final int CAP = DataChunk.CAPACITY;

    private final int runs;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private HashBench(int runs) {
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        List<String> cases = List.of("build", "probe", "probe1n", "composite", "varchar", "agg", "aggfew");
        List<Integer> threads = List.of(1, 2);
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HashBench b = new HashBench(runs);
        try {
            for (String c : cases) {
                for (int t : threads) b.run(c, t);
            }
        } finally {
            b.pool.shutdownNow();
        }
    }

    private void run(String name, int threads) throws Exception {
        Case c = switch (name) {
            case "build" -> joinCase(1_500_000, 6_000_000, 1, false, false, true);
            case "probe" -> joinCase(1_500_000, 6_000_000, 1, false, false, false);
            case "probe1n" -> joinCase(1_500_000, 1_500_000, 4, false, false, false);
            case "composite" -> joinCase(1_500_000, 6_000_000, 1, true, false, false);
            case "varchar" -> joinCase(500_000, 2_000_000, 1, false, true, false);
            case "agg" -> aggCase(6_000_000, 1_500_000);
            case "aggfew" -> aggCase(6_000_000, 4);
            default -> throw new IllegalArgumentException("unknown case " + name);
        };
        long best = Long.MAX_VALUE;
        long[] all = new long[runs];
        for (int r = -2; r < runs; r++) { // two warm-up runs
            c.setUp.run();
            long t0 = System.nanoTime();
            c.timed(threads);
            long t = System.nanoTime() - t0;
            if (r >= 0) {
                all[r] = t;
                best = Math.min(best, t);
            }
        }
        System.out.printf("%-10s threads=%d  %7.1f ns/row  best %7.1f ms  (rows %d, check %d)%n", name, threads,
                best / (double) c.rows, best / 1e6, c.rows, c.check);
    }

    // ------------------------------------------------------------------ cases

    private abstract static class Case {
        long rows;
        long check;
        Runnable setUp = () -> { };

        abstract void timed(int threads) throws Exception;
    }

    private abstract static class JoinCase extends Case {
        JoinHashTable table;
    }

    /** Keys: build rows get key = row / dup (shuffled); probe rows draw a key uniformly from the build keys. */
    private Case joinCase(int buildRows, int probeRows, int dup, boolean composite, boolean varchar, boolean buildOnly) {
        Random rnd = new Random(42);
        int distinct = buildRows / dup;
        int[] order = new int[buildRows];
        for (int i = 0; i < buildRows; i++) order[i] = i;
        for (int i = buildRows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<LogicalType> keyTypes = varchar ? List.of(LogicalType.VARCHAR)
                : composite ? List.of(LogicalType.BIGINT, LogicalType.INTEGER) : List.of(LogicalType.BIGINT);
        List<LogicalType> buildTypes = new ArrayList<>(keyTypes);
        buildTypes.add(LogicalType.BIGINT);
        List<DataChunk> build = new ArrayList<>();
        for (int from = 0; from < buildRows; from += CAP) {
            int n = Math.min(CAP, buildRows - from);
            DataChunk ch = new DataChunk(buildTypes);
            for (int i = 0; i < n; i++) {
                int k = order[from + i] / dup;
                setKey(ch.columns(), i, k, composite, varchar);
                ch.column(keyTypes.size()).longs[i] = from + i;
            }
            ch.setSize(n);
            build.add(ch);
        }
        List<DataChunk> probe = new ArrayList<>();
        for (int from = 0; from < probeRows; from += CAP) {
            int n = Math.min(CAP, probeRows - from);
            DataChunk ch = new DataChunk(keyTypes);
            for (int i = 0; i < n; i++) setKey(ch.columns(), i, rnd.nextInt(distinct), composite, varchar);
            ch.setSize(n);
            probe.add(ch);
        }
        int kc = keyTypes.size();
        boolean[] ne = new boolean[kc];
        JoinCase c = new JoinCase() {
            JoinHashTable buildTable(int threads) throws Exception {
                JoinHashTable t = new JoinHashTable(JoinType.INNER, keyTypes, ne, List.of(LogicalType.BIGINT));
                JoinHashTable.LocalBuild[] locals = new JoinHashTable.LocalBuild[threads];
                for (int x = 0; x < threads; x++) locals[x] = t.createLocalBuild();
                parallel(threads, build.size(), null, (tid, i) -> {
                    DataChunk ch = build.get(i);
                    Vector[] cols = ch.columns();
                    locals[tid].append(Arrays.copyOf(cols, kc), new Vector[]{cols[kc]}, ch.size());
                });
                for (JoinHashTable.LocalBuild l : locals) t.addLocal(l);
                t.prepare();
                int parts = Integer.highestOneBit(threads);
                parallel(parts, parts, null, (tid, p) -> t.link(p, parts));
                return t;
            }

            @Override
            void timed(int threads) throws Exception {
                if (buildOnly) {
                    table = buildTable(threads);
                    check = table.rowCount();
                    return;
                }
                long[] sums = new long[threads];
                JoinProber[] probers = new JoinProber[threads];
                for (int x = 0; x < threads; x++) probers[x] = table.newProber(null);
                parallel(threads, probe.size(), null, (tid, i) -> {
                    DataChunk ch = probe.get(i);
                    JoinProber p = probers[tid];
                    p.probe(ch.columns(), ch.size());
                    long s = 0;
                    while (!p.finished()) {
                        int n = p.next();
                        int[] b = p.buildRows();
                        for (int k = 0; k < n; k++) s += b[k];
                    }
                    sums[tid] += s;
                });
                check = Arrays.stream(sums).sum();
            }
        };
        c.rows = buildOnly ? buildRows : probeRows;
        if (!buildOnly) {
            // the probe runs against one table built once (single-threaded, outside the timing)
            c.setUp = () -> {
                if (c.table == null) {
                    JoinHashTable t = new JoinHashTable(JoinType.INNER, keyTypes, ne, List.of(LogicalType.BIGINT));
                    JoinHashTable.LocalBuild l = t.createLocalBuild();
                    for (DataChunk ch : build) {
                        Vector[] cols = ch.columns();
                        l.append(Arrays.copyOf(cols, kc), new Vector[]{cols[kc]}, ch.size());
                    }
                    t.addLocal(l);
                    t.finalizeBuild();
                    c.table = t;
                }
            };
        }
        return c;
    }

    private static void setKey(Vector[] cols, int i, int k, boolean composite, boolean varchar) {
        if (varchar) {
            cols[0].setString(i, "customer#" + (1_000_000_000L + k * 7919L));
        } else if (composite) {
            cols[0].longs[i] = k >>> 2;
            cols[1].ints[i] = k & 3;
        } else {
            cols[0].longs[i] = k;
        }
    }

    private Case aggCase(int rows, int groups) {
        Random rnd = new Random(7);
        List<LogicalType> types = List.of(LogicalType.BIGINT, LogicalType.BIGINT);
        List<DataChunk> input = new ArrayList<>();
        for (int from = 0; from < rows; from += CAP) {
            int n = Math.min(CAP, rows - from);
            DataChunk ch = new DataChunk(types);
            for (int i = 0; i < n; i++) {
                ch.column(0).longs[i] = rnd.nextInt(groups);
                ch.column(1).longs[i] = rnd.nextInt(100);
            }
            ch.setSize(n);
            input.add(ch);
        }
        FunctionRegistry reg = FunctionRegistry.getDefault();
        AggregateFunction sum = reg.bindAggregate("sum", List.of(LogicalType.BIGINT));
        AggregateFunction count = reg.countStar();
        List<AggregateSpec> specs = List.of(AggregateSpec.of(sum, 1), AggregateSpec.of(count));
        Case c = new Case() {
            @Override
            void timed(int threads) throws Exception {
                check = AggBench.run(threads, input, types, specs, (t, n, task) -> parallel(t, n, null, task));
            }
        };
        c.rows = rows;
        return c;
    }

    @FunctionalInterface
    interface Task {
        void run(int thread, int item) throws Exception;
    }

    @FunctionalInterface
    interface Parallel {
        void run(int threads, int items, Task task) throws Exception;
    }

    /** Items {@code [0, items)} handed out in order to {@code threads} workers (thread t gets a contiguous share). */
    private void parallel(int threads, int items, Object unused, Task task) throws Exception {
        if (task == null) return;
        if (threads == 1) {
            for (int i = 0; i < items; i++) task.run(0, i);
            return;
        }
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tid = t;
            int from = (int) ((long) items * t / threads);
            int to = (int) ((long) items * (t + 1) / threads);
            fs.add(pool.submit(() -> {
                for (int i = from; i < to; i++) task.run(tid, i);
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
    }

    /** Grouped aggregation as the operator does it: a table per thread, then the merge, then a scan of the results. */
    static final class AggBench {
        static long run(int threads, List<DataChunk> input, List<LogicalType> types, List<AggregateSpec> specs, Parallel par)
                throws Exception {
            AggregateHashTable[] tables = new AggregateHashTable[threads];
            for (int t = 0; t < threads; t++) {
                tables[t] = new AggregateHashTable(List.of(types.get(0)), types, specs, 1 << 18);
            }
            par.run(threads, input.size(), (tid, i) -> {
                DataChunk ch = input.get(i);
                tables[tid].sink(new Vector[]{ch.column(0)}, ch.columns(), ch.size());
            });
            List<AggregateHashTable> others = new ArrayList<>(Arrays.asList(tables).subList(1, threads));
            tables[0].merge(others);
            Vector k = new Vector(types.get(0), CAP);
            Vector s = new Vector(specs.get(0).function().returnType(), CAP);
            Vector n = new Vector(LogicalType.BIGINT, CAP);
            long check = 0;
            int groups = tables[0].groupCount();
            for (int from = 0; from < groups; from += CAP) {
                int c = Math.min(CAP, groups - from);
                tables[0].scan(from, c, new Vector[]{k}, new Vector[]{s, n});
                for (int i = 0; i < c; i++) check += n.longs[i];
            }
            return check;
        }
    }
}
