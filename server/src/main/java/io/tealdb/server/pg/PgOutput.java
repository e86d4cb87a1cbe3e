package io.tealdb.server.pg;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Builds backend messages into a buffer and hands full buffers to the channel. Used only by the
 * connection's worker thread; it blocks that thread while the channel is not writable, so
 * a slow reader holds back its own query and never the event loop or other connections. Input keeps
 * being read meanwhile (the event loop queues it), so a client that writes a whole batch before
 * reading never deadlocks with us.
 */
final class PgOutput {
    private static final int FLUSH_AT = 64 * 1024;

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    private ByteBuf buf;
    private int messageStart = -1;

    PgOutput(Channel channel) {
        this.channel = channel;
    }

    ByteBuf buf() {
        if (buf == null) buf = channel.alloc().buffer(FLUSH_AT + 4096);
        return buf;
    }

    /** Starts a message of {@code type}; its length is filled in by {@link #end()}. */
    ByteBuf begin(char type) {
        ByteBuf b = buf();
        b.writeByte(type);
        messageStart = b.writerIndex();
        b.writeInt(0);
        return b;
    }

    void end() {
        ByteBuf b = buf;
        b.setInt(messageStart, b.writerIndex() - messageStart);
        messageStart = -1;
        if (b.readableBytes() >= FLUSH_AT) push(false);
    }

    void cstring(String s) {
        ByteBuf b = buf();
        // a NUL would end the string early and shift every later field (a column name or an error
        // message quoting a CSV line can hold one): it is written as the two characters \0
        if (s.indexOf('\0') >= 0) s = s.replace("\0", "\\0");
        b.writeCharSequence(s, StandardCharsets.UTF_8);
        b.writeByte(0);
    }

    /** Writes pending bytes to the channel; flushes the socket when {@code flush}. Blocks while unwritable. */
    void push(boolean flush) {
        if (buf != null && buf.readableBytes() > 0) {
            ByteBuf b = buf;
            buf = null;
            // From this (non-event-loop) thread each call is a task for the event loop: one, not two, per flush.
            // Writability is read after the write, which counts its bytes at once: a write that crosses the high-water
            // mark must be flushed, or awaitWritable below waits for bytes that never drain.
            if (flush) {
                channel.writeAndFlush(b);
            } else {
                channel.write(b);
                if (!channel.isWritable()) channel.flush();
            }
        } else if (flush || !channel.isWritable()) {
            channel.flush();
        }
        awaitWritable();
    }

    void flush() {
        push(true);
    }

    private void awaitWritable() {
        if (channel.isWritable() || !channel.isActive()) return;
        lock.lock();
        try {
            while (!channel.isWritable() && channel.isActive()) {
                writable.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        if (!channel.isActive()) throw new ClientGone();
    }

    /** Called on the event loop when writability changes. */
    void writabilityChanged() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void release() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    /** The client disconnected while we were sending: the statement stops and frees its result. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("client disconnected", null, false, false);
        }
    }

    // ---------------------------------------------------------------- simple messages

    void authOk() {
        begin('R').writeInt(0);
        end();
    }

    void parameterStatus(String name, String value) {
        begin('S');
        cstring(name);
        cstring(value);
        end();
    }

    void readyForQuery(char status) {
        begin('Z').writeByte(status);
        end();
    }

    void commandComplete(String tag) {
        begin('C');
        cstring(tag);
        end();
    }

    void empty(char type) {
        begin(type);
        end();
    }

    /** ErrorResponse ('E') or NoticeResponse ('N'). */
    void error(char type, PgError e) {
        begin(type);
        field('S', e.severity());
        field('V', e.severity());
        field('C', e.sqlState());
        field('M', e.message());
        if (e.detail() != null) field('D', e.detail());
        if (e.hint() != null) field('H', e.hint());
        if (e.position() > 0) field('P', Integer.toString(e.position()));
        buf.writeByte(0);
        end();
    }

    private void field(char code, String value) {
        buf.writeByte(code);
        cstring(value);
    }
}
