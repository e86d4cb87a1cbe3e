package io.tealdb.cli;

import io.tealdb.error.TealException;
import io.tealdb.server.ServerConfig;
import io.tealdb.server.ilp.IlpConfig;
import io.tealdb.server.ServerException;
import io.tealdb.server.TealServer;
import io.tealdb.server.pg.PgServerState;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code teal serve [DBFILE] [OPTIONS]}: runs the server until SIGTERM/SIGINT. Every option can also
 * come from the environment ({@code TEAL_PG_PORT}, {@code TEAL_BIND}, {@code TEAL_AUTH},
 * {@code TEAL_ADMIN_PASSWORD}, {@code TEAL_TLS_CERT}, {@code TEAL_TLS_KEY}, ...); command-line
 * options win.
 */
final class Serve {
    private Serve() {
    }

    static String usage() {
        return """
                Usage: teal serve [DBFILE] [OPTIONS]
                Serves DBFILE (in-memory when omitted) to PostgreSQL clients (psql, psycopg, pgjdbc, ...).
                  --pg-port N            PostgreSQL port (default 5432; env TEAL_PG_PORT)
                  --bind ADDR            address to listen on (default 127.0.0.1; env TEAL_BIND)
                  --auth none|password   none: any user, no password (loopback only; default);
                                         password: SCRAM-SHA-256 users (env TEAL_AUTH)
                  --admin-user NAME      first user (default teal; env TEAL_ADMIN_USER)
                  --admin-password PW    its password (env TEAL_ADMIN_PASSWORD); more users: CREATE USER u PASSWORD '...'
                  --tls-cert FILE        PEM certificate chain (env TEAL_TLS_CERT)
                  --tls-key FILE         PEM private key, PKCS#8 (env TEAL_TLS_KEY)
                  --tls-required         refuse clients that do not use TLS (env TEAL_TLS_REQUIRED=1)
                  --max-connections N    default 200 (env TEAL_MAX_CONNECTIONS)
                  --threads N            worker threads of the engine (env TEAL_THREADS)
                  --shutdown-grace SECS  how long running statements may finish on SIGTERM (default 10)
                  --http-port N          also serve ClickHouse clients over HTTP on port N (e.g. 8123; env TEAL_HTTP_PORT)
                  --https-port N         ClickHouse HTTP over TLS on port N (needs --tls-cert/--tls-key; env TEAL_HTTPS_PORT)
                  --ilp-http-port N      InfluxDB line protocol over HTTP, as QuestDB's port 9000 (off by default; env TEAL_ILP_HTTP_PORT)
                  --ilp-tcp-port N       line protocol over TCP, as QuestDB's port 9009 (off by default; env TEAL_ILP_TCP_PORT)
                  --ilp-auto-create on|off  create unknown tables and columns from lines (default on)
                  --ilp-tcp-auth FILE    TCP clients must sign in with an ECDSA key listed in FILE (QuestDB's format:
                                         keyId ec-p-256-sha256 <x> <y>; env TEAL_ILP_TCP_AUTH)
                  --ilp-http-tokens FILE HTTP clients may sign in with a bearer token listed in FILE (one per line,
                                         [name] token; the clients' token=...; env TEAL_ILP_HTTP_TOKENS)""";
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ServerConfig c;
        try {
            c = parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage() + "\n" + usage());
            return 2;
        }
        if (c == null) {
            out.println(usage());
            return 0;
        }
        TealServer server;
        try {
            server = TealServer.start(c, err);
        } catch (ServerException | TealException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.pgState().log("shutting down (signal received)");
            int code = 0;
            try {
                server.close();
            } catch (RuntimeException e) {
                err.println("Error: shutdown failed: " + e.getMessage());
                code = 1;
            }
            stopped.countDown();
            out.flush();
            err.flush();
            // A signal-initiated JVM exit reports 128+signal; a clean shutdown is exit code 0.
            Runtime.getRuntime().halt(code);
        }, "teal-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.awaitClose();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static ServerConfig parse(String[] args, Map<String, String> env) {
        String dbFile = null;
        String bind = env.getOrDefault("TEAL_BIND", "127.0.0.1");
        int port = intOf(env.getOrDefault("TEAL_PG_PORT", "5432"), "TEAL_PG_PORT");
        String auth = env.getOrDefault("TEAL_AUTH", "none");
        String adminUser = env.getOrDefault("TEAL_ADMIN_USER", "teal");
        String adminPassword = env.get("TEAL_ADMIN_PASSWORD");
        String cert = env.get("TEAL_TLS_CERT"), key = env.get("TEAL_TLS_KEY");
        boolean tlsRequired = "1".equals(env.get("TEAL_TLS_REQUIRED")) || "true".equalsIgnoreCase(env.get("TEAL_TLS_REQUIRED"));
        int maxConnections = intOf(env.getOrDefault("TEAL_MAX_CONNECTIONS", "200"), "TEAL_MAX_CONNECTIONS");
        int threads = intOf(env.getOrDefault("TEAL_THREADS", "0"), "TEAL_THREADS");
        int grace = 10;
        int httpPort = intOf(env.getOrDefault("TEAL_HTTP_PORT", "-1"), "TEAL_HTTP_PORT");
        int httpsPort = intOf(env.getOrDefault("TEAL_HTTPS_PORT", "-1"), "TEAL_HTTPS_PORT");
        int ilpHttp = intOf(env.getOrDefault("TEAL_ILP_HTTP_PORT", "-1"), "TEAL_ILP_HTTP_PORT");
        int ilpTcp = intOf(env.getOrDefault("TEAL_ILP_TCP_PORT", "-1"), "TEAL_ILP_TCP_PORT");
        String ilpAutoCreate = "on";
        String ilpTcpAuth = env.get("TEAL_ILP_TCP_AUTH");
        String ilpHttpTokens = env.get("TEAL_ILP_HTTP_TOKENS");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a, inline = null;
            if (a.startsWith("--") && a.contains("=")) {
                name = a.substring(0, a.indexOf('='));
                inline = a.substring(a.indexOf('=') + 1);
            }
            switch (name) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--tls-required" -> tlsRequired = true;
                case "--pg-port", "--bind", "--auth", "--admin-user", "--admin-password", "--tls-cert", "--tls-key",
                     "--max-connections", "--threads", "--shutdown-grace", "--http-port", "--https-port", "--ilp-http-port", "--ilp-tcp-port", "--ilp-auto-create", "--ilp-tcp-auth",
                     "--ilp-http-tokens" -> {
                    String v = inline;
                    if (v == null) {
                        if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
                        v = args[++i];
                    }
                    switch (name) {
                        case "--pg-port" -> port = intOf(v, name);
                        case "--bind" -> bind = v;
                        case "--auth" -> auth = v;
                        case "--admin-user" -> adminUser = v;
                        case "--admin-password" -> adminPassword = v;
                        case "--tls-cert" -> cert = v;
                        case "--tls-key" -> key = v;
                        case "--max-connections" -> maxConnections = intOf(v, name);
                        case "--threads" -> threads = intOf(v, name);
                        case "--http-port" -> httpPort = intOf(v, name);
                        case "--https-port" -> httpsPort = intOf(v, name);
                        case "--ilp-http-port" -> ilpHttp = intOf(v, name);
                        case "--ilp-tcp-port" -> ilpTcp = intOf(v, name);
                        case "--ilp-auto-create" -> ilpAutoCreate = v;
                        case "--ilp-tcp-auth" -> ilpTcpAuth = v;
                        case "--ilp-http-tokens" -> ilpHttpTokens = v;
                        default -> grace = intOf(v, name);
                    }
                }
                default -> {
                    if (a.startsWith("-")) throw new IllegalArgumentException("unknown option '" + a + "'");
                    if (dbFile != null) throw new IllegalArgumentException("only one DBFILE can be served");
                    dbFile = a.equals(":memory:") ? null : a;
                }
            }
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--pg-port must be in 0..65535");
        if (httpPort < -1 || httpPort > 65535) throw new IllegalArgumentException("--http-port must be in 0..65535");
        if (httpsPort < -1 || httpsPort > 65535) throw new IllegalArgumentException("--https-port must be in 0..65535");
        PgServerState.Auth authMode = switch (auth.toLowerCase(Locale.ROOT)) {
            case "none", "trust" -> PgServerState.Auth.NONE;
            case "password", "scram", "scram-sha-256" -> PgServerState.Auth.PASSWORD;
            default -> throw new IllegalArgumentException("--auth must be none or password, not '" + auth + "'");
        };
        for (String f : new String[]{cert, key, ilpTcpAuth, ilpHttpTokens}) {
            if (f != null && !Files.isReadable(Path.of(f))) throw new IllegalArgumentException("cannot read file " + f);
        }
        if (ilpHttp < -1 || ilpHttp > 65535 || ilpTcp < -1 || ilpTcp > 65535) {
            throw new IllegalArgumentException("--ilp-http-port and --ilp-tcp-port must be in 0..65535");
        }
        boolean autoCreate = switch (ilpAutoCreate.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException("--ilp-auto-create must be on or off, not '" + ilpAutoCreate + "'");
        };
        ServerConfig d = ServerConfig.defaults();
        return new ServerConfig(dbFile, bind, port, authMode, adminUser, adminPassword, cert == null ? null : Path.of(cert),
                key == null ? null : Path.of(key), tlsRequired, maxConnections, d.maxMessageBytes(), Duration.ofSeconds(grace), threads,
                httpPort, httpsPort,
                new IlpConfig(ilpHttp, ilpTcp, autoCreate, autoCreate, ilpTcpAuth == null ? null : Path.of(ilpTcpAuth),
                        ilpHttpTokens == null ? null : Path.of(ilpHttpTokens)));
    }

    private static int intOf(String v, String what) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, not '" + v + "'");
        }
    }
}
