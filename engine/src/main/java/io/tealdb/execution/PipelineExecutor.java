package io.tealdb.execution;

import io.tealdb.error.InternalException;
import io.tealdb.error.InterruptException;
import io.tealdb.error.TealException;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs pipelines: each with up to {@code ctx.threads()} workers, in dependency order, finalizing
 * a sink once every pipeline feeding it has finished. See the package documentation for the
 * threading model.
 */
public final class PipelineExecutor {
    private PipelineExecutor() {
    }

    /** Runs {@code pipelines} (already in a valid order) to completion on the calling thread's behalf. */
    public static void runAll(List<Pipeline> pipelines, ExecutionContext ctx) {
        Cancellation.within(ctx, () -> runAllBound(pipelines, ctx));
    }

    private static void runAllBound(List<Pipeline> pipelines, ExecutionContext ctx) {
        Map<PhysicalOperator, Integer> remainingPerSink = new IdentityHashMap<>();
        for (Pipeline p : pipelines) remainingPerSink.merge(p.sink(), 1, Integer::sum);
        ctx.startPipelines(pipelines.size());
        for (Pipeline p : pipelines) {
            ctx.checkInterrupted();
            run(p, ctx);
            int left = remainingPerSink.merge(p.sink(), -1, Integer::sum);
            if (left == 0) {
                Sink sink = (Sink) p.sink();
                long t0 = ctx.profiling() ? System.nanoTime() : 0;
                sink.finalize(ctx, ctx.sinkState(p.sink()));
                if (ctx.profiling()) ctx.profile(p.sink()).add(0, System.nanoTime() - t0);
            }
            ctx.pipelineDone();
        }
    }

