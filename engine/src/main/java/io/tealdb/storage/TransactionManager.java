package io.tealdb.storage;

import io.tealdb.error.TransactionException;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * Hands out transactions of one database and orders their commits. Timestamps: a transaction
 * starting now gets {@code startTime = lastCommit + 1}; a commit takes {@code ++lastCommit}, so it is
 * visible exactly to transactions that start afterwards. Begin and commit share one lock so no
 * transaction starts while a commit is half-stamped; both are O(1) for read-only transactions.
 *
 * <p>Committed transactions that updated rows keep old versions for older snapshots; once every
 * active transaction started after such a commit, its {@link UndoEntry#cleanup()} runs.
 */
public final class TransactionManager {
    private long lastCommit = 1;
    private long nextTransactionId = Transaction.TRANSACTION_ID_START;
    private final ArrayList<Transaction> active = new ArrayList<>();
    /** Committed writers whose old versions may still be needed, in commit order. */
    private final ArrayDeque<Transaction> awaitingCleanup = new ArrayDeque<>();
    /** Where tables of a persistent database write full row groups of uncommitted transactions (null: nowhere). */
    private volatile RowGroupSpill spill;

    /** Set by the persistence layer once a database file is open for writing. */
    public void setSpill(RowGroupSpill spill) {
        this.spill = spill;
    }

    public RowGroupSpill spill() {
        return spill;
    }

    public synchronized Transaction begin() {
        Transaction t = new Transaction(this, lastCommit + 1, nextTransactionId++);
        active.add(t);
        return t;
    }

    /** Commits {@code txn}: its changes become visible to transactions starting afterwards. */
    public void commit(Transaction txn) {
        if (txn.manager() != this) {
            throw new IllegalArgumentException("transaction of another database");
        }
        synchronized (this) {
            if (!txn.isActive()) {
                throw new TransactionException("cannot commit - no transaction is active");
            }
            if (txn.hasChanges()) {
                verifyLocked(txn);
            }
            active.remove(txn);
            if (txn.hasChanges()) {
                txn.stampCommit(++lastCommit);
                awaitingCleanup.add(txn);
            } else {
                txn.stampCommit(lastCommit);
            }
            runCleanup();
        }
    }

    /**
     * Checks that {@code txn} may commit (the optimistic unique-key check: another transaction may
     * have committed a key it inserted since); when it may not, rolls it back and throws the
     * TransactionException. A durable commit calls this before writing its log record, under the
     * lock that orders its commits; {@link #commit} checks again (free unless keys are contested).
     */
    public synchronized void verifyCommit(Transaction txn) {
        if (txn.isActive() && txn.hasChanges()) {
            verifyLocked(txn);
        }
    }

    private void verifyLocked(Transaction txn) {
        try {
            txn.verifyCommit();
        } catch (RuntimeException e) {
            txn.undoAll();
            active.remove(txn);
            runCleanup();
            throw e;
        }
    }

    /** Undoes every change of {@code txn}. Rolling back a finished transaction is a no-op. */
    public void rollback(Transaction txn) {
        synchronized (this) {
            if (!txn.isActive()) {
                return;
            }
            // Undo before leaving the active set: cleanup of others must not race the undo.
            txn.undoAll();
            active.remove(txn);
            runCleanup();
        }
    }

    /** Start time of the oldest running transaction (or the next start time when none runs). */
    public synchronized long lowestActiveStart() {
        long lowest = lastCommit + 1;
        for (Transaction t : active) {
            lowest = Math.min(lowest, t.startTime());
        }
        return lowest;
    }

    /** Number of running transactions. */
    public synchronized int activeCount() {
        return active.size();
    }

    private void runCleanup() {
        if (awaitingCleanup.isEmpty()) {
            return;
        }
        long lowest = lowestActiveStart();
        while (!awaitingCleanup.isEmpty() && awaitingCleanup.peekFirst().commitTime() < lowest) {
            awaitingCleanup.pollFirst().cleanupCommitted();
        }
    }
}
