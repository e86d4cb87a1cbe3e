package io.tealdb.server;

import io.tealdb.server.ilp.IlpConfig;
import io.tealdb.server.pg.PgServerState;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of {@code teal serve}. {@code dbFile} null = in-memory database.
 *
 * @param adminPassword password of the first user {@code teal} (required with {@code auth=PASSWORD}
 *                      unless users are created otherwise)
 * @param ilp           line-protocol ingestion (ports, auto-create); {@link IlpConfig#disabled()} by default
 */
public record ServerConfig(String dbFile, String bind, int pgPort, PgServerState.Auth auth, String adminUser,
                           String adminPassword, Path tlsCert, Path tlsKey, boolean tlsRequired, int maxConnections,
                           int maxMessageBytes, Duration shutdownGrace, int threads, int httpPort, int httpsPort, IlpConfig ilp) {
    /** Ports of the optional endpoints: -1 = off. */
    public static final int OFF = -1;

    public static ServerConfig defaults() {
        return new ServerConfig(null, "127.0.0.1", 5432, PgServerState.Auth.NONE, "teal", null, null, null, false, 200,
                256 << 20, Duration.ofSeconds(10), 0, OFF, OFF, IlpConfig.disabled());
    }

    /** The same options with the ClickHouse HTTP endpoint on {@code http} (and HTTPS on {@code https}; -1 = off). */
    public ServerConfig withHttpPorts(int http, int https) {
        return new ServerConfig(dbFile, bind, pgPort, auth, adminUser, adminPassword, tlsCert, tlsKey, tlsRequired, maxConnections,
                maxMessageBytes, shutdownGrace, threads, http, https, ilp);
    }

    /** The same options with line-protocol ingestion configured. */
    public ServerConfig withIlp(IlpConfig i) {
        return new ServerConfig(dbFile, bind, pgPort, auth, adminUser, adminPassword, tlsCert, tlsKey, tlsRequired, maxConnections,
                maxMessageBytes, shutdownGrace, threads, httpPort, httpsPort, i);
    }

    /** The database file to serve (null: in memory). */
    public ServerConfig withDatabaseFile(String file) {
        return new ServerConfig(file, bind, pgPort, auth, adminUser, adminPassword, tlsCert, tlsKey, tlsRequired, maxConnections,
                maxMessageBytes, shutdownGrace, threads, httpPort, httpsPort, ilp);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(dbFile, bind, port, auth, adminUser, adminPassword, tlsCert, tlsKey, tlsRequired, maxConnections,
                maxMessageBytes, shutdownGrace, threads, httpPort, httpsPort, ilp);
    }

    public ServerConfig withAuth(PgServerState.Auth a, String user, String password) {
        return new ServerConfig(dbFile, bind, pgPort, a, user, password, tlsCert, tlsKey, tlsRequired, maxConnections,
                maxMessageBytes, shutdownGrace, threads, httpPort, httpsPort, ilp);
    }

    public ServerConfig withTls(Path cert, Path key, boolean required) {
        return new ServerConfig(dbFile, bind, pgPort, auth, adminUser, adminPassword, cert, key, required, maxConnections,
                maxMessageBytes, shutdownGrace, threads, httpPort, httpsPort, ilp);
    }
}
