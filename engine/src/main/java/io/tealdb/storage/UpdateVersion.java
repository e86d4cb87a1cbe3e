package io.tealdb.storage;

import io.tealdb.vector.Vector;

/**
 * One transaction's in-place update of some rows of one column in one 2048-row vector: the row
 * offsets (within the row group, ascending) and their values before the update. The segment holds
 * the newest values; a reader for whom this version is invisible puts the old values back. Versions
 * form a chain per (column, vector), newest first; applying every invisible version newest to
 * oldest leaves each row with the value of the oldest invisible update — the one the reader's
 * snapshot saw (DuckDB keeps the reverse, new values in the chain; this way the common scan of
 * unchanged data is a plain array copy).
 */
final class UpdateVersion {
    volatile long version;
    final int[] rows;
    final Vector oldValues;
    volatile UpdateVersion older;

    UpdateVersion(long version, int[] rows, Vector oldValues, UpdateVersion older) {
        this.version = version;
        this.rows = rows;
        this.oldValues = oldValues;
        this.older = older;
    }

    boolean contains(int row) {
        return java.util.Arrays.binarySearch(rows, row) >= 0;
    }
}
