package io.tealdb.arrow;

import io.tealdb.Connection;
import io.tealdb.Relation;
import io.tealdb.Result;
import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Apache Arrow in and out of TealDB (the {@code tealdb-arrow} module; the engine itself has no Arrow
 * dependency). Needs the JVM flags in the README's "Apache Arrow" section.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = new RootAllocator();
 *      Connection con = Teal.connect()) {
 *     Relation rel = con.sql("SELECT * FROM range(1000000) t(i)");
 *     try (VectorSchemaRoot all = TealArrow.toArrow(rel, allocator)) { ... }          // whole result
 *     try (ArrowReader batches = TealArrow.arrowReader(rel, allocator, 65536)) { ... } // streaming
 *     TealArrow.register(con, "events", someArrowReader);                               // query Arrow in place
 *     con.sql("SELECT kind, count(*) FROM events GROUP BY kind").show();
 * }
 * }</pre>
 *
 * <p>Types map as {@link ArrowSchemas} says; a top-level ENUM column is dictionary-encoded, as DuckDB
 * exports it (its codes over the labels): an {@link ArrowReader} and the C stream carry the
 * dictionaries, and for the tables of {@link #toArrow}/{@link #toArrowBatches}
 * {@link ArrowSchemas#enumDictionaries} makes them.
 */
public final class TealArrow {
    /** Rows per record batch when none is given (DuckDB's default for Arrow record batch readers). */
    public static final int DEFAULT_BATCH_ROWS = 1_000_000;

    /**
     * Rows per record batch of a whole result gathered as a table (DuckDB's {@code fetch_arrow_table}
     * also gives one batch per row group of 122,880 rows). Small batches keep the chunks being written
     * few enough that all of them go back to the query and are filled again ({@link Result#recycle}):
     * with batches of a million rows most chunks were allocated afresh (a quarter of the export's CPU time).
     */
    public static final int TABLE_BATCH_ROWS = 122_880;

    private TealArrow() {
    }

    // ---------------------------------------------------------------- export

    /** The whole result of {@code rel} as one Arrow table (the caller closes it). */
    public static VectorSchemaRoot toArrow(Relation rel, BufferAllocator allocator) {
        try (Result r = rel.execute()) {
            return toArrow(r, allocator);
        }
    }

    /** The remaining rows of {@code result} as one Arrow table (the caller closes both). */
    public static VectorSchemaRoot toArrow(Result result, BufferAllocator allocator) {
        checkHasRows(result);
        ChunkBatcher batcher = new ChunkBatcher(result, Integer.MAX_VALUE - 64);
        List<ChunkSlice> slices = batcher.next();
        if (!batcher.next().isEmpty()) throw new InvalidInputException("the result has more rows than one Arrow table holds: use arrowReader()");
        return batch(result, allocator, slices);
    }

    /**
     * The remaining rows of {@code result} as record batches of at most {@code batchRows} rows (at
     * least one batch, empty for an empty result; the caller closes them and the result). A batch is
     * written into Arrow on another thread while the next batch's rows arrive from the query: writing
     * takes about as long as producing, and done in turn the producers would stand idle (their queue
     * is short) while the consumer writes. So at most two batches' result chunks are held on the heap
     * at once — what exporting a large result as one table costs in garbage collection otherwise.
     */
    public static List<VectorSchemaRoot> toArrowBatches(Result result, BufferAllocator allocator, int batchRows) {
        checkHasRows(result);
        if (batchRows <= 0) throw new InvalidInputException("Arrow batch size must be positive, got " + batchRows);
        ChunkBatcher batcher = new ChunkBatcher(result, batchRows);
        List<VectorSchemaRoot> out = new ArrayList<>();
        java.util.concurrent.Future<VectorSchemaRoot> writing = null;
        List<ChunkSlice> inWriting = null;
        try {
            while (true) {
                List<ChunkSlice> slices = batcher.next();
                if (writing != null) {
                    out.add(await(writing));
                    writing = null;
                    batcher.recycle(inWriting);
                }
                if (slices.isEmpty()) {
                    if (out.isEmpty()) out.add(batch(result, allocator, slices));
                    return out;
                }
                inWriting = slices;
                writing = WRITERS.submit(() -> batch(result, allocator, slices));
            }
        } catch (RuntimeException | Error e) {
            if (writing != null) {
                try {
                    await(writing).close();
                } catch (RuntimeException | Error ignored) {
                    // the batch failed as well: nothing to close
                }
            }
            for (VectorSchemaRoot root : out) root.close();
            throw e;
        }
    }

    /** Threads that write record batches beside the query (virtual: one per batch, nothing to shut down). */
    private static final java.util.concurrent.ExecutorService WRITERS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /** The batch a writer produced, its failure rethrown as it was thrown. */
    private static VectorSchemaRoot await(java.util.concurrent.Future<VectorSchemaRoot> writing) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return writing.get();
                } catch (InterruptedException e) {
                    // the batch is being written into memory we must close: wait for it, interrupt after
                    interrupted = true;
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static void checkHasRows(Result result) {
        if (!result.hasResultSet()) throw new InvalidInputException("the statement returns no rows to export to Arrow");
    }

    private static VectorSchemaRoot batch(Result result, BufferAllocator allocator, List<ChunkSlice> slices) {
        List<LogicalType> types = result.columnTypes();
        int total = ChunkBatcher.rows(slices);
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toSchema(result), allocator);
        try {
            writeColumns(root, types, slices, total);
            root.setRowCount(total);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Writes {@code chunks} (all rows of each) into {@code root} as one record batch, replacing what
     * it held; for writers that gather result chunks into batches themselves (the ClickHouse HTTP
     * endpoint's Arrow output).
     */
    public static void fill(VectorSchemaRoot root, List<LogicalType> types, List<DataChunk> chunks) {
        List<ChunkSlice> slices = new ArrayList<>();
        long total = 0;
        for (DataChunk c : chunks) {
            if (c.size() == 0) continue;
            slices.add(new ChunkSlice(c, 0, c.size()));
            total += c.size();
        }
        if (total > Integer.MAX_VALUE - 64) throw new InvalidInputException("too many rows (" + total + ") for one Arrow record batch");
        writeColumns(root, types, slices, (int) total);
        root.setRowCount((int) total);
    }

    /** Rows below which columns are converted one after another (a parallel task costs more than it saves). */
    private static final int PARALLEL_ROWS = 1 << 16;

    /** Writes every column of the slices into {@code root}; the columns of a large result in parallel (they are independent). */
    static void writeColumns(VectorSchemaRoot root, List<LogicalType> types, List<ChunkSlice> slices, int total) {
        java.util.stream.IntStream columns = java.util.stream.IntStream.range(0, types.size());
        if (total >= PARALLEL_ROWS && types.size() > 1) columns = columns.parallel();
        columns.forEach(c -> ArrowExport.write(root.getVector(c), types.get(c), VectorSlice.column(slices, c), total));
    }

    /**
     * Reads the first {@code count} values of an Arrow array into {@code out} as {@code type}; an array
     * of another type (by ArrowSchemas' mapping) is read as its own type and cast, with the cast's errors.
     */
    public static void readInto(org.apache.arrow.vector.FieldVector vec, int count, LogicalType type, io.tealdb.vector.Vector out) {
        LogicalType own = ArrowSchemas.toLogicalType(vec.getField(), null);
        if (own.equals(type)) {
            ArrowColumnReader.of(vec.getField(), type, null).read(vec, 0, count, out);
            return;
        }
        io.tealdb.vector.Vector read = new io.tealdb.vector.Vector(own, Math.max(count, 1));
        ArrowColumnReader.of(vec.getField(), own, null).read(vec, 0, count, read);
        io.tealdb.function.cast.Casts.kernel(own, type, false, io.tealdb.types.TimeZones.systemDefault())
                .execute(new io.tealdb.vector.Vector[]{read}, count, out);
    }

    /** {@code rel} run now and streamed as record batches of {@code batchRows} rows; closing the reader stops the query. */
    public static ArrowReader arrowReader(Relation rel, BufferAllocator allocator, int batchRows) {
        Result r = rel.execute();
        try {
            return new ResultArrowReader(allocator, r, batchRows);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    public static ArrowReader arrowReader(Relation rel, BufferAllocator allocator) {
        return arrowReader(rel, allocator, DEFAULT_BATCH_ROWS);
    }

    /** The remaining rows of {@code result} as record batches; closing the reader closes the result. */
    public static ArrowReader arrowReader(Result result, BufferAllocator allocator, int batchRows) {
        return new ResultArrowReader(allocator, result, batchRows);
    }

    /**
     * Exports {@code rel}'s result through the Arrow C Stream interface into {@code out} (e.g. a
     * stream struct allocated by Python: {@code ArrowArrayStream.wrap(address)}). The consumer
     * drives the query by pulling batches and stops it by releasing the stream.
     */
    public static void exportArrayStream(Relation rel, BufferAllocator allocator, int batchRows, ArrowArrayStream out) {
        ArrowReader reader = arrowReader(rel, allocator, batchRows);
        try {
            Data.exportArrayStream(allocator, reader, out);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (java.io.IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- import

    /**
     * Makes an Arrow stream queryable as {@code name} in this connection (read once, in place, only
     * the columns a query uses). The caller keeps ownership of the reader and closes it after use.
     */
    public static void register(Connection con, String name, ArrowReader reader) {
        ArrowTableSource source = ArrowTableSource.of(reader);
        con.register(name, source, source.names(), source.types());
    }

    /** Makes an Arrow table queryable as {@code name}, as often as needed; the caller keeps the root alive meanwhile. */
    public static void register(Connection con, String name, VectorSchemaRoot root) {
        register(con, name, root, null);
    }

    /** As {@link #register(Connection, String, VectorSchemaRoot)}, with the dictionaries of dictionary-encoded columns. */
    public static void register(Connection con, String name, VectorSchemaRoot root, DictionaryProvider dictionaries) {
        ArrowTableSource source = ArrowTableSource.of(root, dictionaries);
        con.register(name, source, source.names(), source.types());
    }

    /**
     * Imports an Arrow C stream (e.g. one Python exported with {@code _export_to_c}) and registers
     * it as {@code name}; returns the Java reader, which the caller closes when done with the name.
     */
    public static ArrowReader registerArrayStream(Connection con, String name, BufferAllocator allocator, ArrowArrayStream stream) {
        ArrowReader reader = Data.importArrayStream(allocator, stream);
        try {
            register(con, name, reader);
            return reader;
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (java.io.IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Lets SQL name Arrow data that is not in the catalog: for an unknown table name, {@code resolver}
     * returns an Arrow stream to scan (or null: the table does not exist). This is the hook for the
     * Python package's DataFrame lookup (DuckDB's replacement scan); the stream is read once, by the
     * query that named it, which also closes it when it is over. Null clears it.
     */
    public static void setReplacementScan(Connection con, java.util.function.Function<String, ArrowReader> resolver) {
        if (resolver == null) {
            con.setReplacementScan(null);
            return;
        }
        con.setReplacementScan(name -> {
            ArrowReader reader = resolver.apply(name);
            if (reader == null) return null;
            ArrowTableSource source = ArrowTableSource.owning(reader);
            return new io.tealdb.ReplacementScan.Source(source, source.names(), source.types());
        });
    }

    /** A relation over an Arrow stream (DuckDB's {@code from_arrow}); registered under {@link Relation#alias()}. */
    public static Relation fromArrow(Connection con, ArrowReader reader) {
        ArrowTableSource source = ArrowTableSource.of(reader);
        return con.from(source, source.names(), source.types());
    }

    /** A relation over an Arrow table in memory. */
    public static Relation fromArrow(Connection con, VectorSchemaRoot root) {
        ArrowTableSource source = ArrowTableSource.of(root, null);
        return con.from(source, source.names(), source.types());
    }

    public static Relation fromArrow(Connection con, VectorSchemaRoot root, DictionaryProvider dictionaries) {
        ArrowTableSource source = ArrowTableSource.of(root, dictionaries);
        return con.from(source, source.names(), source.types());
    }
}
