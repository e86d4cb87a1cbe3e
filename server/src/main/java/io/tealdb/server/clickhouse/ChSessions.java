package io.tealdb.server.clickhouse;

import io.tealdb.session.Database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The open ClickHouse HTTP sessions of the server, closed after their idle timeout (60 s by default, at most 3600 s). */
final class ChSessions {
    private final Database database;
    private final Map<String, ChSession> sessions = new ConcurrentHashMap<>();

    ChSessions(Database database) {
        this.database = database;
    }

    /** Finds or creates the session and waits for its turn (the caller must {@link #release} it). */
    ChSession acquire(String user, String id, long timeoutSeconds, boolean check) throws InterruptedException {
        if (timeoutSeconds < 0 || timeoutSeconds > 3600) {
            throw new ChException(36, "BAD_ARGUMENTS", "Invalid session timeout: " + timeoutSeconds + " (0..3600 seconds)");
        }
        String key = user + "\u0000" + id;
        while (true) {
            ChSession s;
            if (check) {
                s = sessions.get(key);
                if (s == null) throw new ChException(372, "SESSION_NOT_FOUND", "Session " + id + " not found");
            } else {
                s = sessions.computeIfAbsent(key, k -> new ChSession(k, database.connect(), TimeUnit.SECONDS.toNanos(timeoutSeconds)));
            }
            s.lock.lockInterruptibly();
            if (s.closed) {
                s.lock.unlock();
                continue;
            }
            s.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
            return s;
        }
    }

    void release(ChSession s, boolean close) {
        s.lastUsed = System.nanoTime();
        if (close) {
            s.closed = true;
            sessions.remove(s.key, s);
            s.ctx.close();
        }
        s.lock.unlock();
    }

    /** Closes idle sessions past their timeout (called periodically). */
    void sweep() {
        long now = System.nanoTime();
        for (ChSession s : sessions.values()) {
            if (s.expired(now) && s.lock.tryLock()) {
                try {
                    if (s.expired(System.nanoTime()) && !s.closed) {
                        s.closed = true;
                        sessions.remove(s.key, s);
                        s.ctx.close();
                    }
                } finally {
                    s.lock.unlock();
                }
            }
        }
    }

    void closeAll() {
        for (ChSession s : sessions.values()) {
            s.closed = true;
            s.ctx.interrupt();
            try {
                s.ctx.close();
            } catch (RuntimeException ignored) {
                // shutting down
            }
        }
        sessions.clear();
    }
}
