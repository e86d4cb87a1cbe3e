package io.tealdb.io.parquet;

/**
 * One scanning thread's working memory for one projected column, kept from row group to row group:
 * the column chunk's file bytes, the decompressed page, definition levels, dictionary indexes and
 * decoded plain values. Fresh arrays per page were most of what a Parquet scan allocated (several
 * GB per TPC-H query), and zeroing and collecting them cost more than decoding. Buffers are only
 * reused for columns whose vectors copy the values out: string and blob vectors point into the page
 * bytes instead of copying them, so their pages are always fresh arrays.
 */
public final class ColumnBuffers {
    byte[] chunk = new byte[0];
    byte[] page = new byte[0];
    byte[] defs = new byte[0];
    byte[] reps = new byte[0];
    int[] indexes = new int[0];
    final PageValues values = new PageValues();
    final PageValues dictionary = new PageValues();

    /** A chunk buffer of at least {@code n} bytes (contents undefined). */
    byte[] chunk(int n) {
        if (chunk.length < n) chunk = new byte[grow(chunk.length, n)];
        return chunk;
    }

    byte[] page(int n) {
        if (page.length < n) page = new byte[grow(page.length, n)];
        return page;
    }

    byte[] defs(int n) {
        if (defs.length < n) defs = new byte[grow(defs.length, n)];
        return defs;
    }

    byte[] reps(int n) {
        if (reps.length < n) reps = new byte[grow(reps.length, n)];
        return reps;
    }

    int[] indexes(int n) {
        if (indexes.length < n) indexes = new int[grow(indexes.length, n)];
        return indexes;
    }

    /** At least {@code n}, and a quarter more than before, so slowly growing pages do not reallocate each time. */
    static int grow(int old, int n) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(n, old + (old >> 2)));
    }
}
