package io.tealdb.storage;

import io.tealdb.error.TransactionException;

import java.util.ArrayList;

/**
 * A snapshot-isolated transaction (MVCC as in DuckDB): it sees every change committed before its
 * {@link #startTime()} plus its own changes. Versions in storage are tagged with either a commit
 * timestamp (small numbers) or the id of the still-running transaction that made them (numbers
 * from {@link #TRANSACTION_ID_START} on), so one comparison decides visibility:
 * {@code version < startTime || version == id}.
 *
 * <p>Statement-level atomicity: {@link #beginStatement()} marks the undo log; {@link
 * #rollbackStatement()} undoes everything logged since the mark (appends, deletes, updates,
 * catalog changes), {@link #commitStatement()} keeps it. Not thread-safe for writes (a session
 * runs one statement at a time; parallel operators of one statement must synchronise their
 * writes through the table, which locks internally).
 */
public final class Transaction {
    /** First transaction id; commit timestamps stay below it. */
    public static final long TRANSACTION_ID_START = 1L << 62;
    /** Version of rows whose insert was rolled back, and "not deleted" delete version: never visible. */
    public static final long NEVER = Long.MAX_VALUE;

    private final TransactionManager manager;
    private final long startTime;
    private final long id;
    private volatile long commitTime;
    private volatile State state = State.ACTIVE;
    private final ArrayList<UndoEntry> undo = new ArrayList<>();
    private int statementMark = -1;
    /** The session-level transaction over several attached databases this one belongs to; null for internal transactions. */
    private volatile MetaTransaction meta;

    /** Lifecycle of a transaction. */
    public enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    Transaction(TransactionManager manager, long startTime, long id) {
        this.manager = manager;
        this.startTime = startTime;
        this.id = id;
    }

    /** Changes committed with a timestamp below this are visible. */
    public long startTime() {
        return startTime;
    }

    /** This transaction's id: the version tag of its uncommitted changes. */
    public long id() {
        return id;
    }

    /** Commit timestamp once committed, else 0. */
    public long commitTime() {
        return commitTime;
    }

    public State state() {
        return state;
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public TransactionManager manager() {
        return manager;
    }

    void joined(MetaTransaction m) {
        meta = m;
    }

    /**
     * This transaction's counterpart in the database whose transactions {@code database} hands out:
     * itself for its own database and for {@code null} (statement-local scratch tables belong to no
     * database), else the member of the same {@link MetaTransaction}, begun on first use. Catalog and
     * table storage call it on entry, so one transaction handle serves plans over several databases.
     */
    public Transaction in(TransactionManager database) {
        if (database == manager || database == null) {
            return this;
        }
        MetaTransaction m = meta;
        if (m == null) {
            throw new TransactionException("an object of another database was used outside a session transaction");
        }
        return m.member(database);
    }

    /**
     * Like {@link #in}, and registers the write: a session transaction writes to one database only,
     * and not to one attached READ_ONLY (errors from {@link MetaTransaction}).
     */
    public Transaction forWrite(TransactionManager database) {
        Transaction t = in(database);
        MetaTransaction m = t.meta;
        if (m != null && database != null) {
            m.modifies(t);
        }
        return t;
    }

    /** True when a change tagged {@code version} (commit timestamp or transaction id) is visible to this transaction. */
    public boolean sees(long version) {
        return version < startTime || version == id;
    }

    /** True when a version was made by a transaction other than this one that committed after it started or is still running. */
    public boolean conflictsWith(long version) {
        return version != id && version >= startTime && version != NEVER;
    }

    /** Logs a change made on behalf of this transaction. */
    public void addUndo(UndoEntry entry) {
        checkActive();
        synchronized (undo) {
            undo.add(entry);
        }
    }

    /** The newest change logged in the current statement (null if none): lets storage merge consecutive appends. */
    UndoEntry lastUndoOfStatement() {
        synchronized (undo) {
            int n = undo.size();
            if (n == 0 || n - 1 < statementMark) {
                return null;
            }
            return undo.get(n - 1);
        }
    }

    /** True when this transaction changed anything (data or catalog). */
    public boolean hasChanges() {
        synchronized (undo) {
            return !undo.isEmpty();
        }
    }

    /** True when one of the changes is a catalog change (see {@link UndoEntry#catalogChange()}). */
    public boolean hasCatalogChanges() {
        synchronized (undo) {
            for (UndoEntry e : undo) {
                if (e.catalogChange()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Describes every data change, oldest first, to {@code log} (for the write-ahead log at commit). */
    public void logChanges(ChangeLog log) {
        synchronized (undo) {
            for (UndoEntry e : undo) {
                e.log(log);
            }
        }
    }

    // ------------------------------------------------------------------ statements

    /** Marks the start of a statement: a later {@link #rollbackStatement()} undoes back to here. */
    public void beginStatement() {
        checkActive();
        synchronized (undo) {
            statementMark = undo.size();
        }
    }

    /** Keeps the current statement's changes (they become part of the transaction). */
    public void commitStatement() {
        statementMark = -1;
    }

    /** Undoes every change of the current statement, newest first. */
    public void rollbackStatement() {
        synchronized (undo) {
            int mark = Math.max(0, statementMark);
            for (int i = undo.size() - 1; i >= mark; i--) {
                undo.remove(i).rollback();
            }
            statementMark = -1;
        }
    }

    // ------------------------------------------------------------------ commit / rollback (via the manager)

    void checkActive() {
        if (state != State.ACTIVE) {
            throw new TransactionException("Transaction is no longer active (state " + state + ")");
        }
    }

    /** Runs every change's {@link UndoEntry#verifyCommit}; caller holds the manager's commit lock. */
    void verifyCommit() {
        synchronized (undo) {
            java.util.Set<Object> checked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (UndoEntry e : undo) {
                e.verifyCommit(checked);
            }
        }
    }

    /** Stamps every change; caller holds the manager's commit lock. */
    void stampCommit(long commitTs) {
        synchronized (undo) {
            for (UndoEntry e : undo) {
                e.commit(commitTs);
            }
        }
        commitTime = commitTs;
        state = State.COMMITTED;
    }

    void undoAll() {
        synchronized (undo) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).rollback();
            }
            undo.clear();
        }
        state = State.ROLLED_BACK;
    }

    void cleanupCommitted() {
        synchronized (undo) {
            for (UndoEntry e : undo) {
                e.cleanup();
            }
            undo.clear();
        }
    }

    @Override
    public String toString() {
        return "Transaction[id=" + (id - TRANSACTION_ID_START) + ", start=" + startTime + ", " + state + "]";
    }
}
