package io.tealdb.jdbc;

import io.tealdb.Database;
import io.tealdb.error.TealException;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * JDBC driver for TealDB. URLs:
 * <ul>
 * <li>{@code jdbc:teal:} — a new private in-memory database, closed with the connection</li>
 * <li>{@code jdbc:teal:memory:NAME} — an in-memory database shared by name within the JVM; it lives
 * while at least one connection to it is open (or while registered with {@link #registerDatabase})</li>
 * </ul>
 * Connection properties other than user/password are database settings (e.g. {@code threads}).
 * Registered with DriverManager through ServiceLoader (META-INF/services/java.sql.Driver).
 */
public final class TealDriver implements Driver {
    public static final String PREFIX = "jdbc:teal:";
    static final String MEMORY_PREFIX = "memory:";
    private static final Map<String, Shared> SHARED = new HashMap<>();

    static {
        try {
            DriverManager.registerDriver(new TealDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A named in-memory database and how many driver connections use it. */
    private static final class Shared {
        final Database database;
        final boolean pinned;
        int connections;

        Shared(Database database, boolean pinned) {
            this.database = database;
            this.pinned = pinned;
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && (url.startsWith(PREFIX) || url.equals("jdbc:teal"));
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC: not ours, let DriverManager try the next driver
        }
        String rest = url.length() <= PREFIX.length() ? "" : url.substring(PREFIX.length());
        Map<String, String> config = new HashMap<>();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                if (!key.equals("user") && !key.equals("password")) {
                    config.put(key, info.getProperty(key));
                }
            }
        }
        try {
            if (rest.isEmpty() || rest.equals("memory") || rest.equals(MEMORY_PREFIX) || rest.equals(":memory:") || rest.startsWith(":memory:?")) {
                Database db = Database.open(config);
                try {
                    return new TealConnection(db.connect(), url, db::close);
                } catch (RuntimeException e) {
                    db.close();
                    throw e;
                }
            }
            if (rest.startsWith(MEMORY_PREFIX)) {
                String name = rest.substring(MEMORY_PREFIX.length());
                return connectShared(name, url, config);
            }
            // jdbc:teal:/path/file.db[?access_mode=read_only&...]: a database file (shared per JVM)
            String path = rest;
            int q = rest.indexOf('?');
            if (q >= 0) {
                path = rest.substring(0, q);
                for (String kv : rest.substring(q + 1).split("&")) {
                    if (kv.isEmpty()) continue;
                    int eq = kv.indexOf('=');
                    String k = java.net.URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                    config.put(k, v);
                }
            }
            Database db = Database.open(path, config);
            try {
                return new TealConnection(db.connect(), url, db::close);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (TealException e) {
            throw JdbcErrors.toSql(e);
        }
    }

    private static Connection connectShared(String name, String url, Map<String, String> config) throws SQLException {
        Shared shared;
        synchronized (SHARED) {
            shared = SHARED.get(name);
            if (shared == null || shared.database.isClosed()) {
                shared = new Shared(Database.open(config), false);
                SHARED.put(name, shared);
            }
            shared.connections++;
        }
        Shared s = shared;
        try {
            return new TealConnection(s.database.connect(), url, () -> release(name, s));
        } catch (RuntimeException e) {
            release(name, s);
            throw e;
        }
    }

    private static void release(String name, Shared s) {
        boolean close = false;
        synchronized (SHARED) {
            s.connections--;
            if (s.connections <= 0 && !s.pinned && SHARED.get(name) == s) {
                SHARED.remove(name);
                close = true;
            }
        }
        if (close) {
            s.database.close();
        }
    }

    /**
     * Makes an existing database reachable as {@code jdbc:teal:memory:NAME} (e.g. an embedded database an
     * application also wants to hand to JDBC tools). It stays registered until {@link #unregisterDatabase}.
     */
    public static void registerDatabase(String name, Database database) {
        synchronized (SHARED) {
            Shared old = SHARED.get(name);
            if (old != null && !old.database.isClosed() && old.database != database) {
                throw new TealException("Catalog Error: a database named '" + name + "' is already open in this JVM");
            }
            SHARED.put(name, new Shared(database, true));
        }
    }

    /** Forgets a registered name (the database itself is not closed). */
    public static void unregisterDatabase(String name) {
        synchronized (SHARED) {
            SHARED.remove(name);
        }
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo threads = new DriverPropertyInfo("threads", info == null ? null : info.getProperty("threads"));
        threads.description = "number of worker threads of a new database";
        return new DriverPropertyInfo[]{threads};
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw JdbcErrors.unsupported("getParentLogger");
    }
}
