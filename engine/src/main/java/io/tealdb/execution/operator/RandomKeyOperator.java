package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Appends a uniform random DOUBLE to every row. A reservoir sample of n rows is the n rows with the
 * smallest keys (TOP_N over this column), which every thread can narrow down on its own and merge
 * at the end; a reservoir of p% keeps p% of all rows by key. With a REPEATABLE seed the pipeline
 * runs on one thread, so the same input gives the same sample.
 */
public final class RandomKeyOperator extends PhysicalOperator implements StreamingOperator {
    private final Long seed;

    public RandomKeyOperator(PhysicalOperator child, Long seed) {
        super(withKey(child.types()), List.of(child), child.estimatedCardinality());
        this.seed = seed;
    }

    private static List<LogicalType> withKey(List<LogicalType> types) {
        List<LogicalType> out = new ArrayList<>(types);
        out.add(LogicalType.DOUBLE);
        return out;
    }

    @Override
    public long maxRows() {
        return childMaxRows();
    }

    @Override
    public String name() {
        return "RANDOM_KEY";
    }

    @Override
    public List<String> details() {
        return seed != null ? List.of("seed " + seed) : List.of();
    }

    @Override
    public boolean parallel() {
        return seed == null;
    }

    @Override
    public boolean requiresSourceOrder() {
        return seed != null;
    }

    private static final class State implements OperatorState {
        final SplittableRandom random;
        Vector keys = new Vector(LogicalType.DOUBLE, DataChunk.CAPACITY);

        State(SplittableRandom random) {
            this.random = random;
        }
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new State(seed != null ? new SplittableRandom(seed) : new SplittableRandom());
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        State s = (State) state;
        int n = input.size();
        int columns = input.columnCount();
        for (int c = 0; c < columns; c++) output.setColumn(c, input.column(c));
        if (s.keys.capacity < n) s.keys = new Vector(LogicalType.DOUBLE, n);
        s.keys.reset();
        double[] d = s.keys.doubles;
        for (int i = 0; i < n; i++) d[i] = s.random.nextDouble();
        output.setColumn(columns, s.keys);
        output.setSize(n);
        return OperatorResult.NEED_MORE_INPUT;
    }
}
