package io.tealdb.storage;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A parallel scan of one table in one transaction's snapshot. Thread-safe: worker threads call
 * {@link #nextMorsel()} to claim disjoint ranges of rows (a row group each) until it returns null.
 * Rows appended after the scan was created (even by the same transaction) are not returned.
 */
public interface TableScan {
    /** The next unclaimed range of rows, or null when every range has been claimed. Thread-safe. */
    MorselScan nextMorsel();

    /** Types of the output columns, in the order of the requested column ids (row id = BIGINT). */
    List<LogicalType> outputTypes();

    /** Number of morsels in total (for progress reporting). */
    int morselCount();

    /** Fraction of morsels claimed so far, in [0,1]. */
    double progress();
}
