package io.tealdb.session;

import io.tealdb.catalog.DatabaseStorage;
import io.tealdb.error.InvalidInputException;
import io.tealdb.execution.TaskScheduler;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.planner.FunctionResolver;
import io.tealdb.planner.RegistryFunctionResolver;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's database: one storage instance (catalog + transaction manager), one worker pool and
 * the database-wide settings, shared by all sessions. Thread-safe.
 */
final class DatabaseImpl implements Database {
    final DatabaseStorage storage;
    final TaskScheduler scheduler = TaskScheduler.shared();
    /** memory_limit accounting for every statement of every connection and the segments cached from the database file. */
    final io.tealdb.memory.MemoryManager memory;
    final FunctionResolver functions = new RegistryFunctionResolver(FunctionRegistry.getDefault());
    private volatile int threads;
    /** default_null_order is a global setting in DuckDB: one value for all connections. */
    volatile io.tealdb.planner.NullOrder nullOrder = io.tealdb.planner.NullOrder.NULLS_LAST;
    private final Set<ClientContextImpl> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DatabaseImpl(Map<String, String> config, DatabaseStorage storage, io.tealdb.memory.MemoryManager memory) {
        this.storage = storage;
        this.memory = memory;
        int t = TaskScheduler.defaultThreads();
        if (config != null && config.get("threads") != null) t = parseThreads(config.get("threads"));
        threads = t;
    }

    static int parseThreads(String s) {
        try {
            int t = Integer.parseInt(s.trim());
            if (t < 1) throw new InvalidInputException("threads must be at least 1");
            return t;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Failed to cast value: Could not convert string '" + s + "' to INT64");
        }
    }

    int threads() {
        return threads;
    }

    void setThreads(int t) {
        threads = t;
    }

    @Override
    public ClientContext connect() {
        if (closed) throw new io.tealdb.error.TealException("database is closed");
        ClientContextImpl c = new ClientContextImpl(this);
        sessions.add(c);
        return c;
    }

    void closed(ClientContextImpl c) {
        sessions.remove(c);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            for (ClientContextImpl c : sessions.toArray(new ClientContextImpl[0])) c.close();
        } finally {
            storage.close();
        }
    }
}
