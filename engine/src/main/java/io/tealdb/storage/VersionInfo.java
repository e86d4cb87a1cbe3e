package io.tealdb.storage;

import java.util.Arrays;

/**
 * MVCC information of one row group, kept per vector of 2048 rows: an insert version per row
 * (compressed to one number while every row of the vector was inserted by the same transaction /
 * commit, the bulk-load case) and a delete version per row (allocated on the first delete).
 * Versions are commit timestamps or transaction ids (see {@link Transaction}); {@link
 * Transaction#NEVER} means "never visible" (insert rolled back) / "not deleted".
 *
 * <p>Writers hold the table lock; readers read without locks (a version is one long; a reader that
 * races a commit sees either the transaction id or the commit timestamp, both invisible to it).
 */
final class VersionInfo {
    static final int VECTOR_SIZE = 2048;
    static final int VECTORS = DataTable.ROW_GROUP_SIZE / VECTOR_SIZE;

    /** Insert version of every row of vector v while {@code inserted[v] == null}. */
    final long[] insertedConstant = new long[VECTORS];
    final long[][] inserted = new long[VECTORS][];
    final long[][] deleted = new long[VECTORS][];
    /** Count of rows (committed or not) ever marked deleted; for row count estimates. */
    long deletedCount;
    /**
     * Bumped by every change of a row's versions or values in this row group (insert, delete,
     * update, their commit or rollback): a checkpoint reuses the blocks it wrote for the group while
     * this is unchanged.
     */
    volatile long changes;

    void touch() {
        changes++;
    }

    VersionInfo() {
        Arrays.fill(insertedConstant, Transaction.NEVER);
    }

    /** Records rows [start, start+count) as inserted with {@code version}. */
    void setInserted(int start, int count, long version) {
        changes++;
        int end = start + count;
        for (int v = start / VECTOR_SIZE; v * VECTOR_SIZE < end; v++) {
            int vs = v * VECTOR_SIZE;
            int from = Math.max(start, vs) - vs;
            int to = Math.min(end, vs + VECTOR_SIZE) - vs;
            long[] rows = inserted[v];
            if (rows == null) {
                if (from == 0) {
                    // a vector is filled front to back: rows from 'to' on are not in use yet
                    insertedConstant[v] = version;
                    continue;
                }
                if (insertedConstant[v] == version) {
                    continue;
                }
                rows = new long[VECTOR_SIZE];
                Arrays.fill(rows, 0, from, insertedConstant[v]);
                Arrays.fill(rows, from, VECTOR_SIZE, Transaction.NEVER);
                inserted[v] = rows;
            }
            Arrays.fill(rows, from, to, version);
        }
    }

    /** Re-stamps rows [start, start+count) whose insert version is {@code from} with {@code to}. */
    void restampInserted(int start, int count, long from, long to, boolean forceRows) {
        changes++;
        int end = start + count;
        for (int v = start / VECTOR_SIZE; v * VECTOR_SIZE < end; v++) {
            int vs = v * VECTOR_SIZE;
            int a = Math.max(start, vs) - vs;
            int b = Math.min(end, vs + VECTOR_SIZE) - vs;
            long[] rows = inserted[v];
            if (rows == null) {
                if (insertedConstant[v] != from) continue; // no row of the vector has version from
                // the whole vector (or, without forceRows, every row the transaction stamped in it) is
                // re-stamped by its constant: rolling back a large insert must not allocate and fill
                // a row array per vector (it took seconds, and a cancelled statement waits for it)
                if (!forceRows || (a == 0 && b == VECTOR_SIZE)) {
                    insertedConstant[v] = to;
                    continue;
                }
                rows = new long[VECTOR_SIZE];
                Arrays.fill(rows, insertedConstant[v]);
                inserted[v] = rows;
            }
            for (int i = a; i < b; i++) {
                if (rows[i] == from) {
                    rows[i] = to;
                }
            }
        }
    }

    /** True when every one of rows [0, count) has insert version {@code version}. */
    boolean allInsertedBy(long version, int count) {
        for (int v = 0; v * VECTOR_SIZE < count; v++) {
            long[] rows = inserted[v];
            int n = Math.min(VECTOR_SIZE, count - v * VECTOR_SIZE);
            if (rows == null) {
                if (insertedConstant[v] != version) return false;
            } else {
                for (int i = 0; i < n; i++) {
                    if (rows[i] != version) return false;
                }
            }
        }
        return true;
    }

    /** True when a row of this group was ever marked deleted (committed, pending or rolled back). */
    boolean anyDeleteMarks() {
        for (long[] d : deleted) {
            if (d != null) return true;
        }
        return false;
    }

    long insertVersion(int row) {
        long[] rows = inserted[row / VECTOR_SIZE];
        return rows == null ? insertedConstant[row / VECTOR_SIZE] : rows[row % VECTOR_SIZE];
    }

    long deleteVersion(int row) {
        long[] rows = deleted[row / VECTOR_SIZE];
        return rows == null ? Transaction.NEVER : rows[row % VECTOR_SIZE];
    }

    void setDeleted(int row, long version) {
        changes++;
        int v = row / VECTOR_SIZE;
        long[] rows = deleted[v];
        if (rows == null) {
            rows = new long[VECTOR_SIZE];
            Arrays.fill(rows, Transaction.NEVER);
            deleted[v] = rows;
        }
        rows[row % VECTOR_SIZE] = version;
    }

    /**
     * Visible rows of vector {@code v} (its first {@code count} rows) for {@code txn}: returns -1 when
     * all are visible, else the number of visible rows whose offsets (within the vector) are written
     * to {@code sel}.
     */
    int visible(Transaction txn, int v, int count, int[] sel) {
        long[] ins = inserted[v];
        long[] del = deleted[v];
        long start = txn.startTime();
        long id = txn.id();
        if (ins == null) {
            long c = insertedConstant[v];
            if (!(c < start || c == id)) {
                return 0;
            }
            if (del == null) {
                return -1;
            }
            int n = 0;
            for (int i = 0; i < count; i++) {
                long d = del[i];
                if (!(d < start || d == id)) {
                    sel[n++] = i;
                }
            }
            return n == count ? -1 : n;
        }
        int n = 0;
        if (del == null) {
            for (int i = 0; i < count; i++) {
                long x = ins[i];
                if (x < start || x == id) {
                    sel[n++] = i;
                }
            }
        } else {
            for (int i = 0; i < count; i++) {
                long x = ins[i];
                long d = del[i];
                if ((x < start || x == id) && !(d < start || d == id)) {
                    sel[n++] = i;
                }
            }
        }
        return n == count ? -1 : n;
    }
}
