package io.tealdb.storage;

import io.tealdb.error.TransactionException;

import java.util.ArrayList;
import java.util.List;

/**
 * One session-level transaction over the attached databases it touches (DuckDB's MetaTransaction):
 * a {@link Transaction} per database, begun on first use. The {@link #root()} is begun on the
 * session's current database and is the handle the session passes around; storage and catalog
 * objects of another database find their own member with {@link Transaction#in}, so a plan that
 * reads two databases needs nothing more than the root.
 *
 * <p>A transaction may modify only one attached database, as in DuckDB: the first write picks the
 * {@link #writer}, and a write to a second database fails with DuckDB's error. The session's temp
 * database (in memory, private to the session) is exempt and may be written besides. So commit is
 * one durable commit (the writer's) plus commits of the other members that cannot conflict (read-only
 * ones, and the temp database no other session writes), and needs no two-phase protocol.
 *
 * <p>Statement savepoints apply to every member, including members begun during the statement.
 * Thread-safe for the parallel workers of one statement (member lookup and write registration
 * synchronise); begin/commit/rollback come from the session thread.
 */
public final class MetaTransaction {
    /** What the session supplies: how to begin, check, commit and roll back a transaction on an attached database. */
    public interface Databases {
        /** Begins a transaction on the database whose transactions {@code database} hands out; throws when it is not attached. */
        Transaction begin(TransactionManager database);

        /**
         * True for the session's temp database: writing there never makes it the transaction's one
         * written database (DuckDB lets a transaction write temporary objects besides one database).
         */
        boolean isTemporary(TransactionManager database);

        /** Throws when the running statement may not write to {@code database} (attached READ_ONLY). */
        void checkWritable(TransactionManager database);

        /** The database's attached name, for messages. */
        String name(TransactionManager database);

        /** Commits {@code txn} in its database (durably for a file database). */
        void commit(Transaction txn);

        /** Rolls {@code txn} back in its database. */
        void rollback(Transaction txn);
    }

    private final Databases databases;
    private final Transaction root;
    /** Every member, root first; guarded by this. */
    private final List<Transaction> members = new ArrayList<>(2);
    /** The member that modified its database; null while nothing was written. */
    private volatile Transaction writer;
    private boolean inStatement;

    /** Begins the root transaction on {@code database}. */
    public MetaTransaction(Databases databases, TransactionManager database) {
        this.databases = databases;
        this.root = databases.begin(database);
        root.joined(this);
        members.add(root);
    }

    /** The member on the database the session was using when the transaction began. */
    public Transaction root() {
        return root;
    }

    public boolean isActive() {
        return root.isActive();
    }

    /** The member on {@code database}, begun now if this transaction has not touched it yet. */
    synchronized Transaction member(TransactionManager database) {
        for (Transaction t : members) {
            if (t.manager() == database) return t;
        }
        if (!root.isActive()) throw new TransactionException("Transaction is no longer active");
        Transaction t = databases.begin(database);
        t.joined(this);
        if (inStatement) t.beginStatement();
        members.add(t);
        return t;
    }

    /** True when this transaction has a member on {@code database} (reads or writes there). */
    public synchronized boolean touches(TransactionManager database) {
        for (Transaction t : members) {
            if (t.manager() == database) return true;
        }
        return false;
    }

    /** Registers that {@code member} is about to modify its database; enforces one written database. */
    void modifies(Transaction member) {
        if (writer == member) return;
        if (databases.isTemporary(member.manager())) return;
        synchronized (this) {
            Transaction w = writer;
            if (w == member) return;
            if (w != null) {
                throw new TransactionException("Attempting to write to database \"" + databases.name(member.manager())
                        + "\" in a transaction that has already modified database \"" + databases.name(w.manager())
                        + "\" - a single transaction can only write to a single attached database.");
            }
            databases.checkWritable(member.manager());
            writer = member;
        }
    }

    // ------------------------------------------------------------------ statements

    public synchronized void beginStatement() {
        for (Transaction t : members) t.beginStatement();
        inStatement = true;
    }

    public synchronized void commitStatement() {
        inStatement = false;
        for (Transaction t : members) t.commitStatement();
    }

    public synchronized void rollbackStatement() {
        inStatement = false;
        RuntimeException failure = null;
        for (Transaction t : members) {
            try {
                t.rollbackStatement();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        // a statement that failed before writing leaves the transaction free to write elsewhere
        Transaction w = writer;
        if (w != null && !w.hasChanges()) writer = null;
        if (failure != null) throw failure;
    }

    // ------------------------------------------------------------------ end

    /**
     * Commits: the written database first (the only durable step; when it fails the others are
     * rolled back and the error propagates), then the read-only members.
     */
    public void commit() {
        List<Transaction> all;
        synchronized (this) {
            all = List.copyOf(members);
        }
        Transaction w = writer;
        if (w != null) {
            try {
                databases.commit(w);
            } catch (RuntimeException e) {
                for (Transaction t : all) {
                    if (t != w) rollbackQuietly(t, e);
                }
                throw e;
            }
        }
        RuntimeException failure = null;
        for (Transaction t : all) {
            if (t == w) continue;
            try {
                databases.commit(t);
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    /** Rolls every member back (a finished member is skipped). */
    public void rollback() {
        List<Transaction> all;
        synchronized (this) {
            all = List.copyOf(members);
        }
        RuntimeException failure = null;
        for (Transaction t : all) {
            try {
                if (t.isActive()) databases.rollback(t);
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private void rollbackQuietly(Transaction t, RuntimeException cause) {
        try {
            if (t.isActive()) databases.rollback(t);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
