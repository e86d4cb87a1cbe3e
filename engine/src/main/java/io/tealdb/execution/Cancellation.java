package io.tealdb.execution;

import java.util.function.Supplier;

/**
 * Cancellation checks for loops deep inside operators and kernels (window frames, sorts, hash table
 * builds) that do not carry an {@link ExecutionContext}: the query's context is bound to the
 * thread that runs its pipelines and inherited by the tasks they start (worker threads are new
 * virtual threads per task, which inherit it), so {@link #check()} costs a thread-local read and a
 * volatile read. Loops call it every few thousand iterations so that a cancelled statement stops
 * within well under a second, whatever operator it is in.
 */
public final class Cancellation {
    private Cancellation() {
    }

    /** Throws InterruptException if the query running on this thread was cancelled. */
    public static void check() {
        io.tealdb.memory.StatementGuard.check();
    }

    /**
     * Reserves {@code bytes} against the memory_limit for the query running on this thread before a
     * structure grows (hash table columns, buffers): the same thread binding serves the growth
     * points deep in data structures that carry no context. No query bound: nothing to account.
     */
    public static void reserveMemory(long bytes, String what) {
        io.tealdb.memory.StatementGuard.reserve(bytes, what);
    }

    /** Gives back {@code bytes} reserved with {@link #reserveMemory} for a structure that is gone. */
    public static void releaseMemory(long bytes) {
        io.tealdb.memory.StatementGuard.release(bytes);
    }

    /** Runs {@code body} with {@code ctx} as this thread's query (restoring the previous one after). */
    public static <T> T within(ExecutionContext ctx, Supplier<T> body) {
        // the binding lives in the memory package, so that kernels and vectors below this layer see it
        return io.tealdb.memory.StatementGuard.within(ctx, body);
    }

    public static void within(ExecutionContext ctx, Runnable body) {
        within(ctx, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Reserves the growth of a structure from {@code oldBytes} (already reserved) to {@code newBytes}
     * (held until the query ends), after checking that the new arrays fit beside the old ones:
     * growing copies, so for a moment both exist, and a table growing near memory_limit would
     * otherwise exhaust the heap in the very copy that the limit allowed.
     */
    public static void reserveGrowth(long oldBytes, long newBytes, String what) {
        io.tealdb.memory.StatementGuard.admit(newBytes, what);
        io.tealdb.memory.StatementGuard.reserve(newBytes - oldBytes, what);
    }
}
