package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.execution.Source;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One reference to a materialized CTE: reads its rows ({@link MaterializedCte}, computed by the
 * first reference that starts), threads claiming chunks. The definition is shown as the first
 * reference's child but runs inside it, not as pipelines of the enclosing query.
 */
public final class MaterializedCteScanOperator extends PhysicalOperator implements Source {
    private final MaterializedCte cte;
    private final int cteIndex;

    /** @param showDefinition the definition is this operator's child (for the first reference; others share it) */
    public MaterializedCteScanOperator(List<LogicalType> types, MaterializedCte cte, int cteIndex, long estimated,
                                       boolean showDefinition) {
        super(types, showDefinition ? List.of(cte.definition()) : List.of(), estimated);
        this.cte = cte;
        this.cteIndex = cteIndex;
    }

    @Override
    public String name() {
        return "CTE_SCAN";
    }

    @Override
    public List<String> details() {
        return List.of("CTE index: " + cteIndex);
    }

    @Override
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        builder.setSource(current, this);
    }

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
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new Global(cte.rows(ctx), new AtomicInteger());
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new Local();
    }

    @Override
    public boolean supportsBatchIndex() {
        return true;
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Math.max(1, ((Global) global).chunks.size());
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
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
