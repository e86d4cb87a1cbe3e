package io.tealdb;

import io.tealdb.error.TealException;

import java.util.Map;

/**
 * An embedded TealDB database (catalog, storage, worker threads). Thread-safe: any number of
 * {@link Connection}s, one per thread, may use it at once. Closing it closes the engine; its
 * connections then fail.
 */
public final class Database implements AutoCloseable {
    private final io.tealdb.session.Database engine;
    /** Private databases of {@link Teal#connect()} close with their last connection, as in DuckDB. */
    private final boolean closeWithLastConnection;
    private final java.util.concurrent.atomic.AtomicInteger openConnections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    /** Runs instead of closing the engine (a database file shared by several Database objects). */
    private final Runnable release;

    private Database(io.tealdb.session.Database engine, boolean closeWithLastConnection) {
        this(engine, closeWithLastConnection, null);
    }

    private Database(io.tealdb.session.Database engine, boolean closeWithLastConnection, Runnable release) {
        this.engine = engine;
        this.closeWithLastConnection = closeWithLastConnection;
        this.release = release;
    }

    /** One open database file in this JVM and how many Database objects use it. */
    private static final class OpenFile {
        final io.tealdb.session.Database engine;
        final boolean readOnly;
        int users;

        OpenFile(io.tealdb.session.Database engine, boolean readOnly) {
            this.engine = engine;
            this.readOnly = readOnly;
        }
    }

    private static final Map<java.nio.file.Path, OpenFile> OPEN_FILES = new java.util.HashMap<>();

    /**
     * Opens the database file {@code path} (created when missing unless {@code access_mode} is
     * {@code read_only}); {@code ":memory:"} (or an empty path) is a new in-memory database. Opening a
     * file this JVM already has open shares that database instance: every object sees the same data,
     * and the file closes (with a final checkpoint) when the last of them closes.
     */
    public static Database open(String path, Map<String, String> config) {
        return openFile(path, config, false);
    }

    static Database openFile(String path, Map<String, String> config, boolean closeWithLastConnection) {
        if (path == null || path.isEmpty() || path.equals(":memory:")) {
            return new Database(io.tealdb.session.Database.open(null, Map.copyOf(config)), closeWithLastConnection);
        }
        java.nio.file.Path key = canonical(path);
        boolean readOnly = "read_only".equalsIgnoreCase(String.valueOf(config.get("access_mode")).trim());
        OpenFile f;
        synchronized (OPEN_FILES) {
            f = OPEN_FILES.get(key);
            if (f == null) {
                f = new OpenFile(io.tealdb.session.Database.open(key.toString(), Map.copyOf(config)), readOnly);
                OPEN_FILES.put(key, f);
            } else if (f.readOnly != readOnly) {
                throw new TealException("Connection Error: Can't open a connection to database file \"" + key + "\" in "
                        + (readOnly ? "read-only" : "read-write") + " mode: this process has it open in "
                        + (f.readOnly ? "read-only" : "read-write") + " mode (close those connections first)");
            }
            f.users++;
        }
        OpenFile opened = f;
        boolean[] released = new boolean[1];
        return new Database(opened.engine, closeWithLastConnection, () -> {
            boolean close = false;
            synchronized (OPEN_FILES) {
                if (!released[0]) {
                    released[0] = true;
                    if (--opened.users == 0 && OPEN_FILES.get(key) == opened) {
                        OPEN_FILES.remove(key);
                        close = true;
                    }
                }
            }
            if (close) {
                opened.engine.close();
            }
        });
    }

    private static java.nio.file.Path canonical(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path).toAbsolutePath().normalize();
        try {
            return java.nio.file.Files.exists(p) ? p.toRealPath() : p;
        } catch (java.io.IOException e) {
            return p;
        }
    }

    /** Opens a new private in-memory database; config keys as DuckDB's, e.g. {@code threads}. */
    public static Database open(Map<String, String> config) {
        return new Database(io.tealdb.session.Database.open(null, Map.copyOf(config)), false);
    }

    /** A private in-memory database that closes when its last connection closes. */
    static Database openPrivate(Map<String, String> config) {
        return new Database(io.tealdb.session.Database.open(null, Map.copyOf(config)), true);
    }

    public static Database open() {
        return open(Map.of());
    }

    /** Wraps an engine instance created elsewhere (tools and tests that build the engine themselves). */
    public static Database wrap(io.tealdb.session.Database engine) {
        return new Database(engine, false);
    }

    /** Wraps an engine that is closed when the last connection made through this wrapper closes. */
    public static Database wrapPrivate(io.tealdb.session.Database engine) {
        return new Database(engine, true);
    }

    /**
     * The engine behind this object, for adapters that serve it over a protocol (the server). They
     * close this object, not the engine: a database file another object in this JVM also has open
     * stays open for it.
     */
    public io.tealdb.session.Database engine() {
        return engine;
    }

    /** A new connection (session) to this database. */
    public Connection connect() {
        if (closed) {
            throw new TealException("Connection Error: the database has been closed");
        }
        return attach(engine.connect());
    }

    Connection attach(io.tealdb.session.ClientContext context) {
        openConnections.incrementAndGet();
        return new Connection(this, context);
    }

    void connectionClosed() {
        if (openConnections.decrementAndGet() == 0 && closeWithLastConnection) {
            close();
        }
    }

    /** Connections made through this object and not yet closed. */
    public int openConnections() {
        return openConnections.get();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (release != null) {
                release.run();
            } else {
                engine.close();
            }
        }
    }
}
