package io.tealdb.execution.operator;

import io.tealdb.vector.DataChunk;

/**
 * What the table scan needs from storage, until the storage package's DataTable scan API lands
 * (then TableScanOperator adapts to it): a table is read as numbered morsels (row groups) that
 * threads claim independently, in increasing order.
 */
public interface ScanProvider {
    /** Number of morsels visible to {@code transaction}. */
    int morselCount(Object transaction);

    /** Opens morsel {@code morsel} producing the given table column ids (LogicalGet.ROW_ID = row id). */
    MorselReader openMorsel(Object transaction, int morsel, int[] columnIds);

    /** Reads one morsel. */
    interface MorselReader {
        /**
         * Fills {@code out} (one vector per requested column, which the reader may replace with its
         * own vectors) with up to DataChunk.CAPACITY rows; false when the morsel is exhausted.
         */
        boolean next(DataChunk out);
    }
}
