package io.tealdb.server.ilp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tealdb.error.TealException;
import io.tealdb.session.ClientContext;

import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection of the line-protocol endpoint (QuestDB's port 9009): a plain stream of lines,
 * never answered. The bytes go to the connection's virtual thread, which decodes complete lines and
 * commits what it staged every second, every {@value #COMMIT_ROWS} rows and when the client closes.
 * The first bad line ends the connection: the rows before it are committed, the server logs the
 * table, line number and reason, and closes the socket (the client sees it on its next write).
 * Bare timestamps are nanoseconds (TCP has no precision parameter).
 */
final class IlpTcpHandler extends ChannelInboundHandlerAdapter {
    static final int COMMIT_ROWS = 100_000;
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long PAUSE_BYTES = 8L << 20;
    private static final Object EOF = new Object();

    private final IlpIngest ingest;
    private final IlpErrors errors;
    /** Null when TCP connections need no authentication. */
    private final IlpTcpAuth auth;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private Channel channel;

    IlpTcpHandler(IlpIngest ingest, IlpErrors errors, IlpTcpAuth auth) {
        this.ingest = ingest;
        this.errors = errors;
        this.auth = auth;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        Thread.ofVirtual().name("ilp-tcp " + channel.remoteAddress()).start(this::run);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        try {
            byte[] a = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), a);
            if (queued.addAndGet(a.length) > PAUSE_BYTES) ctx.channel().config().setAutoRead(false);
            queue.add(a);
        } finally {
            b.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        queue.add(EOF);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.log("line protocol TCP connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }

    private static int indexOf(byte[] b, int len, byte x) {
        for (int i = 0; i < len; i++) if (b[i] == x) return i;
        return -1;
    }

    /** The connection's worker: authenticate (when configured), decode, stage, commit. */
    private void run() {
        byte[] buf = new byte[64 * 1024];
        int len = 0;
        int nextLine = 1;
        long firstStaged = 0;
        boolean authenticating = auth != null;
        String keyId = null;
        byte[] challenge = null;
        try (ClientContext session = ingest.database.connect()) {
            IlpBatch batch = new IlpBatch(ingest, session);
            try {
                while (true) {
                    Object o;
                    if (batch.rows() > 0) {
                        long wait = firstStaged + COMMIT_INTERVAL_NANOS - System.nanoTime();
                        o = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
                    } else {
                        o = queue.take();
                    }
                    if (o == null) {
                        batch.commit();
                        continue;
                    }
                    boolean eof = o == EOF;
                    if (!eof) {
                        byte[] a = (byte[]) o;
                        if (len + a.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + a.length));
                        System.arraycopy(a, 0, buf, len, a.length);
                        len += a.length;
                        if (queued.addAndGet(-a.length) <= PAUSE_BYTES / 2 && !channel.config().isAutoRead()) {
                            channel.config().setAutoRead(true);
                        }
                    }
                    if (authenticating) {
                        // key id line, then the signature line of the challenge we sent
                        int nl = indexOf(buf, len, (byte) '\n');
                        if (nl < 0) {
                            if (eof || len > 4096) {
                                channel.close();
                                return;
                            }
                            continue;
                        }
                        int end = nl > 0 && buf[nl - 1] == '\r' ? nl - 1 : nl;
                        byte[] line = Arrays.copyOf(buf, end);
                        System.arraycopy(buf, nl + 1, buf, 0, len - nl - 1);
                        len -= nl + 1;
                        if (keyId == null) {
                            keyId = new String(line, java.nio.charset.StandardCharsets.UTF_8);
                            if (!auth.knows(keyId)) {
                                errors.log("line protocol TCP " + channel.remoteAddress() + ": unknown key id; closing the connection");
                                channel.close();
                                return;
                            }
                            challenge = auth.challenge();
                            byte[] out = Arrays.copyOf(challenge, challenge.length + 1);
                            out[challenge.length] = '\n';
                            channel.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(out));
                        } else {
                            if (!auth.verify(keyId, challenge, line)) {
                                errors.log("line protocol TCP " + channel.remoteAddress() + ": authentication failed for key " + keyId
                                        + "; closing the connection");
                                channel.close();
                                return;
                            }
                            authenticating = false;
                        }
                        queue.add(new byte[0]); // look at what else is buffered without waiting for more input
                        continue;
                    }
                    long before = batch.rows();
                    int consumed;
                    try {
                        consumed = batch.add(buf, 0, len, eof, 1L, nextLine);
                    } catch (IlpException e) {
                        batch.commit(); // QuestDB keeps the rows before the bad line
                        errors.log("line protocol TCP " + channel.remoteAddress() + ": error in line " + e.line() + ": "
                                + e.getMessage() + "; closing the connection");
                        channel.close();
                        return;
                    }
                    nextLine += batch.lines;
                    if (before == 0 && batch.rows() > 0) firstStaged = System.nanoTime();
                    System.arraycopy(buf, consumed, buf, 0, len - consumed);
                    len -= consumed;
                    if (batch.rows() >= COMMIT_ROWS || eof) batch.commit();
                    if (eof) return;
                }
            } catch (TealException e) {
                errors.log("line protocol TCP " + channel.remoteAddress() + ": commit failed: " + e.getMessage() + "; closing the connection");
                channel.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
        } catch (RuntimeException e) {
            errors.log("line protocol TCP " + channel.remoteAddress() + " failed: " + e + "; closing the connection");
            channel.close();
        }
    }
}
