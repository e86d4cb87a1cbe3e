package io.tealdb.server.clickhouse;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * The reply to one request. The body is held back until it passes a threshold (the whole result
 * with {@code wait_end_of_query=1}, else 1 MiB), so most errors still get a proper error status;
 * past it the reply streams as chunked HTTP. An error after the reply started is written as
 * ClickHouse's {@code Code: N. DB::Exception} text and the chunked stream is cut without its final
 * chunk, so every client sees a failed transfer instead of a short, successful-looking result.
 */
final class ChResponse {
    private final Channel channel;
    private final boolean keepAlive;
    private final long holdBytes;
    private final long started = System.nanoTime();
    final HttpHeaders headers = new io.netty.handler.codec.http.DefaultHttpHeaders();
    private final Held held = new Held();
    private OutputStream encoded;
    private ByteSink sink;
    private boolean committed;
    private boolean finished;
    private String contentEncoding;
    private boolean blocks;
    /** send_progress_in_http_headers=1: X-ClickHouse-Progress beside the summary. */
    private boolean progress;

    ChResponse(Channel channel, boolean keepAlive, long holdBytes) {
        this.channel = channel;
        this.keepAlive = keepAlive;
        this.holdBytes = holdBytes;
    }

    /** Response compression: an HTTP Content-Encoding (wins) or ClickHouse blocks (compress=1). */
    /**
     * send_progress_in_http_headers=1. ClickHouse repeats X-ClickHouse-Progress while the query runs;
     * the reply here carries one, with the totals when the result was held back (the client reads the
     * last one), else the counters when the headers went out.
     */
    void progressHeaders(boolean on) {
        progress = on;
    }

    void compression(String contentEncoding, boolean blocks) {
        this.contentEncoding = contentEncoding;
        this.blocks = contentEncoding == null && blocks;
    }

    long elapsedNanos() {
        return System.nanoTime() - started;
    }

    void resultFormat(String format, String contentType) {
        headers.set("X-ClickHouse-Format", format);
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }

    ByteSink sink() {
        if (sink == null) {
            try {
                OutputStream o = held;
                if (contentEncoding != null) o = ChCompression.encodeResponse(contentEncoding, o);
                else if (blocks) o = new ChCompression.BlockOutputStream(o);
                encoded = o;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sink = new ByteSink(encoded);
        }
        return sink;
    }

    /** Fails the statement when the client has gone away (so a long query stops). */
    void checkOpen() {
        if (!channel.isActive()) throw new ChException(394, "QUERY_WAS_CANCELLED", "the client closed the connection");
    }

    boolean committed() {
        return committed;
    }

    /** Everything written: sends the whole reply (or the end of the chunked stream). */
    void finish(String summary) {
        if (finished) return;
        finished = true;
        try {
            if (sink != null) {
                sink.flush();
                encoded.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!committed) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, held.body());
            r.headers().add(headers);
            r.headers().set("X-ClickHouse-Summary", summary);
            if (progress) r.headers().set("X-ClickHouse-Progress", summary);
            if (contentEncoding != null && sink != null) r.headers().set(HttpHeaderNames.CONTENT_ENCODING, contentEncoding);
            HttpUtil.setContentLength(r, held.len);
            send(r, true);
        } else {
            send(new DefaultLastHttpContent(), true);
        }
    }

    /** An error: a proper error reply while nothing was sent, else the exception text and a cut stream. */
    void fail(ChException e, String summary) {
        if (finished) return;
        finished = true;
        byte[] body = ChErrors.body(e);
        if (!committed) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(e.httpStatus()),
                    Unpooled.wrappedBuffer(body));
            r.headers().add(headers);
            r.headers().remove("X-ClickHouse-Format");
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            r.headers().set("X-ClickHouse-Exception-Code", Integer.toString(e.code()));
            r.headers().set("X-ClickHouse-Summary", summary);
            HttpUtil.setContentLength(r, body.length);
            send(r, true);
        } else {
            byte[] tail = new byte[body.length + 1];
            tail[0] = '\n';
            System.arraycopy(body, 0, tail, 1, body.length);
            awaitWritable();
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(tail))).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void send(Object msg, boolean last) {
        awaitWritable();
        var f = channel.writeAndFlush(msg);
        if (last && !keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }

    /** Waits while the outbound buffer is over its high-water mark (flushing first: unflushed writes never drain). */
    private void awaitWritable() {
        if (channel.isWritable()) return;
        channel.flush();
        while (channel.isActive() && !channel.isWritable()) LockSupport.parkNanos(200_000);
    }

    private void commit() {
        committed = true;
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().add(headers);
        String started = "{\"read_rows\":\"0\",\"read_bytes\":\"0\",\"written_rows\":\"0\",\"written_bytes\":\"0\","
                + "\"total_rows_to_read\":\"0\",\"result_rows\":\"0\",\"result_bytes\":\"0\",\"elapsed_ns\":\"" + elapsedNanos() + "\"}";
        r.headers().set("X-ClickHouse-Summary", started);
        if (progress) r.headers().set("X-ClickHouse-Progress", started);
        if (contentEncoding != null) r.headers().set(HttpHeaderNames.CONTENT_ENCODING, contentEncoding);
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        if (keepAlive) r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        send(r, false);
    }

    /** Holds the body until the threshold (in segments, never copied again), then streams it as chunks. */
    private final class Held extends OutputStream {
        private static final int SEGMENT = 1 << 20;
        final java.util.List<byte[]> full = new java.util.ArrayList<>();
        byte[] cur = new byte[4096];
        int curLen;
        long len;

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            if (n == 0) return;
            if (!committed && len + n <= holdBytes) {
                while (n > 0) {
                    if (curLen == cur.length) {
                        if (cur.length < SEGMENT) {
                            cur = java.util.Arrays.copyOf(cur, Math.min(SEGMENT, cur.length * 4));
                        } else {
                            full.add(cur);
                            cur = new byte[SEGMENT];
                            curLen = 0;
                        }
                    }
                    int k = Math.min(n, cur.length - curLen);
                    System.arraycopy(b, off, cur, curLen, k);
                    curLen += k;
                    len += k;
                    off += k;
                    n -= k;
                }
                return;
            }
            if (!channel.isActive()) throw new IOException("the client closed the connection");
            if (!committed) {
                commit();
                for (byte[] seg : full) {
                    awaitWritable();
                    channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(seg)));
                }
                if (curLen > 0) channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(cur, 0, curLen)));
                full.clear();
                cur = null;
                curLen = 0;
                len = 0;
            }
            awaitWritable();
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, n)));
        }

        /** The held body as one buffer (no copy). */
        io.netty.buffer.ByteBuf body() {
            if (full.isEmpty()) return Unpooled.wrappedBuffer(cur, 0, curLen);
            io.netty.buffer.CompositeByteBuf c = Unpooled.compositeBuffer(full.size() + 1);
            for (byte[] seg : full) c.addComponent(true, Unpooled.wrappedBuffer(seg));
            if (curLen > 0) c.addComponent(true, Unpooled.wrappedBuffer(cur, 0, curLen));
            return c;
        }
    }
}
