package io.tealdb.function;

import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * A bound table function instance (arguments already evaluated): range(), generate_series(),
 * read_csv(), read_parquet(), .... Execution opens a scan and pulls chunks; one scan is used by one
 * thread. File readers that can do more implement the scan contract of stored tables: only the
 * projected columns ({@link #pushdown}), pushed-down filters as hints to skip data, and parallel
 * morsels ({@link #morselCount}).
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

    /** True when {@link #pushdown} reads only the requested columns (then the optimizer prunes the others). */
    default boolean supportsProjection() {
        return false;
    }

    /**
     * This function producing only the columns {@code columnIds} (indexes into its full column list,
     * in output order). {@code filters} refer to full-list column indexes and are hints: the function
     * may skip data they exclude (row groups, files), but need not, since the filter runs above it.
     */
    default TableFunction pushdown(int[] columnIds, List<ScanFilter> filters) {
        return this;
    }

    /**
     * The number of independent morsels (e.g. Parquet row groups) that several threads may read at
     * once through {@link #openMorsel}; -1 for a serial function read through {@link #open}.
     */
    default int morselCount() {
        return -1;
    }

    /** A scan of morsel {@code morsel} only (see {@link #morselCount}). */
    default Scan openMorsel(int morsel) {
        throw new UnsupportedOperationException(describe() + " has no morsels");
    }
}
