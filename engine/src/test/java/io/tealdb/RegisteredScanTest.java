package io.tealdb;

import io.tealdb.error.CatalogException;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's contract for external data sources (what the Arrow module builds on): a registered
 * table function is scanned in place with projection pushdown and, when parallel, by several
 * threads with morsel indexes that keep the source order.
 */
class RegisteredScanTest {
    /** Rows k = 0..rows-1 with columns (k, 2k, k % 7); morsels of 2048 rows claimed with an atomic counter. */
    static final class Numbers implements TableFunction {
        final long rows;
        final boolean parallel;
        final List<int[]> opened = new CopyOnWriteArrayList<>();

        Numbers(long rows, boolean parallel) {
            this.rows = rows;
            this.parallel = parallel;
        }

        @Override
        public String describe() {
            return "numbers(" + rows + ")";
        }

        @Override
        public long estimatedRows() {
            return rows;
        }

        @Override
        public Scan open() {
            return open(new int[]{0, 1, 2});
        }

        @Override
        public boolean supportsProjection() {
            return true;
        }

        @Override
        public boolean parallel() {
            return parallel;
        }

        @Override
        public Scan open(int[] columns) {
            opened.add(columns.clone());
            AtomicLong next = new AtomicLong();
            long morsels = (rows + DataChunk.CAPACITY - 1) / DataChunk.CAPACITY;
            return new ParallelScan() {
                @Override
                public long nextMorsel(DataChunk out) {
                    long m = next.getAndIncrement();
                    if (m >= morsels) return -1;
                    long start = m * DataChunk.CAPACITY;
                    int n = (int) Math.min(DataChunk.CAPACITY, rows - start);
                    for (int c = 0; c < columns.length; c++) {
                        long[] dst = out.column(c).longs;
                        for (int i = 0; i < n; i++) {
                            long k = start + i;
                            dst[i] = switch (columns[c]) {
                                case 0 -> k;
                                case 1 -> 2 * k;
                                default -> k % 7;
                            };
                        }
                    }
                    out.setSize(n);
                    return m;
                }

                @Override
                public int maxThreads() {
                    return parallel ? (int) Math.max(1, morsels) : 1;
                }
            };
        }
    }

    private static final List<String> NAMES = List.of("k", "twice", "mod7");
    private static final List<LogicalType> TYPES = List.of(LogicalType.BIGINT, LogicalType.BIGINT, LogicalType.BIGINT);

    @Test
    void registeredSourceIsScannedWithProjectionPushdown() {
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            Numbers src = new Numbers(10_000, false);
            con.register("nums", src, NAMES, TYPES);
            Object[] row = con.sql("SELECT sum(twice), count(*) FROM nums WHERE mod7 = 3").fetchOne();
            long expectSum = 0, expectCount = 0;
            for (long k = 0; k < 10_000; k++) if (k % 7 == 3) { expectSum += 2 * k; expectCount++; }
            assertEquals(expectSum, ((Number) row[0]).longValue());
            assertEquals(expectCount, ((Number) row[1]).longValue());
            // only the two columns the query reads were opened, in the order the plan asked for
            int[] cols = src.opened.getLast();
            Arrays.sort(cols);
            assertArrayEquals(new int[]{1, 2}, cols);
        }
    }

    @Test
    void parallelSourceKeepsRowOrderInResults() {
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            Numbers src = new Numbers(50_000, true);
            con.register("nums", src, NAMES, TYPES);
            List<Object[]> rows = con.sql("SELECT k, twice FROM nums").fetchAll();
            assertEquals(50_000, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals((long) i, rows.get(i)[0]);
                assertEquals(2L * i, rows.get(i)[1]);
            }
            Object[] agg = con.sql("SELECT mod7, count(*) FROM nums GROUP BY mod7 ORDER BY mod7").fetchAll().get(3);
            assertEquals(3L, agg[0]);
            assertEquals(7143L, ((Number) agg[1]).longValue());
        }
    }

    @Test
    void registrationShadowsTablesAndUnregisterRemovesIt() {
        try (Connection con = Teal.connect()) {
            con.execute("CREATE TABLE nums AS SELECT 1 AS k").close();
            con.register("NUMS", new Numbers(3, false), NAMES, TYPES);
            assertEquals(3L, ((Number) con.sql("SELECT count(*) FROM nums").fetchOne()[0]).longValue());
            assertTrue(java.util.Arrays.deepToString(con.execute("EXPLAIN SELECT twice FROM nums").fetchAll().toArray()).contains("numbers(3)"));
            con.unregister("nums");
            assertEquals(1L, ((Number) con.sql("SELECT count(*) FROM nums").fetchOne()[0]).longValue());
            Relation r = con.from(new Numbers(5, false), NAMES, TYPES);
            assertEquals(10L, ((Number) r.aggregate("sum(k)").fetchOne()[0]).longValue());
            // another connection does not see this one's registrations
            try (Connection other = con.duplicate()) {
                assertThrows(CatalogException.class, () -> other.sql("SELECT * FROM " + r.alias()).fetchAll());
            }
        }
    }
}
