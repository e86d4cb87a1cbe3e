package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.OutOfMemoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buffer manager: opening a database file reads only its metadata, scans read the projected
 * columns of the row groups that survive zone-map pruning, and the values read are cached against
 * memory_limit and evicted (least recently used, unpinned, checkpointed) when it is reached, so a
 * table several times larger than the limit can be aggregated after a restart.
 */
class LazyLoadingTest {
    @TempDir
    Path dir;

    private static long stat(Connection c, String name) {
        for (Object[] row : c.execute("PRAGMA storage_stats").fetchAll()) {
            if (row[0].equals(name)) return (Long) row[1];
        }
        throw new AssertionError("no storage stat " + name);
    }

    private static Object one(Connection c, String sql) {
        return c.execute(sql).fetchOne()[0];
    }

    @Test
    void coldOpenReadsNoSegmentAndScansReadOnlyWhatTheyNeed() {
        Path f = dir.resolve("cold.db");
        try (Connection c = Teal.connect(f.toString())) {
            // 5 row groups of 122880 rows; id is sorted, so zone maps separate the groups
            c.execute("CREATE TABLE t AS SELECT r AS id, r % 97 AS a, r * 0.5 AS b, 'text ' || (r % 1000) AS s FROM range(600000) t(r)");
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals(0L, stat(c, "segment_block_reads"), "opening the database must not read column segments");
            // one column of the first row group only (zone map on id)
            assertEquals(999L * 1000 / 2, ((Number) one(c, "SELECT sum(id) FROM t WHERE id < 1000")).longValue());
            long firstGroup = stat(c, "segment_block_reads");
            assertTrue(firstGroup > 0 && firstGroup <= 8, "read " + firstGroup + " blocks for one column of one group");
            assertEquals(1, (Long) one(c, "SELECT count(*) FROM t WHERE id = 599999"));
            long twoGroups = stat(c, "segment_block_reads");
            assertTrue(twoGroups - firstGroup <= 8, "a point query on the last group read " + (twoGroups - firstGroup) + " blocks");
            // all of column a, then everything: more blocks, and the answers are right
            long sumA = 0;
            for (long r = 0; r < 600000; r++) sumA += r % 97;
            assertEquals(sumA, ((Number) one(c, "SELECT sum(a) FROM t")).longValue());
            long oneColumn = stat(c, "segment_block_reads") - twoGroups;
            assertEquals(1000L, one(c, "SELECT count(DISTINCT s) FROM t"));
            assertEquals(600000L, one(c, "SELECT count(*) FROM t WHERE b * 2 = id AND s = 'text ' || (id % 1000)"));
            long total = stat(c, "total_blocks");
            assertTrue(oneColumn < total / 2, "one column read " + oneColumn + " of " + total + " blocks");
            // the cached values are accounted in memory_limit
            assertTrue(stat(c, "pool_bytes") > 0);
            assertTrue(stat(c, "memory_used") >= stat(c, "pool_bytes"));
        }
    }

