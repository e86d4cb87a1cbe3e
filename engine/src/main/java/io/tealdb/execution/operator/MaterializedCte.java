package io.tealdb.execution.operator;

import io.tealdb.execution.Cancellation;
import io.tealdb.execution.ChunkUtil;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.execution.PipelineExecutor;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rows of a materialized CTE within one execution of a physical plan: its definition runs the
 * first time a reference starts reading (as a query of its own, in parallel, its rows copied into
 * chunks), and every reference ({@link MaterializedCteScanOperator}) then reads those chunks. The
 * physical plan is built fresh for every execution, so the rows never outlive it.
 */
public final class MaterializedCte {
    private final PhysicalOperator definition;
    /** Not a monitor: threads are virtual (JDK-8373120, see TableScanOperator). */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile List<DataChunk> rows;

    public MaterializedCte(PhysicalOperator definition) {
        this.definition = definition;
    }

    public PhysicalOperator definition() {
        return definition;
    }

    /** The definition's rows, computed by the first caller (others wait for it). */
    List<DataChunk> rows(ExecutionContext ctx) {
        List<DataChunk> r = rows;
        if (r != null) return r;
        lock.lock();
        try {
            if (rows == null) {
                ExecutionContext child = ctx.child();
                Collector collector = new Collector(definition.types());
                List<Pipeline> pipelines = PipelineBuilder.build(definition, collector);
                PipelineExecutor.runAll(pipelines, child);
                rows = List.copyOf(((Collected) child.sinkState(collector)).chunks);
            }
            return rows;
        } finally {
            lock.unlock();
        }
    }

    private record Collected(List<DataChunk> chunks, ReentrantLock lock) implements GlobalSinkState {
    }

    private static final class Local implements LocalSinkState {
        final List<DataChunk> chunks = new ArrayList<>();
    }

    /** Copies the chunks it receives, per thread; combine hands each thread's copies over. */
    private static final class Collector extends PhysicalOperator implements Sink {
        Collector(List<LogicalType> types) {
            super(types, List.of(), -1);
        }

        @Override
        public String name() {
            return "CTE_COLLECTOR";
        }

        @Override
        public GlobalSinkState globalSinkState(ExecutionContext ctx) {
            return new Collected(new ArrayList<>(), new ReentrantLock());
        }

        @Override
        public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
            return new Local();
        }

        @Override
        public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
            if (chunk.size() > 0) {
                DataChunk copy = ChunkUtil.copy(chunk);
                Cancellation.reserveMemory(ChunkUtil.estimatedBytes(copy), "a materialized CTE");
                ((Local) local).chunks.add(copy);
            }
            return SinkResult.NEED_MORE_INPUT;
        }

        @Override
        public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
            Collected g = (Collected) global;
            g.lock().lock();
            try {
                g.chunks().addAll(((Local) local).chunks);
            } finally {
                g.lock().unlock();
            }
        }
    }
}
