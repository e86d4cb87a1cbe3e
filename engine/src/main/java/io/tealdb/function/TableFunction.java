package io.tealdb.function;

import io.tealdb.vector.DataChunk;

/**
 * A bound table function instance (arguments already evaluated): range(), generate_series(),
 * read_csv(), .... Execution opens a scan and pulls chunks; one scan is used by one thread.
 */
public interface TableFunction {
    /** Human-readable form for EXPLAIN, e.g. {@code range(0, 10, 1)}. */
    String describe();

    /** Estimated number of rows, or -1 if unknown (used for join ordering). */
    long estimatedRows();

    Scan open();

    interface Scan {
        /** Fills {@code out} (reset by the caller) with up to DataChunk.CAPACITY rows; returns false when exhausted. */
        boolean next(DataChunk out);
    }
}
