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

    /** Chooses rows of a chunk: writes their indexes, ascending, into {@code sel} and returns how many. */
    @FunctionalInterface
    interface RowSelector {
        int select(DataChunk chunk, int[] sel);
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
}
