package io.tealdb.storage.file;

import io.tealdb.error.TealIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The write-ahead log next to a database file ({@code name.wal}): a header naming the checkpoint
 * iteration the log continues, then one record per committed transaction: length, CRC32C, payload.
 *
 * <p>Replay reads records up to the first that is truncated or fails its checksum: only a commit
 * that never returned can be torn (its fsync had not completed), so everything after it is dropped.
 * A log whose header names another iteration was already folded into a checkpoint (the process
 * stopped between writing the checkpoint and emptying the log) and is ignored.
 *
 * <p>Group commit: {@link #append} only writes; {@link #sync} forces the log once for every record
 * appended before it started, so concurrent committers share one fsync.
 *
 * <p>Zeroed room ahead: the log grows in steps of {@link #ROOM} bytes of written zeros, and records
 * overwrite them. Appending past the end of a file changes its size, so each {@code fdatasync} would
 * also commit the file system's journal for the inode; overwriting blocks that already exist needs
 * only the data written, which is what makes a single small commit cheaper (about a quarter more
 * commits/s on ext4 here). Replay stops at the zeros as at any torn tail: a length of 0 is no record.
 */
public final class WalFile implements AutoCloseable {
    private static final byte[] MAGIC = "TEALWAL\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 32;
    /** Zeroed bytes written ahead of the records' end at a time. */
    static final int ROOM = 64 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ROOM).asReadOnlyBuffer();

    /** Position of an appended record: durable once {@link #sync} returned for it. */
    public record Ticket(long generation, long end) {
    }

    private final Path path;
    private FileChannel channel;
    private long end;
    /** The file's length: zeros from {@link #end} up to here. */
    private long allocated;
    private long generation;
    private final Object syncLock = new Object();
    private long syncedUpTo;

    private WalFile(Path path) {
        this.path = path;
    }

    public static Path pathFor(Path database) {
        return database.resolveSibling(database.getFileName() + ".wal");
    }

    /** Reads the complete records of a log continuing {@code iteration} (empty when there is none). */
    public static List<byte[]> readRecords(Path path, long iteration) {
        List<byte[]> out = new ArrayList<>();
        if (!Files.exists(path)) {
            return out;
        }
        try (FileChannel ch = FileOpener.current().open(path, Set.of(StandardOpenOption.READ))) {
            long size = ch.size();
            if (size < HEADER) {
                return out;
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            read(ch, h, 0);
            if (!Arrays.equals(Arrays.copyOf(h.array(), MAGIC.length), MAGIC)
                    || h.getInt(16) != BlockFile.crc(h.array(), 0, 16) || h.getLong(8) != iteration) {
                return out;
            }
            long pos = HEADER;
            ByteBuffer rh = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (pos + 8 <= size) {
                rh.clear();
                read(ch, rh, pos);
                int len = rh.getInt(0);
                int crc = rh.getInt(4);
                if (len <= 0 || pos + 8 + len > size) {
                    break;
                }
                ByteBuffer p = ByteBuffer.allocate(len);
                read(ch, p, pos + 8);
                if (BlockFile.crc(p.array(), 0, len) != crc) {
                    break;
                }
                out.add(p.array());
                pos += 8 + len;
            }
            return out;
        } catch (IOException e) {
            throw new TealIOException("Could not read write-ahead log \"" + path + "\": " + e.getMessage(), e);
        }
    }

    private static void read(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    /** Opens the log for writing, emptied and continuing checkpoint {@code iteration}. */
    public static WalFile create(Path path, long iteration) {
        WalFile w = new WalFile(path);
        try {
            w.channel = FileOpener.current().open(path, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE));
        } catch (IOException e) {
            throw new TealIOException("Could not open write-ahead log \"" + path + "\": " + e.getMessage(), e);
        }
        w.reset(iteration);
        return w;
    }

    /** Empties the log after a checkpoint; earlier tickets count as durable (the checkpoint holds them). */
    public void reset(long iteration) {
        synchronized (syncLock) {
            synchronized (this) {
                try {
                    channel.truncate(0);
                    ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                    h.put(MAGIC).putLong(iteration);
                    h.putInt(16, BlockFile.crc(h.array(), 0, 16));
                    h.clear();
                    write(h, 0);
                    channel.force(true);
                    end = HEADER;
                    allocated = HEADER;
                    generation++;
                    syncedUpTo = end;
                } catch (IOException e) {
                    throw new TealIOException("Could not write write-ahead log \"" + path + "\": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Appends one record (not yet durable: see {@link #sync}). */
    public synchronized Ticket append(byte[] payload, int len) {
        // the header and then the payload where it lies (a record of a large commit is not copied again); a
        // crash between the two writes leaves a record whose checksum fails, a torn tail like any other
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(len).putInt(BlockFile.crc(payload, 0, len));
        header.flip();
        try {
            if (end + 8 + len > allocated) {
                long to = end + 8 + len + ROOM;
                for (long pos = allocated; pos < to; ) {
                    ByteBuffer z = ZEROS.duplicate();
                    z.limit((int) Math.min(ROOM, to - pos));
                    write(z, pos);
                    pos += z.limit();
                }
                allocated = to;
            }
            write(header, end);
            write(ByteBuffer.wrap(payload, 0, len), end + 8);
        } catch (IOException e) {
            try {
                channel.truncate(end); // drop a partly written record so later ones stay reachable
                allocated = end;
            } catch (IOException ignored) {
                // the torn record fails its checksum at replay
            }
            throw new TealIOException("Could not write write-ahead log \"" + path + "\": " + e.getMessage(), e);
        }
        end += 8 + len;
        return new Ticket(generation, end);
    }

    /** Returns once the record of {@code ticket} is on disk (one fsync covers every record appended so far). */
    public void sync(Ticket ticket) {
        synchronized (syncLock) {
            long target;
            synchronized (this) {
                if (ticket.generation() != generation || syncedUpTo >= ticket.end()) {
                    return;
                }
                target = end;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new TealIOException("Could not sync write-ahead log \"" + path + "\": " + e.getMessage(), e);
            }
            syncedUpTo = target;
        }
    }

    public synchronized long size() {
        return end;
    }

    /** Whether no record was appended since the log was created or last reset. */
    public synchronized boolean isEmpty() {
        return end <= HEADER;
    }

    private void write(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.write(b, pos);
            if (n <= 0) {
                throw new IOException("short write (" + b.remaining() + " bytes not written)");
            }
            pos += n;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new TealIOException("Could not close write-ahead log \"" + path + "\": " + e.getMessage(), e);
        }
    }
}
