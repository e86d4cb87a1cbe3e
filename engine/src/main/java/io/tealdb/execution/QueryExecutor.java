package io.tealdb.execution;

import io.tealdb.error.InterruptException;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of execution: plans a logical tree physically, cuts it into pipelines and runs them
 * on the worker pool, streaming the result.
 */
public final class QueryExecutor {
    private QueryExecutor() {
    }

    /** Starts executing {@code plan}; results stream through the returned {@link ResultStream}. */
    public static ResultStream execute(LogicalOperator plan, ExecutionContext ctx) {
        return execute(plan, ctx, RowEstimator.NONE);
    }

    /** Starts executing {@code plan}, planned physically with the given row estimates. */
    public static ResultStream execute(LogicalOperator plan, ExecutionContext ctx, RowEstimator rows) {
        // planning folds constant expressions (a regular expression over a long literal can take a
        // while): bound to the statement, so that a cancel and memory_limit reach the kernels it runs
        ctx.admit();
        PhysicalOperator root;
        try {
            root = Cancellation.within(ctx, () -> new PhysicalPlanner(rows).plan(plan));
        } catch (Throwable t) {
            ctx.yieldAdmission();
            throw t;
        }
        return execute(root, ctx);
    }

    /**
     * Results of at most this many rows (as the plan's shape proves, {@link PhysicalOperator#maxRows})
     * are computed on the caller's thread before {@code execute} returns. Starting a coordinator
     * thread and handing each chunk over to the consumer costs two thread wake-ups, which dominates
     * a query such as {@code SELECT ?::INTEGER + 1} (and, under load, doubles its latency); a small
     * result gains nothing from streaming. Larger results stream from a coordinator as before, so
     * memory stays bounded by the collector's queue.
     */
    static final long INLINE_MAX_ROWS = 8L * DataChunk.CAPACITY;

    /** Starts executing an already planned physical tree. */
    public static ResultStream execute(PhysicalOperator root, ExecutionContext ctx) {
        ctx.admit();
        try {
            return start(root, ctx);
        } catch (Throwable t) {
            ctx.yieldAdmission();
            throw t;
        }
    }

    private static ResultStream start(PhysicalOperator root, ExecutionContext ctx) {
        long bound = root.maxRows();
        ResultCollector collector = new ResultCollector(root.types(), true, bound);
        List<Pipeline> pipelines = PipelineBuilder.build(root, collector);
        ResultCollector.Buffer buffer = (ResultCollector.Buffer) ctx.sinkState(collector);
        RunningQuery q = new RunningQuery(root.types(), buffer, ctx);
        if (bound >= 0 && bound <= INLINE_MAX_ROWS) {
            buffer.unbounded(); // nobody reads until the query is over: producers must never wait for room
            runToEnd(pipelines, ctx, buffer);
            return q;
        }
        q.coordinator = ctx.scheduler().startCoordinator(() -> runToEnd(pipelines, ctx, buffer));
        return q;
    }

    private static void runToEnd(List<Pipeline> pipelines, ExecutionContext ctx, ResultCollector.Buffer buffer) {
        Throwable error = null;
        try {
            PipelineExecutor.runAll(pipelines, ctx);
        } catch (Throwable t) {
            error = t;
        }
        buffer.finish(error);
        ctx.yieldAdmission();
    }

    /** Runs {@code plan} to completion and returns all result chunks (tests, small results). */
    public static List<DataChunk> collect(LogicalOperator plan, ExecutionContext ctx) {
        try (ResultStream s = execute(plan, ctx)) {
            return drain(s);
        }
    }

    public static List<DataChunk> drain(ResultStream s) {
        List<DataChunk> out = new ArrayList<>();
        for (DataChunk c = s.next(); c != null; c = s.next()) out.add(c);
        return out;
    }

    private static final class RunningQuery implements ResultStream {
        private final List<LogicalType> types;
        private final ResultCollector.Buffer buffer;
        private final ExecutionContext ctx;
        /** The thread running a streamed query; null when it ran on the caller's thread. */
        Thread coordinator;
        private boolean closed;

        RunningQuery(List<LogicalType> types, ResultCollector.Buffer buffer, ExecutionContext ctx) {
            this.types = types;
            this.buffer = buffer;
            this.ctx = ctx;
        }

        @Override
        public List<LogicalType> types() {
            return types;
        }

        @Override
        public DataChunk next() {
            if (closed) return null;
            try {
                return buffer.take();
            } catch (Throwable t) {
                throw PipelineExecutor.rethrow(t);
            }
        }

        @Override
        public void recycle(DataChunk chunk) {
            if (!closed) buffer.recycle(chunk);
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (!buffer.done) {
                buffer.close();
                ctx.interrupt();
            }
            if (coordinator == null) return;
            try {
                coordinator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException("Interrupted while closing a query", e);
            }
        }
    }
}
