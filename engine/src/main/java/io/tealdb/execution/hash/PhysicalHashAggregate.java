package io.tealdb.execution.hash;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.Source;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hash aggregation (GROUP BY, DISTINCT, grouping sets): a sink that aggregates each thread's
 * input into its own {@link AggregateHashTable} per grouping set, merges them in
 * {@link #finalize} (a thread's table that grows many groups splits into hash partitions,
 * {@link PartitionedAggregateTable}, merged partition by partition in parallel), and a parallel source that hands out ranges of 2048 groups. ROLLUP / CUBE sink
 * only their finest set and fold the coarser sets from its groups at finalize.
 *
 * <p>Output: group columns, aggregate columns, then (grouping sets only) the GROUPING_ID as BIGINT
 * — bit {@code n-1-i} set when group column i is not part of the row's grouping set.
 */
public final class PhysicalHashAggregate extends PhysicalOperator implements Sink, Source {
    private final List<PhysicalExpr> groups;
    private final List<PhysicalExpr> inputs;
    private final List<AggregateSpec> specs;
    private final List<List<Integer>> groupingSets;
    private final boolean emitGroupingId;
    private final String name;
    private final List<String> details;
    /**
     * The grouping set whose keys include every other set's (ROLLUP / CUBE: all keys), or -1: then
     * only that set is sunk, and the others are folded from its groups at finalize
     * ({@link AggregateHashTable#mergeProjected}), one pass over the input instead of one per set.
     * -1 for a single set, when no set covers the others, or with DISTINCT / ordered aggregates.
     */
    private final int finest;

