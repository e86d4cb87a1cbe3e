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
        PhysicalOperator root = new PhysicalPlanner(rows).plan(plan);
        return execute(root, ctx);
    }

    /** Starts executing an already planned physical tree. */
    public static ResultStream execute(PhysicalOperator root, ExecutionContext ctx) {
        ResultCollector collector = new ResultCollector(root.types(), true);
        List<Pipeline> pipelines = PipelineBuilder.build(root, collector);
        ResultCollector.Buffer buffer = (ResultCollector.Buffer) ctx.sinkState(collector);
        RunningQuery q = new RunningQuery(root.types(), buffer, ctx);
        q.coordinator = ctx.scheduler().startCoordinator(() -> {
            Throwable error = null;
            try {
                PipelineExecutor.runAll(pipelines, ctx);
            } catch (Throwable t) {
                error = t;
            }
            buffer.finish(error);
        });
        return q;
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
        public void close() {
            if (closed) return;
            closed = true;
            if (!buffer.done) {
                buffer.close();
                ctx.interrupt();
            }
            try {
                coordinator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException("Interrupted while closing a query", e);
            }
        }
    }
}