    @Test
    void tableSeveralTimesLargerThanMemoryLimitSurvivesARestart() {
        Path f = dir.resolve("big.db");
        // two threads' aggregate hash tables are sized up front (8 MiB each): the limit leaves them room
        Map<String, String> small = Map.of("memory_limit", "32MB", "threads", "2");
        long n = 4_000_000;
        try (Connection c = Teal.connect(f.toString(), small)) {
            c.execute("CREATE TABLE t AS SELECT r AS id, r % 7 AS g, r * 0.25 AS v, 'value number ' || (r % 5000) AS s FROM range(" + n + ") t(r)");
            // after the checkpoint the values are evictable: memory is back within the limit
            assertTrue(stat(c, "memory_used") <= stat(c, "memory_limit"), "used " + stat(c, "memory_used"));
        }
        try (Connection c = Teal.connect(f.toString(), small)) {
            long limit = stat(c, "memory_limit");
            checkAggregate(c, n);
            // the values read for one aggregate are several times the limit (the file is compressed)
            long read = stat(c, "pool_registered_bytes");
            assertTrue(read > 2 * limit, "read " + read + " bytes, limit " + limit);
            assertTrue(stat(c, "pool_evictions") > 0, "the scans must have evicted segments");
            assertTrue(stat(c, "memory_used") <= limit);
            // modified segments stay resident (they exist only in memory and the log) until a checkpoint
            c.execute("UPDATE t SET v = v + 1 WHERE g = 3");
            long updated = (n + 3) / 7; // rows with g = 3
            for (int round = 0; round < 2; round++) {
                assertEquals(sumV(n) + updated, ((Number) one(c, "SELECT sum(v) FROM t")).doubleValue(), 1e-6);
                assertEquals(5000L, one(c, "SELECT count(DISTINCT s) FROM t"));
            }
            c.execute("CHECKPOINT");
            assertEquals(sumV(n) + updated, ((Number) one(c, "SELECT sum(v) FROM t")).doubleValue(), 1e-6);
        }
        try (Connection c = Teal.connect(f.toString(), small)) {
            assertEquals(sumV(n) + (n + 3) / 7, ((Number) one(c, "SELECT sum(v) FROM t")).doubleValue(), 1e-6);
        }
    }

    private static double sumV(long n) {
        return (double) (n - 1) * n / 2 * 0.25;
    }

    private static void checkAggregate(Connection c, long n) {
        List<Object[]> rows = c.execute("SELECT g, count(*), sum(id), max(s) FROM t GROUP BY g ORDER BY g").fetchAll();
        assertEquals(7, rows.size());
        for (int g = 0; g < 7; g++) {
            long count = 0, sum = 0;
            for (long r = g; r < n; r += 7) {
                count++;
                sum += r;
            }
            assertEquals((long) g, ((Number) rows.get(g)[0]).longValue());
            assertEquals(count, ((Number) rows.get(g)[1]).longValue());
            assertEquals(sum, ((Number) rows.get(g)[2]).longValue());
            assertEquals("value number 999", rows.get(g)[3]);
        }
    }

    @Test
    void memoryLimitIsASettingShownAsDuckDbShowsIt() {
        try (Connection c = Teal.connect(dir.resolve("s.db").toString(), Map.of("memory_limit", "100MB"))) {
            assertEquals("95.4 MiB", one(c, "SELECT current_setting('memory_limit')"));
            c.execute("SET memory_limit = '2GB'");
            assertEquals("1.9 GiB", one(c, "SELECT current_setting('memory_limit')"));
            List<Object[]> size = c.execute("PRAGMA database_size").fetchAll();
            assertEquals("s", size.get(0)[0]);
            assertEquals("1.9 GiB", size.get(0)[8]);
            c.execute("RESET memory_limit");
            assertEquals(io.tealdb.memory.MemoryManager.format(io.tealdb.memory.MemoryManager.defaultLimit()),
                    one(c, "SELECT current_setting('memory_limit')"));
        }
    }