    /** Runs one pipeline with as many workers as useful; returns when all have combined. */
    public static void run(Pipeline p, ExecutionContext ctx) {
        Source source = (Source) p.source();
        GlobalSourceState gsrc = source.globalSourceState(ctx);
        try {
            run(p, ctx, source, gsrc);
        } finally {
            // a source holding outside resources (an external scan's stream) releases them once the
            // pipeline is over, whether it read everything, stopped early (LIMIT) or failed
            if (gsrc instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw rethrow(e);
                }
            }
        }
    }

    private static void run(Pipeline p, ExecutionContext ctx, Source source, GlobalSourceState gsrc) {
        Sink sink = (Sink) p.sink();
        GlobalSinkState gsink = ctx.sinkState(p.sink());
        List<PhysicalOperator> ops = p.operators();
        GlobalOperatorState[] gops = new GlobalOperatorState[ops.size()];
        boolean parallel = sink.parallelSink();
        boolean orderedOps = false;
        for (int i = 0; i < gops.length; i++) {
            StreamingOperator op = (StreamingOperator) ops.get(i);
            gops[i] = op.globalOperatorState(ctx);
            parallel &= op.parallel();
            orderedOps |= op.requiresSourceOrder();
        }
        boolean batches = sink.requiresOrderedInput() && source.supportsBatchIndex();
        int threads = parallel ? Math.min(ctx.threads(), source.maxThreads(gsrc)) : 1;
        if ((orderedOps || sink.requiresOrderedInput()) && !source.supportsBatchIndex()) threads = 1;
        if (orderedOps) threads = 1;
        threads = Math.max(1, threads);
        ctx.runningPipeline(source, gsrc);

        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(p, ctx, source, gsrc, sink, gsink, gops, batches);
        }
        if (threads == 1) {
            workers[0].run();
            if (workers[0].error != null) throw rethrow(workers[0].error);
            return;
        }
        AtomicReference<Throwable> first = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>(threads);
        for (Worker w : workers) {
            w.firstError = first;
            futures.add(ctx.scheduler().submit(w));
        }
        // Wait for every worker even if this thread is interrupted: returning earlier would let the
        // caller finalize the sink while workers still feed it.
        boolean interrupted = TaskScheduler.awaitAll(futures, first, ctx::interrupt); // the workers stop at their next chunk
        if (first.get() != null) throw rethrow(first.get());
        if (interrupted) throw new InterruptException("Interrupted!");
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof TealException te) return te;
        if (t instanceof Error e) throw e;
        // an unexpected exception of a worker travels as it is: the session's net names it and the statement
        if (t instanceof RuntimeException e) return e;
        return new InternalException("Unexpected error during execution: " + t, t);
    }

    /** One thread's run of a pipeline. */
    private static final class Worker implements Runnable {
        final Pipeline pipeline;
        final ExecutionContext ctx;
        final Source source;
        final GlobalSourceState gsrc;
        final Sink sink;
        final GlobalSinkState gsink;
        final GlobalOperatorState[] gops;
        final StreamingOperator[] ops;
        final PhysicalOperator[] opNodes;
        final boolean batches;
        final boolean profiling;
        /**
         * EXPLAIN ANALYZE shows the rows an operator outputs: a sink that also produces rows (hash
         * join build, aggregate, sort) is credited with those, not with the rows it consumed.
         */
        final boolean sinkCountsRows;
        AtomicReference<Throwable> firstError;
        Throwable error;

        OperatorState[] states;
        DataChunk[] outs;
        LocalSinkState lsink;

        Worker(Pipeline p, ExecutionContext ctx, Source source, GlobalSourceState gsrc, Sink sink, GlobalSinkState gsink,
               GlobalOperatorState[] gops, boolean batches) {
            this.pipeline = p;
            this.ctx = ctx;
            this.source = source;
            this.gsrc = gsrc;
            this.sink = sink;
            this.gsink = gsink;
            this.gops = gops;
            this.opNodes = p.operators().toArray(new PhysicalOperator[0]);
            this.ops = new StreamingOperator[opNodes.length];
            for (int i = 0; i < ops.length; i++) ops[i] = (StreamingOperator) opNodes[i];
            this.batches = batches;
            this.profiling = ctx.profiling();
            this.sinkCountsRows = !(p.sink() instanceof Source) && !(p.sink() instanceof StreamingOperator);
        }

        @Override
        public void run() {
            try {
                Cancellation.within(ctx, this::runLoop);
            } catch (Throwable t) {
                abortSink(t);
                if (firstError == null) {
                    error = t;
                    return;
                }
                // The first real error wins; the interrupts we cause in the other workers are noise.
                firstError.accumulateAndGet(t, (old, now) ->
                        old == null || (old instanceof InterruptException && !(now instanceof InterruptException)) ? now : old);
                ctx.interrupt();
            }
        }

        /**
         * Tells the sink this worker's local state is gone. Without it an ordered result collector
         * kept the dead worker's batch as the smallest one forever, and the other workers, waiting
         * for that batch to finish (they had buffered too much), waited forever: the query hung
         * instead of failing.
         */
        private void abortSink(Throwable cause) {
            if (lsink == null) return;
            try {
                sink.abort(ctx, gsink, lsink);
            } catch (Throwable t) {
                cause.addSuppressed(t);
            }
        }

        private void runLoop() {
            LocalSourceState lsrc = source.localSourceState(ctx, gsrc);
            states = new OperatorState[ops.length];
            outs = new DataChunk[ops.length];
            for (int i = 0; i < ops.length; i++) {
                states[i] = ops[i].operatorState(ctx, gops[i]);
                outs[i] = new DataChunk(opNodes[i].types(), DataChunk.capacityFor(opNodes[i].maxRows()));
            }
            lsink = sink.localSinkState(ctx, gsink);
            DataChunk in = new DataChunk(pipeline.source().types(), DataChunk.capacityFor(pipeline.source().maxRows()));
            long batch = Long.MIN_VALUE;
            OperatorProfile srcProfile = profiling ? ctx.profile(pipeline.source()) : null;
            while (true) {
                ctx.checkInterrupted();
                boolean more;
                if (profiling) {
                    long t0 = System.nanoTime();
                    more = source.getData(ctx, in, gsrc, lsrc);
                    srcProfile.add(more ? in.size() : 0, System.nanoTime() - t0);
                } else {
                    more = source.getData(ctx, in, gsrc, lsrc);
                }
                if (!more) break;
                if (in.size() == 0) continue;
                if (batches) {
                    long b = pipeline.batchBase() + lsrc.batchIndex();
                    if (b != batch) {
                        sink.nextBatch(ctx, gsink, lsink, b);
                        batch = b;
                    }
                }
                if (!push(in, 0)) break;
            }
            long t0 = profiling ? System.nanoTime() : 0;
            sink.combine(ctx, gsink, lsink);
            if (profiling) ctx.profile(pipeline.sink()).add(0, System.nanoTime() - t0);
        }

        /** Pushes {@code chunk} into operator {@code i} (or the sink); false = stop this pipeline. */
        private boolean push(DataChunk chunk, int i) {
            if (chunk.size() == 0) return true;
            if (i == ops.length) {
                SinkResult r;
                if (profiling) {
                    long t0 = System.nanoTime();
                    r = sink.sink(ctx, chunk, gsink, lsink);
                    ctx.profile(pipeline.sink()).add(sinkCountsRows ? chunk.size() : 0, System.nanoTime() - t0);
                } else {
                    r = sink.sink(ctx, chunk, gsink, lsink);
                }
                return r != SinkResult.FINISHED;
            }
            while (true) {
                OperatorResult r;
                if (profiling) {
                    long t0 = System.nanoTime();
                    r = ops[i].execute(ctx, chunk, outs[i], gops[i], states[i]);
                    ctx.profile(opNodes[i]).add(outs[i].size(), System.nanoTime() - t0);
                } else {
                    r = ops[i].execute(ctx, chunk, outs[i], gops[i], states[i]);
                }
                boolean go = push(outs[i], i + 1);
                if (!go || r == OperatorResult.FINISHED) return false;
                if (r == OperatorResult.NEED_MORE_INPUT) return true;
                ctx.checkInterrupted();
            }
        }
    }

    /** Debug helper: the pipelines as text. */
    public static String describe(List<Pipeline> pipelines) {
        StringBuilder sb = new StringBuilder();
        Map<Pipeline, Integer> ids = new HashMap<>();
        for (Pipeline p : pipelines) ids.put(p, p.id());
        for (Pipeline p : pipelines) sb.append(p).append('\n');
        return sb.toString();
    }
}
