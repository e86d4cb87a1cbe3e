package io.tealdb.memory;

import java.util.function.Supplier;

/**
 * The statement running on this thread, as code below the execution layer sees it: kernels
 * (a regular expression matching a long string) and vectors (a list growing to millions of
 * elements) have no execution context to ask, yet must stop when the statement is cancelled and
 * must not grow past memory_limit. The execution layer binds the statement to the threads that run
 * its pipelines ({@code execution.Cancellation#within}); worker threads inherit it. No statement
 * bound (a unit test calling a kernel directly): nothing to check or account.
 */
public final class StatementGuard {
    /** What a running statement offers: its cancellation flag and its memory reservation. */
    public interface Statement {
        /** Throws InterruptException if the statement was cancelled. */
        void checkInterrupted();

        /** Reserves {@code bytes} more; OutOfMemoryException (nothing reserved) over the limit. */
        void reserveMemory(long bytes, String what);

        /** Gives back {@code bytes} reserved earlier. */
        void releaseMemory(long bytes);
    }

    private static final InheritableThreadLocal<Statement> CURRENT = new InheritableThreadLocal<>();

    private StatementGuard() {
    }

    /** Throws InterruptException if the statement running on this thread was cancelled. */
    public static void check() {
        Statement s = CURRENT.get();
        if (s != null) s.checkInterrupted();
    }

    /** True when this thread runs (part of) a statement. */
    public static boolean bound() {
        return CURRENT.get() != null;
    }

    /** Reserves {@code bytes} for the statement running on this thread (held until it ends). */
    public static void reserve(long bytes, String what) {
        Statement s = CURRENT.get();
        if (s != null) s.reserveMemory(bytes, what);
    }

    /** Gives back {@code bytes} reserved earlier by the statement running on this thread (a structure it no longer holds). */
    public static void release(long bytes) {
        Statement s = CURRENT.get();
        if (s != null && bytes > 0) s.releaseMemory(bytes);
    }

    /** The statement bound to this thread, or null: to bind it to a thread that does not inherit it (a pool's). */
    public static Statement current() {
        return CURRENT.get();
    }

    /**
     * Fails with OutOfMemoryException unless {@code bytes} more would fit the statement's limit now,
     * without holding them: for a transient allocation (one vector's array) whose size alone may
     * exhaust the heap, where holding the bytes until the statement ends would count a streamed
     * chunk's memory again for every chunk.
     */
    public static void admit(long bytes, String what) {
        Statement s = CURRENT.get();
        if (s == null || bytes <= 0) return;
        s.reserveMemory(bytes, what);
        s.releaseMemory(bytes);
    }

    /** Runs {@code body} with {@code statement} bound to this thread (restoring the previous binding after). */
    public static <T> T within(Statement statement, Supplier<T> body) {
        Statement previous = CURRENT.get();
        CURRENT.set(statement);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }
}
