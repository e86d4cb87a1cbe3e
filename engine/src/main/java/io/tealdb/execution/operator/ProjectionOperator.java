package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.List;

/** Computes expressions; column references pass the input vector through without copying. */
public final class ProjectionOperator extends PhysicalOperator implements StreamingOperator {
    private final List<PhysicalExpr> expressions;

    public ProjectionOperator(PhysicalOperator child, List<PhysicalExpr> expressions) {
        super(typesOf(expressions), List.of(child), child.estimatedCardinality());
        this.expressions = List.copyOf(expressions);
    }

    public List<PhysicalExpr> expressions() {
        return expressions;
    }

    private static List<LogicalType> typesOf(List<PhysicalExpr> es) {
        List<LogicalType> out = new ArrayList<>(es.size());
        for (PhysicalExpr e : es) out.add(e.type());
        return out;
    }

    @Override
    public long maxRows() {
        return childMaxRows();
    }

    @Override
    public String name() {
        return "PROJECTION";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        for (PhysicalExpr e : expressions) d.add(e.toString());
        return d;
    }

    private record State(ExpressionExecutor executor) implements OperatorState {
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new State(new ExpressionExecutor(ctx, expressions));
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        ((State) state).executor.executeAll(input, output);
        return OperatorResult.NEED_MORE_INPUT;
    }
}
