package io.tealdb;

import java.util.Map;

/**
 * Entry point of the embedded API (DuckDB's {@code duckdb} module):
 * <pre>{@code
 * try (Connection con = Teal.connect()) {
 *     con.sql("SELECT 42 AS answer").show();
 * }
 * }</pre>
 * {@link #sql} and {@link #execute} use one process-wide default in-memory connection, which is
 * NOT thread-safe (like DuckDB's module-level connection): threads should {@link #connect()} their own.
 */
public final class Teal {
    private static Connection defaultConnection;

    private Teal() {
    }

    /** A connection to a new private in-memory database (the database closes with its last connection). */
    public static Connection connect() {
        return connect(Map.of());
    }

    /** As {@link #connect()}, with settings such as {@code threads}. */
    public static Connection connect(Map<String, String> config) {
        Database db = Database.openPrivate(config);
        try {
            return db.connect();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * A connection to the database file {@code path} (created when missing; {@code ":memory:"} is a
     * new in-memory database). Connections to the same file in one JVM share one database instance;
     * it closes, after a final checkpoint, with the last of them.
     */
    public static Connection connect(String path) {
        return connect(path, Map.of());
    }

    /** As {@link #connect(String)} with settings, e.g. {@code Map.of("access_mode", "read_only")}. */
    public static Connection connect(String path, Map<String, String> config) {
        Database db = Database.openFile(path, config, true);
        try {
            return db.connect();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The process-wide default connection (created on first use). */
    public static synchronized Connection defaultConnection() {
        if (defaultConnection == null || defaultConnection.isClosed()) {
            defaultConnection = connect();
        }
        return defaultConnection;
    }

    /** {@code Teal.sql(q)} = {@code defaultConnection().sql(q)}. */
    public static Relation sql(String sql, Object... params) {
        return defaultConnection().sql(sql, params);
    }

    public static Result execute(String sql, Object... params) {
        return defaultConnection().execute(sql, params);
    }
}
