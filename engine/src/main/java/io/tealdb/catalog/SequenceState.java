package io.tealdb.catalog;

import io.tealdb.error.InvalidInputException;

/**
 * The counter of a sequence (START WITH, INCREMENT BY, MINVALUE, MAXVALUE, CYCLE). Thread-safe.
 * currval is per session in DuckDB; the session layer should remember the last value it got from
 * {@link #nextValue()} per sequence — {@link #lastValue()} here is the database-wide last value.
 */
public final class SequenceState {
    private final long start;
    private final long increment;
    private final long minValue;
    private final long maxValue;
    private final boolean cycle;
    private long next;
    private boolean used;
    private long last;

    public SequenceState(long start, long increment, long minValue, long maxValue, boolean cycle) {
        if (increment == 0) {
            throw new InvalidInputException("Increment must not be zero");
        }
        if (minValue > maxValue) {
            throw new InvalidInputException("MINVALUE (" + minValue + ") must be less than MAXVALUE (" + maxValue + ")");
        }
        if (start < minValue) {
            throw new InvalidInputException("START value (" + start + ") cannot be less than MINVALUE (" + minValue + ")");
        }
        if (start > maxValue) {
            throw new InvalidInputException("START value (" + start + ") cannot be greater than MAXVALUE (" + maxValue + ")");
        }
        this.start = start;
        this.increment = increment;
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.cycle = cycle;
        this.next = start;
    }

    /** DuckDB defaults: START 1 INCREMENT 1, MINVALUE 1 / MAXVALUE 2^63-1 (ascending) or the reverse for descending. */
    public static SequenceState defaults(Long start, long increment, Long minValue, Long maxValue, boolean cycle) {
        long min = minValue != null ? minValue : (increment > 0 ? 1 : Long.MIN_VALUE);
        long max = maxValue != null ? maxValue : (increment > 0 ? Long.MAX_VALUE : -1);
        long st = start != null ? start : (increment > 0 ? min : max);
        return new SequenceState(st, increment, min, max, cycle);
    }

    /** nextval(): the next number; fails past MAXVALUE/MINVALUE unless CYCLE. */
    public synchronized long nextValue(String sequenceName) {
        long value = next;
        if (value > maxValue || value < minValue) {
            if (!cycle) {
                throw new io.tealdb.error.InvalidInputException("Sequence Error: nextval: reached " + (increment > 0 ? "maximum" : "minimum")
                        + " value of sequence \"" + sequenceName + "\" (" + (increment > 0 ? maxValue : minValue) + ")");
            }
            value = increment > 0 ? minValue : maxValue;
        }
        long n;
        try {
            n = Math.addExact(value, increment);
        } catch (ArithmeticException overflow) {
            n = increment > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            if (value == n) {
                n = increment > 0 ? maxValue + (maxValue == Long.MAX_VALUE ? 0 : 1) : minValue - (minValue == Long.MIN_VALUE ? 0 : 1);
            }
        }
        next = n;
        used = true;
        last = value;
        CHANGES.incrementAndGet();
        return value;
    }

    /**
     * Counts nextval calls of every sequence in the process: a persistent database logs sequence
     * positions at commit only when this moved (nextval is not transactional, so it is not in undo logs).
     */
    public static final java.util.concurrent.atomic.AtomicLong CHANGES = new java.util.concurrent.atomic.AtomicLong();

    /** The value the next nextval returns (before MIN/MAX checks). */
    public synchronized long nextRaw() {
        return next;
    }

    /** Restores the counter of a sequence read from a database file or its write-ahead log. */
    public synchronized void restore(long next, boolean used, long last) {
        this.next = next;
        this.used = used;
        this.last = last;
    }

    /** True once nextval was called. */
    public synchronized boolean used() {
        return used;
    }

    public synchronized long lastValue() {
        return last;
    }

    public long start() {
        return start;
    }

    public long increment() {
        return increment;
    }

    public long minValue() {
        return minValue;
    }

    public long maxValue() {
        return maxValue;
    }

    public boolean cycle() {
        return cycle;
    }
}
