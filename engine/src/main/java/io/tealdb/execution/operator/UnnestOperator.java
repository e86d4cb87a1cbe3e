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
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Physical {@link io.tealdb.planner.logical.LogicalUnnest}: evaluates the list expressions over an
 * input chunk once, then emits, per input row, one output row per position of its longest list —
 * the input columns copied, each list's element at that position (NULL past its end). An input
 * row's output may span several output chunks (HAVE_MORE_OUTPUT resumes at the saved position).
 */
public final class UnnestOperator extends PhysicalOperator implements StreamingOperator {
    private final List<PhysicalExpr> lists;
    private final int inputColumns;

    public UnnestOperator(PhysicalOperator child, List<LogicalType> types, List<PhysicalExpr> lists) {
        super(types, List.of(child), child.estimatedCardinality());
        this.lists = List.copyOf(lists);
        this.inputColumns = types.size() - lists.size();
    }

    @Override
    public String name() {
        return "UNNEST";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        for (PhysicalExpr e : lists) d.add(e.toString());
        return d;
    }

    private static final class State implements OperatorState {
        final ExpressionExecutor executor;
        final Vector[] evaluated;
        /** Input row and list position to continue from; row 0 position 0 = a fresh input chunk. */
        int row;
        int position;

        State(ExpressionExecutor executor, int lists) {
            this.executor = executor;
            this.evaluated = new Vector[lists];
        }
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new State(new ExpressionExecutor(ctx, lists), lists.size());
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState operatorState) {
        State state = (State) operatorState;
        Vector[] ls = state.evaluated;
        if (state.row == 0 && state.position == 0) {
            for (int k = 0; k < ls.length; k++) ls[k] = state.executor.execute(k, input);
        }
        output.reset();
        int out = 0;
        int row = state.row;
        int position = state.position;
        while (row < input.size() && out < DataChunk.CAPACITY) {
            int longest = 0;
            for (Vector l : ls) if (l.isValid(row)) longest = Math.max(longest, l.lengths[row]);
            int n = Math.min(longest - position, DataChunk.CAPACITY - out);
            for (int c = 0; c < inputColumns; c++) {
                Vector src = input.column(c);
                Vector dst = output.column(c);
                for (int j = 0; j < n; j++) dst.copyRow(src, row, out + j);
            }
            for (int k = 0; k < ls.length; k++) {
                Vector l = ls[k];
                Vector dst = output.column(inputColumns + k);
                int len = l.isValid(row) ? l.lengths[row] : 0;
                for (int j = 0; j < n; j++) {
                    int p = position + j;
                    if (p < len) dst.copyRow(l.child(), l.offsets[row] + p, out + j);
                    else dst.setNull(out + j);
                }
            }
            out += n;
            position += n;
            if (position >= longest) {
                row++;
                position = 0;
            }
        }
        output.setSize(out);
        if (row < input.size()) {
            state.row = row;
            state.position = position;
            return OperatorResult.HAVE_MORE_OUTPUT;
        }
        state.row = 0;
        state.position = 0;
        return OperatorResult.NEED_MORE_INPUT;
    }
}
