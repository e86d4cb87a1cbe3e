package io.tealdb.memory;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The evictable part of a {@link MemoryManager}: memory that its holder can give back on demand
 * (column segments read from a database file, which can be read again; later, buffers of operators
 * that spill to a temporary file). Every byte is accounted in the same {@code used} as the
 * statements' reservations, so a hash table that needs room first evicts cached segments (least
 * recently used first) and only fails when nothing evictable is left.
 *
 * <p>An {@link Evictable} decides itself whether it can go now (it is not pinned by a running scan,
 * it is not being loaded); the pool never blocks on one, so a holder may load (and reserve, and so
 * evict others) while it holds its own lock.
 */
public final class BufferPool {
    /** Memory that can be given back: {@link #tryEvict} drops it (and unregisters its handle) if it can now. */
    public interface Evictable {
        /** Gives the memory back now unless it is in use; never blocks. Returns whether it did. */
        boolean tryEvict();
    }

    /** One registered holder: its bytes and when it was last used. */
    public static final class Handle {
        final BufferPool pool;
        final Evictable owner;
        final long bytes;
        volatile long lastUse;

        Handle(BufferPool pool, Evictable owner, long bytes, long now) {
            this.pool = pool;
            this.owner = owner;
            this.bytes = bytes;
            this.lastUse = now;
        }

        public long bytes() {
            return bytes;
        }

        public BufferPool pool() {
            return pool;
        }

        /** Marks the holder as used now (one volatile read and write). */
        public void touch() {
            lastUse = pool.clock.get();
        }
    }

    private final MemoryManager manager;
    private final Set<Handle> handles = ConcurrentHashMap.newKeySet();
    /** Logical time: advances on every registration, so "last used" orders uses between loads. */
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong registered = new AtomicLong();

    BufferPool(MemoryManager manager) {
        this.manager = manager;
    }

    /**
     * Accounts {@code size} bytes of {@code owner}, evicting least recently used holders to make room.
     * Without {@code force} it throws OutOfMemoryException (and accounts nothing) when the limit
     * cannot be met; with {@code force} (the memory already exists, e.g. segments a checkpoint just
     * made evictable) it is accounted anyway; call {@link #shrinkToLimit} afterwards, without
     * holding a holder's lock.
     */
    public Handle register(Evictable owner, long size, String what, boolean force) {
        Handle h = new Handle(this, owner, size, clock.incrementAndGet());
        if (force) {
            manager.forceReserve(size);
        } else {
            manager.reserve(size, what);
        }
        bytes.addAndGet(size);
        registered.addAndGet(size);
        handles.add(h);
        return h;
    }

    /** After forced registrations: evicts until the manager is within its limit again (or nothing can go). */
    public void shrinkToLimit() {
        long over = manager.used() - manager.limit();
        if (over > 0) evict(over);
    }

    /** Gives back the bytes of {@code h} (its holder dropped or kept the memory outside the pool). */
    public void unregister(Handle h) {
        if (h != null && handles.remove(h)) {
            bytes.addAndGet(-h.bytes);
            manager.release(h.bytes);
        }
    }

    /**
     * Evicts least recently used holders until at least {@code needed} bytes are freed (plus some
     * slack, so that a run of small reservations does not sort the pool every time), or nothing
     * more can go. Returns the bytes freed.
     */
    synchronized long evict(long needed) {
        if (handles.isEmpty()) return 0;
        Handle[] live = handles.toArray(new Handle[0]);
        // sort a snapshot of the use times: other threads touch holders meanwhile, and a key that
        // changes during the sort breaks its contract ("Comparison method violates its general contract!")
        long[] keyed = new long[live.length];
        for (int i = 0; i < live.length; i++) keyed[i] = live[i].lastUse;
        Integer[] byUse = new Integer[live.length];
        for (int i = 0; i < live.length; i++) byUse[i] = i;
        Arrays.sort(byUse, Comparator.comparingLong(i -> keyed[i]));
        Handle[] all = new Handle[live.length];
        for (int i = 0; i < live.length; i++) all[i] = live[byUse[i]];
        long goal = needed + Math.min(manager.limit() / 32, 8L << 20);
        long freed = 0;
        for (Handle h : all) {
            if (freed >= goal) break;
            if (handles.contains(h) && h.owner.tryEvict()) {
                freed += h.bytes;
                evictions.incrementAndGet();
            }
        }
        return freed;
    }

    /** Bytes held by evictable holders (part of {@link MemoryManager#used()}). */
    public long bytes() {
        return bytes.get();
    }

    public int count() {
        return handles.size();
    }

    /** Bytes registered so far, evicted or not (for tests and diagnostics). */
    public long registeredBytes() {
        return registered.get();
    }

    /** Holders evicted so far (for tests and diagnostics). */
    public long evictions() {
        return evictions.get();
    }
}
