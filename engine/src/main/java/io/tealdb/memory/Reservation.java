package io.tealdb.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes reserved against a {@link MemoryManager} by one holder (a statement, a cache). Grows with
 * {@link #reserve}; {@link #close} gives everything back, also after an error. Thread-safe: the
 * workers of one statement share its reservation.
 */
public final class Reservation implements AutoCloseable {
    private final MemoryManager manager;
    private final AtomicLong held = new AtomicLong();

    Reservation(MemoryManager manager) {
        this.manager = manager;
    }

    /** Reserves {@code bytes} more, or throws OutOfMemoryException (nothing reserved then). */
    public void reserve(long bytes, String what) {
        if (bytes <= 0) return;
        manager.reserve(bytes, what);
        held.addAndGet(bytes);
    }

    /** Gives back {@code bytes} (at most what is held). */
    public void release(long bytes) {
        if (bytes <= 0) return;
        long give;
        while (true) {
            long h = held.get();
            give = Math.min(h, bytes);
            if (held.compareAndSet(h, h - give)) break;
        }
        manager.release(give);
    }

    public long held() {
        return held.get();
    }

    @Override
    public void close() {
        manager.release(held.getAndSet(0));
    }
}
