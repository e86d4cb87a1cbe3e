/**
 * Vectorized, parallel, push-based execution (DuckDB's model).
 *
 * <h2>Plan → pipelines</h2>
 * {@link io.tealdb.execution.PhysicalPlanner} turns the optimized logical tree into
 * {@link io.tealdb.execution.PhysicalOperator}s (column bindings resolved to chunk positions; the
 * output columns of the operator planned for a logical node are that node's {@code bindings()}).
 * {@link io.tealdb.execution.PipelineBuilder} cuts the physical tree into
 * {@link io.tealdb.execution.Pipeline}s: a {@link io.tealdb.execution.Source}, a chain of
 * {@link io.tealdb.execution.StreamingOperator}s and a {@link io.tealdb.execution.Sink}. Pipeline
 * breakers (sort, top-n, hash aggregate, join build sides, ...) are the sink of one pipeline and the
 * source of the next one, which depends on it. UNION ALL feeds two pipelines into one sink.
 *
 * <h2>Threading model</h2>
 * <ul>
 * <li>{@link io.tealdb.execution.QueryExecutor#execute} starts a coordinator (a virtual thread) and
 *     returns a {@link io.tealdb.execution.ResultStream} at once. The coordinator runs the pipelines
 *     one after another in dependency order.</li>
 * <li>Each pipeline runs on {@code min(ctx.threads(), source.maxThreads())} workers from the
 *     database's {@link io.tealdb.execution.TaskScheduler}. Every worker owns one local state per
 *     role (source, each operator, sink) and one output chunk per operator, so operators never
 *     synchronise per chunk; shared state lives in the global states and must be thread-safe.</li>
 * <li>Morsel-driven parallelism: parallel sources hand out morsels (row groups, ranges) through an
 *     atomic counter in their global source state. A worker loops: pull a chunk from the source,
 *     push it through the operators into its local sink state; when the source is exhausted it
 *     calls {@code Sink.combine} (merge local into global). When all pipelines feeding a sink are
 *     done, {@code Sink.finalize} runs once on the coordinator.</li>
 * <li>Order: DuckDB preserves insertion order. Sinks that need order ({@code requiresOrderedInput},
 *     e.g. the result collector) get batch indexes (morsel numbers) through {@code nextBatch} and
 *     restore order themselves; if the source has no batch indexes, or an operator needs ordered
 *     input (LIMIT), the pipeline runs on one thread.</li>
 * <li>Results stream: the result collector puts compacted chunks into a bounded queue that
 *     {@link io.tealdb.execution.ResultStream#next()} drains; a full queue blocks producers
 *     (back-pressure), so huge results are never materialised. {@code close()} stops the query.</li>
 * <li>Cancellation: {@link io.tealdb.execution.ExecutionContext#interrupt()} sets a flag that
 *     workers check between chunks ({@code checkInterrupted()} → InterruptException). The first
 *     real error of any worker cancels the others and is rethrown by {@code ResultStream.next()}.</li>
 * <li>Chunks are passed by reference and are read-only for the receiver, valid only during the call
 *     (copy what you keep). Each producer owns its output chunk and may alias input vectors into it.</li>
 * </ul>
 *
 * <h2>Expressions</h2>
 * {@link io.tealdb.execution.expression.ExpressionCompiler} resolves bound expressions into
 * {@link io.tealdb.execution.expression.PhysicalExpr}; each thread evaluates them with an
 * {@link io.tealdb.execution.expression.ExpressionExecutor} (vector results, or selection vectors
 * for filters). Shared row helpers: {@link io.tealdb.vector.RowCompare},
 * {@link io.tealdb.vector.VectorHashing}.
 */
package io.tealdb.execution;
