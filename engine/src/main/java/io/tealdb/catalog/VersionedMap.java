package io.tealdb.catalog;

import io.tealdb.error.TransactionException;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;
import io.tealdb.storage.UndoEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A case-insensitive name → value map with MVCC versions (DuckDB's CatalogSet idea): each name has a
 * chain of versions, newest first, tagged with the commit timestamp or the id of the running
 * transaction that wrote it; a null value is a tombstone (dropped). A transaction sees the newest
 * version it {@link Transaction#sees sees}. A write over a version that another running (or
 * since-committed) transaction made is a write-write conflict. Writes are logged in the transaction:
 * rollback pops the version, commit stamps it, cleanup drops versions no snapshot needs.
 */
final class VersionedMap<V> {
    private static final class Version<V> {
        final V value;
        volatile long timestamp;
        Version<V> older;

        Version(V value, long timestamp, Version<V> older) {
            this.value = value;
            this.timestamp = timestamp;
            this.older = older;
        }
    }

    private final HashMap<String, Version<V>> map = new HashMap<>();
    /** The transactions of the database this map belongs to: callers' transactions resolve to it ({@link Transaction#in}). */
    private final TransactionManager owner;

    VersionedMap(TransactionManager owner) {
        this.owner = owner;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    synchronized V get(Transaction txn, String name) {
        txn = txn.in(owner);
        Version<V> v = map.get(key(name));
        while (v != null && !txn.sees(v.timestamp)) {
            v = v.older;
        }
        return v == null ? null : v.value;
    }

    /** Every value visible to {@code txn}, in name order. */
    synchronized List<V> values(Transaction txn) {
        txn = txn.in(owner);
        List<Map.Entry<String, Version<V>>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        List<V> out = new ArrayList<>();
        for (Map.Entry<String, Version<V>> e : entries) {
            Version<V> v = e.getValue();
            while (v != null && !txn.sees(v.timestamp)) {
                v = v.older;
            }
            if (v != null && v.value != null) {
                out.add(v.value);
            }
        }
        return out;
    }

    /**
     * Writes {@code value} (null = drop) for {@code name} in {@code txn}. {@code action} names the
     * operation in the conflict message ("create", "drop", "alter").
     */
    /** Throws the write-write conflict {@link #put} would throw, without writing (checked before ALTERs touch storage). */
    synchronized void checkWritable(Transaction txn, String name, String action) {
        txn = txn.forWrite(owner);
        Version<V> head = map.get(key(name));
        if (head != null && txn.conflictsWith(head.timestamp)) {
            throw new TransactionException("Catalog write-write conflict on " + action + " with \"" + name + "\"");
        }
    }

    synchronized void put(Transaction txn, String name, V value, String action) {
        txn = txn.forWrite(owner);
        String key = key(name);
        Version<V> head = map.get(key);
        if (head != null && txn.conflictsWith(head.timestamp)) {
            throw new TransactionException("Catalog write-write conflict on " + action + " with \"" + name + "\"");
        }
        Version<V> version = new Version<>(value, txn.id(), head);
        map.put(key, version);
        txn.addUndo(new UndoEntry() {
            @Override
            public boolean catalogChange() {
                return true;
            }

            @Override
            public void commit(long commitTs) {
                version.timestamp = commitTs;
            }

            @Override
            public void rollback() {
                synchronized (VersionedMap.this) {
                    if (map.get(key) == version) {
                        if (version.older == null) {
                            map.remove(key);
                        } else {
                            map.put(key, version.older);
                        }
                    }
                }
            }

            @Override
            public void cleanup() {
                synchronized (VersionedMap.this) {
                    version.older = null;
                    if (version.value == null && map.get(key) == version) {
                        map.remove(key);
                    }
                }
            }
        });
    }
}
