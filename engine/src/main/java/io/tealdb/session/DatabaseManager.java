package io.tealdb.session;

import io.tealdb.catalog.DatabaseStorage;
import io.tealdb.error.BinderException;
import io.tealdb.error.ResourceInUseException;
import io.tealdb.memory.MemoryManager;
import io.tealdb.persist.PersistentDatabase;
import io.tealdb.storage.TransactionManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The databases attached to one database instance (DuckDB's DatabaseManager): the one it was
 * opened with plus those added by ATTACH, by case-insensitive name. ATTACH opens an in-memory
 * database or a database file (sharing the instance's memory_limit); DETACH closes it (a file is
 * checkpointed). Messages follow DuckDB's. Thread-safe; attach and detach are rare, so one lock.
 */
final class DatabaseManager {
    /** Names DuckDB reserves for its internal databases. */
    private static final List<String> RESERVED = List.of("system", "temp");

    private final Map<String, AttachedDatabase> byName = new LinkedHashMap<>();
    /** The database the instance was opened with: its storage lives as long as the instance. */
    private final AttachedDatabase initial;
    private final MemoryManager memory;
    private final LongSupplier checkpointThreshold;
    private long nextOid;

    DatabaseManager(AttachedDatabase initial, MemoryManager memory, LongSupplier checkpointThreshold) {
        this.initial = initial;
        this.memory = memory;
        this.checkpointThreshold = checkpointThreshold;
        this.nextOid = initial.oid() + 1;
        byName.put(key(initial.name()), initial);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The database the instance was opened with (DuckDB's default database). */
    AttachedDatabase initial() {
        return initial;
    }

    /** The attached database {@code name}, or null. */
    synchronized AttachedDatabase get(String name) {
        return byName.get(key(name));
    }

    /** The attached database whose transactions {@code transactions} hands out, or null once detached. */
    synchronized AttachedDatabase of(TransactionManager transactions) {
        for (AttachedDatabase d : byName.values()) {
            if (d.storage().transactions() == transactions) return d;
        }
        return null;
    }

    /** Every attached database, in attach order. */
    synchronized List<AttachedDatabase> all() {
        return new ArrayList<>(byName.values());
    }

    /**
     * ATTACH: {@code path} ":memory:" (or empty) is a new in-memory database, anything else a
     * database file (created unless {@code readOnly}). {@code alias} null derives the name from the
     * path. With {@code ifNotExists} an existing database of that name is kept and returned.
     */
    synchronized AttachedDatabase attach(String path, String alias, boolean readOnly, boolean ifNotExists) {
        boolean inMemory = path == null || path.isEmpty() || path.equals(":memory:");
        String name = alias != null ? alias : AttachedDatabase.defaultName(path);
        if (RESERVED.contains(key(name))) {
            throw new BinderException("Attached database name \"" + name + "\" cannot be used because it is a reserved name");
        }
        AttachedDatabase existing = byName.get(key(name));
        if (existing != null && ifNotExists) return existing;
        String absolute = inMemory ? null : java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
        for (AttachedDatabase d : byName.values()) {
            if (absolute != null && absolute.equals(d.path())) {
                throw new ResourceInUseException("Unique file handle conflict: Cannot attach \"" + name + "\" - the database file \""
                        + absolute + "\" is already attached by database \"" + d.name() + "\"");
            }
        }
        if (existing != null) {
            throw new BinderException("Failed to attach database: database with name \"" + name + "\" already exists");
        }
        if (inMemory) {
            AttachedDatabase d = new AttachedDatabase(name, new DatabaseStorage(), null, readOnly, nextOid++);
            byName.put(key(name), d);
            return d;
        }
        DatabaseStorage storage = PersistentDatabase.open(java.nio.file.Path.of(absolute), readOnly, checkpointThreshold.getAsLong(), memory);
        AttachedDatabase d = new AttachedDatabase(name, storage, absolute, readOnly, nextOid++);
        byName.put(key(name), d);
        return d;
    }

    /**
     * DETACH: removes {@code name} and closes its storage (a file is checkpointed and released).
     * The instance's own database is only removed from the names; the instance closes it.
     */
    void detach(String name, boolean ifExists) {
        AttachedDatabase d;
        synchronized (this) {
            d = byName.get(key(name));
            if (d == null) {
                if (ifExists) return;
                throw new BinderException("Failed to detach database with name \"" + name + "\": database not found");
            }
            byName.remove(key(name));
        }
        if (d != initial) d.storage().close();
    }

    /** Closes every attached database but the instance's own (the instance closes that one). */
    void closeAttached() {
        List<AttachedDatabase> open;
        synchronized (this) {
            open = new ArrayList<>(byName.values());
            byName.clear();
        }
        RuntimeException failure = null;
        for (AttachedDatabase d : open) {
            if (d == initial) continue;
            try {
                d.storage().close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
