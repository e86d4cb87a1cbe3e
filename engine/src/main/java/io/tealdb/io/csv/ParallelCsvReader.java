package io.tealdb.io.csv;

import io.tealdb.error.TealIOException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Reads one large delimited file on several threads, giving the same chunks' rows in the same order
 * as {@link CsvReader} (COPY ... FROM). The file is cut into blocks of {@link #BLOCK} bytes; a worker
 * parses the records that start in its block, beginning after the block's first newline, and the
 * caller's thread takes the blocks in order.
 *
 * <p>A newline inside a quoted value makes a worker begin in the middle of a record, so every block
 * is checked before its rows are used: its first record must begin exactly where the previous
 * block's last record ended (the previous block being right, by induction from the first). A block
 * that fails the check, or whose worker raised an error, is parsed again on the caller's thread from
 * where the previous block ended, with the line count so far, so rows and error messages are the
 * sequential reader's (DuckDB's parallel CSV reader makes the same check).
 */
public final class ParallelCsvReader implements AutoCloseable {
    /** Bytes per block: large enough that a worker's start-up is negligible, small enough to balance two cores. */
    static final int BLOCK = 4 << 20;
    /** Files smaller than this are read by one {@link CsvReader}. */
    static final long MIN_SIZE = 2L * BLOCK;

    private final Path file;
    private final List<String> names;
    private final List<LogicalType> types;
    private final boolean[] autoDetected;
    private final CsvOptions options;
    private final FileChannel channel;
    private final long size;
    private final int blocks;
    private final Executor executor;
    private final int window;
    private final ArrayDeque<FutureTask<Block>> pending = new ArrayDeque<>();
    private int submitted;
    private int taken;
    private volatile boolean closed;

    /** The next record's file offset as far as the blocks taken so far are concerned. */
    private long expected;
    /** Lines (records, comment lines, header) read before {@link #expected}. */
    private long lines;
    private final ArrayDeque<DataChunk> ready = new ArrayDeque<>();
    /**
     * Chunks the consumer is done with ({@link #recycle}), refilled by the parsers instead of
     * allocating and zeroing a chunk of vectors per 2,048 rows.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<DataChunk> free = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** One block's result: the offsets of its first record and after its last, its chunks, lines, or its error. */
    private record Block(long start, long end, List<DataChunk> chunks, long lines, RuntimeException error) {}

    private ParallelCsvReader(Path file, List<String> names, List<LogicalType> types, boolean[] autoDetected,
                              CsvOptions options, FileChannel channel, long size, Executor executor, int threads) {
        this.file = file;
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.autoDetected = autoDetected;
        this.options = options;
        this.channel = channel;
        this.size = size;
        this.blocks = (int) ((size + BLOCK - 1) / BLOCK);
        this.executor = executor;
        this.window = Math.max(2, threads * 2);
    }

    /**
     * A parallel reader of {@code file}, or null when it should be read by one {@link CsvReader}: one
     * thread, a small or compressed file, or one starting with a byte-order mark.
     */
    public static ParallelCsvReader openIfWorthwhile(Path file, List<String> names, List<LogicalType> types,
                                                     boolean[] autoDetected, CsvOptions options, Executor executor,
                                                     int threads) {
        if (threads < 2 || types.isEmpty() || CsvReader.compressed(file, options) || !Files.isRegularFile(file)) return null;
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate(3);
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // read the first bytes
            }
            boolean bom = head.position() == 3 && (head.get(0) & 0xFF) == 0xEF && (head.get(1) & 0xFF) == 0xBB
                    && (head.get(2) & 0xFF) == 0xBF;
            if (size < MIN_SIZE || bom) {
                channel.close();
                return null;
            }
            return new ParallelCsvReader(file, names, types, autoDetected, options, channel, size, executor, threads);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the open failed already; the sequential reader reports it
                }
            }
            return null;
        }
    }

    /** The next chunk of rows in file order, or null at the end. */
    /**
     * Gives back a chunk returned by {@link #next} whose rows the caller no longer reads (nor any
     * vector of it), for a parser to fill again.
     */
    public void recycle(DataChunk chunk) {
        if (!closed) free.add(chunk);
    }

    public DataChunk next() {
        while (ready.isEmpty()) {
            if (taken == blocks) return null;
            takeBlock();
        }
        return ready.poll();
    }

    private void takeBlock() {
        while (submitted < blocks && pending.size() < window) {
            int k = submitted++;
            FutureTask<Block> task = new FutureTask<>(parser(k));
            pending.add(task);
            executor.execute(task);
        }
        int k = taken++;
        Block b = await(pending.poll());
        long blockEnd = blockEnd(k);
        if (b.error == null && (k == 0 || b.start == expected)) {
            accept(b);
        } else if (k > 0 && b.error == null && expected >= blockEnd) {
            // a record that began in an earlier block covers this whole block: nothing starts here
        } else {
            // a wrong start (a quoted newline) or an error: parse the block again from where the previous one ended
            try (CsvReader r = k == 0 ? firstReader(blockEnd) : CsvReader.block(stream(expected), file.toString(), names,
                    types, autoDetected, options, expected, blockEnd, false, lines)) {
                Block again = parse(r, k == 0 ? 0 : expected);
                accept(new Block(again.start, again.end, again.chunks, again.lines - (k == 0 ? 0 : lines), null));
            }
        }
    }

    private void accept(Block b) {
        ready.addAll(b.chunks);
        expected = b.end;
        lines += b.lines;
    }

    private long blockEnd(int k) {
        return Math.min(size, (long) (k + 1) * BLOCK);
    }

    private Callable<Block> parser(int k) {
        return () -> {
            long blockEnd = blockEnd(k);
            try {
                if (k == 0) {
                    try (CsvReader r = firstReader(blockEnd)) {
                        return parse(r, 0);
                    }
                }
                long from = (long) k * BLOCK - 1; // a block that starts right after a newline starts with its record
                try (CsvReader r = CsvReader.block(stream(from), file.toString(), names, types, autoDetected, options,
                        from, blockEnd, true, 0)) {
                    return parse(r, -1);
                }
            } catch (RuntimeException e) {
                return new Block(-1, -1, List.of(), 0, e);
            }
        };
    }

    private CsvReader firstReader(long blockEnd) {
        return CsvReader.firstBlock(stream(0), file.toString(), names, types, autoDetected, options, blockEnd);
    }

    /** All chunks of a block reader; {@code start} -1: the offset of the first record (after the partial line). */
    private Block parse(CsvReader r, long start) {
        List<DataChunk> chunks = new ArrayList<>();
        long first = start;
        while (!closed) {
            DataChunk chunk = free.poll();
            if (chunk == null) chunk = new DataChunk(types);
            boolean more = r.next(chunk);
            if (first < 0) first = r.startOffset();
            if (!more) break;
            if (chunk.size() > 0) chunks.add(chunk);
        }
        return new Block(first, r.offset(), chunks, r.line(), null);
    }

    private static Block await(FutureTask<Block> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.tealdb.error.InterruptException("Interrupted!");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new TealIOException("Error reading a CSV file: " + e.getCause(), e.getCause());
        }
    }

    /** An input stream over the file from {@code offset}, by positional reads of the shared channel. */
    private InputStream stream(long offset) {
        return new InputStream() {
            private long position = offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= size) return -1;
                int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                if (n > 0) position += n;
                return n;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        for (FutureTask<Block> t : pending) t.cancel(false);
        pending.clear();
        try {
            channel.close();
        } catch (IOException ignored) {
            // only read
        }
    }
}
