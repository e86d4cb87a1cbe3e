package io.tealdb.storage;

import io.tealdb.error.CatalogException;
import io.tealdb.error.ConstraintException;
import io.tealdb.error.InternalException;
import io.tealdb.error.TransactionException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory {@link DataTable}: a list of {@link RowGroup}s held by a {@link Store} (shared by
 * the table objects of one physical layout, e.g. before and after a rename). Writes take the
 * store's lock; scans read without locks, relying on MVCC versions and the row counts captured
 * when the scan starts.
 */
final class ColumnDataTable implements DataTable {
    private final TableSchema schema;
    private final Store store;
    /** The transactions of the database this table belongs to (null: a statement's scratch table); see {@link Transaction#in}. */
    private final TransactionManager owner;

    /** Mutable state of one physical layout of a table. */
    static final class Store {
        final Object lock = new Object();
        final List<LogicalType> types;
        volatile RowGroup[] groups = new RowGroup[0];
        /** Next row id to append at (rows of all groups but the last are full). */
        long totalRows;
        long liveEstimate;
        UniqueIndex[] indexes;
        final long[] nullCounts;
        final DistinctCounter[] distinct;
        /** Set while an ALTER (by that transaction) replaced this layout; writes here then conflict. */
        volatile Transaction alteredBy;
        /** A table of a database file (not a temporary one): full groups of one transaction may be spilled. */
        boolean persistent;

        Store(List<LogicalType> types, UniqueIndex[] indexes) {
            this.types = List.copyOf(types);
            this.indexes = indexes;
            this.nullCounts = new long[types.size()];
            this.distinct = new DistinctCounter[types.size()];
            for (int i = 0; i < distinct.length; i++) {
                distinct[i] = new DistinctCounter();
            }
        }
    }

    ColumnDataTable(TableSchema schema, TransactionManager owner, boolean persistent) {
        this(schema, owner);
        store.persistent = persistent;
    }

    ColumnDataTable(TableSchema schema, TransactionManager owner) {
        this.schema = schema;
        this.owner = owner;
        UniqueIndex[] idx = new UniqueIndex[schema.keys().size()];
        for (int i = 0; i < idx.length; i++) {
            TableSchema.UniqueKey k = schema.keys().get(i);
            idx[i] = new UniqueIndex(k.columns().stream().mapToInt(Integer::intValue).toArray(), k.primary(), schema.types());
        }
        this.store = new Store(schema.types(), idx);
    }

