package io.tealdb.arrow;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealIOException;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An Arrow stream ({@link ArrowReader}) or an Arrow table in memory ({@link VectorSchemaRoot}) as a
 * TealDB table function: queried in place, reading only the columns a query uses (projection
 * pushdown) in 2048-row morsels that several worker threads convert at once.
 *
 * <p>A root can be scanned any number of times. A stream is read once, as DuckDB reads a
 * RecordBatchReader: its batches are converted as they arrive, and a second scan is an error.
 */
public final class ArrowTableSource implements TableFunction {
    private final String description;
    private final Schema schema;
    private final List<String> names;
    private final List<LogicalType> types;
    private final ArrowReader reader;
    private final VectorSchemaRoot root;
    private final DictionaryProvider dictionaries;
    private final AtomicBoolean consumed = new AtomicBoolean();
    /** True when the scan closes the stream when done (a stream handed over by a replacement scan). */
    private boolean ownsReader;

    private ArrowTableSource(String description, Schema schema, ArrowReader reader, VectorSchemaRoot root, DictionaryProvider dictionaries) {
        this.description = description;
        this.schema = schema;
        this.reader = reader;
        this.root = root;
        this.dictionaries = dictionaries;
        List<String> n = new ArrayList<>();
        List<LogicalType> t = new ArrayList<>();
        for (Field f : schema.getFields()) {
            n.add(f.getName());
            t.add(ArrowSchemas.toLogicalType(f, dictionaries));
        }
        if (n.isEmpty()) throw new InvalidInputException("an Arrow source with no columns cannot be queried");
        this.names = List.copyOf(n);
        this.types = List.copyOf(t);
    }

    /** A stream, read once. Its schema (and dictionaries) are read now. */
    public static ArrowTableSource of(ArrowReader reader) {
        try {
            VectorSchemaRoot r = reader.getVectorSchemaRoot();
            return new ArrowTableSource("arrow_scan(stream)", r.getSchema(), reader, null, reader);
        } catch (IOException e) {
            throw new TealIOException("cannot read the Arrow stream's schema: " + e.getMessage(), e);
        }
    }

    /**
     * A stream the source takes over: the scan that reads it closes it when its query is over (read
     * to the end, stopped early or failed), releasing e.g. an imported C stream at once.
     */
    public static ArrowTableSource owning(ArrowReader reader) {
        ArrowTableSource s;
        try {
            s = of(reader);
        } catch (RuntimeException e) {
            closeQuietly(reader, e);
            throw e;
        }
        s.ownsReader = true;
        return s;
    }

    static void closeQuietly(ArrowReader reader, RuntimeException failure) {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** A table in memory, scanned in place as often as queries name it; {@code dictionaries} may be null. */
    public static ArrowTableSource of(VectorSchemaRoot root, DictionaryProvider dictionaries) {
        return new ArrowTableSource("arrow_scan(" + root.getRowCount() + " rows)", root.getSchema(), null, root, dictionaries);
    }

    public List<String> names() {
        return names;
    }

    public List<LogicalType> types() {
        return types;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public long estimatedRows() {
        return root != null ? root.getRowCount() : -1;
    }

    @Override
    public boolean supportsProjection() {
        return true;
    }

    @Override
    public boolean parallel() {
        return true;
    }

    @Override
    public Scan open() {
        return open(TableFunction.allColumns(names.size()));
    }

    @Override
    public Scan open(int[] columns) {
        if (root != null) return new Batches(columns, null, root);
        if (!consumed.compareAndSet(false, true)) {
            throw new InvalidInputException("the Arrow stream registered here was already read by an earlier query; "
                    + "an ArrowReader can be scanned once (register a VectorSchemaRoot, or create a table from it, to query it again)");
        }
        try {
            return new Batches(columns, reader, reader.getVectorSchemaRoot());
        } catch (IOException e) {
            throw new TealIOException("cannot read the Arrow stream: " + e.getMessage(), e);
        }
    }

    /**
     * Worker threads are virtual; a stream imported through the C interface may call back into its
     * producer (e.g. Python code behind an Arrow C stream), whose native frames would pin the
     * carrier thread. Batches of streams are therefore loaded on platform threads.
     */
    private static final ExecutorService LOADER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tealdb-arrow-stream-loader");
        t.setDaemon(true);
        return t;
    });

