package io.tealdb.function;

import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * A bound table function instance (arguments already evaluated): range(), generate_series(),
 * read_csv(), an application's registered data source (an Arrow stream, ...). Execution opens a
 * scan and pulls chunks.
 *
 * <p>The scan contract has two optional capabilities, both off by default so simple functions stay
 * simple:
 * <ul>
 * <li><b>projection pushdown</b> ({@link #supportsProjection()}): the optimizer prunes the columns
 * nobody reads and {@link #open(int[])} produces only those, so a wide source converts only what a
 * query needs;</li>
 * <li><b>parallel morsels</b> ({@link #parallel()}): the scan is a {@link ParallelScan} that
 * several worker threads pull from at once, each chunk tagged with its index in source order so
 * order-preserving sinks (query results, INSERT) keep the source's row order.</li>
 * </ul>
 */
public interface TableFunction {
    /** Human-readable form for EXPLAIN, e.g. {@code range(0, 10, 1)}. */
    String describe();

    /** Estimated number of rows, or -1 if unknown (used for join ordering). */
    long estimatedRows();

    /**
     * What is known of output column {@code column} before reading it (min/max, nulls, distinct
     * values), for cardinality estimates and join ordering; null when nothing is (the default).
     * Called at planning time, so it must be cheap: file footers, not data.
     */
    default io.tealdb.storage.ColumnStatistics statistics(int column) {
        return null;
    }

    /** Opens a scan producing every output column; one scan is used by one thread unless {@link #parallel()}. */
    Scan open();

    /** The projection of every output column, {@code 0 .. count-1}: what {@link #open()} reads when a function supports projection. */
    static int[] allColumns(int count) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) all[i] = i;
        return all;
    }

    /** True when {@link #open(int[])} can produce a subset of the columns (projection pushdown). */
    /**
     * How many of the last output columns are virtual: bound when named ({@code filename},
     * {@code file_index}) but not part of {@code SELECT *}.
     */
    default int virtualColumns() {
        return 0;
    }

    default boolean supportsProjection() {
        return false;
    }

    /**
     * Opens a scan producing only the output columns {@code columns} (indexes into the function's
     * output, in this order; never empty). Called only when {@link #supportsProjection()}.
     */
    default Scan open(int[] columns) {
        return open();
    }

    /**
     * This function told about conjuncts of the filter above it ({@code column op constant}, column
     * indexes into the function's output). They are hints: a function may skip data they exclude
     * (Parquet row groups, files), but need not, since the filter still runs. Called before open.
     */
    default TableFunction withFilters(List<ScanFilter> filters) {
        return this;
    }

    /**
     * True when {@link #open(int[], List)} drops rows whose join keys cannot find a partner, so the
     * physical planner hands this function the key ranges and sets of the hash joins above it.
     */
    default boolean supportsJoinKeyFilters() {
        return false;
    }

    /**
     * As {@link #open(int[])} ({@code columns} as there, or null for {@link #open()}), told the join
     * key filters known now (columns are indexes into the function's output). Called only when
     * {@link #supportsJoinKeyFilters()}.
     */
    default Scan open(int[] columns, List<JoinKeyFilter> keys) {
        return columns == null ? open() : open(columns);
    }

    /**
     * True when every scan this function opens yields the same rows (files read again, not a stream
     * that is used up), so the optimizer may read it a second time in one plan.
     */
    default boolean repeatable() {
        return false;
    }

    /** True when every scan this function opens is a thread-safe {@link ParallelScan}. */
    default boolean parallel() {
        return false;
    }

    interface Scan extends AutoCloseable {
        /** Fills {@code out} (reset by the caller) with up to DataChunk.CAPACITY rows; returns false when exhausted. */
        boolean next(DataChunk out);

        /** Releases what the scan holds; called once when the pipeline reading it is over (also early or on error). */
        @Override
        default void close() {
        }

        /**
         * A scan over rows computed up front (metadata listings, a parsed JSON document): each row holds
         * one Java value per column, as {@code Vector.setObject} takes it. Not a path for bulk data.
         */
        static Scan ofRows(java.util.List<Object[]> rows) {
            return new Scan() {
                private int next;

                @Override
                public boolean next(DataChunk out) {
                    int n = 0;
                    while (next < rows.size() && n < DataChunk.CAPACITY) {
                        Object[] row = rows.get(next++);
                        for (int c = 0; c < row.length; c++) out.column(c).setObject(n, row[c]);
                        n++;
                    }
                    out.setSize(n);
                    return n > 0;
                }
            };
        }
    }

    /**
     * A scan that worker threads share: each call hands the calling thread the next morsel. Morsel
     * indexes increase in claim order and follow the source's row order.
     */
    interface ParallelScan extends Scan {
        /**
         * Fills {@code out} (this thread's chunk, reset by the caller) with the next morsel of up to
         * DataChunk.CAPACITY rows and returns its index in source order, or -1 when exhausted.
         * Thread-safe.
         */
        long nextMorsel(DataChunk out);

        /** How many threads can usefully read at once. */
        int maxThreads();

        /**
         * Per-thread state the caller keeps for this scan and passes to {@link #nextMorsel(DataChunk, Object)},
         * e.g. the row group a thread is decoding; null when the scan needs none.
         */
        default Object newLocalState() {
            return null;
        }

        /** {@link #nextMorsel(DataChunk)} for a thread that holds {@code localState} (from {@link #newLocalState()}). */
        default long nextMorsel(DataChunk out, Object localState) {
            return nextMorsel(out);
        }

        @Override
        default boolean next(DataChunk out) {
            return nextMorsel(out) >= 0;
        }
    }
}