    private ColumnDataTable(TableSchema schema, Store store, TransactionManager owner) {
        this.schema = schema;
        this.store = store;
        this.owner = owner;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public long estimatedRowCount() {
        synchronized (store.lock) {
            return Math.max(0, store.liveEstimate);
        }
    }

    private void checkWritable(Transaction txn) {
        checkWritable(txn, null);
    }

    /**
     * Refuses a write by {@code txn} to a layout that another transaction's ALTER replaced;
     * {@code attempt} ("insert into", "update") words the error as DuckDB's does for that write.
     */
    private void checkWritable(Transaction txn, String attempt) {
        checkActive(txn);
        Transaction a = store.alteredBy;
        if (a != null && a != txn) {
            throw new TransactionException(attempt == null
                    ? "Transaction conflict: cannot modify table \"" + schema.tableName() + "\" that has been altered by a different transaction"
                    : "Transaction conflict: attempting to " + attempt + " table \"" + schema.tableName()
                            + "\" but it has been altered by a different transaction");
        }
    }

    private static void checkActive(Transaction txn) {
        if (!txn.isActive()) {
            throw new TransactionException("Transaction is no longer active");
        }
    }

    // =================================================================== append

    @Override
    public void append(Transaction txn, DataChunk chunk) {
        txn = txn.forWrite(owner);
        int n = chunk.size();
        if (n == 0) {
            return;
        }
        checkWritable(txn, "insert into");
        if (chunk.columnCount() != store.types.size()) {
            throw new InternalException("append of " + chunk.columnCount() + " columns into table \"" + schema.tableName()
                    + "\" with " + store.types.size() + " columns");
        }
        Vector[] cols = chunk.columns();
        checkNotNull(cols, n);
        synchronized (store.lock) {
            checkWritable(txn, "insert into");
            long firstRow = store.totalRows;
            checkKeysForAppend(txn, cols, n);
            int done = 0;
            RowGroup filled = null;
            List<RowGroup> moreFilled = null;
            while (done < n) {
                RowGroup rg = writableGroup();
                int take = Math.min(n - done, ROW_GROUP_SIZE - rg.count);
                int at = rg.count;
                for (int c = 0; c < cols.length; c++) {
                    ColumnSegment seg = rg.columns[c];
                    seg.ensureCapacity(at + take);
                    seg.append(cols[c], done, take, at);
                }
                rg.versions.setInserted(at, take, txn.id());
                rg.count = at + take;
                if (rg.count == ROW_GROUP_SIZE) {
                    // full: no more appends, so give back the string heaps' growth slack
                    for (ColumnSegment seg : rg.columns) seg.trimHeap();
                    if (filled == null) {
                        filled = rg;
                    } else {
                        if (moreFilled == null) moreFilled = new ArrayList<>();
                        moreFilled.add(rg);
                    }
                }
                done += take;
            }
            store.totalRows += n;
            store.liveEstimate += n;
            for (int c = 0; c < cols.length; c++) {
                Vector v = cols[c];
                if (v.validity != null) {
                    long nulls = 0;
                    for (int i = 0; i < n; i++) {
                        if (v.isNull(i)) nulls++;
                    }
                    store.nullCounts[c] += nulls;
                }
                store.distinct[c].add(v, 0, n);
            }
            for (UniqueIndex idx : store.indexes) {
                for (int r = 0; r < n; r++) {
                    if (!idx.hasNull(cols, r)) {
                        idx.add(cols, r, firstRow + r);
                    }
                }
            }
            UndoEntry last = txn.lastUndoOfStatement();
            if (last instanceof AppendUndo a && a.store == store && a.start + a.count == firstRow) {
                a.count += n;
            } else {
                txn.addUndo(new AppendUndo(this, store, txn, firstRow, n));
            }
            if (filled != null) {
                spillIfOwned(txn, filled);
                if (moreFilled != null) {
                    for (RowGroup rg : moreFilled) spillIfOwned(txn, rg);
                }
            }
        }
    }

    /**
     * A full row group that {@code txn} alone filled, in a table of a database file, is written to
     * the file now (DuckDB's optimistic write): its segments become evictable, so a transaction
     * larger than memory holds only the group it is filling; at commit the log names the blocks
     * instead of repeating the rows, and the next checkpoint reuses them. Called under the lock.
     */
    private void spillIfOwned(Transaction txn, RowGroup rg) {
        RowGroupSpill target = store.persistent && owner != null ? owner.spill() : null;
        if (target == null || rg.spilled != null || rg.count != ROW_GROUP_SIZE || !rg.versions.allInsertedBy(txn.id(), rg.count)) {
            return;
        }
        int n = rg.count;
        int ncols = store.types.size();
        long changes = rg.versions.changes;
        long[] mods = new long[ncols];
        Vector[] values = new Vector[ncols];
        SegmentStats[] stats = new SegmentStats[ncols];
        for (int c = 0; c < ncols; c++) {
            mods[c] = rg.columns[c].mods();
            values[c] = new Vector(store.types.get(c), n);
            rg.columns[c].read(0, n, values[c], 0, true); // strings borrow the segment's heap
            stats[c] = ColumnSegment.statsOf(values[c], n);
        }
        Object handle = target.write(n, values, stats);
        rg.spilled = new Spilled(target, txn, handle, changes, mods);
        for (int c = 0; c < ncols; c++) {
            rg.columns[c].checkpointed(mods[c], target.source(handle, c));
            // a bulk insert rarely reads back what it wrote: the heap holds only the group being filled
            rg.columns[c].tryEvict();
        }
    }

    /**
     * A full row group that its inserting transaction wrote to the database file ({@link RowGroupSpill}),
     * with the version counters at that moment: the file holds exactly the group while they are unchanged.
     */
    static final class Spilled {
        final RowGroupSpill target;
        final Transaction txn;
        final Object handle;
        final long changes;
        final long[] mods;
        /** -1 not decided yet; decided once, before the commit re-stamps the rows (which moves {@link #changes}). */
        private int intact = -1;
        /** The transaction committed or rolled back: the blocks are the database's (or free) now. */
        volatile boolean done;

        Spilled(RowGroupSpill target, Transaction txn, Object handle, long changes, long[] mods) {
            this.target = target;
            this.txn = txn;
            this.handle = handle;
            this.changes = changes;
            this.mods = mods;
        }

        /**
         * Whether the file holds exactly the group's rows: no delete, update or rollback since it was
         * written, and no row deleted before (the file's copy has every row live).
         */
        boolean intact(RowGroup rg) {
            if (intact < 0) {
                boolean same = rg.versions.changes == changes && !rg.versions.anyDeleteMarks();
                for (int c = 0; same && c < mods.length; c++) {
                    same = rg.columns[c].mods() == mods[c];
                }
                intact = same ? 1 : 0;
            }
            return intact == 1;
        }
    }

    /** Spilled groups of {@code txn} among rows [start, start+count), not yet committed or rolled back. */
    private static List<RowGroup> spilledGroups(Store store, Transaction txn, long start, long count) {
        List<RowGroup> out = null;
        RowGroup[] gs = store.groups;
        int from = (int) (start / ROW_GROUP_SIZE);
        int to = (int) Math.min(gs.length, (start + count + ROW_GROUP_SIZE - 1) / ROW_GROUP_SIZE);
        for (int g = from; g < to; g++) {
            Spilled s = gs[g].spilled;
            if (s != null && s.txn == txn && !s.done) {
                if (out == null) out = new ArrayList<>();
                out.add(gs[g]);
            }
        }
        return out == null ? List.of() : out;
    }

    private RowGroup writableGroup() {
        RowGroup[] gs = store.groups;
        if (gs.length > 0 && gs[gs.length - 1].count < ROW_GROUP_SIZE) {
            return gs[gs.length - 1];
        }
        // the first group grows on demand (small tables stay small); later ones are allocated full
        RowGroup rg = RowGroup.empty(gs.length, store.types, gs.length == 0 ? 2048 : ROW_GROUP_SIZE);
        RowGroup[] next = Arrays.copyOf(gs, gs.length + 1);
        next[gs.length] = rg;
        store.groups = next;
        return rg;
    }

    private void checkNotNull(Vector[] cols, int n) {
        for (int c = 0; c < cols.length; c++) {
            if (schema.notNull().get(c) && cols[c].validity != null) {
                for (int i = 0; i < n; i++) {
                    if (cols[c].isNull(i)) {
                        throw notNullViolation(c);
                    }
                }
            }
        }
    }

    private ConstraintException notNullViolation(int c) {
        return new ConstraintException("NOT NULL constraint failed: " + schema.tableName() + "." + schema.columnNames().get(c));
    }

    /**
     * Checks every unique key of the chunk against the index and within the chunk, as DuckDB's
     * optimistic scheme does: a key that a committed row holds (even one another running
     * transaction deleted or re-keyed and may still roll back) or that {@code txn} itself holds is
     * refused now; a key that only other running transactions inserted is accepted, and whichever
     * commits first wins ({@link #verifyKeys}). Entries of rows that can never hold their key again
     * are dropped on the way.
     */
    private void checkKeysForAppend(Transaction txn, Vector[] cols, int n) {
        for (UniqueIndex idx : store.indexes) {
            Object batch = idx.newBatchSet();
            for (int r = 0; r < n; r++) {
                if (idx.hasNull(cols, r)) {
                    continue;
                }
                if (idx.addToBatch(batch, cols, r) >= 0) {
                    throw ownDuplicate(idx, cols, r);
                }
                long first = idx.get(cols, r);
                if (first < 0) {
                    continue;
                }
                checkHolder(txn, idx, first, cols, r);
                long[] more = idx.others(cols, r);
                if (more != null) {
                    for (long h : more) {
                        checkHolder(txn, idx, h, cols, r);
                    }
                }
            }
        }
    }

    private void checkHolder(Transaction txn, UniqueIndex idx, long h, Vector[] cols, int r) {
        switch (holder(txn, idx, h, cols, r, null)) {
            case DEAD -> idx.remove(cols, r, h);
            case MINE -> throw ownDuplicate(idx, cols, r);
            case HELD -> throw duplicate(idx, cols, r);
            default -> { }
        }
    }

    private ConstraintException duplicate(UniqueIndex idx, Vector[] cols, int r) {
        return new ConstraintException("Duplicate key \"" + idx.describeKey(cols, r, schema.columnNames()) + "\" violates "
                + (idx.primary ? "primary key" : "unique") + " constraint.");
    }

    /** A key the writing transaction already holds (DuckDB's wording for duplicates in its transaction-local storage). */
    private static ConstraintException ownDuplicate(UniqueIndex idx, Vector[] cols, int r) {
        return new ConstraintException("PRIMARY KEY or UNIQUE constraint violation: duplicate key \"" + idx.describeValues(cols, r) + "\"");
    }

    /** What a row listed under a key is to a transaction writing that key (see {@link #holder}). */
    private enum Holder {
        /** Rolled back, deleted by a committed transaction, or its key moved away by a committed update: never holds the key again. */
        DEAD,
        /** Does not hold the key for this transaction: it deleted the row or moved the key away (both may roll back), or an intermediate key. */
        NONE,
        /** The transaction inserted the row or set its key, and the row still holds it. */
        MINE,
        /** Another running transaction inserted the row or set its key: both may hold the key until one commits. */
        PENDING,
        /** A committed row holds the key (another running transaction's delete or key change of it may still roll back). */
        HELD
    }

    /**
     * Classifies holder {@code h} of the key of {@code cols[.][r]} (or of {@code key}, an index key
     * object, when {@code cols} is null) for {@code txn}. An UPDATE of key columns lists the row under
     * its new key and leaves it under the old one until it commits (as DuckDB's index keeps a
     * deleted key until the delete commits), so a row with an update on its key columns is judged by
     * value: its current key (the segment's) and, while the update runs, its committed key (the
     * update's old values).
     */
    private Holder holder(Transaction txn, UniqueIndex idx, long h, Vector[] cols, int r, Object key) {
        RowGroup rg = store.groups[(int) (h / ROW_GROUP_SIZE)];
        int off = (int) (h % ROW_GROUP_SIZE);
        long iv;
        if (off >= rg.count || (iv = rg.versions.insertVersion(off)) == Transaction.NEVER) {
            return Holder.DEAD;
        }
        long d = rg.versions.deleteVersion(off);
        if (d < Transaction.TRANSACTION_ID_START) {
            return Holder.DEAD;
        }
        long updater = keyUpdater(rg, off, idx.columns);
        if (updater >= Transaction.TRANSACTION_ID_START) {
            if (d == txn.id()) {
                return Holder.NONE;
            }
            boolean now = hasKey(idx, keyScratch(rg, off, 1), cols, r, key);
            if (updater == txn.id()) {
                return now ? Holder.MINE : Holder.NONE;
            }
            if (iv >= Transaction.TRANSACTION_ID_START || !hasKey(idx, committedKey(rg, off, idx.columns, updater), cols, r, key)) {
                return now ? Holder.PENDING : Holder.NONE;
            }
            return Holder.HELD;
        }
        if (updater == COMMITTED_UPDATES && !hasKey(idx, keyScratch(rg, off, 1), cols, r, key)) {
            return Holder.DEAD;
        }
        if (d == txn.id()) {
            return Holder.NONE;
        }
        if (iv >= Transaction.TRANSACTION_ID_START) {
            return iv == txn.id() ? Holder.MINE : Holder.PENDING;
        }
        return Holder.HELD;
    }

    private static boolean hasKey(UniqueIndex idx, Vector[] row, Vector[] cols, int r, Object key) {
        return cols != null ? idx.sameKey(row, 0, cols, r) : idx.hasKey(row, 0, key);
    }

    /** The key columns of a committed row as they were before {@code updater}'s running update. */
    private Vector[] committedKey(RowGroup rg, int off, int[] keyColumns, long updater) {
        Vector[] row = keyScratch(rg, off, 1);
        int vec = off / VersionInfo.VECTOR_SIZE;
        for (int c : keyColumns) {
            UpdateVersion oldest = null;
            for (UpdateVersion u = rg.updateChain(c, vec); u != null; u = u.older) {
                if (u.version == updater && u.contains(off)) oldest = u;
            }
            if (oldest != null) {
                row[c].copyRow(oldest.oldValues, Arrays.binarySearch(oldest.rows, off), 0);
            }
        }
        return row;
    }

    private static final long NOT_UPDATED = -2;
    private static final long COMMITTED_UPDATES = -1;

    /** The running transaction that updated a key column of the row, else COMMITTED_UPDATES or NOT_UPDATED. */
    private static long keyUpdater(RowGroup rg, int off, int[] keyColumns) {
        long found = NOT_UPDATED;
        int vec = off / VersionInfo.VECTOR_SIZE;
        for (int c : keyColumns) {
            for (UpdateVersion u = rg.updateChain(c, vec); u != null; u = u.older) {
                if (u.contains(off)) {
                    if (u.version >= Transaction.TRANSACTION_ID_START) {
                        return u.version;
                    }
                    found = COMMITTED_UPDATES;
                }
            }
        }
        return found;
    }

    /**
     * Commit-time half of the optimistic key check, under the commit lock before anything is stamped
     * or logged: a key that {@code txn} holds and that a row committed since also holds means another
     * transaction committed the same key first, so this commit fails (DuckDB's "Failed to commit").
     * Only keys with several holders can be affected, so this is free when none has.
     */
    void verifyKeys(Transaction txn) {
        synchronized (store.lock) {
            // the message names the conflicting row this transaction wrote first, as DuckDB's does
            long first = Long.MAX_VALUE;
            UniqueIndex firstIndex = null;
            for (UniqueIndex idx : store.indexes) {
                for (UniqueIndex.Contested c : idx.contested()) {
                    long mine = -1;
                    boolean held = false;
                    for (long h : c.holders()) {
                        switch (holder(txn, idx, h, null, 0, c.key())) {
                            case MINE -> mine = h;
                            case HELD -> held = true;
                            default -> { }
                        }
                    }
                    if (mine >= 0 && held && mine < first) {
                        first = mine;
                        firstIndex = idx;
                    }
                }
            }
            if (firstIndex != null) {
                Vector[] key = keyScratch(store.groups[(int) (first / ROW_GROUP_SIZE)], (int) (first % ROW_GROUP_SIZE), 1);
                throw new TransactionException("Failed to commit: PRIMARY KEY or UNIQUE constraint violation: duplicate key \""
                        + firstIndex.describeValues(key, 0) + "\"");
            }
        }
    }

    /** Undo of appended rows [start, start+count). */
    private static final class AppendUndo implements UndoEntry {
        final ColumnDataTable table;
        final Store store;
        final Transaction txn;
        final long start;
        long count;

        AppendUndo(ColumnDataTable table, Store store, Transaction txn, long start, long count) {
            this.table = table;
            this.store = store;
            this.txn = txn;
            this.start = start;
            this.count = count;
        }

        @Override
        public void verifyCommit(java.util.Set<Object> checked) {
            Transaction a = store.alteredBy;
            if (a != null && a != txn) {
                throw new TransactionException("Failed to commit: Transaction conflict: attempting to insert into table \""
                        + table.schema.tableName() + "\" but it has been altered by a different transaction");
            }
            if (store.indexes.length > 0 && checked.add(store)) {
                table.verifyKeys(txn);
            }
        }

        @Override
        public void commit(long commitTs) {
            synchronized (store.lock) {
                List<RowGroup> spilled = spilledGroups(store, txn, start, count);
                for (RowGroup rg : spilled) {
                    rg.spilled.intact(rg); // decided before the re-stamp below moves the counter
                }
                forEachRange((rg, off, n) -> rg.versions.restampInserted(off, n, txn.id(), commitTs, false));
                for (RowGroup rg : spilled) {
                    Spilled s = rg.spilled;
                    boolean intact = s.intact(rg);
                    if (intact) {
                        // the next checkpoint reuses the blocks (later ranges of the same group update this)
                        rg.persisted = new Persisted(rg.versions.changes, rg.count, s.handle);
                    }
                    if (rg.firstRowId + rg.count <= start + count) {
                        // the range that ends the group reports it once (and lets go of the transaction)
                        s.done = true;
                        rg.spilled = null;
                        s.target.committed(s.handle, intact);
                    }
                }
            }
        }

        @Override
        public void rollback() {
            synchronized (store.lock) {
                List<RowGroup> spilled = spilledGroups(store, txn, start, count);
                // drop the index entries of these rows
                if (store.indexes.length > 0) {
                    forEachRange((rg, off, n) -> table.removeKeys(rg, off, n));
                }
                forEachRange((rg, off, n) -> rg.versions.restampInserted(off, n, txn.id(), Transaction.NEVER, true));
                store.liveEstimate -= count;
                if (start + count == store.totalRows) {
                    // the rows are the table's tail: give the space back
                    store.totalRows = start;
                    RowGroup[] gs = store.groups;
                    int keep = (int) ((start + ROW_GROUP_SIZE - 1) / ROW_GROUP_SIZE);
                    if (keep < gs.length) {
                        store.groups = Arrays.copyOf(gs, keep);
                    }
                    if (keep > 0) {
                        RowGroup lastGroup = store.groups[keep - 1];
                        lastGroup.count = (int) (start - lastGroup.firstRowId);
                    }
                }
                // the file's copy of a written group no longer matches it: keep what stays in memory, give the blocks back
                RowGroup[] gs = store.groups;
                for (RowGroup rg : spilled) {
                    Spilled s = rg.spilled;
                    boolean stays = rg.index < gs.length && gs[rg.index] == rg;
                    for (ColumnSegment seg : rg.columns) {
                        if (stays) seg.unspill();
                        else seg.discard();
                    }
                    s.done = true;
                    rg.spilled = null;
                    s.target.discarded(s.handle);
                }
            }
        }

        @Override
        public void log(ChangeLog log) {
            synchronized (store.lock) {
                long row = start;
                long end = start + count;
                RowGroup[] gs = store.groups;
                // one chunk for every slice; strings are not copied: the chunk borrows the segments' heaps
                // (append-only, so the rows' bytes stay put), and rows sharing a stored value keep sharing it
                DataChunk chunk = null;
                while (row < end) {
                    int g = (int) (row / ROW_GROUP_SIZE);
                    if (g >= gs.length) {
                        return;
                    }
                    int off = (int) (row % ROW_GROUP_SIZE);
                    Spilled s = gs[g].spilled;
                    if (s != null && s.txn == txn && !s.done && s.intact(gs[g])) {
                        // the file holds the whole group: the range holding its first row names the blocks
                        if (off == 0) {
                            log.insertedGroup(store, gs[g].firstRowId, s.handle);
                        }
                        row = Math.min(end, gs[g].firstRowId + ROW_GROUP_SIZE);
                        continue;
                    }
                    int n = (int) Math.min(Math.min(end - row, ROW_GROUP_SIZE - off), DataChunk.CAPACITY);
                    // rows this transaction deleted again never existed for anyone else: the log leaves them out
                    // (replay leaves their slots empty), so that their keys cannot collide with rows committed meanwhile
                    int skip = 0;
                    while (skip < n && diedInTransaction(gs[g].versions, off + skip)) skip++;
                    if (skip > 0) {
                        row += skip;
                        continue;
                    }
                    int live = 1;
                    while (live < n && !diedInTransaction(gs[g].versions, off + live)) live++;
                    n = live;
                    if (chunk == null) {
                        chunk = new DataChunk(store.types, (int) Math.min(count, DataChunk.CAPACITY));
                    } else {
                        chunk.reset();
                    }
                    for (int c = 0; c < store.types.size(); c++) {
                        gs[g].columns[c].read(off, n, chunk.column(c), 0, true);
                    }
                    chunk.setSize(n);
                    log.inserted(store, row, chunk);
                    row += n;
                }
            }
        }

        interface RangeAction {
            void apply(RowGroup rg, int offset, int count);
        }

        void forEachRange(RangeAction action) {
            long row = start;
            long end = start + count;
            RowGroup[] gs = store.groups;
            while (row < end) {
                int g = (int) (row / ROW_GROUP_SIZE);
                if (g >= gs.length) {
                    return;
                }
                int off = (int) (row % ROW_GROUP_SIZE);
                int n = (int) Math.min(end - row, ROW_GROUP_SIZE - off);
                action.apply(gs[g], off, n);
                row += n;
            }
        }
    }

    /** True when the row was inserted and deleted again by one transaction that has not committed: nobody else ever saw it. */
    private static boolean diedInTransaction(VersionInfo v, int off) {
        long d = v.deleteVersion(off);
        return d >= Transaction.TRANSACTION_ID_START && d != Transaction.NEVER && v.insertVersion(off) == d;
    }

    /** Reads key columns of stored rows into scratch vectors. */
    private Vector[] keyScratch(RowGroup rg, int off, int n) {
        Vector[] scratch = new Vector[store.types.size()];
        for (UniqueIndex idx : store.indexes) {
            for (int c : idx.columns) {
                if (scratch[c] == null) {
                    scratch[c] = new Vector(store.types.get(c), Math.max(1, n));
                    for (int i = 0; i < n; i++) {
                        rg.columns[c].copyTo(off + i, scratch[c], i);
                    }
                }
            }
        }
        return scratch;
    }

    private void removeKeys(RowGroup rg, int off, int n) {
        Vector[] scratch = keyScratch(rg, off, n);
        for (UniqueIndex idx : store.indexes) {
            for (int i = 0; i < n; i++) {
                if (!idx.hasNull(scratch, i)) {
                    idx.remove(scratch, i, rg.firstRowId + off + i);
                }
            }
        }
    }

    // =================================================================== delete

    @Override
    public long delete(Transaction txn, long[] rowIds, int count) {
        txn = txn.forWrite(owner);
        // as in DuckDB, a delete from a layout another transaction altered fails at commit (DeleteUndo.verifyCommit)
        checkActive(txn);
        synchronized (store.lock) {
            checkActive(txn);
            RowGroup[] gs = store.groups;
            long[] done = new long[count];
            int n = 0;
            for (int i = 0; i < count; i++) {
                long rowId = rowIds[i];
                RowGroup rg = gs[(int) (rowId / ROW_GROUP_SIZE)];
                int off = (int) (rowId % ROW_GROUP_SIZE);
                long d = rg.versions.deleteVersion(off);
                if (d == txn.id()) {
                    continue;
                }
                if (d != Transaction.NEVER || keyUpdatedConcurrently(txn, rg, off)) {
                    for (int k = 0; k < n; k++) {
                        long r = done[k];
                        gs[(int) (r / ROW_GROUP_SIZE)].versions.setDeleted((int) (r % ROW_GROUP_SIZE), Transaction.NEVER);
                    }
                    throw new TransactionException("Conflict on tuple deletion!");
                }
                rg.versions.setDeleted(off, txn.id());
                done[n++] = rowId;
            }
            if (n > 0) {
                txn.addUndo(new DeleteUndo(store, Arrays.copyOf(done, n), txn, schema.tableName()));
            }
            return n;
        }
    }

    /**
     * True when another transaction changed a column of a PRIMARY KEY or UNIQUE index of the row and
     * committed after {@code txn} started, or has not committed. As in DuckDB, a delete goes through
     * over another transaction's update of other columns (both commit and the row is gone), but not
     * over a key update, which DuckDB runs as a delete and an insert.
     */
    private boolean keyUpdatedConcurrently(Transaction txn, RowGroup rg, int off) {
        int vec = off / VersionInfo.VECTOR_SIZE;
        for (UniqueIndex idx : store.indexes) {
            for (int c : idx.columns) {
                for (UpdateVersion u = rg.updateChain(c, vec); u != null; u = u.older) {
                    if (txn.conflictsWith(u.version) && u.contains(off)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private record DeleteUndo(Store store, long[] rows, Transaction txn, String table) implements UndoEntry {
        @Override
        public void verifyCommit(java.util.Set<Object> checked) {
            checkNotAltered(store, txn, table);
        }

        @Override
        public void log(ChangeLog log) {
            synchronized (store.lock) {
                RowGroup[] gs = store.groups;
                long[] logged = new long[rows.length];
                int n = 0;
                for (long r : rows) {
                    // a row this transaction inserted is not logged either (see AppendUndo.log)
                    if (!diedInTransaction(gs[(int) (r / ROW_GROUP_SIZE)].versions, (int) (r % ROW_GROUP_SIZE))) {
                        logged[n++] = r;
                    }
                }
                if (n > 0) {
                    log.deleted(store, logged, n);
                }
            }
        }

        @Override
        public void commit(long commitTs) {
            synchronized (store.lock) {
                RowGroup[] gs = store.groups;
                for (long r : rows) {
                    gs[(int) (r / ROW_GROUP_SIZE)].versions.setDeleted((int) (r % ROW_GROUP_SIZE), commitTs);
                }
                store.liveEstimate -= rows.length;
            }
        }

        @Override
        public void rollback() {
            synchronized (store.lock) {
                RowGroup[] gs = store.groups;
                for (long r : rows) {
                    gs[(int) (r / ROW_GROUP_SIZE)].versions.setDeleted((int) (r % ROW_GROUP_SIZE), Transaction.NEVER);
                }
            }
        }
    }

    // =================================================================== update

    @Override
    public void update(Transaction txn, long[] rowIds, int count, int[] columnIds, DataChunk newValues) {
        txn = txn.forWrite(owner);
        if (count == 0) {
            return;
        }
        checkWritable(txn, "update");
        Vector[] values = newValues.columns();
        for (int k = 0; k < columnIds.length; k++) {
            int c = columnIds[k];
            if (schema.notNull().get(c) && values[k].validity != null) {
                for (int i = 0; i < count; i++) {
                    if (values[k].isNull(i)) {
                        throw notNullViolation(c);
                    }
                }
            }
        }
        // process rows in row id order, grouped by (row group, vector)
        Integer[] boxedOrder = null;
        int[] order = new int[count];
        boolean sorted = true;
        for (int i = 0; i < count; i++) {
            order[i] = i;
            if (i > 0 && rowIds[i] < rowIds[i - 1]) {
                sorted = false;
            }
        }
        if (!sorted) {
            boxedOrder = new Integer[count];
            for (int i = 0; i < count; i++) boxedOrder[i] = i;
            Arrays.sort(boxedOrder, (a, b) -> Long.compare(rowIds[a], rowIds[b]));
            for (int i = 0; i < count; i++) order[i] = boxedOrder[i];
        }
        synchronized (store.lock) {
            checkWritable(txn, "update");
            RowGroup[] gs = store.groups;
            // 1. conflicts
            for (int i = 0; i < count; i++) {
                long rowId = rowIds[i];
                RowGroup rg = gs[(int) (rowId / ROW_GROUP_SIZE)];
                int off = (int) (rowId % ROW_GROUP_SIZE);
                long d = rg.versions.deleteVersion(off);
                if (d != Transaction.NEVER && txn.conflictsWith(d)) {
                    throw new TransactionException("Conflict on update!");
                }
                for (int c : columnIds) {
                    for (UpdateVersion u = rg.updateChain(c, off / VersionInfo.VECTOR_SIZE); u != null; u = u.older) {
                        if (txn.conflictsWith(u.version) && u.contains(off)) {
                            throw new TransactionException("Conflict on update!");
                        }
                    }
                }
            }
            // 2. unique keys touched by the update
            List<UniqueIndex> touched = new ArrayList<>();
            for (UniqueIndex idx : store.indexes) {
                for (int c : idx.columns) {
                    if (contains(columnIds, c)) {
                        touched.add(idx);
                        break;
                    }
                }
            }
            Vector[] oldKeys = null;
            Vector[] newKeys = null;
            if (!touched.isEmpty()) {
                oldKeys = new Vector[store.types.size()];
                newKeys = new Vector[store.types.size()];
                for (int c = 0; c < oldKeys.length; c++) {
                    oldKeys[c] = new Vector(store.types.get(c), count);
                    newKeys[c] = new Vector(store.types.get(c), count);
                }
                for (int i = 0; i < count; i++) {
                    long rowId = rowIds[i];
                    RowGroup rg = gs[(int) (rowId / ROW_GROUP_SIZE)];
                    int off = (int) (rowId % ROW_GROUP_SIZE);
                    for (int c = 0; c < oldKeys.length; c++) {
                        rg.columns[c].copyTo(off, oldKeys[c], i);
                        int k = indexOf(columnIds, c);
                        if (k >= 0) {
                            newKeys[c].copyRow(values[k], i, i);
                        } else {
                            rg.columns[c].copyTo(off, newKeys[c], i);
                        }
                    }
                }
                for (UniqueIndex idx : touched) {
                    Object batch = idx.newBatchSet();
                    for (int i = 0; i < count; i++) {
                        if (idx.hasNull(newKeys, i)) continue;
                        if (idx.addToBatch(batch, newKeys, i) >= 0) {
                            throw duplicate(idx, newKeys, i);
                        }
                        long first = idx.get(newKeys, i);
                        if (first >= 0) {
                            checkUpdatedKey(txn, idx, first, rowIds, count, newKeys, i);
                            long[] more = idx.others(newKeys, i);
                            if (more != null) {
                                for (long h : more) checkUpdatedKey(txn, idx, h, rowIds, count, newKeys, i);
                            }
                        }
                    }
                }
            }
            // 3. apply, one update version per (column, row group, vector)
            int i = 0;
            while (i < count) {
                long first = rowIds[order[i]];
                int g = (int) (first / ROW_GROUP_SIZE);
                int vec = (int) (first % ROW_GROUP_SIZE) / VersionInfo.VECTOR_SIZE;
                int j = i;
                while (j < count) {
                    long r = rowIds[order[j]];
                    if ((int) (r / ROW_GROUP_SIZE) != g || (int) (r % ROW_GROUP_SIZE) / VersionInfo.VECTOR_SIZE != vec) break;
                    j++;
                }
                RowGroup rg = gs[g];
                int[] rows = new int[j - i];
                int distinct = 0;
                for (int k = i; k < j; k++) {
                    int off = (int) (rowIds[order[k]] % ROW_GROUP_SIZE);
                    if (distinct == 0 || rows[distinct - 1] != off) {
                        rows[distinct++] = off;
                    }
                }
                int[] uniqueRows = distinct == rows.length ? rows : Arrays.copyOf(rows, distinct);
                long stamp = rg.updateLock.writeLock();
                try {
                    rg.versions.touch();
                    for (int k = 0; k < columnIds.length; k++) {
                        int c = columnIds[k];
                        ColumnSegment seg = rg.columns[c];
                        Vector old = new Vector(store.types.get(c), distinct);
                        for (int x = 0; x < distinct; x++) {
                            seg.copyTo(uniqueRows[x], old, x);
                        }
                        UpdateVersion uv = new UpdateVersion(txn.id(), uniqueRows, old, rg.updates[c][vec]);
                        rg.updates[c][vec] = uv;
                        for (int x = i; x < j; x++) {
                            int src = order[x];
                            seg.write((int) (rowIds[src] % ROW_GROUP_SIZE), values[k], src);
                        }
                        txn.addUndo(new UpdateUndo(this, store, txn, rg, c, vec, uv));
                    }
                } finally {
                    rg.updateLock.unlockWrite(stamp);
                }
                i = j;
            }
            // 4. list the rows under their new keys; the old entries go when the update commits
            if (!touched.isEmpty()) {
                for (UniqueIndex idx : touched) {
                    for (int x = 0; x < count; x++) {
                        if (!idx.hasNull(newKeys, x)) idx.add(newKeys, x, rowIds[x]);
                    }
                }
                txn.addUndo(new KeyUpdateUndo(this, store, txn, touched, Arrays.copyOf(rowIds, count), oldKeys, newKeys));
            }
        }
    }

    /**
     * An UPDATE setting a key that holder {@code h} has: as an INSERT, refused when a committed row
     * or this transaction holds it, accepted when only running transactions do (the first to commit wins).
     */
    private void checkUpdatedKey(Transaction txn, UniqueIndex idx, long h, long[] rowIds, int count, Vector[] newKeys, int i) {
        if (containsRow(rowIds, count, h)) {
            return;
        }
        switch (holder(txn, idx, h, newKeys, i, null)) {
            case DEAD -> idx.remove(newKeys, i, h);
            case MINE -> throw ownDuplicate(idx, newKeys, i);
            case HELD -> throw duplicate(idx, newKeys, i);
            default -> { }
        }
    }

    private static boolean contains(int[] a, int v) {
        return indexOf(a, v) >= 0;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) return i;
        }
        return -1;
    }

    private static boolean containsRow(long[] rowIds, int count, long row) {
        for (int i = 0; i < count; i++) {
            if (rowIds[i] == row) return true;
        }
        return false;
    }

    /**
     * Commit-time check of a delete or update made in a layout that another transaction's ALTER
     * replaced since (committed or not): DuckDB lets the statement run and fails the commit.
     */
    private static void checkNotAltered(Store store, Transaction txn, String table) {
        Transaction a = store.alteredBy;
        if (a != null && a != txn) {
            throw new TransactionException("Failed to commit: Attempting to modify table \"" + table
                    + "\" but another transaction has altered this table");
        }
    }

    private record UpdateUndo(ColumnDataTable table, Store store, Transaction txn, RowGroup rg, int column, int vector,
                              UpdateVersion version) implements UndoEntry {
        @Override
        public void verifyCommit(java.util.Set<Object> checked) {
            checkNotAltered(store, txn, table.schema.tableName());
        }

        @Override
        public void commit(long commitTs) {
            version.version = commitTs;
            rg.versions.touch();
        }

        @Override
        public void log(ChangeLog log) {
            synchronized (store.lock) {
                int[] rows = version.rows;
                long[] ids = new long[rows.length];
                Vector values = new Vector(store.types.get(column), Math.max(1, rows.length));
                int n = 0;
                for (int row : rows) {
                    if (diedInTransaction(rg.versions, row)) continue; // neither its insert nor its delete is logged
                    ids[n] = rg.firstRowId + row;
                    rg.columns[column].copyTo(row, values, n);
                    n++;
                }
                if (n > 0) {
                    log.updated(store, column, ids, n, values);
                }
            }
        }

        @Override
        public void rollback() {
            synchronized (store.lock) {
                long stamp = rg.updateLock.writeLock();
                try {
                    rg.versions.touch();
                    ColumnSegment seg = rg.columns[column];
                    for (int x = 0; x < version.rows.length; x++) {
                        seg.write(version.rows[x], version.oldValues, x);
                    }
                    unlink();
                } finally {
                    rg.updateLock.unlockWrite(stamp);
                }
            }
        }

        @Override
        public void cleanup() {
            long stamp = rg.updateLock.writeLock();
            try {
                unlink();
            } finally {
                rg.updateLock.unlockWrite(stamp);
            }
        }

        private void unlink() {
            UpdateVersion[] chains = rg.updates[column];
            if (chains[vector] == version) {
                chains[vector] = version.older;
                return;
            }
            for (UpdateVersion u = chains[vector]; u != null; u = u.older) {
                if (u.older == version) {
                    u.older = version.older;
                    return;
                }
            }
        }
    }

    private record KeyUpdateUndo(ColumnDataTable table, Store store, Transaction txn, List<UniqueIndex> indexes, long[] rowIds,
                                 Vector[] oldKeys, Vector[] newKeys) implements UndoEntry {
        @Override
        public void verifyCommit(java.util.Set<Object> checked) {
            if (checked.add(store)) {
                table.verifyKeys(txn);
            }
        }

        /** The rows no longer hold their old keys. */
        @Override
        public void commit(long commitTs) {
            drop(oldKeys);
        }

        /** The rows never held their new keys. */
        @Override
        public void rollback() {
            drop(newKeys);
        }

        private void drop(Vector[] keys) {
            synchronized (store.lock) {
                for (UniqueIndex idx : indexes) {
                    for (int x = 0; x < rowIds.length; x++) {
                        if (!idx.hasNull(keys, x)) idx.remove(keys, x, rowIds[x]);
                    }
                }
            }
        }
    }

    // =================================================================== scan

    @Override
    public TableScan scan(Transaction txn, int[] columnIds, List<TableFilter> zoneMapFilters) {
        txn = txn.in(owner);
        RowGroup[] gs;
        int[] counts;
        synchronized (store.lock) {
            gs = store.groups;
            counts = new int[gs.length];
            for (int i = 0; i < gs.length; i++) {
                counts[i] = gs[i].count;
            }
        }
        List<LogicalType> out = new ArrayList<>(columnIds.length);
        for (int c : columnIds) {
            out.add(c == ROW_ID_COLUMN ? LogicalType.BIGINT : store.types.get(c));
        }
        return new Scan(txn, gs, counts, columnIds.clone(), List.copyOf(zoneMapFilters), List.copyOf(out));
    }

    private static final class Scan implements TableScan {
        final Transaction txn;
        final RowGroup[] groups;
        final int[] counts;
        final int[] columnIds;
        final List<TableFilter> filters;
        final List<LogicalType> outputTypes;
        final AtomicInteger next = new AtomicInteger();

        Scan(Transaction txn, RowGroup[] groups, int[] counts, int[] columnIds, List<TableFilter> filters, List<LogicalType> outputTypes) {
            this.txn = txn;
            this.groups = groups;
            this.counts = counts;
            this.columnIds = columnIds;
            this.filters = filters;
            this.outputTypes = outputTypes;
        }

        @Override
        public MorselScan nextMorsel() {
            while (true) {
                int g = next.getAndIncrement();
                if (g >= groups.length) {
                    return null;
                }
                if (counts[g] == 0 || !mayMatch(groups[g])) {
                    continue;
                }
                return new GroupScan(txn, groups[g], counts[g], columnIds);
            }
        }

        private boolean mayMatch(RowGroup rg) {
            for (TableFilter f : filters) {
                if (f.columnId() >= 0 && f.columnId() < rg.columns.length && !rg.columns[f.columnId()].mayMatch(f)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<LogicalType> outputTypes() {
            return outputTypes;
        }

        @Override
        public int morselCount() {
            return groups.length;
        }

        @Override
        public double progress() {
            return groups.length == 0 ? 1.0 : Math.min(1.0, (double) next.get() / groups.length);
        }
    }

    /** Reads one row group, one 2048-row vector per call. */
    private static final class GroupScan implements FilteredMorselScan {
        final Transaction txn;
        final RowGroup rg;
        final int count;
        final int[] columnIds;
        final int[] sel = new int[VersionInfo.VECTOR_SIZE];
        int[] positions;
        /** nextSelected: the chosen rows' positions within the current vector. */
        int[] chosenPositions;
        /** nextSelected with two stages: the second stage's choice among the first stage's rows. */
        int[] secondChosen;
        int vector;

        GroupScan(Transaction txn, RowGroup rg, int count, int[] columnIds) {
            this.txn = txn;
            this.rg = rg;
            this.count = count;
            this.columnIds = columnIds;
        }

        @Override
        public boolean next(DataChunk out) {
            out.reset();
            while (vector * VersionInfo.VECTOR_SIZE < count) {
                int v = vector++;
                int start = v * VersionInfo.VECTOR_SIZE;
                int n = Math.min(VersionInfo.VECTOR_SIZE, count - start);
                int visible = rg.versions.visible(txn, v, n, sel);
                if (visible == 0) {
                    continue;
                }
                int[] s = visible < 0 ? null : sel;
                int rows = visible < 0 ? n : visible;
                for (int k = 0; k < columnIds.length; k++) {
                    int c = columnIds[k];
                    Vector o = out.column(k);
                    if (c == ROW_ID_COLUMN) {
                        long base = rg.firstRowId + start;
                        long[] ids = o.longs;
                        if (s == null) {
                            for (int i = 0; i < rows; i++) ids[i] = base + i;
                        } else {
                            for (int i = 0; i < rows; i++) ids[i] = base + s[i];
                        }
                        continue;
                    }
                    ColumnSegment seg = rg.columns[c];
                    if (rg.updates[c][v] == null) {
                        copy(seg, start, s, rows, o, true);
                    } else {
                        readUpdated(seg, c, v, start, n, s, rows, o);
                    }
                }
                out.setSize(rows);
                return true;
            }
            return false;
        }

        @Override
        public boolean nextSelected(DataChunk scratch, boolean[] filterColumns, RowSelector selector, int[] chosen,
                                    Vector[] own, DataChunk out) {
            return nextSelected(scratch, null, null, filterColumns, selector, null, chosen, own, out);
        }

        @Override
        public boolean nextSelected(DataChunk scratch, boolean[] firstColumns, RowSelector first, boolean[] filterColumns,
                                    RowSelector selector, DataChunk compact, int[] chosen, Vector[] own, DataChunk out) {
            while (vector * VersionInfo.VECTOR_SIZE < count) {
                int v = vector++;
                int start = v * VersionInfo.VECTOR_SIZE;
                int n = Math.min(VersionInfo.VECTOR_SIZE, count - start);
                int visible = rg.versions.visible(txn, v, n, sel);
                if (visible == 0) {
                    continue;
                }
                int[] s = visible < 0 ? null : sel;
                int rows = visible < 0 ? n : visible;
                if (chosenPositions == null) chosenPositions = new int[VersionInfo.VECTOR_SIZE];
                int[] pos = chosenPositions;
                if (firstColumns != null) {
                    // stage one: the first selector's columns for all rows; the other filter columns
                    // are then read for the rows it keeps only, compacted, for the second selector
                    for (int k = 0; k < columnIds.length; k++) {
                        if (firstColumns[k]) readColumn(k, v, start, n, s, rows, scratch.column(k));
                    }
                    scratch.setSize(rows);
                    int kept = first.select(scratch, chosen, rows);
                    if (kept == 0) continue;
                    if (kept * 2 > rows) {
                        // most rows stay: read the rest in full and select among the kept rows
                        for (int k = 0; k < columnIds.length; k++) {
                            if (filterColumns[k] && !firstColumns[k]) readColumn(k, v, start, n, s, rows, scratch.column(k));
                        }
                        kept = selector.select(scratch, chosen, kept);
                        if (kept == 0) continue;
                        if (emitChosen(scratch, filterColumns, chosen, kept, v, start, n, s, rows, own, out)) return true;
                        continue;
                    }
                    positionsOf(chosen, kept, s, pos);
                    for (int k = 0; k < columnIds.length; k++) {
                        if (!filterColumns[k]) continue;
                        Vector o = compact.column(k);
                        o.reset();
                        if (firstColumns[k]) {
                            o.copyFrom(scratch.column(k), chosen, 0, kept, 0);
                        } else {
                            gatherColumn(k, v, start, n, s, rows, chosen, pos, kept, o, scratch.column(k));
                        }
                    }
                    compact.setSize(kept);
                    int[] second = compactChosen();
                    int kept2 = selector.select(compact, second, kept);
                    if (kept2 == 0) continue;
                    for (int i = 0; i < kept2; i++) {
                        chosen[i] = chosen[second[i]];
                        pos[i] = pos[second[i]];
                    }
                    for (int k = 0; k < columnIds.length; k++) {
                        Vector o = own[k];
                        if (filterColumns[k]) {
                            if (kept2 == kept) {
                                out.setColumn(k, compact.column(k));
                                continue;
                            }
                            o.reset();
                            o.copyFrom(compact.column(k), second, 0, kept2, 0);
                        } else {
                            o.reset();
                            gatherColumn(k, v, start, n, s, rows, chosen, pos, kept2, o, scratch.column(k));
                        }
                        out.setColumn(k, o);
                    }
                    out.setSize(kept2);
                    return true;
                }
                for (int k = 0; k < columnIds.length; k++) {
                    if (filterColumns[k]) readColumn(k, v, start, n, s, rows, scratch.column(k));
                }
                scratch.setSize(rows);
                int kept = selector.select(scratch, chosen, rows);
                if (kept == 0) {
                    continue;
                }
                if (emitChosen(scratch, filterColumns, chosen, kept, v, start, n, s, rows, own, out)) return true;
            }
            return false;
        }

        /** The second stage's selection (indexes into the compacted rows). */
        private int[] compactChosen() {
            if (secondChosen == null) secondChosen = new int[VersionInfo.VECTOR_SIZE];
            return secondChosen;
        }

        /** {@code pos[i]}: the position within the vector of visible row {@code chosen[i]}. */
        private static void positionsOf(int[] chosen, int kept, int[] s, int[] pos) {
            if (s == null) {
                System.arraycopy(chosen, 0, pos, 0, kept);
            } else {
                for (int i = 0; i < kept; i++) pos[i] = s[chosen[i]];
            }
        }

        /**
         * Gives {@code out} the chosen rows of every column: the filter columns from {@code scratch}
         * (read for all rows), the others read for the chosen rows only. Always true.
         */
        private boolean emitChosen(DataChunk scratch, boolean[] filterColumns, int[] chosen, int kept, int v, int start,
                                   int n, int[] s, int rows, Vector[] own, DataChunk out) {
            if (kept == rows) {
                for (int k = 0; k < columnIds.length; k++) {
                    if (!filterColumns[k]) readColumn(k, v, start, n, s, rows, scratch.column(k));
                    out.setColumn(k, scratch.column(k));
                }
                out.setSize(rows);
                return true;
            }
            int[] pos = chosenPositions;
            positionsOf(chosen, kept, s, pos);
            for (int k = 0; k < columnIds.length; k++) {
                Vector o = own[k];
                o.reset();
                if (filterColumns[k]) {
                    o.copyFrom(scratch.column(k), chosen, 0, kept, 0);
                } else {
                    gatherColumn(k, v, start, n, s, rows, chosen, pos, kept, o, scratch.column(k));
                }
                out.setColumn(k, o);
            }
            out.setSize(kept);
            return true;
        }

        /**
         * Reads column {@code k} for the visible rows {@code chosen[0..kept)} (at vector positions
         * {@code pos}) into {@code o}; {@code full} is scratch for a column with updates, read whole.
         */
        private void gatherColumn(int k, int v, int start, int n, int[] s, int rows, int[] chosen, int[] pos, int kept,
                                  Vector o, Vector full) {
            int c = columnIds[k];
            if (c == ROW_ID_COLUMN) {
                long base = rg.firstRowId + start;
                long[] ids = o.longs;
                for (int i = 0; i < kept; i++) ids[i] = base + pos[i];
            } else if (rg.updates[c][v] == null) {
                rg.columns[c].gather(start, pos, kept, o, true);
            } else {
                full.reset();
                readUpdated(rg.columns[c], c, v, start, n, s, rows, full);
                o.copyFrom(full, chosen, 0, kept, 0);
            }
        }

        private void readColumn(int k, int v, int start, int n, int[] s, int rows, Vector o) {
            o.reset();
            int c = columnIds[k];
            if (c == ROW_ID_COLUMN) {
                long base = rg.firstRowId + start;
                long[] ids = o.longs;
                if (s == null) {
                    for (int i = 0; i < rows; i++) ids[i] = base + i;
                } else {
                    for (int i = 0; i < rows; i++) ids[i] = base + s[i];
                }
            } else if (rg.updates[c][v] == null) {
                copy(rg.columns[c], start, s, rows, o, true);
            } else {
                readUpdated(rg.columns[c], c, v, start, n, s, rows, o);
            }
        }

        /** {@code borrow}: VARLEN values point into the segment's (append-only) heap instead of being copied. */
        private static void copy(ColumnSegment seg, int start, int[] s, int rows, Vector o, boolean borrow) {
            if (s == null) {
                seg.read(start, rows, o, 0, borrow);
            } else {
                seg.gather(start, s, rows, o, borrow);
            }
        }

        private void readUpdated(ColumnSegment seg, int c, int v, int start, int n, int[] s, int rows, Vector o) {
            long stamp = rg.updateLock.tryOptimisticRead();
            if (stamp != 0) {
                readWithVersions(seg, c, v, start, n, s, rows, o);
                if (rg.updateLock.validate(stamp)) {
                    return;
                }
            }
            stamp = rg.updateLock.readLock();
            try {
                o.reset();
                readWithVersions(seg, c, v, start, n, s, rows, o);
            } finally {
                rg.updateLock.unlockRead(stamp);
            }
        }

        private void readWithVersions(ColumnSegment seg, int c, int v, int start, int n, int[] s, int rows, Vector o) {
            try {
                copy(seg, start, s, rows, o, false);
            } catch (RuntimeException racedWithWriter) {
                return; // validation fails; re-read under the lock
            }
            if (s != null) {
                if (positions == null) {
                    positions = new int[VersionInfo.VECTOR_SIZE];
                }
                Arrays.fill(positions, 0, n, -1);
                for (int i = 0; i < rows; i++) positions[s[i]] = i;
            }
            for (UpdateVersion u = rg.updates[c][v]; u != null; u = u.older) {
                if (txn.sees(u.version)) {
                    continue;
                }
                int[] ur = u.rows;
                for (int x = 0; x < ur.length; x++) {
                    int rel = ur[x] - start;
                    if (rel < 0 || rel >= n) continue;
                    int pos = s == null ? rel : positions[rel];
                    if (pos >= 0) {
                        o.copyRow(u.oldValues, x, pos);
                    }
                }
            }
        }
    }

    // =================================================================== persistence

    @Override
    public Object storageIdentity() {
        return store;
    }

    @Override
    public void checkpoint(Transaction snapshot, CheckpointSink sink) {
        RowGroup[] gs;
        int[] counts;
        synchronized (store.lock) {
            gs = store.groups;
            counts = new int[gs.length];
            for (int i = 0; i < gs.length; i++) {
                counts[i] = gs[i].count;
            }
        }
        int ncols = store.types.size();
        int[] columnIds = new int[ncols + 1];
        for (int c = 0; c < ncols; c++) {
            columnIds[c] = c;
        }
        columnIds[ncols] = ROW_ID_COLUMN;
        List<LogicalType> scanTypes = new ArrayList<>(store.types);
        scanTypes.add(LogicalType.BIGINT);
        for (int g = 0; g < gs.length; g++) {
            RowGroup rg = gs[g];
            Spilled spilled = rg.spilled;
            if (spilled != null && !spilled.done) {
                // every row belongs to a running transaction that wrote the group to the file itself:
                // no row is committed in the snapshot, and its segments keep their (pending) blocks
                Vector[] none = new Vector[ncols];
                SegmentStats[] noStats = new SegmentStats[ncols];
                for (int c = 0; c < ncols; c++) {
                    none[c] = new Vector(store.types.get(c), 1);
                    noStats[c] = ColumnSegment.statsOf(none[c], 0);
                }
                sink.write(g, counts[g], new long[(counts[g] + 63) >>> 6], 0, none, noStats);
                continue;
            }
            // read the counter first: a change racing the scan below makes the next checkpoint rewrite
            long changes = rg.versions.changes;
            Persisted p = rg.persisted;
            if (p != null && p.changes == changes && p.positions == counts[g] && sink.canReuse(p.handle)) {
                sink.reuse(g, p.handle);
                continue;
            }
            int positions = counts[g];
            long[] mods = new long[ncols];
            for (int c = 0; c < ncols; c++) {
                mods[c] = rg.columns[c].mods();
            }
            Vector[] out = new Vector[ncols];
            for (int c = 0; c < ncols; c++) {
                out[c] = new Vector(store.types.get(c), Math.max(1, positions));
            }
            long[] live = new long[(positions + 63) >>> 6];
            int liveCount = 0;
            GroupScan scan = new GroupScan(snapshot, rg, positions, columnIds);
            DataChunk chunk = new DataChunk(scanTypes, VersionInfo.VECTOR_SIZE);
            while (scan.next(chunk)) {
                int n = chunk.size();
                for (int c = 0; c < ncols; c++) {
                    // strings stay in the segment's (append-only) heap: no copy, and rows sharing a value keep
                    // sharing it, which the encoder's dictionary recognises without hashing bytes
                    out[c].appendSharing(chunk.column(c), n, liveCount);
                }
                long[] ids = chunk.column(ncols).longs;
                for (int i = 0; i < n; i++) {
                    int off = (int) (ids[i] - rg.firstRowId);
                    live[off >>> 6] |= 1L << off;
                }
                liveCount += n;
            }
            SegmentStats[] stats = new SegmentStats[ncols];
            for (int c = 0; c < ncols; c++) {
                stats[c] = ColumnSegment.statsOf(out[c], liveCount);
            }
            boolean complete = liveCount == positions;
            Object handle = sink.write(g, positions, complete ? null : live, liveCount, out, stats);
            rg.persisted = new Persisted(changes, positions, handle);
            // the segments now equal what the file holds (unless written meanwhile): evictable
            for (int c = 0; c < ncols; c++) {
                rg.columns[c].checkpointed(mods[c], complete ? sink.source(handle, c) : null);
            }
            if (complete && ncols > 0) {
                SegmentSource s = sink.source(handle, 0);
                if (s != null) s.pool().shrinkToLimit();
            }
        }
    }

    /** What the last checkpoint wrote for a row group, valid while the group's change counter is unchanged. */
    record Persisted(long changes, int positions, Object handle) {
    }

    @Override
    public void loadGroup(int positions, long[] live, int liveCount, SegmentSource[] sources, SegmentStats[] stats, Object handle) {
        synchronized (store.lock) {
            if (store.totalRows % ROW_GROUP_SIZE != 0) {
                throw new InternalException("row group loaded after a partial one in table \"" + schema.tableName() + "\"");
            }
            long firstRow = store.totalRows;
            int ncols = store.types.size();
            ColumnSegment[] cols = new ColumnSegment[ncols];
            UpdateVersion[][] updates = new UpdateVersion[ncols][];
            for (int c = 0; c < ncols; c++) {
                cols[c] = ColumnSegment.lazy(store.types.get(c), sources[c], stats[c]);
                updates[c] = new UpdateVersion[VersionInfo.VECTORS];
            }
            RowGroup rg = new RowGroup((int) (firstRow / ROW_GROUP_SIZE), new VersionInfo(), cols, updates, 0,
                    new java.util.concurrent.locks.StampedLock());
            RowGroup[] gs = store.groups;
            RowGroup[] next = Arrays.copyOf(gs, gs.length + 1);
            next[gs.length] = rg;
            store.groups = next;
            rg.versions.setInserted(0, positions, 0);
            if (live != null) {
                for (int i = 0; i < positions; i++) {
                    if ((live[i >>> 6] & (1L << i)) == 0) {
                        rg.versions.restampInserted(i, 1, 0, Transaction.NEVER, true);
                    }
                }
            }
            rg.count = positions;
            store.totalRows += positions;
            store.liveEstimate += liveCount;
            rg.persisted = new Persisted(rg.versions.changes, positions, handle);
        }
    }

    @Override
    public void finishLoad(StoredStatistics statistics) {
        synchronized (store.lock) {
            for (int c = 0; c < store.types.size(); c++) {
                store.nullCounts[c] = statistics.nullCounts()[c];
                store.distinct[c].restore(statistics.distinctRegisters()[c]);
            }
            if (store.indexes.length == 0) {
                return;
            }
            // the key columns are read now (and may be evicted again afterwards)
            for (RowGroup rg : store.groups) {
                for (int i = 0; i < rg.count; i++) {
                    if (rg.versions.insertVersion(i) == Transaction.NEVER) continue;
                    Vector[] row = keyScratch(rg, i, 1);
                    for (UniqueIndex idx : store.indexes) {
                        if (!idx.hasNull(row, 0)) {
                            idx.put(row, 0, rg.firstRowId + i);
                        }
                    }
                }
            }
        }
    }

    @Override
    public StoredStatistics storedStatistics() {
        synchronized (store.lock) {
            int n = store.types.size();
            byte[][] regs = new byte[n][];
            for (int c = 0; c < n; c++) {
                regs[c] = store.distinct[c].registers();
            }
            return new StoredStatistics(store.nullCounts.clone(), regs);
        }
    }

    @Override
    public void replayInsert(Transaction txn, long firstRowId, DataChunk chunk) {
        txn = txn.forWrite(owner);
        int n = chunk.size();
        if (n == 0) {
            return;
        }
        synchronized (store.lock) {
            if (firstRowId > store.totalRows) {
                // slots of inserts that never committed: never visible, as in the original process
                long gap = firstRowId - store.totalRows;
                while (gap > 0) {
                    RowGroup rg = writableGroup();
                    int take = (int) Math.min(gap, ROW_GROUP_SIZE - rg.count);
                    for (ColumnSegment seg : rg.columns) {
                        seg.ensureCapacity(rg.count + take);
                    }
                    rg.versions.setInserted(rg.count, take, Transaction.NEVER);
                    rg.count += take;
                    store.totalRows += take;
                    gap -= take;
                }
            }
        }
        if (firstRowId == store.totalRows) {
            append(txn, chunk);
            return;
        }
        // the rows fill slots left by a transaction that committed later than rows after them
        synchronized (store.lock) {
            Vector[] cols = chunk.columns();
            for (int i = 0; i < n; i++) {
                long rowId = firstRowId + i;
                if (rowId >= store.totalRows) {
                    throw new InternalException("replayed insert overlaps the end of table \"" + schema.tableName() + "\"");
                }
                RowGroup rg = store.groups[(int) (rowId / ROW_GROUP_SIZE)];
                int off = (int) (rowId % ROW_GROUP_SIZE);
                for (int c = 0; c < cols.length; c++) {
                    rg.columns[c].write(off, cols[c], i);
                }
                rg.versions.restampInserted(off, 1, Transaction.NEVER, txn.id(), true);
                for (UniqueIndex idx : store.indexes) {
                    if (!idx.hasNull(cols, i)) {
                        idx.put(cols, i, rowId);
                    }
                }
            }
            store.liveEstimate += n;
            txn.addUndo(new AppendUndo(this, store, txn, firstRowId, n));
        }
    }

    @Override
    public void replayGroup(Transaction txn, long firstRowId, int positions, SegmentSource[] sources, SegmentStats[] stats, Object handle,
                            RowGroupSpill target) {
        txn = txn.forWrite(owner);
        if (firstRowId % ROW_GROUP_SIZE != 0 || positions != ROW_GROUP_SIZE) {
            throw new InternalException("replayed row group of table \"" + schema.tableName() + "\" at row " + firstRowId
                    + " with " + positions + " rows");
        }
        synchronized (store.lock) {
            int index = (int) (firstRowId / ROW_GROUP_SIZE);
            while (store.totalRows < firstRowId) {
                // slots of inserts that never committed (or commit later in the log): never visible
                RowGroup rg = writableGroup();
                int take = (int) Math.min(firstRowId - store.totalRows, ROW_GROUP_SIZE - rg.count);
                for (ColumnSegment seg : rg.columns) {
                    seg.ensureCapacity(rg.count + take);
                }
                rg.versions.setInserted(rg.count, take, Transaction.NEVER);
                rg.count += take;
                store.totalRows += take;
            }
            int ncols = store.types.size();
            ColumnSegment[] cols = new ColumnSegment[ncols];
            UpdateVersion[][] updates = new UpdateVersion[ncols][];
            long[] mods = new long[ncols];
            for (int c = 0; c < ncols; c++) {
                cols[c] = ColumnSegment.lazy(store.types.get(c), sources[c], stats[c]);
                updates[c] = new UpdateVersion[VersionInfo.VECTORS];
                mods[c] = cols[c].mods();
            }
            RowGroup rg = new RowGroup(index, new VersionInfo(), cols, updates, positions, new java.util.concurrent.locks.StampedLock());
            rg.versions.setInserted(0, positions, txn.id());
            RowGroup[] gs = store.groups;
            if (index == gs.length) {
                RowGroup[] next = Arrays.copyOf(gs, gs.length + 1);
                next[index] = rg;
                store.groups = next;
                store.totalRows += positions;
            } else {
                // a transaction that committed after this one's rows but earlier in the log left never-visible slots here
                RowGroup old = gs[index];
                for (int i = 0; i < old.count; i++) {
                    if (old.versions.insertVersion(i) != Transaction.NEVER) {
                        throw new InternalException("replayed row group overlaps rows of table \"" + schema.tableName() + "\"");
                    }
                }
                RowGroup[] next = gs.clone();
                next[index] = rg;
                store.groups = next;
                store.totalRows = Math.max(store.totalRows, firstRowId + positions);
            }
            rg.spilled = new Spilled(target, txn, handle, rg.versions.changes, mods);
            store.liveEstimate += positions;
            for (int i = 0; i < positions && store.indexes.length > 0; i++) {
                Vector[] row = keyScratch(rg, i, 1);
                for (UniqueIndex idx : store.indexes) {
                    if (!idx.hasNull(row, 0)) idx.put(row, 0, firstRowId + i);
                }
            }
            txn.addUndo(new AppendUndo(this, store, txn, firstRowId, positions));
        }
    }

    // =================================================================== statistics

    @Override
    public ColumnStatistics statistics(int column) {
        synchronized (store.lock) {
            LogicalType type = store.types.get(column);
            long minL = Long.MAX_VALUE, maxL = Long.MIN_VALUE;
            double minD = Double.POSITIVE_INFINITY, maxD = Double.NEGATIVE_INFINITY;
            byte[] minB = null, maxB = null;
            boolean usable = true, any = false;
            for (RowGroup rg : store.groups) {
                ColumnSegment seg = rg.columns[column];
                if (!seg.hasValue) continue;
                any = true;
                if (!seg.zoneMapUsable) {
                    usable = false;
                    continue;
                }
                minL = Math.min(minL, seg.minLong);
                maxL = Math.max(maxL, seg.maxLong);
                minD = Math.min(minD, seg.minDouble);
                maxD = Math.max(maxD, seg.maxDouble);
                if (seg.minBytes != null && (minB == null || Arrays.compareUnsigned(seg.minBytes, minB) < 0)) minB = seg.minBytes;
                if (seg.maxBytes != null && (maxB == null || Arrays.compareUnsigned(seg.maxBytes, maxB) > 0)) maxB = seg.maxBytes;
            }
            Value min = null, max = null;
            if (any && usable) {
                min = toValue(type, minL, minD, minB);
                max = toValue(type, maxL, maxD, maxB);
            }
            return new ColumnStatistics(min, max, store.nullCounts[column], store.distinct[column].estimate(), store.totalRows);
        }
    }

    private static Value toValue(LogicalType type, long l, double d, byte[] b) {
        Object o = switch (type.id()) {
            case BOOLEAN -> l != 0;
            case TINYINT -> (byte) l;
            case SMALLINT -> (short) l;
            case INTEGER, DATE -> (int) l;
            case BIGINT, TIME, TIMESTAMP -> l;
            case DECIMAL -> type.physical() == PhysicalType.INT64 ? BigDecimal.valueOf(l, type.scale()) : null;
            case FLOAT -> (float) d;
            case DOUBLE -> d;
            case VARCHAR, JSON -> b == null ? null : new String(b, StandardCharsets.UTF_8);
            case BLOB -> b;
            default -> null;
        };
        return o == null ? null : new Value(type, o);
    }

    // =================================================================== ALTER

    @Override
    public DataTable withSchema(Transaction txn, TableSchema renamed) {
        txn = txn.forWrite(owner);
        if (!renamed.types().equals(schema.types()) || !renamed.keys().equals(schema.keys())) {
            throw new InternalException("withSchema may only rename");
        }
        return new ColumnDataTable(renamed, store, owner);
    }

    @Override
    public DataTable withNotNull(Transaction txn, int column, boolean notNull) {
        txn = txn.forWrite(owner);
        List<Boolean> nn = new ArrayList<>(schema.notNull());
        nn.set(column, notNull);
        TableSchema ns = new TableSchema(schema.tableName(), schema.columnNames(), schema.types(), nn, schema.keys());
        if (!notNull) {
            // dropping the constraint: every row still fits, and writers carry on in the same layout
            return new ColumnDataTable(ns, store, owner);
        }
        ColumnDataTable t = new ColumnDataTable(ns, store, owner);
        // the rows this transaction sees, then every row committed so far (one committed after this
        // transaction began fails the ALTER too, as in DuckDB, which checks all committed rows)
        t.checkNoNull(txn, column);
        Transaction latest = owner.begin();
        try {
            t.checkNoNull(latest, column);
        } finally {
            owner.rollback(latest);
        }
        // as DuckDB, a new constraint is an ALTER of the layout: another transaction's insert or
        // update fails at once, and one pending now (perhaps of a NULL) fails at its COMMIT
        return derive(txn, ns, identity(schema.columnCount()), null, store.indexes);
    }

    /** Throws this table's NOT NULL violation of {@code column} if a row {@code txn} sees holds NULL there. */
    private void checkNoNull(Transaction txn, int column) {
        TableScan scan = scan(txn, new int[]{column}, List.of());
        DataChunk chunk = new DataChunk(scan.outputTypes());
        for (MorselScan m = scan.nextMorsel(); m != null; m = scan.nextMorsel()) {
            while (m.next(chunk)) {
                if (chunk.column(0).validity != null) {
                    for (int i = 0; i < chunk.size(); i++) {
                        if (chunk.column(0).isNull(i)) throw notNullViolation(column);
                    }
                }
            }
        }
    }

    @Override
    public void checkIndexable(Transaction txn, int[] columns) {
        txn = txn.in(owner);
        Transaction altered = store.alteredBy;
        if (altered != null && altered != txn) {
            throw new TransactionException("Transaction conflict: cannot add an index to a table that has been altered or dropped");
        }
        synchronized (store.lock) {
            for (RowGroup rg : store.groups) {
                for (int c : columns) {
                    for (UpdateVersion head : rg.updates[c]) {
                        for (UpdateVersion u = head; u != null; u = u.older) {
                            if (u.version >= Transaction.TRANSACTION_ID_START) {
                                throw new TransactionException("Cannot create index with outstanding updates");
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public DataTable withAddedKey(Transaction txn, List<Integer> columns, boolean primary) {
        txn = txn.forWrite(owner);
        checkIndexable(txn, columns.stream().mapToInt(Integer::intValue).toArray());
        List<Boolean> nn = new ArrayList<>(schema.notNull());
        if (primary) {
            for (int c : columns) nn.set(c, true);
        }
        List<TableSchema.UniqueKey> keys = new ArrayList<>(schema.keys());
        keys.add(new TableSchema.UniqueKey(columns, primary));
        TableSchema ns = new TableSchema(schema.tableName(), schema.columnNames(), schema.types(), nn, keys);
        int[] cols = columns.stream().mapToInt(Integer::intValue).toArray();
        UniqueIndex added = new UniqueIndex(cols, primary, schema.types());
        ColumnDataTable t = new ColumnDataTable(ns, store, owner);
        // index the rows that hold keys (visible or not yet cleaned up), checking NULLs and duplicates
        int[] ids = new int[cols.length + 1];
        ids[0] = ROW_ID_COLUMN;
        System.arraycopy(cols, 0, ids, 1, cols.length);
        TableScan scan = scan(txn, ids, List.of());
        DataChunk chunk = new DataChunk(scan.outputTypes());
        Vector[] full = new Vector[schema.columnCount()];
        for (MorselScan m = scan.nextMorsel(); m != null; m = scan.nextMorsel()) {
            while (m.next(chunk)) {
                for (int k = 0; k < cols.length; k++) full[cols[k]] = chunk.column(k + 1);
                for (int r = 0; r < chunk.size(); r++) {
                    if (added.hasNull(full, r)) {
                        if (!primary) continue;
                        for (int c : cols) if (full[c].isNull(r)) throw t.notNullViolation(c);
                    }
                    if (added.put(full, r, chunk.column(0).longs[r]) >= 0) {
                        throw new ConstraintException("Data contains duplicates on indexed column(s)");
                    }
                }
            }
        }
        UniqueIndex[] idx = Arrays.copyOf(store.indexes, store.indexes.length + 1);
        idx[idx.length - 1] = added;
        return derive(txn, ns, identity(schema.columnCount()), null, idx);
    }

    /** Builds a new layout from this one: {@code columnSource[i]} is the old column of new column i, or -1 for {@code fresh[i]}. */
    private ColumnDataTable derive(Transaction txn, TableSchema newSchema, int[] columnSource, ColumnSegmentFactory fresh,
                                   UniqueIndex[] newIndexes) {
        checkWritable(txn);
        synchronized (store.lock) {
            checkWritable(txn);
            Store s = new Store(newSchema.types(), newIndexes);
            s.persistent = store.persistent;
            RowGroup[] old = store.groups;
            RowGroup[] gs = new RowGroup[old.length];
            for (int g = 0; g < old.length; g++) {
                RowGroup o = old[g];
                ColumnSegment[] cols = new ColumnSegment[columnSource.length];
                UpdateVersion[][] ups = new UpdateVersion[columnSource.length][];
                for (int c = 0; c < cols.length; c++) {
                    if (columnSource[c] >= 0) {
                        cols[c] = o.columns[columnSource[c]];
                        ups[c] = o.updates[columnSource[c]];
                    } else {
                        cols[c] = fresh.build(c, o);
                        ups[c] = new UpdateVersion[VersionInfo.VECTORS];
                    }
                }
                gs[g] = new RowGroup(o.index, o.versions, cols, ups, o.count, o.updateLock);
            }
            s.groups = gs;
            s.totalRows = store.totalRows;
            s.liveEstimate = store.liveEstimate;
            for (int c = 0; c < columnSource.length; c++) {
                if (columnSource[c] >= 0) {
                    s.nullCounts[c] = store.nullCounts[columnSource[c]];
                    s.distinct[c] = store.distinct[columnSource[c]].copy();
                } else {
                    for (RowGroup rg : gs) {
                        ColumnSegment seg = rg.columns[c];
                        if (seg.validity != null) {
                            for (int i = 0; i < rg.count; i++) if (!seg.isValid(i)) s.nullCounts[c]++;
                        }
                    }
                }
            }
            Store self = store;
            self.alteredBy = txn;
            txn.addUndo(new UndoEntry() {
                @Override
                public void commit(long commitTs) {
                    // the old layout stays read-only for older snapshots
                    self.alteredBy = ALTERED_FOR_GOOD;
                }

                @Override
                public void rollback() {
                    self.alteredBy = null;
                }
            });
            return new ColumnDataTable(newSchema, s, owner);
        }
    }

    /** Marks a layout replaced by a committed ALTER: every write to it conflicts. */
    private static final Transaction ALTERED_FOR_GOOD = new TransactionManager().begin();

    @FunctionalInterface
    private interface ColumnSegmentFactory {
        ColumnSegment build(int newColumn, RowGroup old);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Override
    public DataTable withAddedColumn(Transaction txn, String name, LogicalType type, Value defaultValue) {
        txn = txn.forWrite(owner);
        int n = schema.columnCount();
        List<String> names = new ArrayList<>(schema.columnNames());
        names.add(name);
        List<LogicalType> types = new ArrayList<>(schema.types());
        types.add(type);
        List<Boolean> nn = new ArrayList<>(schema.notNull());
        nn.add(false);
        TableSchema ns = new TableSchema(schema.tableName(), names, types, nn, schema.keys());
        int[] source = Arrays.copyOf(identity(n), n + 1);
        source[n] = -1;
        Value dv = defaultValue == null ? Value.nullOf(type) : defaultValue;
        return derive(txn, ns, source, (c, old) -> {
            ColumnSegment seg = new ColumnSegment(type, old.index == 0 ? Math.max(old.count, 16) : ROW_GROUP_SIZE);
            seg.ensureCapacity(old.count);
            Vector filled = Vector.constant(type, dv.isNull() ? null : dv.object(), VersionInfo.VECTOR_SIZE);
            for (int at = 0; at < old.count; at += VersionInfo.VECTOR_SIZE) {
                seg.append(filled, 0, Math.min(VersionInfo.VECTOR_SIZE, old.count - at), at);
            }
            return seg;
        }, store.indexes);
    }

    @Override
    public DataTable withDroppedColumn(Transaction txn, int column) {
        txn = txn.forWrite(owner);
        for (UniqueIndex idx : store.indexes) {
            if (contains(idx.columns, column)) {
                throw new CatalogException("Cannot drop column \"" + schema.columnNames().get(column) + "\" because there is a UNIQUE constraint that depends on it");
            }
        }
        int n = schema.columnCount();
        int[] source = new int[n - 1];
        for (int c = 0, k = 0; c < n; c++) {
            if (c != column) source[k++] = c;
        }
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        List<Boolean> nn = new ArrayList<>();
        for (int c : source) {
            names.add(schema.columnNames().get(c));
            types.add(schema.types().get(c));
            nn.add(schema.notNull().get(c));
        }
        List<TableSchema.UniqueKey> keys = new ArrayList<>();
        UniqueIndex[] idx = new UniqueIndex[store.indexes.length];
        for (int i = 0; i < idx.length; i++) {
            int[] cols = store.indexes[i].columns.clone();
            for (int k = 0; k < cols.length; k++) if (cols[k] > column) cols[k]--;
            idx[i] = store.indexes[i].withColumns(cols);
            keys.add(new TableSchema.UniqueKey(Arrays.stream(cols).boxed().toList(), store.indexes[i].primary));
        }
        return derive(txn, new TableSchema(schema.tableName(), names, types, nn, keys), source, null, idx);
    }

    @Override
    public DataTable withChangedColumnType(Transaction txn, int column, LogicalType newType, int[] inputColumns,
                                           ColumnConverter converter) {
        txn = txn.forWrite(owner);
        for (UniqueIndex idx : store.indexes) {
            if (contains(idx.columns, column)) {
                throw new CatalogException("Cannot change the type of this column: an index depends on it!");
            }
        }
        int n = schema.columnCount();
        int[] source = identity(n);
        source[column] = -1;
        List<LogicalType> types = new ArrayList<>(schema.types());
        types.set(column, newType);
        TableSchema ns = new TableSchema(schema.tableName(), schema.columnNames(), types, schema.notNull(), schema.keys());
        List<LogicalType> inTypes = new ArrayList<>();
        for (int c : inputColumns) inTypes.add(store.types.get(c));
        return derive(txn, ns, source, (c, old) -> {
            ColumnSegment seg = new ColumnSegment(newType, old.index == 0 ? Math.max(old.count, 16) : ROW_GROUP_SIZE);
            seg.ensureCapacity(old.count);
            DataChunk in = new DataChunk(inTypes);
            Vector out = new Vector(newType, VersionInfo.VECTOR_SIZE);
            for (int at = 0; at < old.count; at += VersionInfo.VECTOR_SIZE) {
                int k = Math.min(VersionInfo.VECTOR_SIZE, old.count - at);
                in.reset();
                for (int i = 0; i < inputColumns.length; i++) {
                    old.columns[inputColumns[i]].read(at, k, in.column(i), 0);
                }
                in.setSize(k);
                out.reset();
                converter.convert(in, out);
                seg.append(out, 0, k, at);
            }
            return seg;
        }, store.indexes);
    }
}
