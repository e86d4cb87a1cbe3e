package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.logical.LogicalExpand;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Physical {@link LogicalExpand} (UNPIVOT): each input row becomes one output row per row list,
 * input-row major (row i's outputs are adjacent, in row-list order, like DuckDB's UNNEST of the
 * unpivot lists). The row lists are evaluated vectorised over the whole input chunk; only the
 * interleaving copies value by value, since output row {@code i * k + j} takes row i of list j.
 */
public final class ExpandOperator extends PhysicalOperator implements StreamingOperator {
    private final List<List<PhysicalExpr>> rows;

    public ExpandOperator(PhysicalOperator child, List<LogicalType> types, List<List<PhysicalExpr>> rows) {
        super(types, List.of(child), child.estimatedCardinality() < 0 ? -1 : child.estimatedCardinality() * rows.size());
        this.rows = List.copyOf(rows);
    }

    @Override
    public String name() {
        return "UNPIVOT";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        for (List<PhysicalExpr> r : rows) d.add(r.toString());
        return d;
    }

    private static final class State implements OperatorState {
        final ExpressionExecutor[] executors;
        final Vector[][] evaluated;
        /** Next flat output position (input row * k + list) of the current input chunk; 0 = fresh input. */
        long next;

        State(ExpressionExecutor[] executors, int columns) {
            this.executors = executors;
            this.evaluated = new Vector[executors.length][columns];
        }
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        ExpressionExecutor[] executors = new ExpressionExecutor[rows.size()];
        for (int j = 0; j < executors.length; j++) executors[j] = new ExpressionExecutor(ctx, rows.get(j));
        return new State(executors, types().size());
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState operatorState) {
        State state = (State) operatorState;
        int k = state.executors.length;
        int columns = types().size();
        if (state.next == 0) {
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < columns; c++) state.evaluated[j][c] = state.executors[j].execute(c, input);
            }
        }
        long total = (long) input.size() * k;
        int count = (int) Math.min(DataChunk.CAPACITY, total - state.next);
        output.reset();
        for (int c = 0; c < columns; c++) {
            Vector out = output.column(c);
            long o = state.next;
            for (int r = 0; r < count; r++, o++) {
                out.copyRow(state.evaluated[(int) (o % k)][c], (int) (o / k), r);
            }
        }
        output.setSize(count);
        state.next += count;
        if (state.next < total) return OperatorResult.HAVE_MORE_OUTPUT;
        state.next = 0;
        return OperatorResult.NEED_MORE_INPUT;
    }
}
