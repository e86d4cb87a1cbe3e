package io.tealdb.session;

import io.tealdb.error.TealException;

import java.util.Map;

/** Creates the database implementation (kept separate so the contract compiles before it exists). */
final class DatabaseFactory {
    private DatabaseFactory() {
    }

    static Database open(String path, Map<String, String> config) {
        if (path != null) {
            throw new TealException("persistent databases are not supported yet: open an in-memory database (no file name); got '" + path + "'");
        }
        return new DatabaseImpl(config);
    }
}
