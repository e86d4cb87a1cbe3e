package io.tealdb.arrow;

import io.tealdb.Connection;
import io.tealdb.Relation;
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
