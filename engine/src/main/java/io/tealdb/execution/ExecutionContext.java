package io.tealdb.execution;

import io.tealdb.error.BinderException;
import io.tealdb.error.InterruptException;
import io.tealdb.types.Value;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything one query execution needs from its session, plus its run-time bookkeeping. Thread-safe:
 * shared by the coordinator and all worker threads of the query.
 *
 * <ul>
 * <li>{@link #transaction()}: the storage transaction the scans read with (opaque here; the storage
 *     package defines its type);</li>
 * <li>{@link #threads()} and the {@link TaskScheduler} (worker pool of the database);</li>
 * <li>cancellation: {@link #interrupt()} from any thread; workers call {@link #checkInterrupted()}
 *     between chunks;</li>
 * <li>progress ({@link #progress()}) and optional per-operator profiles (EXPLAIN ANALYZE);</li>
 * <li>prepared-statement parameter values;</li>
 * <li>the global sink states of the running plan ({@link #sinkState}).</li>
 * </ul>
 */
public final class ExecutionContext implements io.tealdb.memory.StatementGuard.Statement {
    private final Object transaction;
    private final int threads;
    private final TaskScheduler scheduler;
    private final List<Value> parameters;

    private volatile boolean interrupted;
    /** Set for a nested run (e.g. one round of a recursive CTE): interrupting the parent stops it too. */
    private ExecutionContext parent;
    private volatile boolean profiling;
    private final Map<PhysicalOperator, GlobalSinkState> sinkStates = new ConcurrentHashMap<>();
    private final Map<PhysicalOperator, OperatorProfile> profiles = new ConcurrentHashMap<>();
    private final Map<PhysicalOperator, GlobalOperatorState> sharedOperatorStates = new ConcurrentHashMap<>();

    // progress: pipelines finished + fraction of the running one
    private volatile int pipelinesTotal;
    private volatile int pipelinesDone;
    private volatile Source runningSource;
    private volatile GlobalSourceState runningSourceState;

    public ExecutionContext(Object transaction, int threads, TaskScheduler scheduler, List<Value> parameters) {
        this.transaction = transaction;
        this.threads = Math.max(1, threads);
        this.scheduler = scheduler == null ? TaskScheduler.shared() : scheduler;
        this.parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /**
     * A fresh context for running a sub-plan to completion inside this query (own sink states, same
     * transaction, threads and parameters); it observes this context's interruption.
     */
    public ExecutionContext child() {
        ExecutionContext c = new ExecutionContext(transaction, threads, scheduler, parameters);
        c.parent = this;
        c.memory = memory;
        return c;
    }

    /** The gate this statement waits at before it runs (null: none); see {@link StatementAdmission}. */
    private StatementAdmission admission;
    private volatile StatementAdmission.Ticket ticket;

    /** This context, admitted through {@code gate} before its statement runs. */
    public ExecutionContext withAdmission(StatementAdmission gate) {
        this.admission = gate;
        return this;
    }

    /**
     * Waits until the statement may run (no-op when it has no gate, already holds its slot, is a
     * nested run, or is started by a thread that already runs a statement's work: see
     * {@link StatementAdmission}).
     */
    void admit() {
        if (admission == null || ticket != null || parent != null || io.tealdb.memory.StatementGuard.bound()) return;
        ticket = admission.await(this);
    }

    /** The statement stops computing for now (it ended, or waits for its client): the next one may start. */
    void yieldAdmission() {
        StatementAdmission.Ticket t = ticket;
        if (t != null) t.release();
    }

    /** A context with default threads, the shared scheduler, no transaction and no parameters (tests, constant folding). */
    public static ExecutionContext simple() {
        return new ExecutionContext(null, TaskScheduler.defaultThreads(), null, List.of());
    }

    public Object transaction() {
        return transaction;
    }

    public int threads() {
        return threads;
    }

    public TaskScheduler scheduler() {
        return scheduler;
    }

    public List<Value> parameters() {
        return parameters;
    }

    /** Value of parameter {@code index} (1-based, as in BoundParameter). */
    public Value parameter(int index) {
        if (index < 1 || index > parameters.size()) {
            throw new BinderException("Could not find parameter with index " + index + " (" + parameters.size()
                    + " parameters given)");
        }
        return parameters.get(index - 1);
    }

    // ------------------------------------------------------------ memory

    /** The statement's reservation against the database's memory_limit (null: not accounted). */
    private volatile io.tealdb.memory.Reservation memory;

    public ExecutionContext withMemory(io.tealdb.memory.Reservation reservation) {
        this.memory = reservation;
        return this;
    }

    /** Reserves {@code bytes} for {@code what} before a structure grows; OutOfMemoryException over the limit. */
    @Override
    public void reserveMemory(long bytes, String what) {
        io.tealdb.memory.Reservation r = memory;
        if (r != null) r.reserve(bytes, what);
    }

    /** Gives back {@code bytes} of what {@link #reserveMemory} reserved. */
    @Override
    public void releaseMemory(long bytes) {
        io.tealdb.memory.Reservation r = memory;
        if (r != null) r.release(bytes);
    }

    /** Gives back everything the statement reserved (when it ends, however it ends). */
    public void releaseMemory() {
        io.tealdb.memory.Reservation r = memory;
        if (r != null) r.close();
    }

    // ------------------------------------------------------------ cancellation

    /** Requests cancellation; running workers stop at their next chunk with an InterruptException. */
    public void interrupt() {
        interrupted = true;
    }

    /** As {@link #interrupt()}, with the reason the InterruptException gives (a statement timeout). */
    public void interrupt(String reason) {
        if (reason != null) interruptReason = reason;
        interrupted = true;
    }

    private volatile String interruptReason;

    public boolean isInterrupted() {
        return interrupted || (parent != null && parent.isInterrupted());
    }

    /** Called by workers between chunks (and by long loops inside operators). */
    @Override
    public void checkInterrupted() {
        if (isInterrupted()) {
            String reason = interruptReason;
            if (reason == null && parent != null) reason = parent.interruptReason;
            throw new InterruptException(reason != null ? reason : "Interrupted!");
        }
    }

    // ------------------------------------------------------------ sink states

    /** The global state of {@code sink}, created on first use. */
    /**
     * One global state per operator for the whole query, even when the operator appears in several
     * pipelines (an operator above a UNION ALL is part of each branch's pipeline).
     */
    public GlobalOperatorState sharedOperatorState(PhysicalOperator op, java.util.function.Supplier<GlobalOperatorState> create) {
        return sharedOperatorStates.computeIfAbsent(op, k -> create.get());
    }

    public GlobalSinkState sinkState(PhysicalOperator sink) {
        return sinkStates.computeIfAbsent(sink, s -> ((Sink) s).globalSinkState(this));
    }

    /** Like {@link #sinkState(PhysicalOperator)}, typed. */
    @SuppressWarnings("unchecked")
    public <T extends GlobalSinkState> T sinkState(PhysicalOperator sink, Class<T> type) {
        return (T) sinkState(sink);
    }

    /** Stores a pre-built sink state (e.g. a result buffer created by the caller). */
    public void putSinkState(PhysicalOperator sink, GlobalSinkState state) {
        sinkStates.put(sink, state);
    }

    <T extends GlobalSinkState> T computeSinkState(PhysicalOperator sink, Supplier<T> supplier) {
        @SuppressWarnings("unchecked") T t = (T) sinkStates.computeIfAbsent(sink, s -> supplier.get());
        return t;
    }

    // ------------------------------------------------------------ progress & profiling

    void startPipelines(int total) {
        pipelinesTotal = total;
        pipelinesDone = 0;
    }

    void runningPipeline(Source source, GlobalSourceState state) {
        runningSourceState = state;
        runningSource = source;
    }

    void pipelineDone() {
        pipelinesDone++;
        runningSource = null;
    }

    /** Progress in [0,1], or -1 when not running. Thread-safe. */
    public double progress() {
        int total = pipelinesTotal;
        if (total == 0) return -1;
        double done = pipelinesDone;
        Source s = runningSource;
        GlobalSourceState g = runningSourceState;
        if (s != null && g != null) {
            double f = s.progress(g);
            if (f >= 0) done += Math.min(1, f);
        }
        return Math.min(1.0, done / total);
    }

    public void enableProfiling() {
        profiling = true;
    }

    public boolean profiling() {
        return profiling;
    }

    public OperatorProfile profile(PhysicalOperator op) {
        return profiles.computeIfAbsent(op, o -> new OperatorProfile());
    }

    /** Profile of {@code op} or null when it never ran / profiling is off. */
    public OperatorProfile profileOrNull(PhysicalOperator op) {
        return profiles.get(op);
    }
}
