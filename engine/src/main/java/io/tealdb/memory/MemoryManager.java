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
     * A size as DuckDB's settings accept it: "1GB", "512 MiB", "1e3 b" ({@link #parseBytes}), plus a
     * bare number of bytes ("100000") and "75%" (of the JVM's maximum heap); at least one byte.
     */
    public static long parseSize(String text) {
        String s = text.strip();
        if (s.endsWith("%")) {
            double pct;
            try {
                pct = Double.parseDouble(s.substring(0, s.length() - 1).strip());
            } catch (NumberFormatException e) {
                pct = -1;
            }
            if (!(pct > 0 && pct <= 100)) {
                throw new io.tealdb.error.InvalidInputException("Invalid memory limit: '" + text + "' (a percentage is above 0 and at most 100)");
            }
            return (long) (Runtime.getRuntime().maxMemory() * pct / 100);
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) s = s + " bytes";
        java.math.BigInteger bytes = parseBytes(s);
        if (bytes.signum() == 0) throw new io.tealdb.error.InvalidInputException("Invalid memory limit: '" + text + "' (less than one byte)");
        return bytes.bitLength() < 64 ? bytes.longValue() : Long.MAX_VALUE;
    }

    /**
     * DuckDB's reading of a memory size (its memory_limit setting and parse_formatted_bytes): a
     * number (digits, '.', exponent), optional spaces, then a unit — b/byte/bytes, KB/MB/GB/TB
     * (powers of 1000), KiB/MiB/GiB/TiB (powers of 1024), case-insensitive — as a count of bytes
     * in [0, 2^64), the fraction truncated. Errors are DuckDB's Invalid Input Errors.
     */
    public static java.math.BigInteger parseBytes(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        int start = i;
        while (i < n && (Character.isDigit(text.charAt(i)) || "-.eE".indexOf(text.charAt(i)) >= 0)) i++;
        if (i == start) throw new io.tealdb.error.InvalidInputException("Memory must have a number (e.g. 1GB)");
        String number = text.substring(start, i);
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new io.tealdb.error.InvalidInputException("Invalid memory limit: '" + number + "'");
        }
        if (v < 0) throw new io.tealdb.error.InvalidInputException("Memory cannot be negative");
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        int unitStart = i;
        while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
        String unit = text.substring(unitStart, i).toLowerCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "b", "byte", "bytes" -> 1L;
            case "kb", "k", "kilobyte", "kilobytes" -> 1000L;
            case "mb", "m", "megabyte", "megabytes" -> 1000_000L;
            case "gb", "g", "gigabyte", "gigabytes" -> 1000_000_000L;
            case "tb", "t", "terabyte", "terabytes" -> 1000_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> throw new io.tealdb.error.InvalidInputException("Unknown unit for memory: '" + unit
                    + "' (expected: KB, MB, GB, TB for 1000^i units or KiB, MiB, GiB, TiB for 1024^i units)");
        };
        double bytes = v * multiplier;
        if (!(bytes < 0x1p64)) throw new io.tealdb.error.InvalidInputException("Memory value out of range: value is too large");
        return new java.math.BigDecimal(bytes).toBigInteger();
    }
}
