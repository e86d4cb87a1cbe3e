package io.tealdb.server.ilp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tealdb.error.InternalException;
import io.tealdb.error.TealException;
import io.tealdb.error.TealIOException;
import io.tealdb.session.ClientContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * One HTTP connection of the line-protocol endpoint (QuestDB's port 9000): {@code POST /write} and
 * {@code /api/v2/write} ingest a body as one transaction and answer 204 once it is durable;
 * {@code GET /settings} tells clients which protocol versions we speak; {@code GET /ping} is a
 * health check. Requests run one at a time on a virtual thread (reading from the socket pauses
 * meanwhile, so replies keep the order of requests); the connection keeps one engine session
 * (and a second one for decoding half of a large request in parallel).
 */
final class IlpHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final IlpIngest ingest;
    private final IlpAuth auth;
    /** Bearer tokens accepted on /write, or null. */
    private final IlpHttpTokens tokens;
    private final ExecutorService executor;
    private final IlpErrors errors;
    private ClientContext session;
    private IlpBatch batch;
    /** The second session and batch that decode the tail of a large request on another thread (see {@link IlpBatch#addBody}). */
    private ClientContext tailSession;
    /** The last request's body, reused by the next one that fits (and is not much smaller). */
    private byte[] bodyBuffer;
    private static final int KEEP_BODY_BUFFER = 1 << 20;
    private IlpBatch tailBatch;

    IlpHttpHandler(IlpIngest ingest, IlpAuth auth, IlpHttpTokens tokens, ExecutorService executor, IlpErrors errors) {
        this.ingest = ingest;
        this.auth = auth;
        this.tokens = tokens;
        this.executor = executor;
        this.errors = errors;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        switch (path) {
            case "/write", "/api/v2/write" -> {
                if (!req.method().equals(HttpMethod.POST)) {
                    reply(ctx, text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method " + req.method() + " not supported\r\n"), keepAlive);
                    return;
                }
                if ((auth.required() || tokens != null) && !authorized(req)) {
                    reply(ctx, text(HttpResponseStatus.UNAUTHORIZED, "Unauthorized\r\n"), keepAlive);
                    return;
                }
                long bareNanos = precision(uri.parameters().get("precision"));
                if (bareNanos < 0) {
                    reply(ctx, errors.json(HttpResponseStatus.BAD_REQUEST, "not supported", "unsupported precision", 0), keepAlive);
                    return;
                }
                // one buffer per connection, reused by its requests (they run one at a time): a body of a few
                // MB is a humongous allocation for the collector
                ByteBuf content = req.content();
                int length = content.readableBytes();
                if (bodyBuffer == null || bodyBuffer.length < length || bodyBuffer.length > Math.max(KEEP_BODY_BUFFER, 2 * length)) {
                    bodyBuffer = new byte[length];
                }
                byte[] body = bodyBuffer;
                content.getBytes(content.readerIndex(), body, 0, length);
                ctx.channel().config().setAutoRead(false);
                executor.execute(() -> {
                    FullHttpResponse resp = write(body, length, bareNanos);
                    ctx.channel().eventLoop().execute(() -> {
                        reply(ctx, resp, keepAlive);
                        ctx.channel().config().setAutoRead(true);
                    });
                });
            }
            case "/ping" -> {
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
                r.headers().set("X-Influxdb-Version", "v2.7.4");
                reply(ctx, r, keepAlive);
            }
            case "/settings" -> reply(ctx, settings(), keepAlive);
            default -> reply(ctx, text(HttpResponseStatus.NOT_FOUND, "Not Found\r\n"), keepAlive);
        }
    }

    /** Runs on the request's virtual thread: decode, stage, commit. */
    private FullHttpResponse write(byte[] body, int length, long bareNanos) {
        try {
            if (session == null) {
                session = ingest.database.connect();
                batch = new IlpBatch(ingest, session);
            }
            IlpBatch tail = null;
            if (length >= IlpBatch.SPLIT_MIN_BYTES && tailSession == null) {
                tailSession = ingest.database.connect();
                tailBatch = new IlpBatch(ingest, tailSession);
            }
            try {
                if (batch.addBody(body, length, bareNanos, tailBatch, executor)) tail = tailBatch;
            } catch (RuntimeException e) {
                batch.clear();
                throw e;
            }
            batch.commit(tail);
            FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
            return ok;
        } catch (IlpException e) {
            String msg = e.line() > 0
                    ? "failed to parse line protocol:errors encountered on line(s):\nerror in line " + e.line() + ": " + e.getMessage()
                    : e.getMessage();
            return errors.json(HttpResponseStatus.valueOf(e.status()), e.code(), msg, e.line());
        } catch (TealIOException | InternalException e) {
            errors.log("line protocol commit failed: " + e.getMessage());
            return errors.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error", "commit failed: " + e.getMessage(), 0);
        } catch (TealException e) {
            return errors.json(HttpResponseStatus.BAD_REQUEST, "invalid", e.describe(), 0);
        } catch (RuntimeException e) {
            errors.log("line protocol request failed: " + e);
            return errors.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error", String.valueOf(e), 0);
        }
    }

    private boolean authorized(FullHttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (h == null) return false;
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) return tokens != null && tokens.check(h.substring(7).trim());
        // Basic: the server's users (with --auth none and a token file, only tokens sign in)
        if (!auth.required() || !h.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return false;
        return auth.check(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** Nanoseconds per unit of the {@code precision} parameter (default nanoseconds), -1 if unknown. */
    static long precision(List<String> values) {
        if (values == null || values.isEmpty()) return 1L;
        return switch (values.get(0)) {
            case "n", "ns" -> 1L;
            case "u", "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> -1L;
        };
    }

    private static FullHttpResponse settings() {
        String body = "{\"config\":{\"release.type\":\"OSS\",\"release.version\":\"tealdb\",\"http.settings.readonly\":false,"
                + "\"accepting.writes\":[\"http\",\"tcp\",\"pgwire\"],\"line.proto.support.versions\":[1,2],"
                + "\"ilp.proto.transports\":[\"tcp\",\"http\"],\"cairo.max.file.name.length\":" + IlpNames.MAX_LENGTH
                + "},\"preferences.version\":0,\"preferences\":{}}";
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return r;
    }

    private static void reply(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
        if (r.status().code() >= 400) {
            // QuestDB streams error bodies chunked and its Java client relies on it (it asserts so)
            HttpUtil.setTransferEncodingChunked(r, true);
        } else if (r.status().code() != 204) {
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        }
        r.headers().set(HttpHeaderNames.SERVER, "tealdb");
        HttpUtil.setKeepAlive(r, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientContext s = session, t = tailSession;
        if (s != null) executor.execute(s::close);
        if (t != null) executor.execute(t::close);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.log("line protocol HTTP connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
