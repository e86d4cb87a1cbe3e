package io.tealdb.execution.hash;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.planner.logical.SetOperationKind;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * INTERSECT ALL / EXCEPT ALL (bag semantics: a row occurring l times on the left and r times on
 * the right appears min(l, r) resp. max(l - r, 0) times). The right input is the build side:
 * distinct rows with their counts. Left rows stream through; each takes the next occurrence number
 * of its row (an atomic counter per distinct row, so probing is parallel) and is emitted while
 * that number is below (INTERSECT) or from (EXCEPT) the right count.
 */
public final class PhysicalSetOperationAll extends PhysicalOperator implements Sink, StreamingOperator {
    private final SetOperationKind kind;

    public PhysicalSetOperationAll(List<LogicalType> types, SetOperationKind kind, PhysicalOperator left, PhysicalOperator right) {
        super(types, List.of(left, right), left.estimatedCardinality());
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind == SetOperationKind.INTERSECT ? "INTERSECT_ALL" : "EXCEPT_ALL";
    }

    @Override
    public boolean requiresOrderedInput() {
        return false;
    }

    @Override
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        builder.addOperator(current, this);
        Pipeline build = builder.createChildPipeline(current, this);
        children().get(1).buildPipelines(build, builder);
        children().get(0).buildPipelines(current, builder);
    }

    private static final class Counts implements LocalSinkState {
        final GroupHashMap map;
        long[] counts = new long[1024];
        final int[] ids = new int[DataChunk.CAPACITY];

        Counts(List<LogicalType> types) {
            map = new GroupHashMap(types, 1024);
        }

        void add(Vector[] rows, int n, int[] ids) {
            int groups = map.findOrCreate(rows, n, ids);
            if (counts.length < groups) counts = java.util.Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
        }
    }

    private static final class Global implements GlobalSinkState {
        /**
         * Guards combine. A ReentrantLock, not a monitor: Temurin 25.0.3 can leave a virtual thread
         * blocked on a contended monitor forever (JDK-8373120, fixed in 25.0.4), and workers are
         * virtual threads.
         */
        final java.util.concurrent.locks.ReentrantLock combineLock = new java.util.concurrent.locks.ReentrantLock();
        final List<Counts> locals = new ArrayList<>();
        Counts merged;
        AtomicIntegerArray used;
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new Global();
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        return new Counts(types());
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        Counts c = (Counts) local;
        int n = chunk.size();
        c.add(chunk.columns(), n, c.ids);
        for (int i = 0; i < n; i++) c.counts[c.ids[i]]++;
        return SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        Global g = (Global) global;
        g.combineLock.lock();
        try {
            g.locals.add((Counts) local);
        } finally {
            g.combineLock.unlock();
        }
    }

    @Override
    public void finalize(ExecutionContext ctx, GlobalSinkState global) {
        Global g = (Global) global;
        Counts merged = g.locals.isEmpty() ? new Counts(types()) : g.locals.get(0);
        Vector[] v = new Vector[types().size()];
        for (int i = 1; i < g.locals.size(); i++) {
            Counts other = g.locals.get(i);
            int size = other.map.groupCount();
            for (int from = 0; from < size; from += DataChunk.CAPACITY) {
                int n = Math.min(DataChunk.CAPACITY, size - from);
                for (int c = 0; c < v.length; c++) v[c] = new Vector(types().get(c), DataChunk.CAPACITY);
                other.map.keys().scan(from, n, v, 0);
                merged.add(v, n, merged.ids);
                for (int k = 0; k < n; k++) merged.counts[merged.ids[k]] += other.counts[from + k];
            }
        }
        g.locals.clear();
        g.merged = merged;
        g.used = new AtomicIntegerArray(Math.max(1, merged.map.groupCount()));
    }

    private static final class ProbeState implements OperatorState {
        final int[] ids = new int[DataChunk.CAPACITY];
        final long[] hashes = new long[DataChunk.CAPACITY];
        final int[] sel = new int[DataChunk.CAPACITY];
        Vector[] out;
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new ProbeState();
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        Global g = (Global) ctx.sinkState(this);
        ProbeState st = (ProbeState) state;
        int n = input.size();
        g.merged.map.find(input.columns(), n, st.ids, st.hashes);
        boolean intersect = kind == SetOperationKind.INTERSECT;
        int k = 0;
        for (int i = 0; i < n; i++) {
            int grp = st.ids[i];
            boolean emit;
            if (grp < 0) {
                emit = !intersect;
            } else {
                long occurrence = g.used.getAndIncrement(grp);
                emit = intersect ? occurrence < g.merged.counts[grp] : occurrence >= g.merged.counts[grp];
            }
            if (emit) st.sel[k++] = i;
        }
        if (st.out == null) {
            st.out = new Vector[types().size()];
            for (int c = 0; c < st.out.length; c++) st.out[c] = new Vector(types().get(c), DataChunk.CAPACITY);
        }
        for (int c = 0; c < st.out.length; c++) {
            st.out[c].reset();
            st.out[c].copyFrom(input.column(c), st.sel, 0, k, 0);
            output.setColumn(c, st.out[c]);
        }
        output.setSize(k);
        return OperatorResult.NEED_MORE_INPUT;
    }
}
