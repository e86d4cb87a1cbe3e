package io.tealdb.server.clickhouse;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.tealdb.session.ClientContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of the ClickHouse HTTP endpoint. The event loop only moves bytes: each request
 * runs on its own virtual thread (one after the other per connection), reading its body from a
 * {@link BodyStream} and replying through a {@link ChResponse}. When the client goes away, the
 * running statement is interrupted.
 */
final class ChHttpHandler extends ChannelInboundHandlerAdapter {
    private static final Set<String> RESERVED = Set.of("query", "database", "default_format", "user", "password", "quota_key",
            "query_id", "session_id", "session_timeout", "session_check", "close_session", "compress", "decompress", "buffer_size",
            "wait_end_of_query", "stacktrace", "role", "with_stacktrace");
    private static final String HOST = resolveHost();
    private final ChHttpServer server;
    private BodyStream body;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    private volatile ClientContext running;
    private volatile boolean closed;

    ChHttpHandler(ChHttpServer server) {
        this.server = server;
    }

    static String hostName() {
        return HOST;
    }

    private static String resolveHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                BodyStream b = new BodyStream(ctx.channel());
                body = b;
                boolean keepAlive = HttpUtil.isKeepAlive(req);
                if (req.decoderResult().isFailure()) {
                    b.end();
                    previous = previous.thenRunAsync(() -> badRequest(ctx, keepAlive, req.decoderResult().cause()), VIRTUAL);
                    return;
                }
                String uri = req.uri();
                HttpMethod method = req.method();
                HttpHeaders headers = req.headers().copy();
                previous = previous.thenRunAsync(() -> handle(ctx, method, uri, headers, keepAlive, b), VIRTUAL);
            }
            if (msg instanceof HttpContent c && body != null) {
                body.offer(c.content().retain());
                if (msg instanceof LastHttpContent) {
                    body.end();
                    body = null;
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private static final java.util.concurrent.Executor VIRTUAL = r -> Thread.ofVirtual().name("teal-ch").start(r);

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (body != null) body.abort();
        ClientContext c = running;
        if (c != null) c.interrupt();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void badRequest(ChannelHandlerContext ctx, boolean keepAlive, Throwable cause) {
        ChResponse resp = new ChResponse(ctx.channel(), false, 0);
        resp.fail(new ChException(62, "SYNTAX_ERROR", "Malformed HTTP request: " + (cause == null ? "?" : cause.getMessage())), summary(null, 0));
    }

    /** One request, on its virtual thread. */
    private void handle(ChannelHandlerContext ctx, HttpMethod method, String uri, HttpHeaders headers, boolean keepAlive, BodyStream body) {
        if (closed) {
            body.releaseAll();
            return;
        }
        QueryStringDecoder qs = new QueryStringDecoder(uri);
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, List<String>> e : qs.parameters().entrySet()) {
            if (!e.getValue().isEmpty()) params.put(e.getKey(), e.getValue().get(e.getValue().size() - 1));
        }
        boolean waitEnd = "1".equals(params.get("wait_end_of_query"));
        ChResponse resp = new ChResponse(ctx.channel(), keepAlive, waitEnd ? 256L << 20 : 1L << 20);
        String queryId = params.getOrDefault("query_id", headers.get("X-ClickHouse-Query-Id", UUID.randomUUID().toString()));
        resp.headers.set("X-ClickHouse-Server-Display-Name", HOST);
        resp.headers.set("X-ClickHouse-Query-Id", queryId);
        resp.headers.set("X-ClickHouse-Timezone", "UTC");
        resp.headers.set("Keep-Alive", "timeout=10");
        ChExecutor exec = null;
        ChSession session = null;
        boolean closeSession = false;
        ClientContext ctxToClose = null;
        try {
            String path = qs.path();
            String q = params.get("query");
            if (path.equals("/ping") || path.equals("/replicas_status") || path.equals("/") && method.equals(HttpMethod.GET) && (q == null || q.isEmpty())
                    && !params.containsKey("query")) {
                if (path.equals("/") || path.equals("/ping") || path.equals("/replicas_status")) {
                    body.drain();
                    resp.sink().ascii("Ok.\n");
                    resp.finish(summary(null, resp.elapsedNanos()));
                    return;
                }
            }
            if (!path.equals("/") && !path.equals("/query")) {
                throw new ChException(675, "HTTP_NOT_FOUND", "There is no handle " + path);
            }
            String user = authenticate(headers, params);
            ChSettings settings = new ChSettings();
            String database = firstNonEmpty(headers.get("X-ClickHouse-Database"), params.get("database"), "default");
            String sessionId = params.get("session_id");
            ClientContext engine;
            if (sessionId != null && !sessionId.isEmpty()) {
                long timeout = parseLong(params.getOrDefault("session_timeout", "60"), "session_timeout");
                session = server.sessions.acquire(user, sessionId, timeout, "1".equals(params.get("session_check")));
                closeSession = "1".equals(params.get("close_session"));
                settings = new ChSettings(session.settings);
                if (!params.containsKey("database") && headers.get("X-ClickHouse-Database") == null) database = session.database;
                engine = session.ctx;
            } else {
                engine = server.database.connect();
                ctxToClose = engine;
            }
            Map<String, String> queryParams = new HashMap<>();
            for (Map.Entry<String, String> e : params.entrySet()) {
                String k = e.getKey();
                if (k.startsWith("param_")) queryParams.put(k.substring(6), e.getValue());
                else if (!RESERVED.contains(k)) settings.put(k, e.getValue());
            }
            boolean readonly = method.equals(HttpMethod.GET) || settings.number("readonly", 0) > 0;
            String respEncoding = settings.flag("enable_http_compression", false)
                    ? ChCompression.pickResponseEncoding(headers.get("Accept-Encoding")) : null;
            resp.compression(respEncoding, "1".equals(params.get("compress")));
            resp.progressHeaders(settings.flag("send_progress_in_http_headers", false));
            String format = firstNonEmpty(headers.get("X-ClickHouse-Format"), params.get("default_format"), "TabSeparated");
            InputStream data = ChCompression.decodeRequest(headers.get("Content-Encoding"), body);
            if ("1".equals(params.get("decompress"))) data = new ChCompression.BlockInputStream(data);
            running = engine;
            if (closed) engine.interrupt();
            // the SQL: the query param, then (unless it is an INSERT … FORMAT whose data is the body) the body
            ChStatement st;
            InputStream rest;
            if (q != null && !q.isBlank()) {
                List<ChLexer.Tok> toks = ChLexer.lex(q, true);
                if (isInsertWithFormat(toks)) {
                    st = ChStatement.parse(q, toks);
                    rest = data;
                } else {
                    byte[] more = data.readAllBytes();
                    String sql = more.length == 0 ? q : q + "\n" + new String(more, StandardCharsets.UTF_8);
                    st = ChStatement.parse(sql, ChLexer.lex(sql, true));
                    rest = InputStream.nullInputStream();
                }
            } else {
                Object[] split = splitBody(data);
                String sql = (String) split[0];
                if (sql.isBlank()) throw ChException.syntax("Empty query");
                st = ChStatement.parse(sql, ChLexer.lex(sql, true));
                rest = (InputStream) split[1];
            }
            exec = new ChExecutor(engine, settings, queryParams, user, database, session, resp, readonly, server.columnTypes, server.sortKeys);
            exec.run(st, rest, format);
            body.drain();
            resp.finish(summary(exec.summary, resp.elapsedNanos()));
        } catch (Throwable t) {
            ChException e = ChErrors.of(t);
            if (closed) e = new ChException(394, "QUERY_WAS_CANCELLED", "the client closed the connection");
            if (e.code() == 1001 && !(t instanceof io.tealdb.error.TealException)) {
                server.log("ClickHouse HTTP: internal error in query " + queryId + ": " + t);
            }
            body.drain();
            resp.fail(e, summary(exec == null ? null : exec.summary, resp.elapsedNanos()));
        } finally {
            running = null;
            body.releaseAll();
            if (session != null) server.sessions.release(session, closeSession);
            if (ctxToClose != null) {
                try {
                    ctxToClose.close();
                } catch (RuntimeException ignored) {
                    // the reply is already out
                }
            }
        }
    }

    private static boolean isInsertWithFormat(List<ChLexer.Tok> toks) {
        return !toks.isEmpty() && toks.get(0).is("INSERT") && toks.size() >= 2 && toks.get(toks.size() - 2).is("FORMAT");
    }

    /**
     * Reads the body until the statement is known: for {@code INSERT … FORMAT x} the statement ends
     * at the format name and the data starts after blanks and one optional (\r)\n; any other
     * statement is the whole body.
     */
    private static Object[] splitBody(InputStream data) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        boolean eof = false;
        while (true) {
            int n = data.read(buf, 0, eof ? 0 : buf.length);
            if (n < 0) eof = true;
            else if (n > 0) head.write(buf, 0, n);
            byte[] bytes = head.toByteArray();
            String latin = new String(bytes, StandardCharsets.ISO_8859_1);
            List<ChLexer.Tok> toks = null;
            try {
                toks = ChLexer.lex(latin, true);
            } catch (ChException e) {
                if (eof) throw e;
            }
            if (toks != null && !toks.isEmpty() && !toks.get(0).is("INSERT")) {
                // not an INSERT: the whole body is the statement
                byte[] all = eof ? bytes : concat(bytes, data.readAllBytes());
                return new Object[]{new String(all, StandardCharsets.UTF_8), InputStream.nullInputStream()};
            }
            if (toks != null && isInsertWithFormat(toks) && (toks.get(toks.size() - 1).end() < bytes.length || eof)) {
                int end = toks.get(toks.size() - 1).end();
                int p = end;
                while (p < bytes.length && (bytes[p] == ' ' || bytes[p] == '\t' || bytes[p] == '\f')) p++;
                if (p < bytes.length && bytes[p] == '\r') p++;
                if (p < bytes.length && bytes[p] == '\n') p++;
                String sql = new String(bytes, 0, end, StandardCharsets.UTF_8);
                InputStream rest = new SequenceInputStream(new java.io.ByteArrayInputStream(bytes, p, bytes.length - p), data);
                return new Object[]{sql, rest};
            }
            if (eof) return new Object[]{new String(bytes, StandardCharsets.UTF_8), InputStream.nullInputStream()};
            if (bytes.length > (64 << 20)) {
                byte[] all = concat(bytes, data.readAllBytes());
                return new Object[]{new String(all, StandardCharsets.UTF_8), InputStream.nullInputStream()};
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private String authenticate(HttpHeaders headers, Map<String, String> params) {
        String hUser = headers.get("X-ClickHouse-User");
        String hKey = headers.get("X-ClickHouse-Key");
        String basic = headers.get("Authorization");
        String pUser = params.get("user");
        String pPassword = params.get("password");
        int schemes = (hUser != null || hKey != null ? 1 : 0) + (basic != null ? 1 : 0) + (pUser != null || pPassword != null ? 1 : 0);
        if (schemes > 1) {
            throw new ChException(516, "AUTHENTICATION_FAILED", "Invalid authentication: it is not allowed to use Authorization HTTP header"
                    + " and authentication via parameters simultaneously");
        }
        String user = "default", password = "";
        if (hUser != null || hKey != null) {
            user = hUser == null ? "default" : hUser;
            password = hKey == null ? "" : hKey;
        } else if (basic != null) {
            if (!basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw new ChException(516, "AUTHENTICATION_FAILED", "Unsupported Authorization scheme (use Basic)");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(basic.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ChException(516, "AUTHENTICATION_FAILED", "Malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        } else if (pUser != null || pPassword != null) {
            user = pUser == null ? "default" : pUser;
            password = pPassword == null ? "" : pPassword;
        }
        if (user.isEmpty()) user = "default";
        if (server.auth == io.tealdb.server.pg.PgServerState.Auth.PASSWORD && !server.users.checkPassword(user, password)) {
            throw new ChException(516, "AUTHENTICATION_FAILED", user + ": Authentication failed: password is incorrect, or there is no user with such name");
        }
        return user;
    }

    private static String firstNonEmpty(String... v) {
        for (String s : v) if (s != null && !s.isEmpty()) return s;
        return null;
    }

    private static long parseLong(String v, String what) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new ChException(27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED", "Cannot parse " + what + " = '" + v + "'");
        }
    }

    /** X-ClickHouse-Summary: a flat JSON object whose values are all strings (as the clients parse it). */
    static String summary(ChExecutor.Summary s, long elapsedNanos) {
        long rr = s == null ? 0 : s.readRows, rb = s == null ? 0 : s.readBytes, wr = s == null ? 0 : s.writtenRows,
                wb = s == null ? 0 : s.writtenBytes, res = s == null ? 0 : s.resultRows, resb = s == null ? 0 : s.resultBytes;
        return "{\"read_rows\":\"" + rr + "\",\"read_bytes\":\"" + rb + "\",\"written_rows\":\"" + wr + "\",\"written_bytes\":\"" + wb
                + "\",\"total_rows_to_read\":\"0\",\"result_rows\":\"" + res + "\",\"result_bytes\":\"" + resb
                + "\",\"elapsed_ns\":\"" + elapsedNanos + "\"}";
    }
}