    @Test
    void concurrentScansEvictionAndCheckpointsStayCorrect() throws Exception {
        Path f = dir.resolve("conc.db");
        long n = 1_000_000;
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t AS SELECT r AS id, r % 10 AS g, 'row ' || r AS s FROM range(" + n + ") t(r)");
            c.execute("CREATE TABLE log (k BIGINT)");
        }
        long expectedSum = (n - 1) * n / 2;
        try (Connection c = Teal.connect(f.toString(), Map.of("memory_limit", "12MB", "threads", "2"))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int seed = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 6; i++) {
                            try (Connection s = c.duplicate()) {
                                assertEquals(expectedSum, ((Number) one(s, "SELECT sum(id) FROM t")).longValue());
                                assertEquals(n / 10, one(s, "SELECT count(*) FROM t WHERE g = " + ((seed + i) % 10)));
                                assertEquals(n, one(s, "SELECT count(*) FROM t WHERE s LIKE 'row %'"));
                            }
                        }
                        return null;
                    }));
                }
                // a writer with checkpoints running beside the readers: updates that keep the values
                // (the groups are rewritten to new blocks, the old ones freed while readers load)
                futures.add(pool.submit(() -> {
                    try (Connection w = c.duplicate()) {
                        for (int i = 0; i < 10; i++) {
                            w.execute("INSERT INTO log VALUES (" + i + ")");
                            w.execute("UPDATE t SET g = g, s = s WHERE id % 200000 = " + i);
                            w.execute(i % 2 == 0 ? "CHECKPOINT" : "FORCE CHECKPOINT");
                        }
                    }
                    return null;
                }));
                for (Future<?> fu : futures) fu.get();
            } finally {
                pool.shutdownNow();
            }
            assertTrue(stat(c, "pool_evictions") > 0);
            assertEquals(10L, one(c, "SELECT count(*) FROM log"));
        }
    }

    @Test
    void aCheckpointKeepsTheBlocksAnOlderSnapshotStillReads() {
        Path f = dir.resolve("snap.db");
        long n = 500_000;
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t AS SELECT r AS x, 'x' || r AS s FROM range(" + n + ") t(r)");
        }
        try (Connection c = Teal.connect(f.toString()); Connection old = c.duplicate()) {
            old.execute("BEGIN TRANSACTION");
            assertEquals(1L, one(old, "SELECT count(*) FROM t WHERE x = 7")); // the snapshot starts; t's values stay in the file
            long readsBefore = stat(c, "segment_block_reads");
            c.execute("DROP TABLE t"); // a checkpoint that no longer references t's blocks
            c.execute("CREATE TABLE u AS SELECT r * 3 AS y, 'other ' || r AS s FROM range(" + n + ") t(r)"); // writes new blocks
            assertEquals(readsBefore, stat(c, "segment_block_reads"));
            // the old snapshot still reads t from its original blocks, which were not reused
            assertEquals((n - 1) * n / 2, ((Number) one(old, "SELECT sum(x) FROM t")).longValue());
            assertEquals(n, one(old, "SELECT count(*) FROM t WHERE s = 'x' || x"));
            old.execute("COMMIT");
            long before = f.toFile().length();
            assertTrue(stat(c, "free_blocks") > 30, "t's blocks are free once the old snapshot ended");
            c.execute("CHECKPOINT"); // u's groups move into them and the tail is cut
            c.execute("CHECKPOINT");
            assertTrue(f.toFile().length() < before, f.toFile().length() + " vs " + before);
            assertEquals(3 * (n - 1) * n / 2, ((Number) one(c, "SELECT sum(y) FROM u")).longValue());
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals(n, one(c, "SELECT count(*) FROM u WHERE s = 'other ' || (y // 3)"));
        }
    }

    @Test
    void operatorsOverTheLimitFailWithOutOfMemoryAndTheDatabaseStaysUsable() {
        Path f = dir.resolve("oom.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t AS SELECT r AS a, r % 1000 AS b, 'some text ' || r AS s FROM range(1500000) t(r)");
        }
        try (Connection c = Teal.connect(f.toString(), Map.of("memory_limit", "24MB", "threads", "2"))) {
            List<String> growing = List.of(
                    "SELECT count(*) FROM t t1 JOIN t t2 ON t1.s = t2.s",
                    "SELECT count(*) FROM (SELECT s, count(*) FROM t GROUP BY s)",
                    "SELECT count(*) FROM (SELECT * FROM t ORDER BY s)");
            for (String sql : growing) {
                OutOfMemoryException e = assertThrows(OutOfMemoryException.class, () -> c.execute(sql).fetchAll(), sql);
                assertTrue(e.describe().startsWith("Out of Memory Error: "), e.describe());
                assertTrue(e.getMessage().contains("limit 22.9 MiB"), e.getMessage());
                // the cached segments were evicted to make room before the statement gave up; it still answers
                assertEquals(1000L, one(c, "SELECT count(*) FROM (SELECT b, sum(a) FROM t GROUP BY b)"));
            }
            assertTrue(stat(c, "memory_used") <= stat(c, "memory_limit"));
        }
    }
}
