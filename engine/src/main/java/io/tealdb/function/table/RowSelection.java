package io.tealdb.function.table;

import io.tealdb.vector.Vector;

/**
 * A test a file scan applies to one decoded column before decoding the others, so rows it rejects
 * are never converted or copied: a pushed-down filter ({@link ScanFilterSelection}) or a hash join's
 * key set ({@link JoinKeySelection}). Rejecting is only ever an optimization (the filter or join
 * above the scan still runs), so a test may keep rows it is unsure of.
 */
sealed interface RowSelection permits ScanFilterSelection, JoinKeySelection {
    /** Keeps in {@code sel[0..count)} (ascending rows of {@code v}) those that pass, compacted in place; returns how many. */
    int select(Vector v, int[] sel, int count);
}
