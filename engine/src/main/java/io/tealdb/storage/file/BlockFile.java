package io.tealdb.storage.file;

import io.tealdb.error.TealIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A database file of fixed-size checksummed blocks.
 *
 * <pre>
 * [0, 4096)        file header: magic, format version, block size, CRC32C      (written once)
 * [4096, 8192)     database header A: iteration, metadata block, block count, CRC32C
 * [8192, 12288)    database header B (the two alternate: a checkpoint writes the older one)
 * [12288, ...)     blocks of {@link #BLOCK_SIZE} bytes: CRC32C, payload length, next block, payload
 * </pre>
 *
 * A checkpoint writes new blocks only into free ones (never those of the current checkpoint), forces
 * them, then writes the older header slot with a higher iteration and forces again: a crash at any
 * point leaves one valid header whose blocks are intact. The free list is not stored: it is derived
 * at open (and after each checkpoint) as the blocks the current checkpoint does not reference, and
 * blocks are allocated lowest first so that a free tail can be cut off the file.
 */
public final class BlockFile implements AutoCloseable {
    public static final int BLOCK_SIZE = 64 * 1024;
    public static final int FORMAT_VERSION = 1;
    static final int HEADER_SIZE = 4096;
    static final long DATA_START = 3L * HEADER_SIZE;
    private static final int BLOCK_HEADER = 16;
    public static final int BLOCK_PAYLOAD = BLOCK_SIZE - BLOCK_HEADER;
    private static final byte[] MAGIC = "TEALDB\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final FileChannel channel;
    private final boolean readOnly;
    private long iteration;
    private long metaBlock = -1;
    /** Blocks the file holds (read by scans without the lock; allocation and checkpoints change it under it). */
    private volatile long blockCount;
    /** Blocks referenced by the current checkpoint or written by the one in progress, or retained, or pending. */
    private BitSet used = new BitSet();
    /**
     * Blocks written outside a checkpoint (row groups a transaction wrote before its commit, see
     * {@link #writePendingBlob}) that no checkpoint references yet: kept allocated until
     * {@link #unpend} (the checkpoint after their commit references them, or frees them; a rollback
     * frees them).
     */
    private final BitSet pending = new BitSet();
    /** Blocks referenced by the current checkpoint. */
    private BitSet committed = new BitSet();
    /** Data blocks read so far (tests check that opening a database reads none). */
    private final java.util.concurrent.atomic.AtomicLong blockReads = new java.util.concurrent.atomic.AtomicLong();

    private BlockFile(Path path, FileChannel channel, boolean readOnly) {
        this.path = path;
        this.channel = channel;
        this.readOnly = readOnly;
    }

    /**
     * Opens (or, unless read-only, creates) a database file. Throws a clear error for a file that is
     * not a TealDB database or has another format version.
     */
    public static BlockFile open(Path path, boolean readOnly) {
        FileChannel ch;
        try {
            ch = readOnly ? FileOpener.current().open(path, Set.of(StandardOpenOption.READ))
                    : FileOpener.current().open(path, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TealIOException("Cannot open database \"" + path + "\" in read-only mode: database does not exist");
        } catch (IOException e) {
            throw new TealIOException("Cannot open database file \"" + path + "\": " + e.getMessage(), e);
        }
        return new BlockFile(path, ch, readOnly);
    }

    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return path;
    }

    /** Reads the headers of an existing file or writes them for a new one. Returns false for a new (empty) file. */
    public boolean initialize() {
        try {
            long size = channel.size();
            if (size == 0) {
                if (readOnly) {
                    throw new TealIOException("Cannot open database \"" + path + "\" in read-only mode: the file is empty");
                }
                ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
                h.put(MAGIC).putInt(FORMAT_VERSION).putInt(BLOCK_SIZE);
                h.putInt(crc(h.array(), 0, h.position()));
                h.clear();
                writeFully(h, 0);
                writeHeader(0, 0, -1, 0);
                writeHeader(1, 0, -1, 0);
                channel.force(true);
                return false;
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            readFully(h, 0, true);
            byte[] magic = Arrays.copyOf(h.array(), MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new TealIOException("The file \"" + path + "\" exists, but it is not a valid TealDB database file!");
            }
            int version = h.getInt(8);
            int blockSize = h.getInt(12);
            int stored = h.getInt(16);
            if (stored != crc(h.array(), 0, 16)) {
                throw new TealIOException("The file \"" + path + "\" is a TealDB database file with a corrupt header (checksum mismatch)");
            }
            if (version != FORMAT_VERSION) {
                throw new TealIOException("The database file \"" + path + "\" has storage format version " + version
                        + ", but this TealDB reads version " + FORMAT_VERSION + " only");
            }
            if (blockSize != BLOCK_SIZE) {
                throw new TealIOException("The database file \"" + path + "\" uses blocks of " + blockSize + " bytes; this TealDB uses " + BLOCK_SIZE);
            }
            long[] a = readHeader(0);
            long[] b = readHeader(1);
            long[] best = a == null ? b : b == null ? a : (a[0] >= b[0] ? a : b);
            if (best == null) {
                throw new TealIOException("The database file \"" + path + "\" is corrupt: neither database header has a valid checksum");
            }
            iteration = best[0];
            metaBlock = best[1];
            blockCount = best[2];
            return true;
        } catch (IOException e) {
            throw ioError("read", e);
        }
    }

    public long iteration() {
        return iteration;
    }

    /** First block of the current checkpoint's metadata, or -1 for an empty database. */
    public long metaBlock() {
        return metaBlock;
    }

    public long blockCount() {
        return blockCount;
    }

    private void writeHeader(int slot, long iter, long meta, long blocks) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(iter).putLong(meta).putLong(blocks);
        h.putInt(crc(h.array(), 0, 24));
        h.clear();
        writeFully(h, (long) HEADER_SIZE * (1 + slot));
    }

    /** {iteration, metaBlock, blockCount} of a header slot, or null when its checksum fails. */
    private long[] readHeader(int slot) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(h, (long) HEADER_SIZE * (1 + slot), false)) {
            return null;
        }
        if (h.getInt(24) != crc(h.array(), 0, 24)) {
            return null;
        }
        return new long[] {h.getLong(0), h.getLong(8), h.getLong(16)};
    }

    // ------------------------------------------------------------------ blobs (chains of blocks)

    /** Reads the chain of blocks starting at {@code first}; their ids are added to {@code blocks} when not null. */
    public byte[] readBlob(long first, LongList blocks) {
        ByteOut out = new ByteOut(BLOCK_PAYLOAD);
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long block = first;
        int guard = 0;
        try {
            while (block >= 0) {
                if (block >= blockCount || ++guard > blockCount + 1) {
                    throw new CorruptDataException("database file \"" + path + "\" is corrupt: block pointer " + block
                            + " outside the file's " + blockCount + " blocks");
                }
                b.clear();
                if (!readFully(b, DATA_START + block * BLOCK_SIZE, false)) {
                    throw new CorruptDataException("database file \"" + path + "\" is truncated: block " + block + " is missing");
                }
                int stored = b.getInt(0);
                int len = b.getInt(4);
                if (len < 0 || len > BLOCK_PAYLOAD || stored != crc(b.array(), 4, BLOCK_HEADER - 4 + len)) {
                    throw new CorruptDataException("database file \"" + path + "\" is corrupt: checksum mismatch in block " + block);
                }
                out.writeBytes(b.array(), BLOCK_HEADER, len);
                if (blocks != null) {
                    blocks.add(block);
                }
                block = b.getLong(8);
            }
        } catch (IOException e) {
            throw ioError("read", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads bytes {@code [offset, offset+length)} of the blob stored in {@code blocks} (its chain, in
     * order), reading only the blocks that hold them. Thread-safe (positional reads).
     */
    public byte[] readRange(long[] blocks, long offset, int length) {
        byte[] out = new byte[length];
        if (length == 0) return out;
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int first = (int) (offset / BLOCK_PAYLOAD);
        int last = (int) ((offset + length - 1) / BLOCK_PAYLOAD);
        int at = 0;
        try {
            for (int i = first; i <= last; i++) {
                if (i >= blocks.length) {
                    throw new CorruptDataException("database file \"" + path + "\" is corrupt: a column segment extends past its blocks");
                }
                long block = blocks[i];
                if (block < 0 || block >= blockCount) {
                    throw new CorruptDataException("database file \"" + path + "\" is corrupt: block pointer " + block
                            + " outside the file's " + blockCount + " blocks");
                }
                b.clear();
                if (!readFully(b, DATA_START + block * BLOCK_SIZE, false)) {
                    throw new CorruptDataException("database file \"" + path + "\" is truncated: block " + block + " is missing");
                }
                blockReads.incrementAndGet();
                int stored = b.getInt(0);
                int len = b.getInt(4);
                if (len < 0 || len > BLOCK_PAYLOAD || stored != crc(b.array(), 4, BLOCK_HEADER - 4 + len)) {
                    throw new CorruptDataException("database file \"" + path + "\" is corrupt: checksum mismatch in block " + block);
                }
                long blockStart = (long) i * BLOCK_PAYLOAD;
                int from = (int) Math.max(0, offset - blockStart);
                int to = (int) Math.min(len, offset + length - blockStart);
                if (to < from) {
                    throw new CorruptDataException("database file \"" + path + "\" is corrupt: block " + block + " is shorter than its column segments");
                }
                System.arraycopy(b.array(), BLOCK_HEADER + from, out, at, to - from);
                at += to - from;
            }
        } catch (IOException e) {
            throw ioError("read", e);
        }
        if (at != length) {
            throw new CorruptDataException("database file \"" + path + "\" is corrupt: a column segment is shorter than recorded");
        }
        return out;
    }

    /** Blocks read so far by {@link #readRange} (column segments; metadata reads are not counted). */
    public long blockReads() {
        return blockReads.get();
    }

    /** Writes {@code data[0, len)} into free blocks; returns their ids (the first one addresses the blob). */
    public long[] writeBlob(byte[] data, int len) {
        return write(data, len, false);
    }

    /**
     * Writes {@code data[0, len)} into free blocks outside a checkpoint: they stay allocated (also
     * across checkpoints) until {@link #unpend}. Not forced: call {@link #force} before a log
     * record refers to them. Thread-safe with checkpoints and other writers.
     */
    public long[] writePendingBlob(byte[] data, int len) {
        return write(data, len, true);
    }

    /**
     * The pending blocks of a committed transaction found in the write-ahead log at open: allocated
     * (pending) again, since no checkpoint references them yet.
     */
    public synchronized void markPending(long[] blocks) {
        for (long b : blocks) {
            used.set((int) b);
            pending.set((int) b);
            if (b >= blockCount) blockCount = b + 1;
        }
    }

    /**
     * Ends the pending state of {@code blocks}: from the next {@link #retain} on they stay
     * allocated only if the current checkpoint references them or {@code retained} holds them.
     */
    public synchronized void unpend(long[] blocks) {
        for (long b : blocks) pending.clear((int) b);
    }

    /** Forces written blocks to the device (before a log record refers to pending blocks). */
    public void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw ioError("force", e);
        }
    }

    private long[] write(byte[] data, int len, boolean pendingBlocks) {
        int count = Math.max(1, (len + BLOCK_PAYLOAD - 1) / BLOCK_PAYLOAD);
        long[] ids = new long[count];
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                ids[i] = allocate();
                if (pendingBlocks) pending.set((int) ids[i]);
            }
        }
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        try {
            for (int i = 0; i < count; i++) {
                int off = i * BLOCK_PAYLOAD;
                int n = Math.min(BLOCK_PAYLOAD, len - off);
                Arrays.fill(b.array(), (byte) 0);
                b.clear();
                b.putInt(4, n);
                b.putLong(8, i + 1 < count ? ids[i + 1] : -1);
                System.arraycopy(data, off, b.array(), BLOCK_HEADER, Math.max(0, n));
                b.putInt(0, crc(b.array(), 4, BLOCK_HEADER - 4 + Math.max(0, n)));
                writeFully(b, DATA_START + ids[i] * BLOCK_SIZE);
            }
        } catch (IOException e) {
            if (pendingBlocks) {
                unpend(ids); // nobody will refer to them: free at the next retain
            }
            throw ioError("write", e);
        }
        return ids;
    }

    private long allocate() {
        long id = used.nextClearBit(0);
        used.set((int) id);
        if (id >= blockCount) {
            blockCount = id + 1;
        }
        return id;
    }

    /** Marks blocks as referenced by the current checkpoint (at open). */
    public synchronized void markUsed(LongList blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            used.set((int) blocks.get(i));
            committed.set((int) blocks.get(i));
        }
    }

    /** Blocks referenced by the current checkpoint (a copy). */
    public synchronized BitSet committedBlocks() {
        return (BitSet) committed.clone();
    }

    /**
     * Makes the checkpoint whose metadata starts at {@code meta} current: forces the data, writes the
     * other header slot, forces again. {@code referenced} are the blocks it uses; the others become
     * free, except {@code retained} (blocks of an older checkpoint that a running transaction may
     * still read), and a free tail is cut off the file.
     */
    public synchronized void commitCheckpoint(long meta, BitSet referenced, BitSet retained) {
        try {
            channel.force(false);
            long next = iteration + 1;
            long newCount = referenced.length();
            writeHeader((int) (next % 2), next, meta, Math.max(newCount, 0));
            channel.force(true);
            iteration = next;
            metaBlock = meta;
            committed = (BitSet) referenced.clone();
        } catch (IOException e) {
            throw ioError("write", e);
        }
        retain(retained);
    }

    /**
     * Frees every block that the current checkpoint does not reference, {@code retained} does not
     * hold and is not pending; cuts a free tail.
     */
    public synchronized void retain(BitSet retained) {
        BitSet u = (BitSet) committed.clone();
        u.or(retained);
        u.or(pending);
        used = u;
        long newCount = u.length();
        if (newCount < blockCount) {
            try {
                channel.truncate(DATA_START + newCount * BLOCK_SIZE);
            } catch (IOException e) {
                throw ioError("write", e);
            }
        }
        blockCount = Math.max(newCount, committed.length());
    }

    public synchronized int freeBlocks() {
        return (int) (blockCount - used.cardinality());
    }

    public long fileSize() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw ioError("read", e);
        }
    }

    private void writeFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.write(b, pos);
            if (n <= 0) {
                throw new IOException("short write (" + b.remaining() + " bytes not written)");
            }
            pos += n;
        }
    }

    private boolean readFully(ByteBuffer b, long pos, boolean required) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.read(b, pos);
            if (n < 0) {
                if (required) {
                    throw new TealIOException("The file \"" + path + "\" exists, but it is not a valid TealDB database file!");
                }
                return false;
            }
            pos += n;
        }
        return true;
    }

    private TealIOException ioError(String what, IOException e) {
        return new TealIOException("Could not " + what + " database file \"" + path + "\": " + e.getMessage(), e);
    }

    static int crc(byte[] a, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(a, off, len);
        return (int) c.getValue();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw ioError("close", e);
        }
    }
}
