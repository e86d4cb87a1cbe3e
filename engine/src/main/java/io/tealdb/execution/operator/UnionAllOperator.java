package io.tealdb.execution.operator;

import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * UNION ALL: not an operator at run time. Pipeline construction feeds both inputs into the same
 * operators and sink above it (two pipelines; the right one runs after the left so that order is
 * left rows, then right rows).
 */
public final class UnionAllOperator extends PhysicalOperator {
    public UnionAllOperator(List<LogicalType> types, PhysicalOperator left, PhysicalOperator right) {
        super(types, List.of(left, right), -1);
    }

    @Override
    public String name() {
        return "UNION";
    }

    @Override
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        Pipeline right = builder.createUnionPipeline(current, true);
        children().get(0).buildPipelines(current, builder);
        children().get(1).buildPipelines(right, builder);
    }
}
