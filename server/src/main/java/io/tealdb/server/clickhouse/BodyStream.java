package io.tealdb.server.clickhouse;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The request body as a blocking InputStream for the statement's virtual thread, fed by the event
 * loop with the HTTP contents as they arrive (chunked or not). Reading from the socket pauses while
 * more than a few MB wait unread, so a large insert streams instead of piling up in memory.
 */
final class BodyStream extends InputStream {
    private static final ByteBuf END = io.netty.buffer.Unpooled.EMPTY_BUFFER;
    private static final long HIGH = 8L << 20;
    private static final long LOW = 2L << 20;
    private final Channel channel;
    private final LinkedBlockingQueue<ByteBuf> queue = new LinkedBlockingQueue<>();
    /** Bytes queued and not yet read; both threads update it. */
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    /** Socket reads are paused for backpressure; only the event loop changes it, so pause and resume never race. */
    private volatile boolean paused;
    private ByteBuf current;
    private boolean ended;
    private volatile boolean aborted;
    private long total;

    BodyStream(Channel channel) {
        this.channel = channel;
    }

    /** Event loop: a piece of the body (retained by the caller for us). */
    void offer(ByteBuf buf) {
        if (aborted) {
            buf.release();
            return;
        }
        if (buf.isReadable()) {
            long q = queued.addAndGet(buf.readableBytes());
            queue.add(buf);
            if (q > HIGH && !paused) {
                paused = true;
                channel.config().setAutoRead(false);
            }
        } else {
            buf.release();
        }
    }

    /** Event loop: the last content arrived. */
    void end() {
        queue.add(END);
    }

    /** The connection is gone: readers fail, pending buffers are released. */
    void abort() {
        aborted = true;
        queue.add(END);
    }

    /** Resumes socket reads, decided on the event loop (where pausing happens). */
    private void resume() {
        channel.eventLoop().execute(() -> {
            if (paused && queued.get() < LOW) {
                paused = false;
                channel.config().setAutoRead(true);
            }
        });
    }

    long total() {
        return total;
    }

    private boolean advance() throws IOException {
        while (current == null || !current.isReadable()) {
            if (current != null) {
                current.release();
                current = null;
            }
            if (ended) return false;
            ByteBuf next;
            try {
                while ((next = queue.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                    if (paused) resume();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the request body");
            }
            if (next == END) {
                ended = true;
                if (aborted) throw new IOException("the client closed the connection");
                return false;
            }
            if (queued.addAndGet(-next.readableBytes()) < LOW && paused) resume();
            current = next;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!advance()) return -1;
        total++;
        return current.readByte() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!advance()) return -1;
        int n = Math.min(len, current.readableBytes());
        current.readBytes(b, off, n);
        total += n;
        return n;
    }

    /** Reads and drops the rest of the body (so the connection can serve the next request). */
    void drain() {
        try {
            byte[] skip = new byte[1 << 16];
            while (read(skip, 0, skip.length) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // the connection is gone anyway
        }
    }

    /** Releases what is still queued. */
    void releaseAll() {
        if (current != null) {
            current.release();
            current = null;
        }
        ByteBuf b;
        while ((b = queue.poll()) != null) if (b != END) b.release();
    }
}
