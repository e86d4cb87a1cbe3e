package io.tealdb.execution;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The worker pool of one database, shared by all its queries. Pipeline tasks are CPU-bound and
 * few ({@code threads} per pipeline), so they run on virtual threads by default: a task blocked on
 * a full result buffer (the client reads slowly) unmounts and frees its carrier thread, so one slow
 * client never starves other queries; the JVM's carrier pool (one per core) bounds parallelism.
 * A database may instead pass its own executor (e.g. a fixed platform pool).
 */
public final class TaskScheduler implements AutoCloseable {
    private static final TaskScheduler DEFAULT = new TaskScheduler(defaultExecutor());

    private final ExecutorService executor;

    public TaskScheduler(ExecutorService executor) {
        this.executor = executor;
    }

    /** The process-wide default scheduler (virtual threads). */
    public static TaskScheduler shared() {
        return DEFAULT;
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static ExecutorService defaultExecutor() {
        ThreadFactory factory = Thread.ofVirtual().name("tealdb-worker-", 0).factory();
        return Executors.newThreadPerTaskExecutor(factory);
    }

    public Future<?> submit(Runnable task) {
        return executor.submit(task);
    }

    /** Starts a coordinator for one query (a virtual thread: it mostly waits). */
    public Thread startCoordinator(Runnable task) {
        return Thread.ofVirtual().name("tealdb-query").start(task);
    }

    @Override
    public void close() {
        if (this != DEFAULT) executor.shutdownNow();
    }
}
