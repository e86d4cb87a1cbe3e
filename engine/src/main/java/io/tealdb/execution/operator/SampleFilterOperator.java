package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.parser.ast.SampleMethod;
import io.tealdb.vector.DataChunk;

import java.util.List;
import java.util.SplittableRandom;

/**
 * USING SAMPLE p% by BERNOULLI (each row kept with probability p) or SYSTEM (each chunk of up to
 * 2,048 rows kept whole with probability p, as DuckDB samples vectors: cheaper, but clustered). With
 * a REPEATABLE seed the pipeline runs on one thread, so the same input gives the same sample.
 */
public final class SampleFilterOperator extends PhysicalOperator implements StreamingOperator {
    private final SampleMethod method;
    private final double fraction;
    private final Long seed;

    public SampleFilterOperator(PhysicalOperator child, SampleMethod method, double percentage, Long seed) {
        super(child.types(), List.of(child), child.estimatedCardinality() < 0 ? -1
                : (long) Math.ceil(child.estimatedCardinality() * percentage / 100));
        if (method == SampleMethod.RESERVOIR) throw new IllegalArgumentException("reservoir samples are drawn by TOP_N over random keys");
        this.method = method;
        this.fraction = percentage / 100;
        this.seed = seed;
    }

    @Override
    public long maxRows() {
        return childMaxRows();
    }

    @Override
    public String name() {
        return "SAMPLE";
    }

    @Override
    public List<String> details() {
        return List.of(method.name().toLowerCase(java.util.Locale.ROOT) + " " + fraction * 100 + "%"
                + (seed != null ? " seed " + seed : ""));
    }

    @Override
    public boolean parallel() {
        return seed == null;
    }

    @Override
    public boolean requiresSourceOrder() {
        return seed != null;
    }

    private record State(SplittableRandom random, SelectedRows rows) implements OperatorState {
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new State(seed != null ? new SplittableRandom(seed) : new SplittableRandom(), new SelectedRows(types()));
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        State s = (State) state;
        int n = input.size();
        int[] sel = s.rows.selection(n);
        int k;
        if (method == SampleMethod.SYSTEM) {
            k = s.random.nextDouble() < fraction ? n : 0;
        } else {
            k = 0;
            for (int i = 0; i < n; i++) {
                sel[k] = i;
                k += s.random.nextDouble() < fraction ? 1 : 0;
            }
        }
        s.rows.emit(input, output, k);
        return OperatorResult.NEED_MORE_INPUT;
    }
}
