package io.tealdb.execution;

import io.tealdb.vector.DataChunk;

/**
 * The start of a pipeline: produces chunks. Implemented by leaf operators (table scan, VALUES,
 * table functions) and by the "read" side of pipeline breakers (sort, hash aggregate, ...), which
 * read what their {@link Sink} side collected in an earlier pipeline (look it up with
 * {@link ExecutionContext#sinkState(PhysicalOperator)}).
 *
 * <p>Parallelism (morsel-driven): the executor creates ONE {@link GlobalSourceState} per pipeline
 * run and one {@link LocalSourceState} per worker thread; each thread calls {@link #getData} in a
 * loop. A parallel source hands out morsels (row groups, ranges of a sorted run, ...) from the
 * global state, typically with an atomic counter, and reports their index as the batch index.
 */
public interface Source {
    GlobalSourceState globalSourceState(ExecutionContext ctx);

    LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global);

    /**
     * Produces the next chunk for this thread into {@code out}. {@code out} belongs to this source
     * and thread only and arrives exactly as the previous call left it: write into its vectors (call
     * {@link io.tealdb.vector.Vector#reset()} first) or replace them with {@code out.setColumn} (e.g.
     * to hand out stored vectors without copying). Set {@code out.setSize}. Returns false when this
     * thread gets no more data (then {@code out} is ignored). Returning true with an empty chunk is
     * allowed (e.g. every row of a morsel was filtered out).
     */
    boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local);

    /** How many threads can usefully read this source at once (e.g. the number of morsels); 1 = serial. */
    default int maxThreads(GlobalSourceState global) {
        return 1;
    }

    /** True when {@link LocalSourceState#batchIndex()} is meaningful (morsel index in source order). */
    default boolean supportsBatchIndex() {
        return false;
    }

    /** Fraction of the source read in [0,1], or -1 when unknown. Called from other threads. */
    default double progress(GlobalSourceState global) {
        return -1;
    }
}
