package io.tealdb.storage;

/**
 * Column storage of one table (row groups of column segments with zone maps and MVCC version
 * info). Contract sketch; the storage package owns the implementation and its full API.
 */
public interface DataTable {
    /** Estimated number of live rows (for the optimizer). */
    long estimatedRowCount();
}
