package io.tealdb;

import io.tealdb.error.ConstraintException;
import io.tealdb.error.TealException;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded API on the real engine: relations, parameters, results, appender, transactions. */
class EmbeddedApiEndToEndTest {

    @Test
    void relationsComposeLazilyAndRunOnFetch() {
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            con.execute("CREATE TABLE t (i INTEGER, s VARCHAR)");
            con.execute("INSERT INTO t SELECT i, 'v' || (i % 3) FROM range(100) r(i)");
            Relation rel = con.sql("SELECT i, s FROM t").filter("i >= 10").project("i * 2 AS twice", "s");
            // Lazy: a later insert is visible because nothing ran yet.
            con.execute("INSERT INTO t VALUES (1000, 'late')");
            Relation top = rel.order("twice DESC").limit(2);
            List<Object[]> rows = top.fetchAll();
            assertEquals(2, rows.size());
            assertArrayEquals(new Object[]{2000, "late"}, rows.get(0));
            assertArrayEquals(new Object[]{198, "v0"}, rows.get(1));

            con.register("r1", rel);
            Object[] agg = con.sql("SELECT count(*), sum(twice) FROM r1").fetchOne();
            assertEquals(91L, agg[0]);
            assertEquals(BigInteger.valueOf(2 * (4950 - 45) + 2000), new BigInteger(agg[1].toString()));

            List<Object[]> grouped = con.table("t").aggregate("s, count(*) AS n", "s").order("s").fetchAll();
            assertEquals(4, grouped.size());
            assertEquals("late", grouped.get(0)[0]);
            assertTrue(top.toBoxString().contains("twice"));
        }
    }

    @Test
    void parametersConvertBothWays() {
        try (Connection con = Teal.connect()) {
            Object[] row = con.execute("SELECT ?, ?, ?, ?, ?, ?, ?", 42, 7L, new BigDecimal("12.50"), "x",
                    LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5), new BigInteger("170141183460469231731687303715884105727")).fetchOne();
            assertEquals(42, row[0]);
            assertEquals(7L, row[1]);
            assertEquals(new BigDecimal("12.50"), row[2]);
            assertEquals("x", row[3]);
            assertEquals(LocalDate.of(2024, 2, 29), row[4]);
            assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), row[5]);
            assertEquals(new BigInteger("170141183460469231731687303715884105727"), row[6]);
            assertNull(con.execute("SELECT $1::INTEGER", (Object) null).fetchOne()[0]);
            assertThrows(TealException.class, () -> con.execute("SELECT ?", new Object()));
        }
    }

    @Test
    void fetchColumnsGivesPrimitiveArraysAndNullMasks() {
        try (Connection con = Teal.connect()) {
            List<FetchedColumn> cols = con.sql("SELECT i::BIGINT AS a, CASE WHEN i % 2 = 0 THEN i / 2 END AS b "
                    + "FROM range(5000) r(i) ORDER BY i").fetchColumns();
            long[] a = cols.get(0).longs();
            double[] b = cols.get(1).doubles();
            assertEquals(5000, a.length);
            assertEquals(4999L, a[4999]);
            assertEquals(LogicalType.BIGINT, cols.get(0).type());
            assertFalse(cols.get(1).isNull(10));
            assertEquals(5.0, b[10]);
            assertTrue(cols.get(1).isNull(11));
        }
    }

    @Test
    void appenderLoadsStorageAndEnforcesConstraints() {
        try (Connection con = Teal.connect()) {
            con.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, x DOUBLE, s VARCHAR NOT NULL)");
            try (Appender app = con.appender("t")) {
                for (long i = 0; i < 10_000; i++) {
                    app.append(i).append(i * 0.5).append("s" + (i % 10)).endRow();
                }
            }
            Object[] r = con.execute("SELECT count(*), sum(id), count(DISTINCT s) FROM t").fetchOne();
            assertEquals(10_000L, r[0]);
            assertEquals(49_995_000L, ((Number) r[1]).longValue());
            assertEquals(10L, r[2]);
            Appender dup = con.appender("t");
            dup.append(5L).append(1.0).append("dup").endRow();
            assertThrows(ConstraintException.class, dup::close);
            assertEquals(10_000L, con.execute("SELECT count(*) FROM t").fetchOne()[0]);
        }
    }

    @Test
    void failedStatementChangesNothing() {
        try (Connection con = Teal.connect()) {
            con.execute("CREATE TABLE t (i INTEGER NOT NULL)");
            TealException e = assertThrows(TealException.class,
                    () -> con.execute("INSERT INTO t SELECT CASE WHEN i = 999 THEN NULL ELSE i END FROM range(1000) r(i)"));
            assertTrue(e.getMessage().contains("NOT NULL"), e.getMessage());
            assertEquals(0L, con.execute("SELECT count(*) FROM t").fetchOne()[0]);
        }
    }

    @Test
    void snapshotIsolationBetweenConnections() throws Exception {
        try (Connection a = Teal.connect(); Connection b = a.duplicate()) {
            a.execute("CREATE TABLE t (i INTEGER)");
            a.execute("INSERT INTO t VALUES (1)");
            b.begin();
            assertEquals(1L, b.execute("SELECT count(*) FROM t").fetchOne()[0]);
            a.execute("INSERT INTO t VALUES (2)");
            assertEquals(1L, b.execute("SELECT count(*) FROM t").fetchOne()[0], "b's snapshot predates a's insert");
            b.commit();
            assertEquals(2L, b.execute("SELECT count(*) FROM t").fetchOne()[0]);

            a.begin();
            a.execute("DELETE FROM t");
            a.rollback();
            assertEquals(2L, a.execute("SELECT count(*) FROM t").fetchOne()[0]);

            // Connections of one database used from several threads at once.
            AtomicLong total = new AtomicLong();
            Thread[] threads = new Thread[4];
            for (int k = 0; k < threads.length; k++) {
                Connection c = a.duplicate();
                threads[k] = new Thread(() -> {
                    try (c) {
                        for (int i = 0; i < 20; i++) c.execute("INSERT INTO t VALUES (10)");
                        total.addAndGet(((Number) c.execute("SELECT count(*) FROM t").fetchOne()[0]).longValue());
                    }
                });
                threads[k].start();
            }
            for (Thread t : threads) t.join();
            assertEquals(82L, a.execute("SELECT count(*) FROM t").fetchOne()[0]);
            assertTrue(total.get() >= 4 * 22);
        }
    }
}
