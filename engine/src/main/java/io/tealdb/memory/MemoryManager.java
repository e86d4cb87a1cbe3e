package io.tealdb.memory;

import io.tealdb.error.OutOfMemoryException;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory accounting of one database: everything that grows with the data (hash tables of
 * joins, aggregates, DISTINCT and set operations; sort and window buffers; later the buffer
 * {@link BufferPool}'s column segments read from a database file) reserves its bytes here before it
 * grows, through a {@link Reservation} or the pool. Over {@code memory_limit} the manager first
 * evicts from the pool (least recently used, unpinned), and only when that cannot make room the
 * reservation fails with DuckDB's "Out of Memory Error" and nothing is allocated, so the statement
 * stops cleanly and the JVM never runs out of heap.
 *
 * <p>The limit defaults to 80% of the JVM's maximum heap less 1 GiB, at least half of it
 * ({@link #defaultLimit(long)}; DuckDB's default is 80% of RAM).
 * Thread-safe.
 */
public final class MemoryManager {
    private final AtomicLong used = new AtomicLong();
    private volatile long limit;
    private final BufferPool pool = new BufferPool(this);

    public MemoryManager(long limit) {
        this.limit = limit;
    }

    /** The evictable memory (cached segments of database files) accounted here. */
    public BufferPool pool() {
        return pool;
    }

    /** The default for a JVM whose maximum heap is the running one's: see {@link #defaultLimit(long)}. */
    public static long defaultLimit() {
        return defaultLimit(Runtime.getRuntime().maxMemory());
    }

    /**
     * The default {@code memory_limit} for a maximum heap of {@code heap} bytes: 80% of it less
     * 1 GiB, but at least half of it. What is accounted here is not all the heap holds: the garbage
     * collector needs free regions to copy live objects into, a growing array exists twice while it
     * is copied, and chunks in flight, a checkpoint's encoding buffers and results being fetched are
     * not accounted. That room does not shrink with the heap, so DuckDB's flat 80% (of RAM, with
     * exact native accounting) ran small heaps out of memory (a checkpoint at -Xmx4g, hash-join
     * builds in the fuzzers); large heaps still get close to 80%.
     */
    public static long defaultLimit(long heap) {
        return Math.max(heap / 2, (long) (heap * 0.8) - (1L << 30));
    }

    public long limit() {
        return limit;
    }

    public void setLimit(long bytes) {
        if (bytes <= 0) throw new io.tealdb.error.InvalidInputException("memory_limit must be positive");
        limit = bytes;
        long over = used.get() - bytes;
        if (over > 0) pool.evict(over);
    }

    public long used() {
        return used.get();
    }

    /** A reservation for one statement or component; close it to give its bytes back. */
    public Reservation newReservation() {
        return new Reservation(this);
    }

    void reserve(long bytes, String what) {
        if (bytes <= 0) return;
        int evictions = 0;
        while (true) {
            long u = used.get();
            long next = u + bytes;
            if (next > limit) {
                if (evictions++ < 4 && pool.evict(next - limit) > 0) {
                    continue;
                }
                throw new OutOfMemoryException("could not allocate " + format(bytes) + " for " + what + " (used "
                        + format(u) + ", limit " + format(limit) + "); SET memory_limit to allow more");
            }
            if (used.compareAndSet(u, next)) return;
        }
    }

    /** Accounts memory that already exists (may exceed the limit until the pool evicts). */
    void forceReserve(long bytes) {
        if (bytes > 0) used.addAndGet(bytes);
    }

    void release(long bytes) {
        if (bytes > 0) used.addAndGet(-bytes);
    }

    /** "1.5 GiB", "512.0 KiB", "17 bytes" (DuckDB's style). */
    public static String format(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * A size as DuckDB's settings accept it: "1GB", "512 MiB", "100000" (bytes), "75%" (of the
     * JVM's maximum heap); units B, KB/KiB, MB/MiB, GB/GiB, TB/TiB (the decimal ones are 1000-based).
     */
    public static long parseSize(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            if (s.endsWith("%")) {
                double pct = Double.parseDouble(s.substring(0, s.length() - 1));
                if (!(pct > 0 && pct <= 100)) throw new NumberFormatException();
                return (long) (Runtime.getRuntime().maxMemory() * pct / 100);
            }
            int i = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            double v = Double.parseDouble(s.substring(0, i));
            long unit = switch (s.substring(i)) {
                case "", "b", "byte", "bytes" -> 1L;
                case "kb", "k" -> 1000L;
                case "kib" -> 1L << 10;
                case "mb", "m" -> 1000_000L;
                case "mib" -> 1L << 20;
                case "gb", "g" -> 1000_000_000L;
                case "gib" -> 1L << 30;
                case "tb", "t" -> 1000_000_000_000L;
                case "tib" -> 1L << 40;
                default -> throw new NumberFormatException();
            };
            double bytes = v * unit;
            if (!(bytes >= 1) || bytes > Long.MAX_VALUE) throw new NumberFormatException();
            return (long) bytes;
        } catch (NumberFormatException e) {
            throw new io.tealdb.error.InvalidInputException("Failed to parse memory limit \"" + text
                    + "\": use a number with a unit (KB, MB, GB, TB, KiB, MiB, GiB, TiB) or a percentage");
        }
    }
}
