package io.tealdb.session;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TransactionException;
import io.tealdb.storage.MetaTransaction;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;

import java.util.ArrayList;
import java.util.List;

/**
 * The databases one session can name: those attached to the instance ({@link DatabaseManager},
 * shared by every session) plus the session's own {@code temp} database, which holds its temporary
 * tables, views, sequences and macros as DuckDB keeps them per connection. Other sessions never see
 * it; it is in memory only (nothing reaches a database file or log) and ends with the session. It is
 * made on first use, so a session that creates no temporary object pays nothing for it.
 *
 * <p>Also the session's side of its {@link MetaTransaction}s: begins, commits and rolls back the
 * member on each database through that database's storage (durable commits for files), and refuses
 * writes to a database attached READ_ONLY with DuckDB's message, naming the running statement's
 * type ({@link #statementType}). Writes to the temp database never count as the transaction's one
 * written database, as in DuckDB.
 */
final class SessionDatabases implements MetaTransaction.Databases {
    private final DatabaseManager databases;
    /** The session's temp database; null until the session first names it. */
    private volatile AttachedDatabase temp;
    /** Numbers sessions for {@link #pgTempSchema()}. */
    private static final java.util.concurrent.atomic.AtomicInteger SESSIONS = new java.util.concurrent.atomic.AtomicInteger();
    private final int number = SESSIONS.incrementAndGet();
    /** DuckDB's name of the running statement's type (INSERT, CREATE, ...), for the read-only error. */
    volatile String statementType = "UNKNOWN";

    SessionDatabases(DatabaseManager databases) {
        this.databases = databases;
    }

    /** The instance's databases (shared by every session). */
    DatabaseManager instance() {
        return databases;
    }

    /** The database {@code name} this session can use ({@code temp}: its own temp database, made now if needed), or null. */
    AttachedDatabase get(String name) {
        if (name.equalsIgnoreCase(AttachedDatabase.TEMP_NAME)) return temp();
        return databases.get(name);
    }

    /** The session's temp database, made on first use. */
    AttachedDatabase temp() {
        AttachedDatabase t = temp;
        if (t == null) {
            synchronized (this) {
                t = temp;
                if (t == null) temp = t = AttachedDatabase.newTemporary();
            }
        }
        return t;
    }

    /**
     * The name the PostgreSQL catalog (pg_namespace, pg_class) gives this session's temporary
     * namespace: PostgreSQL's {@code pg_temp_N}, N numbering sessions in this process.
     */
    String pgTempSchema() {
        return "pg_temp_" + number;
    }

    /** The session's temp database if it was made, else null (lookups of unqualified names skip it then). */
    AttachedDatabase tempIfMade() {
        return temp;
    }

    /** The instance's databases in attach order, then the session's temp database when it exists (DuckDB lists it last). */
    List<AttachedDatabase> all() {
        List<AttachedDatabase> all = databases.all();
        AttachedDatabase t = temp;
        if (t == null) return all;
        List<AttachedDatabase> out = new ArrayList<>(all.size() + 1);
        out.addAll(all);
        out.add(t);
        return out;
    }

    /** What catalog listings show (duckdb_tables(), information_schema, ...): {@link #all()} with the temp database, made now if needed. */
    List<AttachedDatabase> listed() {
        temp();
        return all();
    }

    /** The database whose transactions {@code transactions} hands out, or null once detached. */
    AttachedDatabase of(TransactionManager transactions) {
        AttachedDatabase t = temp;
        if (t != null && t.storage().transactions() == transactions) return t;
        return databases.of(transactions);
    }

    /** Ends the session: its temp database and everything in it are dropped. */
    void close() {
        temp = null;
    }

    private AttachedDatabase attached(TransactionManager transactions) {
        AttachedDatabase d = of(transactions);
        if (d == null) throw new TransactionException("the database was detached while the transaction used it");
        return d;
    }

    @Override
    public Transaction begin(TransactionManager database) {
        return attached(database).storage().begin();
    }

    @Override
    public boolean isTemporary(TransactionManager database) {
        AttachedDatabase t = temp;
        return t != null && t.storage().transactions() == database;
    }

    @Override
    public void checkWritable(TransactionManager database) {
        AttachedDatabase d = attached(database);
        if (d.readOnly()) {
            throw new InvalidInputException("Cannot execute statement of type \"" + statementType + "\" on database \""
                    + d.name() + "\" which is attached in read-only mode!");
        }
    }

    @Override
    public String name(TransactionManager database) {
        AttachedDatabase d = of(database);
        return d == null ? "(detached)" : d.name();
    }

    @Override
    public void commit(Transaction txn) {
        AttachedDatabase d = of(txn.manager());
        if (d != null) {
            d.storage().commit(txn);
        } else if (!txn.hasChanges()) {
            txn.manager().commit(txn); // only read a database detached since: nothing to make durable
        } else {
            txn.manager().rollback(txn);
            throw new TransactionException("Cannot commit: the database written by this transaction was detached");
        }
    }

    @Override
    public void rollback(Transaction txn) {
        txn.manager().rollback(txn);
    }
}
