package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.FilterOrder;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** Keeps rows where every condition is TRUE; passes the input through untouched when all rows survive. */
public final class FilterOperator extends PhysicalOperator implements StreamingOperator {
    private final List<PhysicalExpr> conditions;

    public FilterOperator(PhysicalOperator child, List<PhysicalExpr> conditions) {
        super(child.types(), List.of(child), -1);
        this.conditions = List.copyOf(FilterOrder.cheapFirst(conditions));
    }

    @Override
    public long maxRows() {
        return childMaxRows();
    }

    @Override
    public String name() {
        return "FILTER";
    }

    @Override
    public List<String> details() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < conditions.size(); i++) sb.append(i > 0 ? " AND " : "").append(conditions.get(i));
        return List.of(sb.toString());
    }

    private record State(ExpressionExecutor executor, SelectedRows rows) implements OperatorState {
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new State(new ExpressionExecutor(ctx, conditions), new SelectedRows(types()));
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        State s = (State) state;
        int k = s.executor.selectAll(input, s.rows.selection(input.size()));
        s.rows.emit(input, output, k);
        return OperatorResult.NEED_MORE_INPUT;
    }
}
