package io.tealdb.execution;

import io.tealdb.error.InterruptException;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the statements of one database run their operators in order of arrival, at most a fixed
 * number at once (the {@code max_concurrent_queries} setting; 0 means no limit).
 *
 * <p>Why: pipeline tasks run on virtual threads, whose scheduler (a work-stealing pool) prefers
 * the tasks its carrier threads already hold over newly submitted ones. With hundreds of
 * connections each starting statements, a new statement could wait tens of seconds while the
 * others kept the carriers busy (PgWireBench with 200 connections: median 0.24 s, 99th percentile
 * 21.8 s). Statements queue here first, in a first-in, first-out queue, so the
 * scheduler only ever holds the work of a few statements and the rest are served in turn.
 *
 * <p>A statement holds its slot while it computes and gives it up when it ends or first has to
 * wait for its client to read (a full result queue, {@link ResultCollector}): a slow client never
 * holds a slot. Work started from a thread that already runs an admitted statement (a round of a
 * recursive CTE, a function that runs a query) passes without a slot, so nesting cannot deadlock.
 */
public final class StatementAdmission {
    private final ReentrantLock lock = new ReentrantLock();
    /** Statements waiting for a slot, oldest first. A released slot goes straight to the oldest. */
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int limit; // guarded by lock
    /** Slots nobody holds; negative after the limit was lowered while they were in use. Guarded by lock. */
    private int free;
    private volatile boolean unlimited = true;

    public StatementAdmission(int limit) {
        setLimit(limit);
    }

    /** Changes the number of statements that may run at once (0: any number); waiting ones are admitted as slots free up. */
    public void setLimit(int newLimit) {
        if (newLimit < 0) throw new IllegalArgumentException("negative limit " + newLimit);
        lock.lock();
        try {
            if (newLimit == 0) {
                unlimited = true;
                while (!waiting.isEmpty()) waiting.poll().admit(false); // they pass without a slot
                return;
            }
            unlimited = false;
            free += newLimit - limit;
            limit = newLimit;
            while (free > 0 && !waiting.isEmpty()) {
                free--;
                waiting.poll().admit(true);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a slot for {@code ctx}'s statement, behind those that came earlier; the statement's
     * cancellation or timeout ends the wait with its InterruptException.
     */
    Ticket await(ExecutionContext ctx) {
        if (unlimited) return Ticket.NONE;
        lock.lock();
        try {
            if (unlimited) return Ticket.NONE;
            if (waiting.isEmpty() && free > 0) {
                free--;
                return new Ticket(this);
            }
            Waiter w = new Waiter(lock.newCondition());
            waiting.add(w);
            while (!w.admitted) {
                try {
                    // a timed wait only to notice a cancel: the place in the queue is kept meanwhile
                    w.turn.await(10, TimeUnit.MILLISECONDS);
                    ctx.checkInterrupted();
                } catch (InterruptedException | RuntimeException e) {
                    if (w.admitted) {
                        if (w.slot) releaseLocked();
                    } else {
                        waiting.remove(w);
                    }
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new InterruptException("Interrupted while waiting for a query slot", e);
                    }
                    throw (RuntimeException) e;
                }
            }
            return w.slot ? new Ticket(this) : Ticket.NONE;
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            releaseLocked();
        } finally {
            lock.unlock();
        }
    }

    private void releaseLocked() {
        if (free < 0 || waiting.isEmpty()) {
            free++;
        } else {
            waiting.poll().admit(true);
        }
    }

    /** Statements waiting for a slot (tests, monitoring). */
    public int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private static final class Waiter {
        final Condition turn;
        boolean admitted; // guarded by the gate's lock
        /** Admitted holding a slot (false: the limit was lifted while it waited). */
        boolean slot;

        Waiter(Condition turn) {
            this.turn = turn;
        }

        void admit(boolean withSlot) {
            admitted = true;
            slot = withSlot;
            turn.signal();
        }
    }

    /** One admitted statement's slot; released once, by whichever comes first (end, waiting for the client). */
    static final class Ticket {
        static final Ticket NONE = new Ticket(null);

        private final StatementAdmission gate;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(StatementAdmission gate) {
            this.gate = gate;
        }

        void release() {
            if (gate != null && released.compareAndSet(false, true)) gate.release();
        }
    }
}
