package io.tealdb.session;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TransactionException;
import io.tealdb.storage.MetaTransaction;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;

/**
 * A session's side of its {@link MetaTransaction}s: begins, commits and rolls back the member on
 * each attached database through that database's storage (durable commits for files), and refuses
 * writes to a database attached READ_ONLY with DuckDB's message, naming the running statement's
 * type ({@link #statementType}).
 */
final class SessionDatabases implements MetaTransaction.Databases {
    private final DatabaseManager databases;
    /** DuckDB's name of the running statement's type (INSERT, CREATE, ...), for the read-only error. */
    volatile String statementType = "UNKNOWN";

    SessionDatabases(DatabaseManager databases) {
        this.databases = databases;
    }

    private AttachedDatabase attached(TransactionManager transactions) {
        AttachedDatabase d = databases.of(transactions);
        if (d == null) throw new TransactionException("the database was detached while the transaction used it");
        return d;
    }

    @Override
    public Transaction begin(TransactionManager database) {
        return attached(database).storage().begin();
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
        AttachedDatabase d = databases.of(database);
        return d == null ? "(detached)" : d.name();
    }

    @Override
    public void commit(Transaction txn) {
        AttachedDatabase d = databases.of(txn.manager());
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
