package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * One reference to a materialized CTE: reads its rows ({@link MaterializedCte}, computed by the
 * first reference that starts), threads claiming chunks. The definition is shown as the first
 * reference's child but runs inside it, not as pipelines of the enclosing query.
 */
public final class MaterializedCteScanOperator extends ChunkListSource {
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

    @Override
    protected List<DataChunk> chunks(ExecutionContext ctx) {
        return cte.rows(ctx);
    }
}
