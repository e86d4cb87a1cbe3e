package io.tealdb.execution;

import io.tealdb.error.InternalException;
import io.tealdb.error.InterruptException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

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

    /**
     * Runs {@code task} for every index in {@code [0, count)} on up to {@code threads} workers —
     * the calling thread and tasks of this pool, each pulling the next index — and returns when all
     * are done: the parallel phases inside one operator (a partitioned aggregate merge, window
     * ranges). Workers are new virtual threads, so they inherit the statement bound to the caller
     * (memory reservation, cancellation). After a failure no new index starts; the first error
     * (a real one before an interruption) is rethrown.
     */
    public void forEach(int count, int threads, IntConsumer task) {
        int workers = Math.min(count, Math.max(1, threads));
        if (workers <= 1) {
            for (int i = 0; i < count; i++) task.accept(i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < count && first.get() == null; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            } catch (Throwable t) {
                first.accumulateAndGet(t, (old, now) ->
                        old == null || (old instanceof InterruptException && !(now instanceof InterruptException)) ? now : old);
            }
        };
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) futures.add(submit(worker));
        worker.run();
        awaitAll(futures, first, () -> first.compareAndSet(null, new InterruptException("Interrupted!")));
        Throwable t = first.get();
        if (t == null) return;
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error e) throw e;
        throw new InternalException("Unexpected error in a parallel task: " + t, t);
    }

    /**
     * Waits for every future even if this thread is interrupted (the tasks still use the caller's
     * structures): each interruption runs {@code onInterrupt} (which tells the tasks to stop), and
     * the first task failure goes into {@code first}. Returns whether this thread was interrupted;
     * its interrupt flag is then set again.
     */
    public static boolean awaitAll(List<Future<?>> futures, AtomicReference<Throwable> first, Runnable onInterrupt) {
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    onInterrupt.run();
                } catch (ExecutionException e) {
                    first.compareAndSet(null, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return interrupted;
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
