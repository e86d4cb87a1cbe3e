package io.tealdb.server.ilp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.tealdb.session.Database;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The line-protocol listeners of {@code teal serve}: HTTP (QuestDB's 9000; with the server's TLS
 * certificate, TLS and plain connections are both accepted unless TLS is required) and TCP
 * (QuestDB's 9009), on the server's Netty event loops, over the server's database.
 */
public final class IlpServer implements AutoCloseable {
    /** Largest request body: QuestDB's clients refuse to send more than 100 MiB. */
    static final int MAX_BODY = 256 << 20;

    private final List<Channel> listeners;
    private final ExecutorService executor;
    private final int httpPort, tcpPort;

    private IlpServer(List<Channel> listeners, ExecutorService executor, int httpPort, int tcpPort) {
        this.listeners = listeners;
        this.executor = executor;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
    }

    public static IlpServer start(IlpConfig config, Database database, InetAddress bind, EventLoopGroup boss, EventLoopGroup workers,
                                  IlpAuth auth, SslContext ssl, boolean tlsRequired, Consumer<String> log) throws InterruptedException {
        IlpIngest ingest = new IlpIngest(database, config);
        IlpErrors errors = new IlpErrors(log);
        IlpTcpAuth tcpAuth = config.tcpAuthFile() == null ? null : IlpTcpAuth.load(config.tcpAuthFile());
        IlpHttpTokens tokens = config.httpTokenFile() == null ? null : IlpHttpTokens.load(config.httpTokenFile());
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ilp-http-", 0).factory());
        List<Channel> channels = new ArrayList<>();
        int httpPort = -1, tcpPort = -1;
        try {
            if (config.httpPort() >= 0) {
                ServerBootstrap b = bootstrap(boss, workers).childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", tlsRequired ? ssl.newHandler(ch.alloc()) : new OptionalSslHandler(ssl));
                        }
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("continue", new HttpServerExpectContinueHandler());
                        // Content-Encoding: gzip / deflate bodies, as QuestDB accepts them
                        ch.pipeline().addLast("inflate", new io.netty.handler.codec.http.HttpContentDecompressor(0));
                        ch.pipeline().addLast("body", new HttpObjectAggregator(MAX_BODY));
                        ch.pipeline().addLast("ilp", new IlpHttpHandler(ingest, auth, tokens, executor, errors));
                    }
                });
                Channel c = b.bind(new InetSocketAddress(bind, config.httpPort())).sync().channel();
                channels.add(c);
                httpPort = ((InetSocketAddress) c.localAddress()).getPort();
                log.accept("TealDB listening for line protocol over HTTP on " + address(c) + (ssl != null ? " (TLS)" : ""));
            }
            if (config.tcpPort() >= 0) {
                ServerBootstrap b = bootstrap(boss, workers).childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // TLS as on the HTTP port (QuestDB's tcps::); the line stream starts after the handshake
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", tlsRequired ? ssl.newHandler(ch.alloc()) : new OptionalSslHandler(ssl));
                        }
                        ch.pipeline().addLast("ilp", new IlpTcpHandler(ingest, errors, tcpAuth));
                    }
                });
                Channel c = b.bind(new InetSocketAddress(bind, config.tcpPort())).sync().channel();
                channels.add(c);
                tcpPort = ((InetSocketAddress) c.localAddress()).getPort();
                log.accept("TealDB listening for line protocol over TCP on " + address(c) + (tcpAuth != null ? " (ECDSA key authentication)" : "")
                        + (ssl != null ? " (TLS)" : ""));
            }
        } catch (InterruptedException | RuntimeException e) {
            for (Channel c : channels) c.close().syncUninterruptibly();
            executor.shutdownNow();
            throw e;
        }
        return new IlpServer(channels, executor, httpPort, tcpPort);
    }

    private static ServerBootstrap bootstrap(EventLoopGroup boss, EventLoopGroup workers) {
        return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 512)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true);
    }

    private static String address(Channel c) {
        InetSocketAddress a = (InetSocketAddress) c.localAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** The HTTP port actually bound (useful with port 0), or -1. */
    public int httpPort() {
        return httpPort;
    }

    /** The TCP port actually bound, or -1. */
    public int tcpPort() {
        return tcpPort;
    }

    /** Stops accepting; requests in flight finish (their connections close with the event loops). */
    @Override
    public void close() {
        for (Channel c : listeners) c.close().syncUninterruptibly();
        executor.shutdown();
    }
}
