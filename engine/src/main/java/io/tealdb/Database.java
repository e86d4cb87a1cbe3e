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

    private Database(io.tealdb.session.Database engine, boolean closeWithLastConnection) {
        this.engine = engine;
        this.closeWithLastConnection = closeWithLastConnection;
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
            engine.close();
        }
    }
}
