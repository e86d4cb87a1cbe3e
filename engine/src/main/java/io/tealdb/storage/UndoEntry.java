package io.tealdb.storage;

/**
 * One change a transaction made (rows appended, deleted or updated; a catalog entry created or
 * dropped). The transaction keeps them in order; at commit each is stamped with the commit
 * timestamp, at rollback (of the transaction or of one statement) they are undone newest first.
 * Storage and the catalog both log through this interface, so one transaction covers data and DDL.
 */
public interface UndoEntry {
    /** Makes the change visible to transactions that start after {@code commitTs}. Called under the commit lock. */
    void commit(long commitTs);

    /**
     * Checks, under the commit lock and before anything is stamped or logged, that the change may
     * commit; throws a TransactionException when it may not (the transaction is then rolled back).
     * {@code checked} lets the entries of one table check it once.
     */
    default void verifyCommit(java.util.Set<Object> checked) {
    }

    /** Reverts the change (the transaction or statement is being rolled back). */
    void rollback();

    /**
     * Called once no running transaction can still need the pre-change state (every active
     * transaction started after the commit): drop old versions kept for older snapshots.
     */
    default void cleanup() {
    }

    /** True for catalog changes (CREATE/DROP/ALTER): a persistent database commits them with a checkpoint. */
    default boolean catalogChange() {
        return false;
    }

    /** Describes a committed data change for the write-ahead log (catalog changes describe nothing). */
    default void log(ChangeLog log) {
    }
}
