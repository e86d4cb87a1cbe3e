package io.tealdb.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tealdb.server.clickhouse.ChHttpServer;
import io.tealdb.server.ilp.IlpAuth;
import io.tealdb.server.ilp.IlpServer;
import io.tealdb.server.pg.PgConnection;
import io.tealdb.server.pg.PgFrameDecoder;
import io.tealdb.server.pg.PgServerState;
import io.tealdb.server.pg.UserStore;
import io.tealdb.session.Database;

import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code teal serve}: one process serving one database over the PostgreSQL wire protocol (Netty,
 * non-blocking I/O; statements run on one virtual thread per connection). {@link #close()} stops
 * accepting, lets running statements finish up to the grace period, cancels the rest, closes the
 * database.
 */
public final class TealServer implements AutoCloseable {
    private final ServerConfig config;
    private final io.tealdb.Database handle;
    private final Database database;
    private final PgServerState pg;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final ChHttpServer clickhouse;
    private final Channel httpListener;
    private final Channel httpsListener;
    private final IlpServer ilp;
    private volatile boolean closed;

    private TealServer(ServerConfig config, io.tealdb.Database handle, Database database, PgServerState pg, EventLoopGroup boss, EventLoopGroup workers, Channel listener,
                       ChHttpServer clickhouse, Channel httpListener, Channel httpsListener, IlpServer ilp) {
        this.ilp = ilp;
        this.config = config;
        this.handle = handle;
        this.database = database;
        this.pg = pg;
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
        this.clickhouse = clickhouse;
        this.httpListener = httpListener;
        this.httpsListener = httpsListener;
    }

    public static TealServer start(ServerConfig config, PrintStream log) {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.bind());
        } catch (UnknownHostException e) {
            throw new ServerException("cannot resolve bind address '" + config.bind() + "'", e);
        }
        if (config.auth() == PgServerState.Auth.NONE && !bind.isLoopbackAddress()) {
            throw new ServerException("--auth none is only allowed when binding to a loopback address (got --bind "
                    + config.bind() + "); use --auth password with --admin-password");
        }
        UserStore users = new UserStore();
        if (config.adminPassword() != null) users.put(config.adminUser(), config.adminPassword());
        if (config.auth() == PgServerState.Auth.PASSWORD && config.adminPassword() == null) {
            throw new ServerException("--auth password needs a first user: give --admin-password (or TEAL_ADMIN_PASSWORD)");
        }
        SslContext ssl = null;
        if (config.tlsCert() != null || config.tlsKey() != null) {
            if (config.tlsCert() == null || config.tlsKey() == null) throw new ServerException("TLS needs both --tls-cert and --tls-key");
            try {
                ssl = SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile()).sslProvider(SslProvider.JDK).build();
            } catch (Exception e) {
                throw new ServerException("cannot load TLS certificate/key (PEM, key in PKCS#8): " + e.getMessage(), e);
            }
        } else if (config.tlsRequired()) {
            throw new ServerException("--tls-required needs --tls-cert and --tls-key");
        }
        Map<String, String> dbConfig = new HashMap<>();
        if (config.threads() > 0) dbConfig.put("threads", Integer.toString(config.threads()));
        // a request's reply waits for its commit to be durable, not for the checkpoint that commit triggers
        dbConfig.put("background_checkpoints", "true");
        // through the public API, so that a file this JVM already has open (an application that embeds
        // the server, a benchmark) is the same database instance rather than a second lock on it
        io.tealdb.Database handle = io.tealdb.Database.open(config.dbFile(), dbConfig);
        Database database = handle.engine();
        String dbName = config.dbFile() == null ? "memory" : baseName(config.dbFile());
        PgServerState state = new PgServerState(database, users, config.auth(), ssl, config.tlsRequired(), dbName,
                config.maxMessageBytes(), config.maxConnections(), log);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 512)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("frames", new PgFrameDecoder(state.maxMessageBytes()));
                            ch.pipeline().addLast("pg", new PgConnection(state));
                        }
                    });
            Channel listener = b.bind(new InetSocketAddress(bind, config.pgPort())).sync().channel();
            InetSocketAddress actual = (InetSocketAddress) listener.localAddress();
            state.log("TealDB listening for PostgreSQL clients on " + actual.getAddress().getHostAddress() + ":" + actual.getPort()
                    + " (database " + (config.dbFile() == null ? "in-memory" : config.dbFile()) + ", auth "
                    + config.auth().name().toLowerCase(java.util.Locale.ROOT) + (ssl != null ? ", TLS" : "") + ")");
            ChHttpServer ch = null;
            Channel http = null, https = null;
            if (config.httpPort() != ServerConfig.OFF || config.httpsPort() != ServerConfig.OFF) {
                if (config.httpsPort() != ServerConfig.OFF && ssl == null) {
                    listener.close();
                    throw new ServerException("--https-port needs --tls-cert and --tls-key");
                }
                ch = new ChHttpServer(database, users, config.auth(), log);
                try {
                    if (config.httpPort() != ServerConfig.OFF) http = bindHttp(boss, workers, bind, config.httpPort(), ch, null, state, "HTTP");
                    if (config.httpsPort() != ServerConfig.OFF) https = bindHttp(boss, workers, bind, config.httpsPort(), ch, ssl, state, "HTTPS");
                } catch (RuntimeException e) {
                    listener.close();
                    if (http != null) http.close();
                    ch.close();
                    throw e;
                }
            }
            IlpServer ilp = null;
            if (config.ilp().enabled()) {
                try {
                    ilp = startIlp(config, database, bind, boss, workers, users, ssl, state);
                } catch (Exception e) {
                    listener.close().syncUninterruptibly();
                    if (http != null) http.close().syncUninterruptibly();
                    if (https != null) https.close().syncUninterruptibly();
                    if (ch != null) ch.close();
                    throw e;
                }
            }
            return new TealServer(config, handle, database, state, boss, workers, listener, ch, http, https, ilp);
        } catch (Exception e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            state.shutdownTimers();
            handle.close();
            if (e instanceof ServerException se) throw se;
            if (e instanceof BindException || e.getCause() instanceof BindException || String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw new ServerException("port " + config.pgPort() + " on " + config.bind()
                        + " is already in use (another PostgreSQL or teal serve?): choose another with --pg-port", e);
            }
            throw new ServerException("cannot listen on " + config.bind() + ":" + config.pgPort() + ": " + e.getMessage(), e);
        }
    }

    private static IlpServer startIlp(ServerConfig config, Database database, InetAddress bind, EventLoopGroup boss, EventLoopGroup workers,
                                      UserStore users, SslContext ssl, PgServerState state) throws InterruptedException {
        boolean password = config.auth() == PgServerState.Auth.PASSWORD;
        if (password && config.ilp().tcpPort() >= 0 && config.ilp().tcpAuthFile() == null) {
            // TCP line protocol without keys must not open a door around the passwords
            throw new ServerException("--ilp-tcp-port with --auth password needs --ilp-tcp-auth FILE (the clients' ECDSA public keys)");
        }
        IlpAuth auth = !password ? IlpAuth.none() : new IlpAuth() {
            @Override
            public boolean required() {
                return true;
            }

            @Override
            public boolean check(String user, String pw) {
                return users.checkPassword(user, pw);
            }
        };
        try {
            return IlpServer.start(config.ilp(), database, bind, boss, workers, auth, ssl, config.tlsRequired(), state::log);
        } catch (IllegalArgumentException e) {
            throw new ServerException(e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof BindException || e.getCause() instanceof BindException || String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw new ServerException("a line protocol port (--ilp-http-port " + config.ilp().httpPort() + ", --ilp-tcp-port "
                        + config.ilp().tcpPort() + ") is already in use", e);
            }
            throw e;
        }
    }

    /** The line-protocol listeners, or null when not enabled. */
    public IlpServer ilp() {
        return ilp;
    }

    /** The ClickHouse HTTP(S) endpoint on {@code port}. */
    private static Channel bindHttp(EventLoopGroup boss, EventLoopGroup workers, InetAddress bind, int port, ChHttpServer ch, SslContext ssl,
                                    PgServerState state, String what) {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 512)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        ch.initChannel(c, ssl);
                    }
                });
        try {
            Channel c = b.bind(new InetSocketAddress(bind, port)).sync().channel();
            InetSocketAddress actual = (InetSocketAddress) c.localAddress();
            state.log("TealDB listening for ClickHouse " + what + " clients on " + actual.getAddress().getHostAddress() + ":" + actual.getPort());
            return c;
        } catch (Exception e) {
            if (e instanceof BindException || e.getCause() instanceof BindException || String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw new ServerException("port " + port + " on " + bind.getHostAddress() + " is already in use: choose another with --"
                        + what.toLowerCase(java.util.Locale.ROOT) + "-port", e);
            }
            throw new ServerException("cannot listen on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port of the ClickHouse HTTP endpoint (-1 when off). */
    public int httpPort() {
        return httpListener == null ? -1 : ((InetSocketAddress) httpListener.localAddress()).getPort();
    }

    /** The port of the ClickHouse HTTPS endpoint (-1 when off). */
    public int httpsPort() {
        return httpsListener == null ? -1 : ((InetSocketAddress) httpsListener.localAddress()).getPort();
    }

    private static String baseName(String file) {
        String n = java.nio.file.Path.of(file).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public PgServerState pgState() {
        return pg;
    }

    public ServerConfig config() {
        return config;
    }

    /** Blocks until the listener is closed. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        listener.close().syncUninterruptibly();
        if (httpListener != null) httpListener.close().syncUninterruptibly();
        if (httpsListener != null) httpsListener.close().syncUninterruptibly();
        if (ilp != null) ilp.close();
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        pg.closeAllIdleOrWait(deadline);
        pg.cancelAll();
        pg.closeAll();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        pg.shutdownTimers();
        if (clickhouse != null) clickhouse.close();
        handle.close();
        pg.log("TealDB server stopped");
    }
}
