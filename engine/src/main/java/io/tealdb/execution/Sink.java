package io.tealdb.execution;

import io.tealdb.vector.DataChunk;

/**
 * The end of a pipeline (a pipeline breaker or the result collector). Protocol, as in DuckDB:
 * <ol>
 * <li>{@link #globalSinkState} once per query (registered in the {@link ExecutionContext}; shared by
 *     every pipeline that feeds this sink, e.g. both inputs of UNION ALL);</li>
 * <li>per worker thread: {@link #localSinkState}, then {@link #sink} for each chunk, then
 *     {@link #combine} exactly once when the thread is done (merge local into global; must be
 *     thread-safe);</li>
 * <li>{@link #finalize} once, after every pipeline feeding the sink has finished (sort the runs,
 *     build the hash table directory, ...), on one thread.</li>
 * </ol>
 * A chunk passed to {@link #sink} is read-only and valid only during the call: copy what you keep.
 */
public interface Sink {
    GlobalSinkState globalSinkState(ExecutionContext ctx);

    LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global);

    SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local);

    /**
     * Called before the first chunk of each new batch (morsel) when {@link #requiresOrderedInput()}
     * and the source supports batch indexes. Batch indexes grow monotonically per thread; a thread
     * will never again send chunks of its previous batch.
     */
    default void nextBatch(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local, long batchIndex) {
    }

    void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local);

    /**
     * Called instead of {@link #combine} when a worker stops with an error (or is interrupted) after
     * it got its {@link #localSinkState}: that local state is dropped, and whatever other workers
     * wait for because of it must be released, since the thread will never send or combine again
     * (the query fails; the sink need not produce a consistent result).
     */
    default void abort(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
    }

    default void finalize(ExecutionContext ctx, GlobalSinkState global) {
    }

    /**
     * True when the sink needs its input in source order (result collector, LIMIT): the executor
     * then either reports batch indexes through {@link #nextBatch} (parallel, order restored by the
     * sink) or runs the pipeline on one thread when the source has no batch indexes.
     */
    default boolean requiresOrderedInput() {
        return false;
    }

    /** False if the sink cannot take input from several threads at once. */
    default boolean parallelSink() {
        return true;
    }
}
