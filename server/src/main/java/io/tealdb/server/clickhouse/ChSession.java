package io.tealdb.server.clickhouse;

import io.tealdb.session.ClientContext;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A ClickHouse HTTP session ({@code session_id}): one TealDB session (its temporary tables and open
 * transaction), the settings made with SET, the current database. Requests of one session take
 * turns on its fair lock instead of failing with SESSION_IS_LOCKED.
 */
final class ChSession {
    final String key;
    final ClientContext ctx;
    final ChSettings settings = new ChSettings();
    final ReentrantLock lock = new ReentrantLock(true);
    volatile String database = "default";
    /** The schema the TealDB session resolves unqualified names in (set with USE when the database changes). */
    volatile String engineSchema = "main";
    volatile long timeoutNanos;
    volatile long lastUsed = System.nanoTime();
    volatile boolean closed;

    ChSession(String key, ClientContext ctx, long timeoutNanos) {
        this.key = key;
        this.ctx = ctx;
        this.timeoutNanos = timeoutNanos;
    }

    boolean expired(long now) {
        return now - lastUsed > timeoutNanos;
    }
}
