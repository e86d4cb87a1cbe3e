package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.List;

/** Keeps rows where every condition is TRUE; passes the input through untouched when all rows survive. */
public final class FilterOperator extends PhysicalOperator implements StreamingOperator {
    private final List<PhysicalExpr> conditions;

    public FilterOperator(PhysicalOperator child, List<PhysicalExpr> conditions) {
        super(child.types(), List.of(child), -1);
        this.conditions = List.copyOf(conditions);
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

    private static final class State implements OperatorState {
        final ExpressionExecutor executor;
        final int[] sel = new int[DataChunk.CAPACITY];
        final Vector[] own;

        State(ExpressionExecutor executor, Vector[] own) {
            this.executor = executor;
            this.own = own;
        }
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new State(new ExpressionExecutor(ctx, conditions), new DataChunk(types()).columns());
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        State s = (State) state;
        int n = input.size();
        int[] sel = n <= s.sel.length ? s.sel : new int[n];
        int k = s.executor.selectAll(input, sel);
        if (k == n) {
            for (int c = 0; c < output.columnCount(); c++) output.setColumn(c, input.column(c));
        } else {
            for (int c = 0; c < output.columnCount(); c++) {
                Vector v = s.own[c];
                if (v.capacity < k) v = s.own[c] = new Vector(v.type, n);
                v.reset();
                v.copyFrom(input.column(c), sel, 0, k, 0);
                output.setColumn(c, v);
            }
        }
        output.setSize(k);
        return OperatorResult.NEED_MORE_INPUT;
    }
}
