package io.tealdb.session;

import java.util.Map;

/**
 * CONTRACT: the engine's database instance (catalog, storage, transaction manager, worker pool,
 * settings). Thread-safe. Created by {@link #open(String, Map)}; the public API keeps one per
 * in-memory database. The implementation is being written; {@code open} is its factory.
 */
public interface Database extends AutoCloseable {
    /** Opens a database; {@code path} null means in-memory. Config keys: "threads", ... */
    static Database open(String path, Map<String, String> config) {
        return DatabaseFactory.open(path, config);
    }

    ClientContext connect();

    @Override
    void close();
}
