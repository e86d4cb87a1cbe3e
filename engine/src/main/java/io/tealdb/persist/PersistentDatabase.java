package io.tealdb.persist;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.DatabaseStorage;
import io.tealdb.catalog.MacroEntry;
import io.tealdb.catalog.OnCreateConflict;
import io.tealdb.catalog.SequenceEntry;
import io.tealdb.catalog.SequenceState;
import io.tealdb.catalog.TableEntry;
import io.tealdb.catalog.TypeEntry;
import io.tealdb.catalog.ViewEntry;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealException;
import io.tealdb.error.TealIOException;
import io.tealdb.memory.BufferPool;
import io.tealdb.memory.MemoryManager;
import io.tealdb.storage.CheckpointSink;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.RowGroupSpill;
import io.tealdb.storage.SegmentSource;
import io.tealdb.storage.SegmentStats;
import io.tealdb.storage.StoredStatistics;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;
import io.tealdb.storage.file.BlockFile;
import io.tealdb.storage.file.ByteIn;
import io.tealdb.storage.file.ByteOut;
import io.tealdb.storage.file.CorruptDataException;
import io.tealdb.storage.file.FileLocks;
import io.tealdb.storage.file.LongList;
import io.tealdb.storage.file.SegmentCodec;
import io.tealdb.storage.file.TypeCodec;
import io.tealdb.storage.file.WalFile;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open database file: loads the last checkpoint and replays the log at open, then makes every
 * commit durable.
 *
 * <p>Commit: a transaction that changed only data appends one log record (its inserts, deletes,
 * updates and the sequence counters) under the commit lock, becomes visible, and then waits for an
 * fsync that it shares with every other commit appended meanwhile (group commit). A transaction
 * that changed the catalog commits with a checkpoint instead, so the log only ever holds data
 * changes of tables the last checkpoint knows. A checkpoint runs under the commit lock (it blocks
 * commits, never readers): it reads each table in a fresh snapshot, writes the row groups that
 * changed since the last checkpoint into free blocks (reusing the others), then the catalog, flips
 * the header and empties the log. If writing the log or the file fails after a commit became
 * visible, the database is invalidated: later commits fail, and a reopen recovers the last durable
 * state.
 *
 * <p>Open reads the catalog and, per row group, its metadata only (block list, per column the byte
 * range in the group's blob and the zone map); column values are read when a scan first needs them
 * ({@link FileSegment}) and cached in the {@link BufferPool} of the database's {@link MemoryManager}.
 * Blocks that a checkpoint stops referencing stay allocated while a transaction that started
 * before it runs (it may still read a dropped table's segments from them).
 */
public final class PersistentDatabase implements DatabaseStorage.Durability, RowGroupSpill {
    /** DuckDB's default checkpoint_threshold: 16 MiB of log. */
    public static final long DEFAULT_CHECKPOINT_THRESHOLD = 16L << 20;
    /** 2: column segments addressed by byte ranges, zone maps and table statistics in the metadata (lazy loading). */
    private static final int META_VERSION = 2;

    private final Path path;
    private final boolean readOnly;
    private final BlockFile file;
    private final FileLock lock;
    private final DatabaseStorage storage;
    private final MemoryManager memory;
    /** Blocks freed by checkpoints that transactions older than them may still read. */
    private final List<Retired> retired = new ArrayList<>();
    /** Whether {@link #retired} is non-empty (read without the commit lock). */
    private volatile boolean retiredPending;
    private WalFile wal;
    private final ReentrantLock commitLock = new ReentrantLock();
    private volatile long checkpointThreshold;
    /** Automatic checkpoints on a background thread ({@link #setBackgroundCheckpoints}). */
    private volatile boolean backgroundCheckpoints;
    private final java.util.concurrent.atomic.AtomicBoolean checkpointPending = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile TealException invalidated;
    private volatile Map<Object, WalRecords.TableName> tableNames = Map.of();
    private long loggedSequenceChanges;
    private volatile boolean closed;
    /**
     * Row groups that transactions wrote before committing ({@link RowGroupSpill}) and that have
     * committed since the last checkpoint: their blocks stay pending until the next checkpoint
     * references them (or frees them when the group changed meanwhile).
     */
    private final List<GroupHandle> committedSpills = new ArrayList<>();
    /** Complete log records replayed at open, and whether replay stopped at a record it could not apply. */
    private int replayedRecords;
    private String replayProblem;

    private PersistentDatabase(Path path, boolean readOnly, BlockFile file, FileLock lock, DatabaseStorage storage, long threshold,
                               MemoryManager memory) {
        this.memory = memory;
        this.path = path;
        this.readOnly = readOnly;
        this.file = file;
        this.lock = lock;
        this.storage = storage;
        this.checkpointThreshold = threshold;
    }

    /**
     * Opens {@code path} (created unless read-only) into a new storage instance with durable commits;
     * column values read from the file are accounted in {@code memory}.
     */
    public static DatabaseStorage open(Path path, boolean readOnly, long checkpointThreshold, MemoryManager memory) {
        BlockFile file = BlockFile.open(path, readOnly);
        FileLock lock = null;
        try {
            lock = FileLocks.lock(file.channel(), path, readOnly);
            DatabaseStorage storage = new DatabaseStorage();
            PersistentDatabase db = new PersistentDatabase(path, readOnly, file, lock, storage, checkpointThreshold, memory);
            db.load();
            storage.setDurability(db);
            return storage;
        } catch (RuntimeException e) {
            try {
                if (lock != null) lock.release();
            } catch (java.io.IOException ignored) {
                // closing the channel releases it too
            }
            file.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public void setCheckpointThreshold(long bytes) {
        this.checkpointThreshold = bytes;
    }

    /** Whether automatic checkpoints run on a background thread instead of in the committing one. */
    public void setBackgroundCheckpoints(boolean on) {
        this.backgroundCheckpoints = on;
    }

    public long fileSize() {
        return file.fileSize();
    }

    public int replayedRecords() {
        return replayedRecords;
    }

    // ================================================================== open

    private void load() {
        boolean existed = file.initialize();
        Catalog catalog = storage.catalog();
        TransactionManager tm = storage.transactions();
        Transaction txn = tm.begin();
        LongList blocks = new LongList();
        if (existed && file.metaBlock() >= 0) {
            byte[] meta = file.readBlob(file.metaBlock(), blocks);
            readCheckpoint(new ByteIn(meta), catalog, txn, blocks);
        }
        tm.commit(txn);
        file.markUsed(blocks);
        // replay the log: each record is one committed transaction
        Path walPath = WalFile.pathFor(path);
        List<byte[]> records = WalFile.readRecords(walPath, file.iteration());
        for (byte[] r : records) {
            Transaction t = tm.begin();
            try {
                WalRecords.replay(r, catalog, t, this);
                tm.commit(t);
                replayedRecords++;
            } catch (RuntimeException e) {
                // never leave a database that cannot be opened: keep what replayed so far
                tm.rollback(t);
                replayProblem = e.getMessage();
                System.err.println("TealDB: write-ahead log of \"" + path + "\": stopped replay at record " + (replayedRecords + 1)
                        + " of " + records.size() + ": " + e.getMessage());
                break;
            }
        }
        rebuildTableNames();
        loggedSequenceChanges = SequenceState.CHANGES.get();
        if (!readOnly) {
            if (replayedRecords > 0 || replayProblem != null) {
                // fold the replayed log into the file before emptying it: a crash here replays it again
                checkpoint();
            } else {
                wal = WalFile.create(walPath, file.iteration());
            }
            tm.setSpill(this);
        }
    }

    private void readCheckpoint(ByteIn in, Catalog catalog, Transaction txn, LongList blocks) {
        int version = in.readVarInt();
        if (version != META_VERSION) {
            throw new TealIOException("The database file \"" + path + "\" has catalog format " + version + "; this TealDB reads " + META_VERSION);
        }
        int schemas = in.readCount(1);
        for (int s = 0; s < schemas; s++) {
            String schema = in.readString();
            if (!catalog.schemaExists(txn, schema)) {
                catalog.createSchema(txn, schema, OnCreateConflict.ERROR);
            }
            int entries = in.readCount(1);
            for (int e = 0; e < entries; e++) {
                int kind = in.readByte();
                switch (kind) {
                    case CatalogCodec.TABLE -> {
                        String name = in.readString();
                        var columns = CatalogCodec.readColumns(in);
                        var constraints = CatalogCodec.readConstraints(in);
                        TableEntry t = catalog.createTable(txn, schema, name, columns, constraints, OnCreateConflict.ERROR);
                        int groups = in.readCount(1);
                        for (int g = 0; g < groups; g++) {
                            readGroup(t, in, blocks);
                        }
                        int ncols = t.types().size();
                        long[] nulls = new long[ncols];
                        byte[][] registers = new byte[ncols][];
                        for (int c = 0; c < ncols; c++) {
                            nulls[c] = in.readVarLong();
                            registers[c] = in.readBlob();
                        }
                        t.storage().finishLoad(new StoredStatistics(nulls, registers));
                    }
                    case CatalogCodec.VIEW -> {
                        String name = in.readString();
                        String sql = in.readString();
                        List<String> aliases = CatalogCodec.readStrings(in);
                        List<String> names = CatalogCodec.readStrings(in);
                        List<LogicalType> types = CatalogCodec.readTypes(in);
                        catalog.createView(txn, new ViewEntry(schema, name, sql, aliases, names, types), OnCreateConflict.ERROR);
                    }
                    case CatalogCodec.SEQUENCE -> {
                        String name = in.readString();
                        SequenceState st = new SequenceState(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
                        CatalogCodec.readSequenceCounter(st, in);
                        catalog.createSequence(txn, schema, name, st, OnCreateConflict.ERROR);
                    }
                    case CatalogCodec.MACRO -> catalog.createMacro(txn, CatalogCodec.readMacro(schema, in), OnCreateConflict.ERROR);
                    case CatalogCodec.TYPE -> {
                        String name = in.readString();
                        catalog.createType(txn, schema, name, TypeCodec.read(in), OnCreateConflict.ERROR);
                    }
                    default -> throw new CorruptDataException("unknown catalog entry kind " + kind + " in \"" + path + "\"");
                }
            }
        }
    }

    /**
     * One row group's metadata: positions, live count, the blocks of its blob, the live-row bitmap
     * (when rows were deleted), and per column its byte range in the blob and its zone map.
     */
    private void readGroup(TableEntry t, ByteIn in, LongList allBlocks) {
        ParsedGroup p = parseGroup(t.types(), in);
        for (long b : p.blocks()) allBlocks.add(b);
        t.storage().loadGroup(p.positions(), p.live(), p.liveCount(), p.sources(), p.stats(), p.handle());
    }

    /** One row group's metadata entry, as {@link #writeGroup} writes it. */
    private record ParsedGroup(int positions, long[] live, int liveCount, long[] blocks, SegmentSource[] sources, SegmentStats[] stats,
                               GroupHandle handle) {
    }

    private ParsedGroup parseGroup(List<LogicalType> types, ByteIn in) {
        int start = in.position();
        int positions = in.readVarInt();
        int liveCount = in.readVarInt();
        int nblocks = in.readCount(1);
        long[] blocks = new long[nblocks];
        for (int i = 0; i < nblocks; i++) {
            blocks[i] = in.readVarLong();
        }
        long[] live = null;
        if (in.readBoolean()) {
            live = new long[(positions + 63) >>> 6];
            for (int i = 0; i < live.length; i++) live[i] = in.readLong();
        }
        SegmentSource[] sources = new SegmentSource[types.size()];
        SegmentStats[] stats = new SegmentStats[types.size()];
        for (int c = 0; c < sources.length; c++) {
            long offset = in.readVarLong();
            int length = in.readVarInt();
            sources[c] = new FileSegment(file, memory, types.get(c), blocks, offset, length, positions, live);
            stats[c] = readStats(in);
        }
        byte[] groupMeta = java.util.Arrays.copyOfRange(in.array(), start, in.position());
        return new ParsedGroup(positions, live, liveCount, blocks, sources, stats, new GroupHandle(groupMeta, blocks, sources));
    }

    /**
     * Replay of a log record naming a row group its transaction wrote before committing: the blocks
     * are allocated (pending) again, and the group is the table's with its values left in the file.
     */
    void replayGroup(TableEntry t, Transaction txn, long firstRowId, byte[] groupMeta) {
        ParsedGroup p = parseGroup(t.types(), new ByteIn(groupMeta));
        if (p.live() != null || p.liveCount() != p.positions()) {
            throw new CorruptDataException("log record of table " + t.name() + " names a row group with missing rows");
        }
        file.markPending(p.blocks());
        t.storage().replayGroup(txn, firstRowId, p.positions(), p.sources(), p.stats(), p.handle(), this);
    }

    // ================================================================== row groups written before commit

    @Override
    public Object write(int positions, Vector[] columns, SegmentStats[] stats) {
        List<LogicalType> types = new ArrayList<>(columns.length);
        for (Vector v : columns) types.add(v.type);
        return writeGroup(types, positions, null, positions, columns, stats, true);
    }

    @Override
    public SegmentSource source(Object handle, int column) {
        return ((GroupHandle) handle).sources()[column];
    }

    @Override
    public void committed(Object handle, boolean referenced) {
        synchronized (committedSpills) {
            committedSpills.add((GroupHandle) handle);
        }
    }

    @Override
    public void discarded(Object handle) {
        // nobody reads the rolled-back rows: the blocks are free from the next checkpoint or retain on
        file.unpend(((GroupHandle) handle).blocks());
    }

    /**
     * Encodes one row group (one segment per column into one blob) and writes it into free blocks
     * ({@code pending}: outside a checkpoint, see {@link BlockFile#writePendingBlob}); returns its
     * metadata entry, blocks and sources.
     */
    private GroupHandle writeGroup(List<LogicalType> types, int positions, long[] live, int liveCount, Vector[] columns,
                                   SegmentStats[] stats, boolean pending) {
        ByteOut blob = new ByteOut(1 << 16);
        long[] offsets = new long[types.size() + 1];
        for (int c = 0; c < types.size(); c++) {
            offsets[c] = blob.size();
            SegmentCodec.encode(columns[c], liveCount, blob);
        }
        offsets[types.size()] = blob.size();
        long[] ids = pending ? file.writePendingBlob(blob.array(), blob.size()) : file.writeBlob(blob.array(), blob.size());
        ByteOut gm = new ByteOut(256);
        gm.writeVarInt(positions);
        gm.writeVarInt(liveCount);
        gm.writeVarInt(ids.length);
        for (long id : ids) gm.writeVarLong(id);
        gm.writeBoolean(live != null);
        if (live != null) {
            gm.writeLongs(live, live.length);
        }
        SegmentSource[] sources = new SegmentSource[types.size()];
        for (int c = 0; c < types.size(); c++) {
            int length = (int) (offsets[c + 1] - offsets[c]);
            gm.writeVarLong(offsets[c]);
            gm.writeVarInt(length);
            writeStats(stats[c], gm);
            sources[c] = new FileSegment(file, memory, types.get(c), ids, offsets[c], length, positions, live);
        }
        return new GroupHandle(gm.toByteArray(), ids, sources);
    }

    private static void writeStats(SegmentStats s, ByteOut out) {
        out.writeByte((s.hasNull() ? 1 : 0) | (s.hasValue() ? 2 : 0) | (s.usable() ? 4 : 0));
        out.writeLong(s.minLong());
        out.writeLong(s.maxLong());
        out.writeLong(Double.doubleToRawLongBits(s.minDouble()));
        out.writeLong(Double.doubleToRawLongBits(s.maxDouble()));
        writeNullableBytes(s.minBytes(), out);
        writeNullableBytes(s.maxBytes(), out);
    }

    private static SegmentStats readStats(ByteIn in) {
        int flags = in.readByte();
        long minL = in.readLong();
        long maxL = in.readLong();
        double minD = Double.longBitsToDouble(in.readLong());
        double maxD = Double.longBitsToDouble(in.readLong());
        byte[] minB = readNullableBytes(in);
        byte[] maxB = readNullableBytes(in);
        return new SegmentStats((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, minL, maxL, minD, maxD, minB, maxB);
    }

    private static void writeNullableBytes(byte[] b, ByteOut out) {
        out.writeBoolean(b != null);
        if (b != null) out.writeBlob(b, 0, b.length);
    }

    private static byte[] readNullableBytes(ByteIn in) {
        return in.readBoolean() ? in.readBlob() : null;
    }

    /**
     * What a checkpoint wrote for one row group: its metadata entry (written again verbatim while
     * the group stays unchanged), its blocks and where each column can be read again.
     */
    record GroupHandle(byte[] meta, long[] blocks, SegmentSource[] sources) {
    }

    /**
     * One column of one checkpointed row group: bytes {@code [offset, offset+length)} of the blob in
     * {@code blocks}, holding the live rows; {@code live} (null: all) scatters them to their positions.
     */
    private record FileSegment(BlockFile file, MemoryManager memory, LogicalType type, long[] blocks, long offset, int length,
                               int positions, long[] live) implements SegmentSource {
        @Override
        public Vector load() {
            Vector v = SegmentCodec.decode(type, new ByteIn(file.readRange(blocks, offset, length)));
            if (live == null) {
                return v;
            }
            Vector full = new Vector(type, Math.max(1, positions));
            int k = 0;
            for (int i = 0; i < positions; i++) {
                if ((live[i >>> 6] & (1L << i)) != 0) {
                    full.copyRow(v, k++, i);
                } else {
                    full.setNull(i);
                }
            }
            return full;
        }

        @Override
        public BufferPool pool() {
            return memory.pool();
        }
    }

    /** Blocks a checkpoint stopped referencing, reusable once no transaction started before {@code start} runs. */
    private record Retired(BitSet blocks, long start) {
    }

    private void rebuildTableNames() {
        Transaction t = storage.transactions().begin();
        try {
            Map<Object, WalRecords.TableName> m = new IdentityHashMap<>();
            for (CatalogEntry e : storage.catalog().entries(t, null)) {
                if (e instanceof TableEntry te) {
                    m.put(te.storage().storageIdentity(), new WalRecords.TableName(te.schema(), te.name()));
                }
            }
            tableNames = m;
        } finally {
            storage.transactions().commit(t);
        }
    }

    // ================================================================== commit

    @Override
    public void commit(Transaction txn) {
        TransactionManager tm = storage.transactions();
        boolean sequencesMoved = SequenceState.CHANGES.get() != loggedSequenceChanges;
        if (!txn.hasChanges() && (!sequencesMoved || readOnly)) {
            tm.commit(txn);
            releaseRetired();
            return;
        }
        if (readOnly) {
            tm.rollback(txn);
            throw new InvalidInputException("Cannot commit changes to database \"" + path.getFileName()
                    + "\": it is opened in read-only mode");
        }
        checkUsable(txn);
        if (txn.hasCatalogChanges()) {
            commitLock.lock();
            try {
                checkUsable(txn);
                tm.commit(txn);
                checkpointLocked();
            } finally {
                commitLock.unlock();
            }
            return;
        }
        WalFile.Ticket ticket = null;
        commitLock.lock();
        try {
            checkUsable(txn);
            tm.verifyCommit(txn); // a failed check rolls back before anything reaches the log
            WalRecords.Writer w = new WalRecords.Writer(tableNames);
            txn.logChanges(w);
            long seq = SequenceState.CHANGES.get();
            if (seq != loggedSequenceChanges) {
                logSequences(w);
            }
            if (w.ops > 0) {
                try {
                    if (w.groups > 0) {
                        file.force(); // the blocks the record names are on the device before the record
                    }
                    ticket = wal.append(w.out.array(), w.out.size());
                } catch (TealException e) {
                    tm.rollback(txn);
                    throw e;
                }
            }
            loggedSequenceChanges = seq;
            tm.commit(txn);
        } finally {
            commitLock.unlock();
        }
        if (ticket != null) {
            try {
                wal.sync(ticket);
            } catch (TealException e) {
                invalidate(e);
                throw e;
            }
        }
        releaseRetired();
        if (wal.size() > checkpointThreshold) {
            if (backgroundCheckpoints) {
                checkpointInBackground();
            } else if (commitLock.tryLock()) {
                try {
                    if (invalidated == null && !closed && wal.size() > checkpointThreshold) {
                        checkpointLocked();
                    }
                } finally {
                    commitLock.unlock();
                }
            }
        }
    }

    /**
     * Runs the automatic checkpoint on a thread of its own, so the commit that crossed the threshold
     * returns (a server answers its client) without waiting for it. Commits meanwhile wait for the commit
     * lock as they would behind an inline checkpoint; a failure invalidates the database as it would
     * inline, and the next commit reports it. At most one is pending at a time.
     */
    private void checkpointInBackground() {
        if (!checkpointPending.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name("tealdb-checkpoint").start(() -> {
            commitLock.lock();
            try {
                if (invalidated == null && !closed && wal.size() > checkpointThreshold) {
                    checkpointLocked();
                }
            } catch (RuntimeException e) {
                // checkpointLocked recorded it in `invalidated`: the next commit fails with it
            } finally {
                checkpointPending.set(false);
                commitLock.unlock();
            }
        });
    }

    private void logSequences(WalRecords.Writer w) {
        Transaction t = storage.transactions().begin();
        try {
            for (CatalogEntry e : storage.catalog().entries(t, null)) {
                if (e instanceof SequenceEntry s) {
                    w.sequence(s);
                }
            }
        } finally {
            storage.transactions().commit(t);
        }
    }

    private void checkUsable(Transaction txn) {
        TealException e = invalidated;
        if (e == null && closed) {
            e = new TealIOException("database \"" + path + "\" is closed");
        }
        if (e != null) {
            storage.transactions().rollback(txn);
            throw new TealIOException("FATAL: database \"" + path + "\" has been invalidated by a previous write error ("
                    + e.getMessage() + "); reopen it to recover the last durable state");
        }
    }

    private void invalidate(TealException e) {
        if (invalidated == null) {
            invalidated = e;
        }
    }

    // ================================================================== checkpoint

    @Override
    public void checkpoint() {
        if (readOnly) {
            return;
        }
        commitLock.lock();
        try {
            if (invalidated != null) {
                throw new TealIOException("FATAL: database \"" + path + "\" has been invalidated by a previous write error ("
                        + invalidated.getMessage() + "); reopen it to recover the last durable state");
            }
            checkpointLocked();
        } finally {
            commitLock.unlock();
        }
    }

    private void checkpointLocked() {
        try {
            writeCheckpoint(Long.MAX_VALUE);
            // rewritten groups land after the blocks the previous checkpoint still used; when much of
            // the file is free, a second pass moves groups out of the tail so the file can shrink
            long count = file.blockCount();
            long free = file.freeBlocks();
            if (count > 16 && free * 4 > count) {
                writeCheckpoint(count - free);
            }
        } catch (TealException e) {
            invalidate(e);
            throw e;
        } catch (RuntimeException e) {
            TealIOException io = new TealIOException("checkpoint of \"" + path + "\" failed: " + e, e);
            invalidate(io);
            throw io;
        }
    }

    /** Writes a checkpoint; groups stored in blocks at or above {@code relocateFrom} are written anew. */
    private void writeCheckpoint(long relocateFrom) {
        TransactionManager tm = storage.transactions();
        Transaction snap = tm.begin();
        try {
            Catalog catalog = storage.catalog();
            BitSet referenced = new BitSet();
            ByteOut meta = new ByteOut(4096);
            meta.writeVarInt(META_VERSION);
            List<String> schemas = new ArrayList<>(catalog.schemaNames(snap));
            meta.writeVarInt(schemas.size());
            for (String schema : schemas) {
                meta.writeString(schema);
                List<CatalogEntry> entries = catalog.entries(snap, schema);
                meta.writeVarInt(entries.size());
                for (CatalogEntry e : entries) {
                    switch (e) {
                        case TableEntry t -> {
                            meta.writeByte(CatalogCodec.TABLE);
                            meta.writeString(t.name());
                            CatalogCodec.writeColumns(t.columns(), meta);
                            CatalogCodec.writeConstraints(t.constraints(), meta);
                            writeTableData(t.storage(), snap, meta, referenced, relocateFrom);
                        }
                        case ViewEntry v -> {
                            meta.writeByte(CatalogCodec.VIEW);
                            meta.writeString(v.name());
                            meta.writeString(v.sql());
                            CatalogCodec.writeStrings(v.aliases(), meta);
                            CatalogCodec.writeStrings(v.columnNames(), meta);
                            CatalogCodec.writeTypes(v.columnTypes(), meta);
                        }
                        case SequenceEntry s -> {
                            meta.writeByte(CatalogCodec.SEQUENCE);
                            CatalogCodec.writeSequence(s.name(), s.state(), meta);
                        }
                        case MacroEntry m -> {
                            meta.writeByte(CatalogCodec.MACRO);
                            CatalogCodec.writeMacro(m, meta);
                        }
                        case TypeEntry ty -> {
                            meta.writeByte(CatalogCodec.TYPE);
                            meta.writeString(ty.name());
                            TypeCodec.write(ty.type(), meta);
                        }
                    }
                }
            }
            long seq = SequenceState.CHANGES.get();
            long[] metaBlocks = file.writeBlob(meta.array(), meta.size());
            for (long b : metaBlocks) referenced.set((int) b);
            BitSet freed = file.committedBlocks();
            synchronized (committedSpills) {
                // groups written before their commit: referenced now, or (changed since) freed like the checkpoint's own
                for (GroupHandle h : committedSpills) {
                    file.unpend(h.blocks());
                    for (long b : h.blocks()) freed.set((int) b);
                }
                committedSpills.clear();
            }
            freed.andNot(referenced);
            if (!freed.isEmpty()) {
                retired.add(new Retired(freed, snap.startTime()));
                retiredPending = true;
            }
            file.commitCheckpoint(metaBlocks[0], referenced, retainedBlocks());
            if (wal == null) {
                wal = WalFile.create(WalFile.pathFor(path), file.iteration()); // first checkpoint at open
            } else {
                wal.reset(file.iteration());
            }
            loggedSequenceChanges = seq;
        } finally {
            tm.commit(snap);
        }
        if (!retired.isEmpty()) {
            file.retain(retainedBlocks()); // usually no older transaction runs: the blocks are free now
        }
        rebuildTableNames();
    }

    /**
     * After a transaction ends: frees the retained blocks no running transaction can read any more
     * (the transaction that ran CHECKPOINT itself held back the blocks its checkpoint freed).
     */
    private void releaseRetired() {
        if (retiredPending && commitLock.tryLock()) {
            try {
                if (!closed && invalidated == null && !retired.isEmpty()) {
                    int before = retired.size();
                    BitSet keep = retainedBlocks();
                    if (retired.size() < before) file.retain(keep);
                }
            } catch (TealException e) {
                // truncating the file's free tail failed: the blocks stay allocated until the next checkpoint
            } finally {
                commitLock.unlock();
            }
        }
    }

    /** Blocks of earlier checkpoints that a running transaction may still read (drops entries no one can). */
    private BitSet retainedBlocks() {
        long lowest = storage.transactions().lowestActiveStart();
        retired.removeIf(r -> r.start() <= lowest);
        retiredPending = !retired.isEmpty();
        BitSet b = new BitSet();
        for (Retired r : retired) b.or(r.blocks());
        return b;
    }

    private void writeTableData(DataTable table, Transaction snap, ByteOut meta, BitSet referenced, long relocateFrom) {
        List<GroupHandle> groups = new ArrayList<>();
        List<LogicalType> types = table.types();
        table.checkpoint(snap, new CheckpointSink() {
            @Override
            public Object write(int group, int positions, long[] live, int liveCount, Vector[] columns, SegmentStats[] stats) {
                GroupHandle h = writeGroup(types, positions, live, liveCount, columns, stats, false);
                groups.add(h);
                return h;
            }

            @Override
            public SegmentSource source(Object handle, int column) {
                return ((GroupHandle) handle).sources()[column];
            }

            @Override
            public boolean canReuse(Object handle) {
                for (long b : ((GroupHandle) handle).blocks()) {
                    if (b >= relocateFrom) return false;
                }
                return true;
            }

            @Override
            public void reuse(int group, Object handle) {
                groups.add((GroupHandle) handle);
            }
        });
        meta.writeVarInt(groups.size());
        for (GroupHandle h : groups) {
            meta.writeBytes(h.meta(), 0, h.meta().length);
            for (long b : h.blocks()) referenced.set((int) b);
        }
        StoredStatistics st = table.storedStatistics();
        for (int c = 0; c < types.size(); c++) {
            meta.writeVarLong(st.nullCounts()[c]);
            byte[] r = st.distinctRegisters()[c];
            meta.writeBlob(r, 0, r.length);
        }
    }

    /** Data blocks read from the file so far (tests: a cold open reads none of the column segments). */
    public long blockReads() {
        return file.blockReads();
    }

    // ================================================================== close

    @Override
    public void close() {
        commitLock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (!readOnly && invalidated == null && changedSinceCheckpoint()) {
                    checkpointLocked();
                }
            } finally {
                closed = true;
                if (wal != null) {
                    wal.close();
                }
                try {
                    lock.release();
                } catch (java.io.IOException | RuntimeException ignored) {
                    // closing the channel releases the lock as well
                }
                file.close();
            }
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Whether the file's last checkpoint lacks something this database holds: a commit in the log, a
     * sequence that moved, a group written for a commit, or no checkpoint at all (a new file). Catalog
     * changes checkpoint when they commit. A database only read since it opened closes without
     * writing its file again (as DuckDB's does).
     */
    private boolean changedSinceCheckpoint() {
        synchronized (committedSpills) {
            if (!committedSpills.isEmpty()) return true;
        }
        return wal == null || !wal.isEmpty() || file.metaBlock() < 0 || SequenceState.CHANGES.get() != loggedSequenceChanges;
    }

    /** Counts for tests and diagnostics. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new HashMap<>();
        m.put("file_size", file.fileSize());
        m.put("free_blocks", (long) file.freeBlocks());
        m.put("total_blocks", file.blockCount());
        m.put("wal_size", wal == null ? 0L : wal.size());
        m.put("iteration", file.iteration());
        m.put("segment_block_reads", file.blockReads());
        return m;
    }
}
