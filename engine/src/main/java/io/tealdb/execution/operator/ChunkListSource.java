package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Source;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source over chunks that are already in memory when the pipeline starts (VALUES rows, a
 * recursive CTE's working table, a materialized CTE): threads claim one chunk at a time, its
 * position is the batch index (so order is kept), and its vectors are handed out without copying.
 */
abstract class ChunkListSource extends PhysicalOperator implements Source {
    ChunkListSource(List<LogicalType> types, List<PhysicalOperator> children, long estimatedCardinality) {
        super(types, children, estimatedCardinality);
    }

    /** The chunks this execution reads (computed once per execution). */
    protected abstract List<DataChunk> chunks(ExecutionContext ctx);

    private record Global(List<DataChunk> chunks, AtomicInteger next) implements GlobalSourceState {
    }

    private static final class Local implements LocalSourceState {
        long batch;

        @Override
        public long batchIndex() {
            return batch;
        }
    }

    @Override
    public final GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new Global(chunks(ctx), new AtomicInteger());
    }

    @Override
    public final LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new Local();
    }

    @Override
    public final boolean supportsBatchIndex() {
        return true;
    }

    @Override
    public final int maxThreads(GlobalSourceState global) {
        return Math.max(1, ((Global) global).chunks.size());
    }

    @Override
    public final boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        int i = g.next.getAndIncrement();
        if (i >= g.chunks.size()) return false;
        ((Local) local).batch = i;
        DataChunk c = g.chunks.get(i);
        for (int col = 0; col < out.columnCount(); col++) out.setColumn(col, c.column(col));
        out.setSize(c.size());
        return true;
    }
}