    /**
     * @param groups       group key expressions over the child's columns
     * @param inputs       aggregate argument / filter expressions over the child's columns; specs refer to them by index
     * @param groupingSets null for a plain GROUP BY, else the group indexes each set keeps
     */
    public PhysicalHashAggregate(String name, List<LogicalType> types, PhysicalOperator child, List<PhysicalExpr> groups,
                                 List<PhysicalExpr> inputs, List<AggregateSpec> specs, List<List<Integer>> groupingSets,
                                 long estimatedCardinality, List<String> details) {
        super(types, List.of(child), estimatedCardinality);
        this.name = name;
        this.groups = List.copyOf(groups);
        this.inputs = List.copyOf(inputs);
        this.specs = List.copyOf(specs);
        this.emitGroupingId = groupingSets != null;
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) all.add(i);
        this.groupingSets = groupingSets == null ? List.of(all) : List.copyOf(groupingSets);
        this.details = List.copyOf(details);
        this.finest = finestSet(this.groupingSets, this.specs);
    }

    private static int finestSet(List<List<Integer>> sets, List<AggregateSpec> specs) {
        if (sets.size() < 2) return -1;
        for (AggregateSpec spec : specs) {
            if (spec.distinct() || spec.function() instanceof OrderedAggregate) return -1;
        }
        for (int s = 0; s < sets.size(); s++) {
            boolean coversAll = true;
            for (List<Integer> other : sets) coversAll &= sets.get(s).containsAll(other);
            if (coversAll) return s;
        }
        return -1;
    }

    @Override
    public long maxRows() {
        return groups.isEmpty() && groupingSets == null ? 1 : -1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> details() {
        return details;
    }

    private List<LogicalType> setKeyTypes(int s) {
        List<LogicalType> t = new ArrayList<>();
        for (int g : groupingSets.get(s)) t.add(groups.get(g).type());
        return t;
    }

    private AggregateHashTable[] newTables(int expectedGroups) {
        List<LogicalType> inputTypes = inputs.stream().map(PhysicalExpr::type).toList();
        AggregateHashTable[] t = new AggregateHashTable[groupingSets.size()];
        for (int s = 0; s < t.length; s++) {
            // the sets folded from the finest one are filled at finalize, from far fewer rows
            int expected = finest < 0 || s == finest ? expectedGroups : 16;
            t[s] = new AggregateHashTable(setKeyTypes(s), inputTypes, specs, expected);
        }
        return t;
    }

    /** One thread's tables, each splitting into hash partitions once it holds many groups (not with one thread: nothing to merge). */
    private static PartitionedAggregateTable[] partitioned(AggregateHashTable[] tables, int threads, int expected) {
        PartitionedAggregateTable[] out = new PartitionedAggregateTable[tables.length];
        int bits = threads > 1 ? AggregateHashTable.partitionBits(threads) : 0;
        for (int s = 0; s < tables.length; s++) out[s] = new PartitionedAggregateTable(tables[s], bits, expected);
        return out;
    }

    // ------------------------------------------------------------------ sink

    static final class AggGlobal implements GlobalSinkState {
        /**
         * Guards combine. A ReentrantLock, not a monitor: Temurin 25.0.3 can leave a virtual thread
         * blocked on a contended monitor forever (JDK-8373120, fixed in 25.0.4), and workers are
         * virtual threads.
         */
        final java.util.concurrent.locks.ReentrantLock combineLock = new java.util.concurrent.locks.ReentrantLock();
        final List<PartitionedAggregateTable[]> locals = new ArrayList<>();
        /** The merged tables: a grouping set's groups may be spread over several (hash partitions). */
        AggregateHashTable[] result;
        /** The grouping set of each result table. */
        int[] resultSets;
        /** Morsels: (result table << 32) | first group. */
        long[] morsels;
    }

    private static final class AggLocal implements LocalSinkState {
        final PartitionedAggregateTable[] tables;
        final ExpressionExecutor groupExec;
        final ExpressionExecutor inputExec;
        final Vector[] groupVectors;
        final Vector[] inputVectors;
        final Vector[][] setKeys;

        AggLocal(PartitionedAggregateTable[] tables, ExpressionExecutor groupExec, ExpressionExecutor inputExec, int g, int in,
                 List<List<Integer>> sets) {
            this.tables = tables;
            this.groupExec = groupExec;
            this.inputExec = inputExec;
            this.groupVectors = new Vector[g];
            this.inputVectors = new Vector[in];
            this.setKeys = new Vector[sets.size()][];
            for (int s = 0; s < sets.size(); s++) setKeys[s] = new Vector[sets.get(s).size()];
        }
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new AggGlobal();
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        long est = estimatedCardinality();
        int expected = est <= 0 ? 1024 : (int) Math.min(est, 1 << 18);
        return new AggLocal(partitioned(newTables(expected), ctx.threads(), expected), new ExpressionExecutor(ctx, groups), new ExpressionExecutor(ctx, inputs),
                groups.size(), inputs.size(), groupingSets);
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        AggLocal l = (AggLocal) local;
        int n = chunk.size();
        for (int i = 0; i < l.groupVectors.length; i++) l.groupVectors[i] = l.groupExec.execute(i, chunk);
        for (int i = 0; i < l.inputVectors.length; i++) l.inputVectors[i] = l.inputExec.execute(i, chunk);
        for (int s = 0; s < l.tables.length; s++) {
            if (finest >= 0 && s != finest) continue;
            List<Integer> set = groupingSets.get(s);
            Vector[] keys = l.setKeys[s];
            for (int k = 0; k < keys.length; k++) keys[k] = l.groupVectors[set.get(k)];
            l.tables[s].sink(keys, l.inputVectors, n);
        }
        return SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        AggGlobal g = (AggGlobal) global;
        g.combineLock.lock();
        try {
            g.locals.add(((AggLocal) local).tables);
        } finally {
            g.combineLock.unlock();
        }
    }

    @Override
    public void finalize(ExecutionContext ctx, GlobalSinkState global) {
        AggGlobal g = (AggGlobal) global;
        if (g.locals.isEmpty()) g.locals.add(partitioned(newTables(16), 1, 16));
        int sets = groupingSets.size();
        AggregateHashTable[][] merged = new AggregateHashTable[sets][];
        for (int s = 0; s < sets; s++) {
            if (finest >= 0 && s != finest) continue;
            merged[s] = merge(g.locals, s, ctx);
        }
        if (finest >= 0) {
            // each coarser set folds from the finest set's tables on its own: one task per set
            List<Integer> full = groupingSets.get(finest);
            AggregateHashTable[] first = newTables(16);
            ctx.scheduler().forEach(sets, ctx.threads(), s -> {
                if (s == finest) return;
                List<Integer> set = groupingSets.get(s);
                int[] positions = new int[set.size()];
                for (int k = 0; k < positions.length; k++) positions[k] = full.indexOf(set.get(k));
                for (AggregateHashTable part : merged[finest]) first[s].mergeProjected(part, positions);
                merged[s] = new AggregateHashTable[]{first[s]};
            });
        }
        g.locals.clear();
        List<AggregateHashTable> tables = new ArrayList<>();
        List<Integer> tableSets = new ArrayList<>();
        List<Long> morsels = new ArrayList<>();
        for (int s = 0; s < sets; s++) {
            for (AggregateHashTable t : merged[s]) {
                int index = tables.size();
                tables.add(t);
                tableSets.add(s);
                for (int from = 0; from < t.groupCount(); from += DataChunk.CAPACITY) morsels.add(((long) index << 32) | from);
            }
        }
        g.result = tables.toArray(new AggregateHashTable[0]);
        g.resultSets = tableSets.stream().mapToInt(Integer::intValue).toArray();
        g.morsels = morsels.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Merges the thread-local tables of grouping set {@code s}: when a thread split its table into
     * hash partitions, all split alike and each partition merges as a task of its own
     * ({@link AggregateHashTable#mergePartitions}); else into the first table on this thread.
     */
    private static AggregateHashTable[] merge(List<PartitionedAggregateTable[]> locals, int s, ExecutionContext ctx) {
        boolean split = false;
        for (PartitionedAggregateTable[] local : locals) split |= local[s].isSplit();
        if (split) {
            List<AggregateHashTable[]> parts = new ArrayList<>();
            for (PartitionedAggregateTable[] local : locals) {
                local[s].split();
                parts.add(local[s].tables());
            }
            return AggregateHashTable.mergePartitions(parts, ctx.scheduler(), ctx.threads());
        }
        List<AggregateHashTable> tables = new ArrayList<>();
        for (PartitionedAggregateTable[] local : locals) tables.add(local[s].tables()[0]);
        tables.get(0).merge(tables.subList(1, tables.size()));
        return new AggregateHashTable[]{tables.get(0)};
    }

    // ------------------------------------------------------------------ source

    private static final class ScanGlobal implements GlobalSourceState {
        final AtomicInteger next = new AtomicInteger();
    }

    private static final class ScanLocal implements LocalSourceState {
        Vector[] vectors;
        long batch;

        @Override
        public long batchIndex() {
            return batch;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new ScanGlobal();
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new ScanLocal();
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean supportsBatchIndex() {
        return true;
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        AggGlobal g = (AggGlobal) ctx.sinkState(this);
        ScanLocal l = (ScanLocal) local;
        int m = ((ScanGlobal) global).next.getAndIncrement();
        if (m >= g.morsels.length) return false;
        l.batch = m;
        if (l.vectors == null) {
            List<LogicalType> types = types();
            l.vectors = new Vector[types.size()];
            for (int i = 0; i < types.size(); i++) l.vectors[i] = new Vector(types.get(i), DataChunk.CAPACITY);
        }
        int table = (int) (g.morsels[m] >>> 32);
        int s = g.resultSets[table];
        int from = (int) g.morsels[m];
        AggregateHashTable t = g.result[table];
        int n = Math.min(DataChunk.CAPACITY, t.groupCount() - from);
        for (Vector v : l.vectors) v.reset();
        List<Integer> set = groupingSets.get(s);
        Vector[] keysOut = new Vector[set.size()];
        for (int k = 0; k < keysOut.length; k++) keysOut[k] = l.vectors[set.get(k)];
        int gc = groups.size();
        Vector[] aggsOut = Arrays.copyOfRange(l.vectors, gc, gc + specs.size());
        t.scan(from, n, keysOut, aggsOut);
        long groupingId = 0;
        for (int gi = 0; gi < gc; gi++) {
            if (!set.contains(gi)) {
                Arrays.fill(l.vectors[gi].ensureValidity(), 0L);
                groupingId |= 1L << (gc - 1 - gi);
            }
        }
        if (emitGroupingId) Arrays.fill(l.vectors[gc + specs.size()].longs, 0, n, groupingId);
        for (int c = 0; c < l.vectors.length; c++) out.setColumn(c, l.vectors[c]);
        out.setSize(n);
        return true;
    }
}
