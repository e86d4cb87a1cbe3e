package io.tealdb.execution;

import java.util.concurrent.atomic.AtomicLong;

/** Measured rows and time of one operator (EXPLAIN ANALYZE). Updated by all worker threads. */
public final class OperatorProfile {
    /** Rows the operator produced (sources, streaming operators) or consumed (sinks). */
    public final AtomicLong rows = new AtomicLong();
    /** Nanoseconds spent inside the operator's calls, summed over threads. */
    public final AtomicLong nanos = new AtomicLong();

    public void add(long rowCount, long elapsedNanos) {
        rows.addAndGet(rowCount);
        nanos.addAndGet(elapsedNanos);
    }
}
