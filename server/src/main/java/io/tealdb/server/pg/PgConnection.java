package io.tealdb.server.pg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.tealdb.session.ClientContext;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection. The event loop decodes frames and answers SSLRequest itself (the TLS
 * handler must be in place before the client's next byte); everything else runs in order on this
 * connection's own worker thread, so a long query or a slow client never blocks the event loop.
 * Reading pauses while too many messages wait, and resumes when the worker catches up.
 */
public final class PgConnection extends ChannelInboundHandlerAdapter {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PAUSE_AT = 512, RESUME_AT = 64;

    private final PgServerState server;
    private Channel channel;
    private PgOutput out;
    private ExecutorService worker;
    private final AtomicInteger queued = new AtomicInteger();
    /** Frames decoded from the current socket read (event loop only), handed over at channelReadComplete. */
    private final java.util.ArrayList<Frame> arrived = new java.util.ArrayList<>();
    private volatile boolean closed;

    volatile int pid;
    /** True while the worker handles a message (shutdown waits for these). */
    volatile boolean busy;
    private int secret;
    private String user;
    private String peer = "?";
    private Map<String, String> startupParams;
    private Scram scram;
    private boolean awaitingPassword;
    private boolean startedUp;
    private volatile PgSession session;
    private boolean registered;

    public PgConnection(PgServerState server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        out = new PgOutput(channel);
        if (channel.remoteAddress() instanceof InetSocketAddress a) peer = a.getAddress().getHostAddress() + ":" + a.getPort();
        // a platform thread, not a virtual one: waking a parked platform thread is one futex call, while a virtual
        // thread is resumed through the ForkJoinPool, whose carriers spin before they park; per round trip that
        // cost about a fifth of the server's CPU for small queries (pgjdbc, SELECT ?::INTEGER + 1)
        worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("teal-pg-", 0).factory());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame f = (Frame) msg;
        if (f.type() == 0 && !startedUp) {
            int code = new MessageReader(f.body()).int32();
            if (code == PgFrameDecoder.SSL_REQUEST) {
                if (server.ssl() != null) {
                    SslHandler tls = server.ssl().newHandler(channel.alloc());
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[]{'S'}))
                            .addListener((ChannelFutureListener) fut -> channel.pipeline().addFirst("tls", tls));
                } else {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[]{'N'}));
                }
                return;
            }
            if (code == PgFrameDecoder.GSSENC_REQUEST) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[]{'N'}));
                return;
            }
        }
        if (queued.incrementAndGet() >= PAUSE_AT) channel.config().setAutoRead(false);
        arrived.add(f);
    }

    /**
     * Hands the frames of one socket read to the worker as one task: a client's round trip (Bind,
     * Execute, Sync in one packet) then wakes the worker once instead of once per message, and the
     * worker does not park between messages that arrived together.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!arrived.isEmpty()) {
            Frame[] frames = arrived.toArray(new Frame[0]);
            arrived.clear();
            try {
                worker.execute(() -> {
                    for (Frame f : frames) {
                        try {
                            handle(f);
                        } finally {
                            if (queued.decrementAndGet() <= RESUME_AT && !channel.config().isAutoRead() && !closed) {
                                channel.config().setAutoRead(true);
                            }
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                // the connection is closing
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (out != null) out.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof PgFrameDecoder.ProtocolViolation v) {
            ByteBuf b = ctx.alloc().buffer();
            writeFatal(b, "08P01", v.getMessage());
            server.log("connection " + peer + " closed: protocol violation: " + v.getMessage());
            ctx.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
        } else {
            if (!(c instanceof java.io.IOException) && !(c instanceof javax.net.ssl.SSLException)) {
                server.log("connection " + peer + " error: " + c);
            }
            ctx.close();
        }
    }

    private static void writeFatal(ByteBuf b, String state, String message) {
        b.writeByte('E');
        int at = b.writerIndex();
        b.writeInt(0);
        for (String[] f : new String[][]{{"S", "FATAL"}, {"V", "FATAL"}, {"C", state}, {"M", message}}) {
            b.writeByte(f[0].charAt(0));
            b.writeCharSequence(f[1], StandardCharsets.UTF_8);
            b.writeByte(0);
        }
        b.writeByte(0);
        b.setInt(at, b.writerIndex() - at);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        cancelRunning();
        if (worker != null) {
            try {
                worker.execute(this::cleanup);
            } catch (RejectedExecutionException ignored) {
                // already shut down
            }
            worker.shutdown();
        }
        ctx.fireChannelInactive();
    }

    private void cleanup() {
        PgSession s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        if (out != null) out.release();
        if (registered) {
            server.unregister(this);
            registered = false;
            server.log("connection closed: " + user + "@" + peer + " (pid " + pid + ")");
        }
    }

    /** Interrupts the statement running now, if any (CancelRequest, shutdown, disconnect). Thread-safe. */
    void cancelRunning() {
        PgSession s = session;
        if (s != null) s.context().interrupt();
    }

    /** Closes the connection with a FATAL notice (server shutdown). */
    void terminate(String message) {
        if (channel == null || !channel.isActive()) return;
        ByteBuf b = channel.alloc().buffer();
        writeFatal(b, "57P01", message);
        channel.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
    }

    // ================================================================ worker thread

    private void handle(Frame f) {
        if (closed) return;
        busy = true;
        try {
            if (!startedUp) {
                startup(f);
            } else if (awaitingPassword) {
                password(f);
            } else {
                message(f);
            }
        } catch (PgOutput.ClientGone e) {
            channel.close();
        } catch (PgFrameDecoder.ProtocolViolation e) {
            fatal("08P01", e.getMessage());
        } catch (PgError.Failure e) {
            fatal(e.error.sqlState(), e.error.message());
        } catch (RuntimeException e) {
            server.log("connection " + peer + " internal error: " + e);
            fatal("XX000", "internal error: " + e);
        } finally {
            busy = false;
        }
    }

    private void fatal(String state, String message) {
        try {
            out.error('E', PgError.fatal(state, message));
            out.flush();
        } catch (RuntimeException ignored) {
            // the client is gone anyway
        }
        channel.close();
    }

    private void startup(Frame f) {
        if (f.type() != 0) throw new PgFrameDecoder.ProtocolViolation("expected a startup message");
        MessageReader r = new MessageReader(f.body());
        int code = r.int32();
        if (code == PgFrameDecoder.CANCEL_REQUEST) {
            int targetPid = r.int32();
            int key = r.int32();
            PgConnection target = server.connection(targetPid);
            if (target != null && target.secret == key) target.cancelRunning();
            channel.close();
            return;
        }
        if ((code >>> 16) != 3) {
            fatal("0A000", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xffff) + ": server supports 3.0");
            return;
        }
        startupParams = new LinkedHashMap<>();
        java.util.List<String> unknownOptions = new java.util.ArrayList<>();
        while (r.remaining() > 1) {
            String k = r.cstring();
            if (k.isEmpty()) break;
            String v = r.cstring();
            if (k.startsWith("_pq_.")) unknownOptions.add(k);
            else startupParams.put(k, v);
        }
        startedUp = true;
        if ((code & 0xffff) > 0 || !unknownOptions.isEmpty()) {
            ByteBuf b = out.begin('v');
            b.writeInt(0);
            b.writeInt(unknownOptions.size());
            for (String o : unknownOptions) out.cstring(o);
            out.end();
        }
        if (server.tlsRequired() && channel.pipeline().get(SslHandler.class) == null) {
            fatal("28000", "TLS is required: connect with sslmode=require");
            return;
        }
        user = startupParams.get("user");
        if (user == null || user.isEmpty()) {
            fatal("28000", "no PostgreSQL user name specified in startup packet");
            return;
        }
        if (startupParams.containsKey("replication") && !startupParams.get("replication").equalsIgnoreCase("false")) {
            fatal("0A000", "replication connections are not supported");
            return;
        }
        if (server.auth() == PgServerState.Auth.NONE) {
            authenticated();
            return;
        }
        ByteBuf b = out.begin('R');
        b.writeInt(10);
        out.cstring(Scram.MECHANISM);
        b.writeByte(0);
        out.end();
        out.flush();
        scram = new Scram(server.users().verifier(user));
        awaitingPassword = true;
    }

    /**
     * The served database's names: its own, {@code teal}/{@code teal:} (as MotherDuck's {@code md:}),
     * {@code postgres}, or the user's name (libpq's default). Any other {@code dbname} must be a database
     * attached to the server (ATTACH), which then is the session's default database (USE).
     */
    private boolean servedDatabase(String db) {
        return db.isEmpty() || db.equals(server.databaseName()) || db.equals("teal") || db.equals("teal:") || db.equals(user)
                || db.equals("postgres");
    }

    private void password(Frame f) {
        if (f.type() != 'p') throw new PgFrameDecoder.ProtocolViolation("expected a password message");
        MessageReader r = new MessageReader(f.body());
        if (scram != null && scram.pendingFirst()) {
            String mech = r.cstring();
            if (!mech.equals(Scram.MECHANISM)) {
                fatal("28000", "SASL authentication mechanism " + mech + " is not supported");
                return;
            }
            int len = r.int32();
            String first = new String(r.bytes(len), StandardCharsets.UTF_8);
            String serverFirst = scram.serverFirst(first);
            ByteBuf b = out.begin('R');
            b.writeInt(11);
            b.writeCharSequence(serverFirst, StandardCharsets.UTF_8);
            out.end();
            out.flush();
            return;
        }
        String fin = new String(r.rest(), StandardCharsets.UTF_8);
        String serverFinal = scram.serverFinal(fin);
        if (serverFinal == null) {
            server.log("authentication failed for user \"" + user + "\" from " + peer);
            // a short pause slows down password guessing from one connection after another
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            fatal("28P01", "password authentication failed for user \"" + user + "\"");
            return;
        }
        ByteBuf b = out.begin('R');
        b.writeInt(12);
        b.writeCharSequence(serverFinal, StandardCharsets.UTF_8);
        out.end();
        awaitingPassword = false;
        scram = null;
        authenticated();
    }

    private void authenticated() {
        if (!server.register(this)) {
            fatal("53300", "sorry, too many clients already");
            return;
        }
        registered = true;
        secret = RANDOM.nextInt();
        ClientContext ctx = server.database().connect();
        String db = startupParams.getOrDefault("database", user);
        if (!servedDatabase(db)) {
            try (var r = ctx.execute("USE \"" + db.replace("\"", "\"\"") + "\"", List.of())) {
                // the attached database is now the session's default
            } catch (io.tealdb.error.TealException e) {
                ctx.close();
                server.unregister(this);
                registered = false;
                fatal("3D000", "database \"" + db + "\" does not exist");
                return;
            }
        }
        PgSession s = new PgSession(server, out, ctx, user, peer);
        out.authOk();
        for (Map.Entry<String, String> e : startupParams.entrySet()) {
            String k = e.getKey();
            if (k.equals("user") || k.equals("database")) continue;
            try {
                if (k.equals("options")) {
                    applyOptions(s, e.getValue());
                } else {
                    io.tealdb.settings.Setting d = PgSettings.find(k);
                    if (d != null && !d.readOnly()) s.settings.set(d, e.getValue());
                }
            } catch (PgError.Failure bad) {
                s.close();
                server.unregister(this);
                registered = false;
                fatal(bad.error.sqlState(), bad.error.message());
                return;
            } catch (io.tealdb.error.TealException bad) {
                s.close();
                server.unregister(this);
                registered = false;
                fatal("22023", bad.getMessage());
                return;
            }
        }
        for (io.tealdb.settings.Setting d : PgSettings.REPORTED) out.parameterStatus(d.name(), s.settings.get(d));
        ByteBuf b = out.begin('K');
        b.writeInt(pid);
        b.writeInt(secret);
        out.end();
        session = s;
        out.readyForQuery('I');
        out.flush();
        server.log("connection authorized: user=" + user + " database=" + startupParams.getOrDefault("database", user)
                + " application_name=" + startupParams.getOrDefault("application_name", "") + " from " + peer + " (pid " + pid + ")");
    }

    /** The {@code options} startup parameter: {@code -c name=value} and {@code --name=value}. */
    private static void applyOptions(PgSession s, String options) {
        String[] parts = options.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            String kv = null;
            if (p.equals("-c") && i + 1 < parts.length) kv = parts[++i];
            else if (p.startsWith("-c")) kv = p.substring(2);
            else if (p.startsWith("--")) kv = p.substring(2);
            if (kv == null || !kv.contains("=")) continue;
            String name = kv.substring(0, kv.indexOf('=')).replace('-', '_');
            io.tealdb.settings.Setting d = PgSettings.find(name);
            if (d != null && !d.readOnly()) s.settings.set(d, kv.substring(kv.indexOf('=') + 1));
        }
    }

    private void message(Frame f) {
        PgSession s = session;
        if (s == null) return;
        byte type = f.type();
        if (type == 'X') {
            channel.close();
            return;
        }
        if (s.inCopy()) {
            s.copyMessage(f);
            return;
        }
        if (s.copyFailedDropRest) {
            if (type == 'd' || type == 'c' || type == 'f') return;
            s.copyFailedDropRest = false;
        }
        if (s.skippingToSync() && type != 'S') {
            // after an error the rest up to Sync is skipped, but a Flush still delivers the error:
            // asyncpg sends Parse, Describe, Flush and waits for the answer before it sends Sync
            if (type == 'H') out.flush();
            return;
        }
        if (type != 'B' && type != 'E' && type != 'D' && type != 'P') {
            try {
                s.flushBatch();
            } catch (PgOutput.ClientGone e) {
                throw e;
            } catch (RuntimeException e) {
                s.extendedError(e, null);
                if (type != 'S') return;
            }
        }
        MessageReader r = new MessageReader(f.body());
        switch (type) {
            case 'Q' -> s.simpleQuery(r.cstring());
            case 'S' -> s.sync();
            case 'H' -> out.flush();
            case 'P', 'B', 'D', 'E', 'C' -> {
                try {
                    switch (type) {
                        case 'P' -> s.parse(r);
                        case 'B' -> s.bind(r);
                        case 'D' -> s.describe(r);
                        case 'E' -> s.execute(r);
                        default -> s.close(r);
                    }
                } catch (PgOutput.ClientGone | PgFrameDecoder.ProtocolViolation e) {
                    throw e;
                } catch (PgError.Failure e) {
                    // a FATAL failure ends the connection; an ERROR (even 08P01, such as a Bind whose parameter
                    // count is wrong) fails the statement and the connection goes on, as in PostgreSQL
                    if (e.error.severity().equals("FATAL")) throw new PgFrameDecoder.ProtocolViolation(e.error.message());
                    s.extendedError(e, null);
                } catch (RuntimeException e) {
                    s.extendedError(e, null);
                }
            }
            case 'd', 'c', 'f' -> {
                // CopyData/CopyDone/CopyFail outside a COPY: ignored, as PostgreSQL does
            }
            case 'F' -> s.extendedError(new PgError.Failure("0A000", "the function call protocol is not supported"), null);
            default -> throw new PgFrameDecoder.ProtocolViolation("invalid frontend message type " + (char) type);
        }
    }
}
