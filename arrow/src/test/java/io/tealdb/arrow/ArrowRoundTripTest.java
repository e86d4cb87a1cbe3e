package io.tealdb.arrow;

import io.tealdb.Connection;
import io.tealdb.Relation;
import io.tealdb.Result;
import io.tealdb.Teal;
import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TealDB → Arrow → TealDB for every type, as a whole table, as a stream and through the C Stream interface. */
class ArrowRoundTripTest {
    private BufferAllocator allocator;
    private Connection con;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        con = Teal.connect(Map.of("threads", "2"));
        con.execute("CREATE TABLE t AS " + ArrowTestData.ALL_TYPES).close();
    }

    @AfterEach
    void close() {
        con.close();
        allocator.close(); // fails the test when an Arrow buffer leaked
    }

    private List<Object[]> expected() {
        return con.sql("SELECT * FROM t ORDER BY i").fetchAll();
    }

    private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
        assertEquals(expected.size(), actual.size(), "row count");
        for (int r = 0; r < expected.size(); r++) {
            assertArrayEquals(expected.get(r), actual.get(r), "row " + r);
        }
    }

    @Test
    void wholeResultRoundTripsThroughAVectorSchemaRoot() {
        Relation rel = con.sql("SELECT * FROM t ORDER BY i");
        try (VectorSchemaRoot root = TealArrow.toArrow(rel, allocator)) {
            assertEquals(ArrowTestData.ROWS, root.getRowCount());
            TealArrow.register(con, "arrow_t", root);
            assertSameRows(expected(), con.sql("SELECT * FROM arrow_t").fetchAll());
            // the same types come back (HUGEINT through its field metadata)
            assertEquals(rel.types(), con.sql("SELECT * FROM arrow_t").types());
            // a root can be queried again, in parallel morsels, with projection pushdown
            Object[] agg = con.sql("SELECT count(*), count(s), sum(bi), max(ts) FROM arrow_t").fetchOne();
            assertArrayEquals(con.sql("SELECT count(*), count(s), sum(bi), max(ts) FROM t").fetchOne(), agg);
            con.unregister("arrow_t");
        }
    }

    @Test
    void streamingReaderRoundTripsWithBatchesThatSplitChunks() throws Exception {
        // 3000-row batches: every batch boundary falls inside a 2048-row result chunk
        // the producing query streams on its own connection: a connection runs one query at a time
        try (Connection producer = con.duplicate();
             ArrowReader reader = TealArrow.arrowReader(producer.sql("SELECT * FROM t ORDER BY i"), allocator, 3000)) {
            List<Integer> sizes = new ArrayList<>();
            Relation back = TealArrow.fromArrow(con, new CountingReader(reader, sizes, allocator));
            assertSameRows(expected(), back.fetchAll());
            assertEquals(List.of(3000, 3000, 3000, 1000), sizes);
            // a stream is read once
            InvalidInputException e = assertThrows(InvalidInputException.class, back::fetchAll);
            assertTrue(e.getMessage().contains("already read"), e.getMessage());
        }
    }

    @Test
    void cStreamInterfaceRoundTrip() throws Exception {
        try (Connection producer = con.duplicate();
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            TealArrow.exportArrayStream(producer.sql("SELECT * FROM t ORDER BY i"), allocator, 4096, stream);
            try (ArrowReader imported = Data.importArrayStream(allocator, stream)) {
                TealArrow.register(con, "from_c", imported);
                assertSameRows(expected(), con.sql("SELECT * FROM from_c").fetchAll());
                con.unregister("from_c");
            }
        }
    }

    @Test
    void cStreamCarriesProjectedAggregatesAndEmptyResults() throws Exception {
        try (Connection producer = con.duplicate();
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            TealArrow.exportArrayStream(producer.sql("SELECT s, count(*) AS n FROM t WHERE i % 3 <> 0 GROUP BY s ORDER BY s"),
                    allocator, 1000, stream);
            try (ArrowReader imported = Data.importArrayStream(allocator, stream)) {
                TealArrow.register(con, "agg", imported);
                Object[] row = con.sql("SELECT count(*), sum(n)::BIGINT, min(s) FROM agg").fetchOne();
                assertArrayEquals(con.sql("SELECT count(DISTINCT s), count(s), min(s) FROM t").fetchOne(), row);
            }
        }
        try (ArrowReader empty = TealArrow.arrowReader(con.sql("SELECT * FROM t WHERE i < 0"), allocator, 100)) {
            assertFalse(empty.loadNextBatch());
            assertEquals(18, empty.getVectorSchemaRoot().getSchema().getFields().size());
        }
        try (VectorSchemaRoot root = TealArrow.toArrow(con.sql("SELECT i, s FROM t WHERE i < 0"), allocator)) {
            assertEquals(0, root.getRowCount());
            assertEquals(0L, TealArrow.fromArrow(con, root).aggregate("count(*)").fetchOne()[0]);
        }
    }

    @Test
    void batchesHoldTheWholeResultInOrder() {
        // 3,000 rows per batch: batches end inside result chunks, so chunks are split across two batches
        Result r = con.execute("SELECT * FROM t ORDER BY i");
        List<VectorSchemaRoot> batches = TealArrow.toArrowBatches(r, allocator, 3000);
        r.close();
        List<Object[]> rows = new ArrayList<>();
        try {
            for (int b = 0; b < batches.size(); b++) {
                int n = batches.get(b).getRowCount();
                if (b < batches.size() - 1) assertEquals(3000, n, "batch " + b);
                assertTrue(n > 0 && n <= 3000, "batch " + b + " has " + n + " rows");
                rows.addAll(TealArrow.fromArrow(con, batches.get(b)).fetchAll());
            }
        } finally {
            for (VectorSchemaRoot b : batches) b.close();
        }
        assertTrue(batches.size() > 2, "several batches");
        assertSameRows(expected(), rows);

        Result empty = con.execute("SELECT i, s FROM t WHERE i < 0");
        List<VectorSchemaRoot> none = TealArrow.toArrowBatches(empty, allocator, 3000);
        empty.close();
        assertEquals(1, none.size(), "an empty result is one empty batch that carries the schema");
        assertEquals(0, none.get(0).getRowCount());
        assertEquals(2, none.get(0).getSchema().getFields().size());
        none.get(0).close();
    }

    @Test
    void batchesWrittenFromHandedBackChunksHoldTheSameRows() {
        // 120,000 rows of every type from a table scan: the exporters hand each chunk back to the query
        // once written (Result.recycle), so most chunks arrive in memory that held earlier rows
        con.execute("CREATE TABLE big AS SELECT t.*, r.k FROM t, range(12) r(k)").close();
        List<Object[]> expected = con.sql("SELECT * FROM big").fetchAll();
        assertEquals(12 * ArrowTestData.ROWS, expected.size());

        Result r = con.execute("SELECT * FROM big");
        List<VectorSchemaRoot> batches = TealArrow.toArrowBatches(r, allocator, 25_000);
        r.close();
        List<Object[]> rows = new ArrayList<>();
        try {
            for (VectorSchemaRoot b : batches) rows.addAll(TealArrow.fromArrow(con, b).fetchAll());
        } finally {
            for (VectorSchemaRoot b : batches) b.close();
        }
        assertSameRows(expected, rows);

        rows.clear();
        // the batches are read back on another connection: a new statement on this one would end the stream
        try (ArrowReader reader = TealArrow.arrowReader(con.sql("SELECT * FROM big"), allocator, 7_000);
             Connection reading = Teal.connect()) {
            while (reader.loadNextBatch()) rows.addAll(TealArrow.fromArrow(reading, reader.getVectorSchemaRoot()).fetchAll());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertSameRows(expected, rows);
    }

    @Test
    void floatColumnsMarkedNanIsNullReadNanAsNull() {
        // the Python package marks pandas float columns this way: NaN is pandas' missing value
        int n = 10_000;
        var marked = new org.apache.arrow.vector.types.pojo.Field("v",
                new org.apache.arrow.vector.types.pojo.FieldType(true, new org.apache.arrow.vector.types.pojo.ArrowType.FloatingPoint(
                        org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE), null, Map.of(ArrowColumnReader.NAN_IS_NULL, "true")), null);
        var plain = new org.apache.arrow.vector.types.pojo.Field("w",
                org.apache.arrow.vector.types.pojo.FieldType.nullable(new org.apache.arrow.vector.types.pojo.ArrowType.FloatingPoint(
                        org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE)), null);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(marked, plain)), allocator)) {
            var v = (org.apache.arrow.vector.Float8Vector) root.getVector(0);
            var w = (org.apache.arrow.vector.Float4Vector) root.getVector(1);
            v.allocateNew(n);
            w.allocateNew(n);
            for (int i = 0; i < n; i++) {
                v.set(i, i % 7 == 0 ? Double.NaN : i);
                w.set(i, i % 7 == 0 ? Float.NaN : i);
            }
            v.setValueCount(n);
            w.setValueCount(n);
            root.setRowCount(n);
            Object[] got = TealArrow.fromArrow(con, root)
                    .aggregate("count(v), count(w), count(*) FILTER (WHERE isnan(w)), sum(v)::BIGINT").fetchOne();
            long nans = (n + 6) / 7;
            long sum = 0;
            for (int i = 0; i < n; i++) if (i % 7 != 0) sum += i;
            assertArrayEquals(new Object[]{n - nans, (long) n, nans, sum}, got);
        }
    }

    @Test
    void projectionPushdownConvertsOnlyUsedColumns() {
        try (VectorSchemaRoot root = TealArrow.toArrow(con.sql("SELECT * FROM t"), allocator)) {
            TealArrow.register(con, "arrow_t", root);
            String plan = con.execute("EXPLAIN SELECT sum(ii) FROM arrow_t WHERE b").fetchAll().stream()
                    .map(r -> String.valueOf(r[1])).reduce("", String::concat);
            assertTrue(plan.contains("Projection: [1, 4]") || plan.contains("Projection: [4, 1]"), plan);
            assertEquals(con.sql("SELECT sum(ii) FROM t WHERE b").fetchOne()[0],
                    con.sql("SELECT sum(ii) FROM arrow_t WHERE b").fetchOne()[0]);
        }
    }

    @Test
    void nullTypeAndTypesMapBothWays() {
        try (VectorSchemaRoot root = TealArrow.toArrow(con.sql("SELECT NULL AS n, 1 AS one"), allocator)) {
            Object[] row = TealArrow.fromArrow(con, root).fetchOne();
            assertEquals(null, row[0]);
            assertEquals(1, row[1]);
        }
        List<LogicalType> types = con.sql("SELECT * FROM t").types();
        for (LogicalType t : types) {
            assertEquals(t, ArrowSchemas.toLogicalType(ArrowSchemas.toField("c", t), null), t.toString());
        }
    }

    @Test
    void replacementScanFindsArrowDataByName() throws Exception {
        try (VectorSchemaRoot root = TealArrow.toArrow(con.sql("SELECT i, s FROM t WHERE i < 5000"), allocator)) {
            List<String> asked = new ArrayList<>();
            TealArrow.setReplacementScan(con, name -> {
                asked.add(name);
                if (!name.equals("df")) return null;
                // a fresh stream over the root per query, as a Python DataFrame export would be
                return new RootReader(root, allocator);
            });
            assertArrayEquals(new Object[]{5000L, 12497500L}, con.sql("SELECT count(*), sum(i)::BIGINT FROM df").fetchOne());
            assertEquals(3333L, ((Number) con.sql("SELECT count(s) FROM df").fetchOne()[0]).longValue());
            // a query that stops early still closes the stream it was handed (the allocator check in close() says so)
            assertEquals(3, con.sql("SELECT i FROM df LIMIT 3").fetchAll().size());
            assertThrows(io.tealdb.error.CatalogException.class, () -> con.sql("SELECT * FROM other").fetchAll());
            assertEquals(List.of("df", "df", "df", "other"), asked);
            TealArrow.setReplacementScan(con, null);
        }
    }

    @Test
    void intervalsBeyondNanosecondRangeFailClearly() {
        Relation rel = con.sql("SELECT INTERVAL (9223372036854775) MICROSECOND * 10 AS iv");
        assertThrows(io.tealdb.error.OutOfRangeException.class, () -> TealArrow.toArrow(rel, allocator).close());
    }

    /** One batch: the root's data, shared (not copied); closing the reader leaves the root alone. */
    private static final class RootReader extends ArrowReader {
        private final VectorSchemaRoot source;
        private boolean sent;

        RootReader(VectorSchemaRoot source, BufferAllocator allocator) {
            super(allocator);
            this.source = source;
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            if (sent) return false;
            sent = true;
            VectorSchemaRoot mine = getVectorSchemaRoot();
            try (var batch = new org.apache.arrow.vector.VectorUnloader(source).getRecordBatch()) {
                new org.apache.arrow.vector.VectorLoader(mine).load(batch);
            }
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
        }

        @Override
        protected org.apache.arrow.vector.types.pojo.Schema readSchema() {
            return source.getSchema();
        }
    }

    /** Wraps a reader to record the batch sizes a consumer sees. */
    private static final class CountingReader extends ArrowReader {
        private final ArrowReader inner;
        private final List<Integer> sizes;

        CountingReader(ArrowReader inner, List<Integer> sizes, BufferAllocator allocator) {
            super(allocator);
            this.inner = inner;
            this.sizes = sizes;
        }

        @Override
        public VectorSchemaRoot getVectorSchemaRoot() throws java.io.IOException {
            return inner.getVectorSchemaRoot();
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            boolean more = inner.loadNextBatch();
            if (more) sizes.add(inner.getVectorSchemaRoot().getRowCount());
            return more;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
        }

        @Override
        protected org.apache.arrow.vector.types.pojo.Schema readSchema() throws java.io.IOException {
            return inner.getVectorSchemaRoot().getSchema();
        }
    }
}
