package io.tealdb.server.ilp;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * QuestDB's error replies: one flat JSON object with exactly {@code code}, {@code message},
 * {@code line} (when about a line) and {@code errorId} (a per-process random prefix and a counter),
 * because QuestDB's Java client refuses any other key. Also the server log.
 */
final class IlpErrors {
    private final String idPrefix;
    private final AtomicLong counter = new AtomicLong();
    private final Consumer<String> log;

    IlpErrors(Consumer<String> log) {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        this.idPrefix = HexFormat.of().formatHex(b);
        this.log = log;
    }

    void log(String message) {
        log.accept(message);
    }

    FullHttpResponse json(HttpResponseStatus status, String code, String message, int line) {
        StringBuilder sb = new StringBuilder(message.length() + 96).append("{\"code\":");
        quote(sb, code);
        sb.append(",\"message\":");
        quote(sb, message);
        if (line > 0) sb.append(",\"line\":").append(line);
        sb.append(",\"errorId\":");
        quote(sb, idPrefix + "-" + counter.incrementAndGet());
        sb.append('}');
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(sb, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        return r;
    }

    /** A JSON string literal (RFC 8259 escaping). */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
