package io.tealdb.python;

import io.tealdb.Connection;
import io.tealdb.Relation;
import io.tealdb.Result;
import io.tealdb.arrow.ArrowSchemas;
import io.tealdb.arrow.ArrowTableSource;
import io.tealdb.arrow.TealArrow;
import io.tealdb.error.InvalidInputException;
import io.tealdb.session.ClientContext;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The entry points the {@code tealdb} Python package calls through JPype. Statements run on a pool of
 * daemon platform threads and Python waits on the returned future in short polls: that keeps the GIL
 * released while a query runs, lets Ctrl-C reach Python (which then calls {@link Connection#interrupt}),
 * and never blocks interpreter exit. Platform threads, not virtual ones: pulling a Python-backed Arrow
 * stream calls back into native code, which would pin a virtual thread's carrier.
 */
public final class PythonBridge {
    private static final BufferAllocator ALLOCATOR = new RootAllocator();

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tealdb-python-query");
        t.setDaemon(true);
        return t;
    });

    private PythonBridge() {
    }

    /**
     * Starts, on a daemon thread, the work every process's first statement pays once (class
     * initialisation of the parser, binder, planner, executor and the Arrow writer, loading the Arrow
     * C Data JNI library; the query pool's first thread): a private in-memory database runs one
     * statement and one relation into Arrow batches, exports them through a C stream, reads them back
     * and is closed. Python calls this right after starting the JVM and then spends 0.1-0.3 s importing
     * pyarrow and building its JPype classes, which the JVM cannot overlap with anything else: on a
     * second core this runs meanwhile, and the user's first statement finds the classes initialised.
     * Any failure only means no head start.
     */
    public static void warmUp() {
        io.tealdb.ClassDataArchives.pruneInBackground(); // archives of the jar's earlier builds
        Thread t = new Thread(PythonBridge::runWarmUp, "tealdb-python-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void runWarmUp() {
        try (Connection con = io.tealdb.Teal.connect()) {
            execute(con, "SELECT 42 AS i, 'a' AS s", null).get().close();
            Relation rel = con.sql("SELECT 42 AS i, 'a' AS s"); // tealdb.sql(): a relation, bound at once
            rel.columns();
            // through the Arrow C stream as Python takes it, read back here: loads the C Data JNI library
            try (QueryOutcome outcome = execute(rel).get(); ArrowArrayStream stream = ArrowArrayStream.allocateNew(ALLOCATOR)) {
                exportBatches(outcome, stream.memoryAddress());
                try (ArrowReader reader = Data.importArrayStream(ALLOCATOR, stream)) {
                    while (reader.loadNextBatch()) {
                        // each batch is released by the next load and by close
                    }
                }
            }
        } catch (Throwable ignored) {
            // an optimisation only: the user's statement does the same work and reports its own errors
        }
    }

    /**
     * Whether the JVM maps a class-data archive (java.vm.info says "sharing"): false when the archive
     * Python passed could not be mapped (damaged, or made by another build of the JDK), so Python
     * makes a new one.
     */
    public static boolean sharing() {
        String info = System.getProperty("java.vm.info");
        return info != null && info.contains("sharing");
    }

    /** The process-wide Arrow allocator of the Python package. */
    public static BufferAllocator allocator() {
        return ALLOCATOR;
    }

    /** Runs {@code sql} (all of its statements) with positional parameters; the last result comes back materialized as Arrow. */
    public static Future<QueryOutcome> execute(Connection con, String sql, Object[] params) {
        return submit(() -> {
            try (Result r = con.execute(sql, params == null ? new Object[0] : params)) {
                return outcome(r);
            }
        });
    }

    /** Runs a relation and materializes its rows as Arrow. */
    public static Future<QueryOutcome> execute(Relation rel) {
        return submit(() -> {
            try (Result r = rel.execute()) {
                return outcome(r);
            }
        });
    }

    /**
     * Runs {@code sql} once per parameter row, the rows given as an Arrow C stream (one column per
     * parameter) that Python exported at {@code streamAddress}. All rows go to the engine in one
     * batch, so an INSERT ... VALUES (?, ...) appends them as column chunks in a single statement.
     * Returns the total update count.
     */
    public static Future<Long> executeBatch(Connection con, String sql, long streamAddress) {
        ArrowReader reader = Data.importArrayStream(ALLOCATOR, ArrowArrayStream.wrap(streamAddress));
        return submit(() -> {
            try (reader) {
                return runBatch(con, sql, rowsOf(ArrowTableSource.of(reader)));
            }
        });
    }

    /** As {@link #executeBatch(Connection, String, long)} for rows Python converted value by value (mixed types). */
    public static Future<Long> executeBatch(Connection con, String sql, Object[][] rows) {
        return submit(() -> {
            List<List<Value>> values = new ArrayList<>(rows.length);
            for (Object[] row : rows) {
                List<Value> vs = new ArrayList<>(row.length);
                for (int i = 0; i < row.length; i++) vs.add(io.tealdb.JavaValues.toValue(row[i], i + 1));
                values.add(vs);
            }
            return runBatch(con, sql, values);
        });
    }

    private static long runBatch(Connection con, String sql, List<List<Value>> rows) {
        if (rows.isEmpty()) return 0;
        ClientContext.PreparedQuery prepared = con.context().prepare(sql);
        if (prepared.parameterCount() != rows.getFirst().size()) {
            throw new InvalidInputException("Prepared statement needs " + prepared.parameterCount()
                    + " parameters, " + rows.getFirst().size() + " given");
        }
        long total = 0;
        for (long n : prepared.executeBatch(rows)) total += Math.max(n, 0);
        return total;
    }

    /** Every row of an Arrow source as typed values (the types the Arrow import maps the columns to). */
    private static List<List<Value>> rowsOf(ArrowTableSource source) {
        List<LogicalType> types = source.types();
        List<List<Value>> rows = new ArrayList<>();
        var scan = source.open();
        DataChunk chunk = new DataChunk(types);
        while (true) {
            chunk.reset();
            if (!scan.next(chunk)) break;
            for (int r = 0; r < chunk.size(); r++) {
                List<Value> row = new ArrayList<>(types.size());
                for (int c = 0; c < types.size(); c++) {
                    Vector v = chunk.column(c);
                    row.add(v.isNull(r) ? Value.nullOf(types.get(c)) : new Value(types.get(c), v.getObject(r)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Registers the Arrow C stream Python exported at {@code streamAddress} as {@code name} on
     * {@code con} (read once, in place); the returned reader is closed by Python when the name is
     * dropped or replaced.
     */
    public static ArrowReader registerStream(Connection con, String name, long streamAddress) {
        return TealArrow.registerArrayStream(con, name, ALLOCATOR, ArrowArrayStream.wrap(streamAddress));
    }

    /**
     * Moves {@code root} into the C structs Python allocated (pyarrow then owns the buffers), the
     * dictionaries of its dictionary-encoded (ENUM) columns from {@code dictionaries}.
     */
    public static void exportRows(VectorSchemaRoot root, DictionaryProvider dictionaries, long arrayAddress, long schemaAddress) {
        Data.exportVectorSchemaRoot(ALLOCATOR, root, dictionaries, ArrowArray.wrap(arrayAddress), ArrowSchema.wrap(schemaAddress));
    }

    /**
     * Exports all batches of {@code outcome} (with the dictionaries of its ENUM columns) as one Arrow C
     * stream into the struct Python allocated; pyarrow reads it whole and then owns the buffers.
     */
    public static void exportBatches(QueryOutcome outcome, long streamAddress) {
        BatchListReader reader = new BatchListReader(ALLOCATOR, outcome.batches(), outcome.dictionaries());
        try {
            Data.exportArrayStream(ALLOCATOR, reader, ArrowArrayStream.wrap(streamAddress));
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /**
     * Starts a relation's query and returns a reader of its result in record batches of
     * {@code batchRows} rows; Python pulls each batch with {@link #loadNext} (on the pool, so the GIL
     * stays free and Ctrl-C can interrupt) and closes the reader when done or abandoned.
     */
    public static Future<ArrowReader> openReader(Relation rel, int batchRows) {
        return submit(() -> TealArrow.arrowReader(rel, ALLOCATOR, batchRows));
    }

    /** Loads the reader's next batch into its root; false at the end. */
    public static Future<Boolean> loadNext(ArrowReader reader) {
        return submit(reader::loadNextBatch);
    }

    /** Exports the reader's schema into the C struct Python allocated (for a stream without batches). */
    public static void exportSchema(ArrowReader reader, long schemaAddress) throws java.io.IOException {
        Data.exportSchema(ALLOCATOR, reader.getVectorSchemaRoot().getSchema(), reader, ArrowSchema.wrap(schemaAddress));
    }

    /** Streams a relation's result into the C stream struct at {@code streamAddress} (batches pulled by Python). */
    public static void exportStream(Relation rel, int batchRows, long streamAddress) {
        TealArrow.exportArrayStream(rel, ALLOCATOR, batchRows, ArrowArrayStream.wrap(streamAddress));
    }

    /** Closes a registered stream's reader, ignoring a second close. */
    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed or released by its consumer: nothing left to free
        }
    }

    private static QueryOutcome outcome(Result r) {
        List<String> types = new ArrayList<>();
        if (!r.hasResultSet()) {
            return new QueryOutcome(List.of(), List.of(), null, null, r.updateCount());
        }
        for (LogicalType t : r.columnTypes()) types.add(t.toString());
        // batches of the size DuckDB's fetch_arrow_table gives, written while the query still runs
        List<VectorSchemaRoot> batches = TealArrow.toArrowBatches(r, ALLOCATOR, TealArrow.TABLE_BATCH_ROWS);
        return new QueryOutcome(List.copyOf(r.columnNames()), types, batches, ArrowSchemas.enumDictionaries(r.columnTypes(), ALLOCATOR), -1);
    }

    private static <T> Future<T> submit(Callable<T> task) {
        return POOL.submit(task);
    }

}
