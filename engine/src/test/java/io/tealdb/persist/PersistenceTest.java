package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.TealException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Database files: reopen round trips of data and catalog objects, the log, checkpoints, errors. */
class PersistenceTest {
    @TempDir
    Path dir;

    private static List<Object[]> rows(Connection c, String sql) {
        return c.sql(sql).fetchAll();
    }

    private static String render(Connection c, String sql) {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : rows(c, sql)) {
            sb.append(java.util.Arrays.deepToString(r)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aDatabaseOnlyReadClosesWithoutWritingItsFileAndOneChangedCheckpoints() throws Exception {
        Path f = dir.resolve("read.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t AS SELECT r AS k, 'v' || r AS s FROM range(10000) t(r)");
            c.execute("CREATE SEQUENCE seq");
        }
        byte[] before = Files.readAllBytes(f);
        long modified = Files.getLastModifiedTime(f).toMillis();
        Thread.sleep(20);
        for (int i = 0; i < 2; i++) {
            try (Connection c = Teal.connect(f.toString())) {
                assertEquals("[10000, 49995000]\n", render(c, "SELECT count(*), sum(k) FROM t"));
                c.execute("BEGIN");
                c.execute("SELECT * FROM t WHERE k < 3");
                c.execute("COMMIT");
            }
            assertArrayEquals(before, Files.readAllBytes(f), "a database only read keeps its file as it was");
            assertEquals(modified, Files.getLastModifiedTime(f).toMillis());
        }
        // a sequence that moved, a logged commit: the close folds them into the file
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals("[1]\n", render(c, "SELECT nextval('seq')"));
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals("[2]\n", render(c, "SELECT nextval('seq')"));
            c.execute("DELETE FROM t WHERE k >= 5000");
        }
        assertEquals(32, Files.size(Path.of(f + ".wal")), "the close checkpointed and emptied the log");
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals("[5000, 3]\n", render(c, "SELECT count(*), nextval('seq') FROM t"));
        }
    }

    @Test
    void everyTypeAndCatalogObjectSurvivesReopen() {
        Path f = dir.resolve("types.db");
        String all = "SELECT * FROM t ORDER BY i";
        String expected;
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE SCHEMA s2");
            c.execute("CREATE TABLE t (i INTEGER PRIMARY KEY, b BOOLEAN, ti TINYINT, si SMALLINT, bi BIGINT, hi HUGEINT, "
                    + "fl FLOAT, db DOUBLE, d1 DECIMAL(4,1), d2 DECIMAL(18,3), d3 DECIMAL(38,10), v VARCHAR DEFAULT 'dflt', bl BLOB, "
                    + "dt DATE, tm TIME, ts TIMESTAMP, iv INTERVAL, CHECK (i >= 0))");
            c.execute("INSERT INTO t SELECT r, r % 2 = 0, (r % 100)::TINYINT, r::SMALLINT, r * 1000000007, r::HUGEINT * 10000000000000000000, "
                    + "r / 3.0, r / 7.0, (r % 999) / 10.0, r / 1000.0, r * 1.5, CASE WHEN r % 5 = 0 THEN NULL ELSE 'str' || (r % 37) END, "
                    + "('blob' || r)::BLOB, DATE '2020-01-01' + r::INTEGER, TIME '01:02:03' + INTERVAL (r) SECOND, "
                    + "TIMESTAMP '2021-01-01 00:00:00' + INTERVAL (r) MINUTE, INTERVAL (r) DAY FROM range(0, 5000) t(r)");
            c.execute("INSERT INTO t (i) VALUES (100000)");
            c.execute("CREATE VIEW s2.v AS SELECT i, v FROM main.t WHERE i < 10");
            c.execute("CREATE SEQUENCE seq START 5");
            assertEquals("[5, 6]\n", render(c, "SELECT nextval('seq'), nextval('seq')"));
            c.execute("CREATE MACRO twice(x) AS x * 2");
            c.execute("CREATE MACRO tm(n) AS TABLE SELECT n * 2 AS x");
            c.execute("CREATE TYPE money AS DECIMAL(10,2)");
            c.execute("CREATE TABLE s2.child (id INTEGER REFERENCES t(i), note money, u VARCHAR UNIQUE)");
            c.execute("INSERT INTO s2.child VALUES (1, 2.5, 'a'), (2, NULL, 'b')");
            expected = render(c, all);
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals(expected, render(c, all));
            assertEquals("[7]\n", render(c, "SELECT nextval('seq')"));
            assertEquals("[42]\n", render(c, "SELECT twice(21)"));
            assertEquals("[6]\n", render(c, "SELECT x FROM tm(3)"));
            assertEquals("[10]\n", render(c, "SELECT count(*) FROM s2.v"));
            assertEquals("[DECIMAL(10,2)]\n", render(c, "SELECT typeof(1::money)"));
            c.execute("INSERT INTO t (i) VALUES (100001)");
            assertEquals("[dflt]\n", render(c, "SELECT v FROM t WHERE i = 100001"));
            TealException pk = assertThrows(TealException.class, () -> c.execute("INSERT INTO t (i) VALUES (7)"));
            assertTrue(pk.getMessage().contains("Duplicate key"), pk.getMessage());
            assertThrows(TealException.class, () -> c.execute("INSERT INTO t (i) VALUES (-1)"));
            assertThrows(TealException.class, () -> c.execute("INSERT INTO s2.child VALUES (999999, 1, 'c')"));
            assertThrows(TealException.class, () -> c.execute("INSERT INTO s2.child VALUES (1, 1, 'a')"));
            assertEquals("[2]\n", render(c, "SELECT count(*) FROM s2.child"));
        }
    }

    @Test
    void logReplayWithoutCheckpointKeepsInsertsUpdatesDeletes() throws Exception {
        Path f = dir.resolve("wal.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t (k BIGINT PRIMARY KEY, v VARCHAR)");
            c.execute("INSERT INTO t SELECT r, 'v' || r FROM range(10000) t(r)");
            c.execute("UPDATE t SET v = 'updated' WHERE k % 3 = 0");
            c.execute("DELETE FROM t WHERE k % 5 = 0");
            // simulate a crash: copy the file and the log while the database is open (no final checkpoint)
            Files.copy(f, dir.resolve("crash.db"));
            Files.copy(Path.of(f + ".wal"), dir.resolve("crash.db.wal"));
        }
        try (Connection c = Teal.connect(dir.resolve("crash.db").toString())) {
            assertEquals("[8000]\n", render(c, "SELECT count(*) FROM t"));
            assertEquals("[2667]\n", render(c, "SELECT count(*) FROM t WHERE v = 'updated'"));
            assertEquals("[0]\n", render(c, "SELECT count(*) FROM t WHERE k % 5 = 0"));
            assertEquals("[v7]\n", render(c, "SELECT v FROM t WHERE k = 7"));
        }
    }

    @Test
    void concurrentTransactionsReplayToTheSameRows() throws Exception {
        Path f = dir.resolve("conc.db");
        try (Connection a = Teal.connect(f.toString()); Connection b = a.duplicate()) {
            a.execute("CREATE TABLE t (k INTEGER, v INTEGER)");
            a.execute("BEGIN");
            b.execute("BEGIN");
            a.execute("INSERT INTO t SELECT r, 1 FROM range(100) t(r)");
            b.execute("INSERT INTO t SELECT r, 2 FROM range(100, 250) t(r)");
            b.execute("COMMIT");
            a.execute("COMMIT");
            a.execute("DELETE FROM t WHERE k % 10 = 0");
            a.execute("UPDATE t SET v = v + 100 WHERE k % 7 = 0");
            Files.copy(f, dir.resolve("c2.db"));
            Files.copy(Path.of(f + ".wal"), dir.resolve("c2.db.wal"));
        }
        String q = "SELECT count(*), sum(k), sum(v) FROM t";
        String expected;
        try (Connection c = Teal.connect(f.toString())) {
            expected = render(c, q);
        }
        try (Connection c = Teal.connect(dir.resolve("c2.db").toString())) {
            assertEquals(expected, render(c, q));
        }
    }

    @Test
    void tornLogTailIsDropped() throws Exception {
        Path f = dir.resolve("torn.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t (k INTEGER)");
            for (int i = 0; i < 10; i++) {
                c.execute("INSERT INTO t VALUES (?)", i);
            }
            Files.copy(f, dir.resolve("t2.db"));
            Files.copy(Path.of(f + ".wal"), dir.resolve("t2.db.wal"));
        }
        Path wal = dir.resolve("t2.db.wal");
        long end = recordsEnd(wal);
        assertTrue(Files.size(wal) > end, "the log has zeroed room after its records");
        try (RandomAccessFile raf = new RandomAccessFile(wal.toFile(), "rw")) {
            raf.setLength(end - 3); // the last record loses its end
        }
        try (Connection c = Teal.connect(dir.resolve("t2.db").toString())) {
            assertEquals("[9, 36]\n", render(c, "SELECT count(*), sum(k) FROM t")); // the torn 10th commit is gone
        }
    }

    /** A commit cut off inside the log's zeroed room (the crash came before its fsync) is dropped too. */
    @Test
    void recordTornInsideTheZeroedRoomIsDropped() throws Exception {
        Path f = dir.resolve("room.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t (k INTEGER)");
            for (int i = 0; i < 10; i++) {
                c.execute("INSERT INTO t VALUES (?)", i);
            }
            Files.copy(f, dir.resolve("r2.db"));
            Files.copy(Path.of(f + ".wal"), dir.resolve("r2.db.wal"));
        }
        Path wal = dir.resolve("r2.db.wal");
        long[] last = lastRecord(wal);
        try (RandomAccessFile raf = new RandomAccessFile(wal.toFile(), "rw")) {
            raf.seek(last[0] + 8); // the last record's length and checksum landed, its payload is still the room's zeros
            raf.write(new byte[(int) (last[1] - last[0] - 8)]);
        }
        try (Connection c = Teal.connect(dir.resolve("r2.db").toString())) {
            assertEquals("[9, 36]\n", render(c, "SELECT count(*), sum(k) FROM t"));
            c.execute("INSERT INTO t VALUES (100)"); // the log goes on after the dropped record
        }
        try (Connection c = Teal.connect(dir.resolve("r2.db").toString())) {
            assertEquals("[10, 136]\n", render(c, "SELECT count(*), sum(k) FROM t"));
        }
    }

    /** Where the log's records end: after the 32-byte header, each is length, checksum, payload; zeros follow. */
    private static long recordsEnd(Path wal) throws Exception {
        return lastRecord(wal)[1];
    }

    /** Start and end of the log's last record. */
    private static long[] lastRecord(Path wal) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(wal)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long start = -1;
        long pos = 32;
        while (pos + 8 <= b.capacity() && b.getInt((int) pos) > 0) {
            start = pos;
            pos += 8 + b.getInt((int) pos);
        }
        return new long[] {start, pos};
    }

    @Test
    void flippedBitIsAClearErrorNotWrongData() throws Exception {
        Path f = dir.resolve("flip.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t AS SELECT r AS k FROM range(50000) t(r)");
        }
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            long pos = 12288 + 100; // inside the first block
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x10);
        }
        // opening reads only the metadata; the first scan of the column reads the flipped block
        try (Connection c = Teal.connect(f.toString())) {
            TealException e = assertThrows(TealException.class, () -> render(c, "SELECT sum(k) FROM t"));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            assertTrue(e.getMessage().contains("flip.db"), e.getMessage());
            // the connection stays usable
            assertEquals("[1]\n", render(c, "SELECT 1"));
        }
    }

    @Test
    void notADatabaseAndOtherVersionsAreRefused() throws Exception {
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "hello, this is not a database at all".repeat(200));
        TealException e = assertThrows(TealException.class, () -> Teal.connect(text.toString()));
        assertTrue(e.getMessage().contains("not a valid TealDB database file"), e.getMessage());
        Path f = dir.resolve("v.db");
        Teal.connect(f.toString()).close();
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(8);
            raf.write(99); // format version 99 (the header checksum is recomputed below)
            byte[] h = new byte[16];
            raf.seek(0);
            raf.readFully(h);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(h, 0, 16);
            raf.seek(16);
            int v = (int) crc.getValue();
            raf.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
        }
        e = assertThrows(TealException.class, () -> Teal.connect(f.toString()));
        assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
    }

    @Test
    void connectionsShareOneInstanceAndReadOnlyRefusesWrites() throws Exception {
        Path f = dir.resolve("shared.db");
        try (Connection a = Teal.connect(f.toString()); Connection b = Teal.connect(f.toString())) {
            a.execute("CREATE TABLE t (k INTEGER)");
            a.execute("INSERT INTO t VALUES (1)");
            assertEquals("[1]\n", render(b, "SELECT count(*) FROM t"));
            TealException mode = assertThrows(TealException.class, () -> Teal.connect(f.toString(), Map.of("access_mode", "read_only")));
            assertTrue(mode.getMessage().contains("read-write mode"), mode.getMessage());
        }
        try (Connection r = Teal.connect(f.toString(), Map.of("access_mode", "read_only"))) {
            assertEquals("[1]\n", render(r, "SELECT count(*) FROM t"));
            TealException e = assertThrows(TealException.class, () -> r.execute("INSERT INTO t VALUES (2)"));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            assertEquals("[1]\n", render(r, "SELECT count(*) FROM t"));
        }
        try (java.sql.Connection j = DriverManager.getConnection("jdbc:teal:" + f + "?access_mode=read_only");
             java.sql.Statement s = j.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getLong(1));
        }
        TealException missing = assertThrows(TealException.class,
                () -> Teal.connect(dir.resolve("missing.db").toString(), Map.of("access_mode", "read_only")));
        assertTrue(missing.getMessage().contains("missing.db"), missing.getMessage());
    }

    @Test
    void deletingHalfAndCheckpointingShrinksTheFile() throws Exception {
        Path f = dir.resolve("shrink.db");
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t AS SELECT r AS k, 'payload ' || r AS s FROM range(1000000) t(r)");
            c.execute("CHECKPOINT");
            long before = Files.size(f);
            c.execute("DELETE FROM t WHERE k >= 500000");
            c.execute("CHECKPOINT");
            long after = Files.size(f);
            assertTrue(after < before * 0.75, before + " -> " + after);
            c.execute("INSERT INTO t SELECT r, 'again' FROM range(10) t(r)");
            c.execute("VACUUM");
            assertEquals("[500010]\n", render(c, "SELECT count(*) FROM t"));
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals("[500010]\n", render(c, "SELECT count(*) FROM t"));
        }
    }

    @Test
    void checkpointThresholdFoldsTheLogIntoTheFile() throws Exception {
        Path f = dir.resolve("thr.db");
        try (Connection c = Teal.connect(f.toString(), Map.of("checkpoint_threshold", "64KB"))) {
            c.execute("CREATE TABLE t (k INTEGER, s VARCHAR)");
            for (int i = 0; i < 200; i++) {
                c.execute("INSERT INTO t SELECT r, 'row ' || r FROM range(?, ? + 100) t(r)", i * 100, i * 100);
            }
            assertTrue(Files.size(Path.of(f + ".wal")) < 200_000, "log was checkpointed: " + Files.size(Path.of(f + ".wal")));
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals("[20000, 199990000]\n", render(c, "SELECT count(*), sum(k) FROM t"));
        }
    }

    @Test
    void appenderCommitsOncePerFlush() throws Exception {
        Path f = dir.resolve("app.db");
        try (Connection c = Teal.connect(f.toString()); Connection other = c.duplicate()) {
            c.execute("CREATE TABLE t (k BIGINT, s VARCHAR)");
            try (io.tealdb.Appender a = c.appender("t")) {
                for (long k = 0; k < 10_000; k++) {
                    a.append(k).append("row " + k).endRow();
                }
                assertEquals("[0]\n", render(other, "SELECT count(*) FROM t"), "not committed before the flush");
                a.flush();
                assertEquals("[10000]\n", render(other, "SELECT count(*) FROM t"));
                for (long k = 10_000; k < 15_000; k++) {
                    a.append(k).append("row " + k).endRow();
                }
            }
            assertEquals("[15000]\n", render(other, "SELECT count(*) FROM t"));
            Files.copy(f, dir.resolve("app2.db"));
            Files.copy(Path.of(f + ".wal"), dir.resolve("app2.db.wal"));
        }
        try (Connection c = Teal.connect(dir.resolve("app2.db").toString())) {
            assertEquals("[15000, 112492500]\n", render(c, "SELECT count(*), sum(k) FROM t"));
        }
    }
}