    private static boolean loadBatch(ArrowReader stream) {
        try {
            if (!Thread.currentThread().isVirtual()) return stream.loadNextBatch();
            return LOADER.submit(stream::loadNextBatch).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof io.tealdb.error.TealException t) throw t;
            throw new TealIOException("cannot read the next Arrow batch: " + cause.getMessage(), cause);
        } catch (IOException | UncheckedIOException e) {
            throw new TealIOException("cannot read the next Arrow batch: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.tealdb.error.InterruptException("interrupted while reading an Arrow stream");
        }
    }

    /**
     * Morsels of one batch at a time. Threads claim chunk indexes of the current batch under the read
     * lock and convert them concurrently; whoever finds the batch exhausted loads the next one under
     * the write lock, which waits until every conversion of the old batch has finished (an
     * ArrowReader reuses its root's vectors for the next batch).
     */
    private final class Batches implements ParallelScan {
        private final int[] columns;
        private final ArrowReader stream;
        private final VectorSchemaRoot batch;
        private final ArrowColumnReader[] readers;
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final AtomicLong claim = new AtomicLong();
        /** Morsel index of the current batch's first chunk, its chunk count and its generation. */
        private volatile long batchBase;
        private volatile int batchChunks;
        private volatile boolean done;

        Batches(int[] columns, ArrowReader stream, VectorSchemaRoot batch) {
            this.columns = columns.clone();
            this.stream = stream;
            this.batch = batch;
            this.readers = new ArrowColumnReader[columns.length];
            for (int c = 0; c < columns.length; c++) {
                Field f = batch.getSchema().getFields().get(columns[c]);
                Dictionary dict = f.getDictionary() == null || dictionaries == null ? null : dictionaries.lookup(f.getDictionary().getId());
                readers[c] = ArrowColumnReader.of(f, types.get(columns[c]), dict);
            }
            if (stream == null) {
                batchChunks = chunks(batch.getRowCount());
            } else {
                batchChunks = 0; // the first batch is loaded by the first claim
            }
        }

        private static int chunks(int rows) {
            return (rows + DataChunk.CAPACITY - 1) / DataChunk.CAPACITY;
        }

        @Override
        public void close() {
            if (stream != null && ownsReader) {
                try {
                    stream.close();
                } catch (IOException e) {
                    throw new TealIOException("cannot close the Arrow stream: " + e.getMessage(), e);
                }
            }
        }

        @Override
        public int maxThreads() {
            return stream == null ? Math.max(1, batchChunks) : Runtime.getRuntime().availableProcessors();
        }

        @Override
        public long nextMorsel(DataChunk out) {
            while (true) {
                lock.readLock().lock();
                try {
                    if (done) return -1;
                    long c = claim.getAndIncrement();
                    long inBatch = c - batchBase;
                    if (inBatch < batchChunks) {
                        int from = (int) (inBatch * DataChunk.CAPACITY);
                        int n = Math.min(DataChunk.CAPACITY, batch.getRowCount() - from);
                        for (int k = 0; k < columns.length; k++) {
                            FieldVector v = batch.getVector(columns[k]);
                            readers[k].read(v, from, n, out.column(k));
                        }
                        out.setSize(n);
                        return c;
                    }
                } finally {
                    lock.readLock().unlock();
                }
                if (stream == null) {
                    done = true;
                    return -1;
                }
                loadNext();
            }
        }

        /** Loads the next non-empty batch once every chunk of the current one is claimed. */
        private void loadNext() {
            lock.writeLock().lock();
            try {
                if (done || claim.get() - batchBase < batchChunks) return; // another thread already advanced
                long next = batchBase + batchChunks;
                while (true) {
                    boolean more = loadBatch(stream);
                    if (!more) {
                        done = true;
                        return;
                    }
                    if (batch.getRowCount() > 0) break;
                }
                for (ArrowColumnReader r : readers) r.newBatch();
                batchBase = next;
                batchChunks = chunks(batch.getRowCount());
                claim.set(next);
            } finally {
                lock.writeLock().unlock();
            }
        }
    }
}
