package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.vector.DataChunk;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * LIMIT/OFFSET as a streaming operator that stops its pipeline once satisfied. It asks for its
 * input in source order ({@link #requiresOrderedInput()}), so the executor runs its pipeline on one
 * thread: LIMIT over a scan returns the first rows in insertion order (as DuckDB does) and over a
 * sort the first rows in sort order; the scan stops early.
 */
public final class LimitOperator extends PhysicalOperator implements StreamingOperator {
    private final long limit;
    private final long offset;

    public LimitOperator(PhysicalOperator child, long limit, long offset) {
        super(child.types(), List.of(child), limit < 0 ? -1 : limit);
        this.limit = limit;
        this.offset = Math.max(0, offset);
    }

    @Override
    public long maxRows() {
        long child = childMaxRows();
        if (limit < 0) return child < 0 ? -1 : Math.max(0, child - offset);
        return child < 0 ? limit : Math.min(limit, Math.max(0, child - offset));
    }

    @Override
    public String name() {
        return "LIMIT";
    }

    @Override
    public List<String> details() {
        return List.of((limit >= 0 ? "Limit: " + limit : "") + (offset > 0 ? (limit >= 0 ? " " : "") + "Offset: " + offset : ""));
    }

    @Override
    public boolean requiresSourceOrder() {
        return true;
    }

    @Override
    public boolean parallel() {
        return false;
    }

    /**
     * Rows seen so far, shared by every pipeline this operator is part of: above a UNION ALL each
     * branch runs its own pipeline through the same LIMIT, and together they may emit only
     * {@code limit} rows. Branch pipelines run one after another, each on one thread.
     */
    private static final class Seen implements GlobalOperatorState, OperatorState {
        long seen;
        /** Not a monitor: worker threads are virtual, and on the JDK 25 we run a virtual thread blocked on a
         * contended monitor could stay blocked after it was released (JDK-8373120, fixed in 25.0.4). */
        final ReentrantLock lock = new ReentrantLock();
    }

    @Override
    public GlobalOperatorState globalOperatorState(ExecutionContext ctx) {
        return ctx.sharedOperatorState(this, Seen::new);
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return (Seen) global;
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        Seen s = (Seen) state;
        long end = limit < 0 || limit > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + limit;
        s.lock.lock();
        try {
            return limit(input, output, s, end);
        } finally {
            s.lock.unlock();
        }
    }

    private OperatorResult limit(DataChunk input, DataChunk output, Seen s, long end) {
        if (s.seen >= end) {
            output.setSize(0);
            return OperatorResult.FINISHED;
        }
        int n = input.size();
        long from = Math.max(0, offset - s.seen);
        long to = Math.min(n, end - s.seen);
        s.seen += n;
        if (from >= to) {
            output.setSize(0);
        } else if (from == 0 && to == n) {
            for (int c = 0; c < output.columnCount(); c++) output.setColumn(c, input.column(c));
            output.setSize(n);
        } else {
            DataChunk slice = new DataChunk(types(), (int) (to - from));
            for (int c = 0; c < output.columnCount(); c++) {
                slice.column(c).copyFrom(input.column(c), null, (int) from, (int) (to - from), 0);
                output.setColumn(c, slice.column(c));
            }
            output.setSize((int) (to - from));
        }
        return s.seen >= end ? OperatorResult.FINISHED : OperatorResult.NEED_MORE_INPUT;
    }
}
