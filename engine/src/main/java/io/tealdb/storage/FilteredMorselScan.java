package io.tealdb.storage;

import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

/**
 * A {@link MorselScan} that reads with late materialization: per vector of rows it first reads only
 * the columns a filter needs, lets the filter choose rows, and reads the other columns for the
 * chosen rows only. A selective filter over a wide scan (a fact table restricted to a few days by a
 * join key range) then decodes one column instead of all of them.
 */
public interface FilteredMorselScan extends MorselScan {

    /** Chooses rows of a chunk. */
    @FunctionalInterface
    interface RowSelector {
        /**
         * Keeps those of rows {@code sel[0..count)} (ascending) of {@code chunk} that pass, compacted
         * into {@code sel}; returns how many. With {@code count == chunk.size()} it chooses among all
         * rows, whatever {@code sel} holds.
         */
        int select(DataChunk chunk, int[] sel, int count);
    }

    /**
     * Reads the next vector of visible rows that has rows the selector keeps. {@code scratch} (one
     * vector per requested column) receives the columns flagged in {@code filterColumns} for all
     * visible rows; {@code selector} chooses among them; then {@code out} is given every column's
     * chosen rows: the scratch vectors themselves when all rows were chosen, else {@code own}
     * (reset here) holding the chosen rows. Returns false (out untouched) when the morsel is exhausted.
     */
    boolean nextSelected(DataChunk scratch, boolean[] filterColumns, RowSelector selector, int[] sel, Vector[] own,
                         DataChunk out);

    /**
     * Like {@link #nextSelected(DataChunk, boolean[], RowSelector, int[], Vector[], DataChunk)} in two
     * stages: {@code first} chooses among all visible rows reading only {@code firstColumns} (a subset
     * of {@code filterColumns}: a join's key column tested against its key set), and the other filter
     * columns are read for the rows it keeps only ({@code compact} holds them, compacted) before
     * {@code selector} chooses among those. A selective key set then spares decoding and testing the
     * other filter columns of the rows it drops.
     */
    boolean nextSelected(DataChunk scratch, boolean[] firstColumns, RowSelector first, boolean[] filterColumns,
                         RowSelector selector, DataChunk compact, int[] sel, Vector[] own, DataChunk out);
}
