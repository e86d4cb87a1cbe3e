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
        transactions.commit(txn);
    }

    public void rollback(Transaction txn) {
        transactions.rollback(txn);
    }
}
