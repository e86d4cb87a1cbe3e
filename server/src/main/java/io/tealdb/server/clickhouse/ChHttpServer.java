package io.tealdb.server.clickhouse;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.tealdb.server.pg.PgServerState;
import io.tealdb.server.pg.UserStore;
import io.tealdb.session.Database;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What every connection of the ClickHouse HTTP endpoint shares: the database, the server's users
 * (the same as PostgreSQL's), the sessions, the log. {@link #initChannel} builds a connection's
 * pipeline: Netty's HTTP/1.1 codec, then {@link ChHttpHandler}.
 */
public final class ChHttpServer implements AutoCloseable {
    final Database database;
    final UserStore users;
    final PgServerState.Auth auth;
    final ChSessions sessions;
    final ChColumnTypes columnTypes;
    final ChSortKeys sortKeys;
    private final PrintStream log;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "teal-ch-sessions");
        t.setDaemon(true);
        return t;
    });

    public ChHttpServer(Database database, UserStore users, PgServerState.Auth auth, PrintStream log) {
        this.database = database;
        this.users = users;
        this.auth = auth;
        this.log = log;
        this.sessions = new ChSessions(database);
        this.columnTypes = new ChColumnTypes(database);
        this.sortKeys = new ChSortKeys(database);
        sweeper.scheduleWithFixedDelay(sessions::sweep, 5, 5, TimeUnit.SECONDS);
    }

    /** Adds the HTTP codec and handler (after TLS, when {@code ssl} is given). */
    public void initChannel(io.netty.channel.socket.SocketChannel ch, SslContext ssl) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) p.addLast("tls", ssl.newHandler(ch.alloc()));
        p.addLast("http", new HttpServerCodec(16384, 65536, 65536));
        p.addLast("clickhouse", new ChHttpHandler(this));
    }

    void log(String message) {
        synchronized (log) {
            log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        sessions.closeAll();
    }
}
