package io.tealdb.execution;

import io.tealdb.vector.DataChunk;

/**
 * An operator in the middle of a pipeline: chunk in, chunk(s) out, without waiting for the rest of
 * its input (filter, projection, hash-join probe, nested-loop-join probe, streaming limit).
 *
 * <p>Each worker thread owns one {@link OperatorState} and one output chunk per operator. The
 * output chunk belongs to this operator and thread and arrives exactly as the previous call left
 * it: write into its vectors (reset them first) or alias input vectors with {@code output.setColumn}
 * (projection of a column, filter passing every row) — but then do not write into those aliased
 * vectors later; keep your own vectors in your state and put them back when you need to write.
 * The input chunk is read-only and valid only during the call, unless HAVE_MORE_OUTPUT is returned
 * (then the same input is passed again).
 */
public interface StreamingOperator {
    /** Created once per pipeline run; null when the operator needs no shared state. */
    default GlobalOperatorState globalOperatorState(ExecutionContext ctx) {
        return null;
    }

    OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global);

    /**
     * Processes {@code input} into {@code output} (set its size; an empty output is fine). See
     * {@link OperatorResult} for the protocol.
     */
    OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                           OperatorState state);

    /**
     * False when the operator must see its whole input on one thread in source order (e.g. LIMIT
     * over an ordered input); the executor then runs the pipeline with one thread.
     */
    default boolean parallel() {
        return true;
    }

    /**
     * True when this operator needs its input in source order on one thread (LIMIT keeps the first
     * rows in scan/sort order, as DuckDB does). (Named differently from Sink's method so that an
     * operator can be both a sink and a streaming operator, like a join.)
     */
    default boolean requiresSourceOrder() {
        return false;
    }
}
