package io.tealdb.catalog;

import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;

/**
 * The storage side of one database instance: its catalog and its transaction manager. The session
 * layer owns one per database and opens a transaction per statement (auto-commit) or per
 * BEGIN...COMMIT; statements run between {@link Transaction#beginStatement()} and
 * {@link Transaction#commitStatement()}/{@link Transaction#rollbackStatement()}.
 */
public final class DatabaseStorage {
    private final TransactionManager transactions = new TransactionManager();
    private final Catalog catalog;

    public DatabaseStorage() {
        Transaction bootstrap = transactions.begin();
        catalog = new Catalog(bootstrap);
        transactions.commit(bootstrap);
    }

    public Catalog catalog() {
        return catalog;
    }

    public TransactionManager transactions() {
        return transactions;
    }

    public Transaction begin() {
        return transactions.begin();
    }

    public void commit(Transaction txn) {
        Durability d = durability;
        if (d == null) {
            transactions.commit(txn);
        } else {
            d.commit(txn);
        }
    }

    /** How commits of a persistent database reach its file; null for an in-memory database. */
    public interface Durability {
        /** Commits {@code txn} (through {@link TransactionManager#commit}) and makes it durable before returning. */
        void commit(Transaction txn);

        /** CHECKPOINT: writes the committed state to the database file and empties the log. */
        void checkpoint();

        /** Clean shutdown: checkpoint, release the file. */
        void close();
    }

    private volatile Durability durability;

    /** Makes commits durable through {@code d} (set once, after the database file was loaded). */
    public void setDurability(Durability d) {
        this.durability = d;
    }

    public Durability durability() {
        return durability;
    }

    /** CHECKPOINT; a no-op for in-memory databases. */
    public void checkpoint() {
        Durability d = durability;
        if (d != null) {
            d.checkpoint();
        }
    }

    /** Closes the database's file (after a final checkpoint), if it has one. */
    public void close() {
        Durability d = durability;
        if (d != null) {
            d.close();
        }
    }

    public void rollback(Transaction txn) {
        transactions.rollback(txn);
    }
}
