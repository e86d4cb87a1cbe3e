package io.tealdb.storage;

import io.tealdb.error.ConstraintException;
import io.tealdb.error.TransactionException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class DataTableTest {
    private final TransactionManager tm = new TransactionManager();

    private static DataTable intVarchar(String name) {
        return DataTable.create(TableSchema.of(name, List.of("a", "b"), List.of(LogicalType.INTEGER, LogicalType.VARCHAR)));
    }

    private static DataChunk rows(int from, int to) {
        DataChunk c = new DataChunk(List.of(LogicalType.INTEGER, LogicalType.VARCHAR));
        for (int i = from; i < to; i++) {
            c.column(0).ints[i - from] = i;
            c.column(1).setString(i - from, "v" + i);
        }
        c.setSize(to - from);
        return c;
    }

    private static void appendRange(DataTable t, Transaction txn, int from, int to) {
        for (int i = from; i < to; i += DataChunk.CAPACITY) {
            t.append(txn, rows(i, Math.min(to, i + DataChunk.CAPACITY)));
        }
    }

    /** All visible rows as "a:b" strings plus their row ids. */
    private static List<Object[]> scanAll(DataTable t, Transaction txn) {
        TableScan scan = t.scan(txn, new int[]{0, 1, DataTable.ROW_ID_COLUMN}, List.of());
        DataChunk out = new DataChunk(scan.outputTypes());
        List<Object[]> result = new ArrayList<>();
        for (MorselScan m = scan.nextMorsel(); m != null; m = scan.nextMorsel()) {
            while (m.next(out)) {
                for (int i = 0; i < out.size(); i++) {
                    result.add(new Object[]{out.getObject(0, i), out.getObject(1, i), out.getObject(2, i)});
                }
            }
        }
        return result;
    }

    private static long[] rowIdsWhere(DataTable t, Transaction txn, java.util.function.IntPredicate p) {
        List<Object[]> all = scanAll(t, txn);
        return all.stream().filter(r -> r[0] != null && p.test((Integer) r[0])).mapToLong(r -> (Long) r[2]).toArray();
    }

    @Test
    void uncommittedAppendIsInvisibleToOthersUntilCommit() {
        DataTable t = intVarchar("t");
        Transaction t1 = tm.begin();
        Transaction t2 = tm.begin();
        appendRange(t, t1, 0, 10);
        assertEquals(10, scanAll(t, t1).size(), "own rows visible");
        assertEquals(0, scanAll(t, t2).size(), "uncommitted rows invisible");
        tm.commit(t1);
        Transaction t3 = tm.begin();
        assertEquals(10, scanAll(t, t3).size(), "committed rows visible to a later txn");
        assertEquals(0, scanAll(t, t2).size(), "older snapshot still does not see them");
        assertEquals("v7", scanAll(t, t3).get(7)[1]);
    }

    @Test
    void rollbackUndoesAppendDeleteUpdate() {
        DataTable t = intVarchar("t");
        Transaction setup = tm.begin();
        appendRange(t, setup, 0, 100);
        tm.commit(setup);

        Transaction w = tm.begin();
        appendRange(t, w, 100, 150);
        assertEquals(40, t.delete(w, rowIdsWhere(t, w, a -> a < 40), 40));
        long[] ids = rowIdsWhere(t, w, a -> a >= 40 && a < 50);
        DataChunk nv = new DataChunk(List.of(LogicalType.VARCHAR));
        for (int i = 0; i < ids.length; i++) nv.column(0).setString(i, "new");
        nv.setSize(ids.length);
        t.update(w, ids, ids.length, new int[]{1}, nv);
        List<Object[]> mine = scanAll(t, w);
        assertEquals(110, mine.size());
        assertEquals("new", mine.get(0)[1]);
        tm.rollback(w);

        Transaction r = tm.begin();
        List<Object[]> after = scanAll(t, r);
        assertEquals(100, after.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, after.get(i)[0]);
            assertEquals("v" + i, after.get(i)[1]);
        }
        assertEquals(100, t.estimatedRowCount());
    }

    @Test
    void updateIsSnapshotIsolated() {
        DataTable t = intVarchar("t");
        Transaction setup = tm.begin();
        appendRange(t, setup, 0, 5000);
        tm.commit(setup);
        Transaction reader = tm.begin();
        Transaction w = tm.begin();
        long[] ids = rowIdsWhere(t, w, a -> a % 1000 == 3);
        DataChunk nv = new DataChunk(List.of(LogicalType.INTEGER));
        for (int i = 0; i < ids.length; i++) nv.column(0).ints[i] = -1;
        nv.setSize(ids.length);
        t.update(w, ids, ids.length, new int[]{0}, nv);
        tm.commit(w);
        Transaction later = tm.begin();
        assertEquals(0, scanAll(t, reader).stream().filter(r -> (Integer) r[0] == -1).count(), "old snapshot sees old values");
        assertEquals(5, scanAll(t, later).stream().filter(r -> (Integer) r[0] == -1).count());
        tm.commit(reader);
        tm.commit(later);
        // after cleanup the chain is gone but values persist
        Transaction last = tm.begin();
        assertEquals(5, scanAll(t, last).stream().filter(r -> (Integer) r[0] == -1).count());
    }

    @Test
    void writeWriteConflicts() {
        DataTable t = intVarchar("t");
        Transaction setup = tm.begin();
        appendRange(t, setup, 0, 10);
        tm.commit(setup);
        Transaction a = tm.begin();
        Transaction b = tm.begin();
        long[] row3 = rowIdsWhere(t, a, x -> x == 3);
        assertEquals(1, t.delete(a, row3, 1));
        TransactionException e = assertThrows(TransactionException.class, () -> t.delete(b, row3, 1));
        assertEquals("Conflict on tuple deletion!", e.getMessage());
        DataChunk nv = new DataChunk(List.of(LogicalType.INTEGER));
        nv.column(0).ints[0] = 9;
        nv.setSize(1);
        assertEquals("Conflict on update!", assertThrows(TransactionException.class,
                () -> t.update(b, row3, 1, new int[]{0}, nv)).getMessage());
        long[] row5 = rowIdsWhere(t, a, x -> x == 5);
        t.update(a, row5, 1, new int[]{0}, nv);
        assertEquals("Conflict on update!", assertThrows(TransactionException.class,
                () -> t.update(b, row5, 1, new int[]{0}, nv)).getMessage());
        tm.commit(a);
        // as in DuckDB, a delete goes through over another transaction's update of a column outside
        // every unique key, even one b's snapshot does not see (ConcurrentUniqueKeyDuckDbTest covers keys)
        assertEquals(1, t.delete(b, row5, 1));
        tm.rollback(b);
        Transaction c = tm.begin();
        assertEquals(1, t.delete(c, row5, 1));
        tm.commit(c);
    }

    @Test
    void statementRollbackLeavesNoTrace() {
        DataTable t = DataTable.create(new TableSchema("t", List.of("a", "b"), List.of(LogicalType.INTEGER, LogicalType.VARCHAR),
                List.of(true, false), List.of()));
        Transaction txn = tm.begin();
        txn.beginStatement();
        appendRange(t, txn, 0, 100);
        txn.commitStatement();
        txn.beginStatement();
        appendRange(t, txn, 100, 700);
        DataChunk bad = rows(700, 1000);
        bad.column(0).setNull(250); // row 950 violates NOT NULL
        ConstraintException e = assertThrows(ConstraintException.class, () -> t.append(txn, bad));
        assertEquals("NOT NULL constraint failed: t.a", e.getMessage());
        txn.rollbackStatement();
        assertEquals(100, scanAll(t, txn).size());
        tm.commit(txn);
        Transaction r = tm.begin();
        assertEquals(100, scanAll(t, r).size());
        appendRange(t, r, 100, 200);
        assertEquals(200, scanAll(t, r).size());
    }

    @Test
    void primaryKeyAndUniqueViolations() {
        DataTable t = DataTable.create(new TableSchema("t", List.of("a", "b"), List.of(LogicalType.INTEGER, LogicalType.VARCHAR),
                List.of(true, false), List.of(new TableSchema.UniqueKey(List.of(0), true), new TableSchema.UniqueKey(List.of(1), false))));
        Transaction txn = tm.begin();
        appendRange(t, txn, 0, 10);
        // a key the transaction inserted itself: DuckDB's wording for its transaction-local storage
        ConstraintException e = assertThrows(ConstraintException.class, () -> t.append(txn, rows(5, 6)));
        assertEquals("PRIMARY KEY or UNIQUE constraint violation: duplicate key \"5\"", e.getMessage());
        DataChunk c = rows(20, 21);
        c.column(1).setString(0, "v3");
        e = assertThrows(ConstraintException.class, () -> t.append(txn, c));
        assertEquals("PRIMARY KEY or UNIQUE constraint violation: duplicate key \"v3\"", e.getMessage());
        DataChunk dup = rows(30, 32);
        dup.column(0).ints[1] = 30;
        e = assertThrows(ConstraintException.class, () -> t.append(txn, dup));
        assertEquals("PRIMARY KEY or UNIQUE constraint violation: duplicate key \"30\"", e.getMessage());
        // NULLs in a UNIQUE column never collide
        DataChunk nulls = rows(40, 42);
        nulls.column(1).setNull(0);
        nulls.column(1).setNull(1);
        t.append(txn, nulls);
        // delete then re-insert the same key in one transaction
        assertEquals(1, t.delete(txn, rowIdsWhere(t, txn, a -> a == 2), 1));
        t.append(txn, rows(2, 3));
        tm.commit(txn);
        Transaction r = tm.begin();
        assertEquals(12, scanAll(t, r).size());
        // a committed key
        e = assertThrows(ConstraintException.class, () -> t.append(r, rows(5, 6)));
        assertEquals("Duplicate key \"a: 5\" violates primary key constraint.", e.getMessage());
        DataChunk c2 = rows(20, 21);
        c2.column(1).setString(0, "v3");
        e = assertThrows(ConstraintException.class, () -> t.append(r, c2));
        assertEquals("Duplicate key \"b: v3\" violates unique constraint.", e.getMessage());
        // rolled back insert frees its key
        Transaction x = tm.begin();
        t.append(x, rows(50, 51));
        tm.rollback(x);
        Transaction y = tm.begin();
        t.append(y, rows(50, 51));
        // update to an existing key fails
        DataChunk nv = new DataChunk(List.of(LogicalType.INTEGER));
        nv.column(0).ints[0] = 1;
        nv.setSize(1);
        long[] id50 = rowIdsWhere(t, y, a -> a == 50);
        e = assertThrows(ConstraintException.class, () -> t.update(y, id50, 1, new int[]{0}, nv));
        assertEquals("Duplicate key \"a: 1\" violates primary key constraint.", e.getMessage());
        nv.column(0).ints[0] = 77;
        t.update(y, id50, 1, new int[]{0}, nv);
        DataChunk again = rows(50, 51);
        again.column(1).setString(0, "other");
        t.append(y, again); // key a=50 is free again after the update moved it to 77
        e = assertThrows(ConstraintException.class, () -> t.append(y, rows(50, 51)));
        assertEquals("PRIMARY KEY or UNIQUE constraint violation: duplicate key \"50\"", e.getMessage());
        tm.commit(y);
    }

    @Test
    void zoneMapsSkipRowGroups() {
        DataTable t = intVarchar("t");
        Transaction txn = tm.begin();
        appendRange(t, txn, 0, 3 * DataTable.ROW_GROUP_SIZE);
        tm.commit(txn);
        Transaction r = tm.begin();
        TableScan all = t.scan(r, new int[]{0}, List.of());
        assertEquals(3, count(all));
        TableScan gt = t.scan(r, new int[]{0}, List.of(new TableFilter(0, TableFilter.Op.GE, Value.ofInteger(2 * DataTable.ROW_GROUP_SIZE + 5))));
        int morsels = 0;
        long rows = 0;
        DataChunk out = new DataChunk(gt.outputTypes());
        for (MorselScan m = gt.nextMorsel(); m != null; m = gt.nextMorsel()) {
            morsels++;
            while (m.next(out)) rows += out.size();
        }
        assertEquals(1, morsels);
        assertEquals(DataTable.ROW_GROUP_SIZE, rows);
        TableScan eq = t.scan(r, new int[]{0}, List.of(new TableFilter(0, TableFilter.Op.EQ, Value.ofInteger(-5))));
        assertNull(eq.nextMorsel());
        TableScan isNull = t.scan(r, new int[]{0}, List.of(new TableFilter(0, TableFilter.Op.IS_NULL, null)));
        assertNull(isNull.nextMorsel());
        TableScan str = t.scan(r, new int[]{1}, List.of(new TableFilter(1, TableFilter.Op.EQ, Value.ofVarchar("zzz"))));
        assertNull(str.nextMorsel());
        ColumnStatistics st = t.statistics(0);
        assertEquals(0, st.min().object());
        assertEquals(3 * DataTable.ROW_GROUP_SIZE - 1, st.max().object());
        assertTrue(Math.abs(st.distinctEstimate() - 3 * DataTable.ROW_GROUP_SIZE) < 0.1 * 3 * DataTable.ROW_GROUP_SIZE, "hll " + st.distinctEstimate());
    }

    private static int count(TableScan s) {
        int n = 0;
        while (s.nextMorsel() != null) n++;
        return n;
    }

    @Test
    void parallelScanOfOneMillionRowsReturnsEachRowOnce() throws Exception {
        DataTable t = DataTable.create(TableSchema.of("big", List.of("x"), List.of(LogicalType.BIGINT)));
        Transaction txn = tm.begin();
        int total = 1_000_000;
        DataChunk c = new DataChunk(List.of(LogicalType.BIGINT));
        for (int i = 0; i < total; i += DataChunk.CAPACITY) {
            int n = Math.min(DataChunk.CAPACITY, total - i);
            for (int k = 0; k < n; k++) c.column(0).longs[k] = i + k;
            c.setSize(n);
            t.append(txn, c);
        }
        tm.commit(txn);
        Transaction r = tm.begin();
        TableScan scan = t.scan(r, new int[]{0}, List.of());
        BitSet seen = new BitSet(total);
        AtomicLong count = new AtomicLong();
        Runnable worker = () -> {
            DataChunk out = new DataChunk(scan.outputTypes());
            BitSet local = new BitSet(total);
            for (MorselScan m = scan.nextMorsel(); m != null; m = scan.nextMorsel()) {
                while (m.next(out)) {
                    for (int i = 0; i < out.size(); i++) local.set((int) out.column(0).longs[i]);
                    count.addAndGet(out.size());
                }
            }
            synchronized (seen) {
                assertFalse(seen.intersects(local));
                seen.or(local);
            }
        };
        Thread a = new Thread(worker);
        Thread b = new Thread(worker);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(total, count.get());
        assertEquals(total, seen.cardinality());
    }

    @Test
    void alterAddDropAndChangeType() {
        DataTable t = intVarchar("t");
        Transaction txn = tm.begin();
        appendRange(t, txn, 0, 3000);
        tm.commit(txn);
        Transaction a = tm.begin();
        DataTable t2 = t.withAddedColumn(a, "c", LogicalType.BIGINT, Value.ofBigint(42));
        TableScan s = t2.scan(a, new int[]{0, 2}, List.of());
        DataChunk out = new DataChunk(s.outputTypes());
        MorselScan m = s.nextMorsel();
        assertTrue(m.next(out));
        assertEquals(42L, out.getObject(1, 7));
        // old layout refuses writes by others while the ALTER is pending
        Transaction other = tm.begin();
        assertThrows(TransactionException.class, () -> t.append(other, rows(0, 1)));
        DataTable t3 = t2.withChangedColumnType(a, 0, LogicalType.VARCHAR, new int[]{0}, (in, o) -> {
            for (int i = 0; i < in.size(); i++) o.setString(i, "#" + in.column(0).ints[i]);
        });
        DataTable t4 = t3.withDroppedColumn(a, 1);
        assertEquals(List.of("a", "c"), t4.schema().columnNames());
        TableScan s4 = t4.scan(a, new int[]{0, 1}, List.of());
        DataChunk o4 = new DataChunk(s4.outputTypes());
        assertTrue(s4.nextMorsel().next(o4));
        assertEquals("#5", o4.getObject(0, 5));
        assertEquals(42L, o4.getObject(1, 5));
        DataChunk more = new DataChunk(List.of(LogicalType.VARCHAR, LogicalType.BIGINT));
        more.column(0).setString(0, "x");
        more.column(1).longs[0] = 1;
        more.setSize(1);
        t4.append(a, more);
        tm.commit(a);
        Transaction r = tm.begin();
        assertEquals(3000, scanAll(t, r).size(), "old layout still readable");
        long n = 0;
        TableScan s5 = t4.scan(r, new int[]{0}, List.of());
        for (MorselScan mm = s5.nextMorsel(); mm != null; mm = s5.nextMorsel()) while (mm.next(o4)) n += o4.size();
        assertEquals(3001, n);
    }

    @Test
    void appendThroughputSmoke() {
        // 6M rows of 4 columns: must finish quickly (guards against per-row overhead creeping in)
        DataTable t = DataTable.create(TableSchema.of("l", List.of("a", "b", "c", "d"),
                List.of(LogicalType.BIGINT, LogicalType.INTEGER, LogicalType.decimal(15, 2), LogicalType.VARCHAR)));
        DataChunk c = new DataChunk(t.types());
        for (int k = 0; k < DataChunk.CAPACITY; k++) {
            c.column(1).ints[k] = k % 50;
            c.column(2).longs[k] = k * 100L;
            c.column(3).setString(k, "comment " + (k % 97));
        }
        c.setSize(DataChunk.CAPACITY);
        Transaction txn = tm.begin();
        long start = System.nanoTime();
        int rows = 6_000_000;
        for (int i = 0; i < rows; i += DataChunk.CAPACITY) {
            for (int k = 0; k < DataChunk.CAPACITY; k++) c.column(0).longs[k] = i + k;
            t.append(txn, c);
        }
        tm.commit(txn);
        long appendMs = (System.nanoTime() - start) / 1_000_000;
        Transaction r = tm.begin();
        start = System.nanoTime();
        TableScan s = t.scan(r, new int[]{0, 1, 2, 3}, List.of());
        DataChunk out = new DataChunk(s.outputTypes());
        long n = 0;
        for (MorselScan m = s.nextMorsel(); m != null; m = s.nextMorsel()) while (m.next(out)) n += out.size();
        long scanMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("append 6M rows: " + appendMs + " ms, scan: " + scanMs + " ms");
        assertTrue(n >= rows);
        assertTrue(appendMs < 20_000, "append too slow: " + appendMs + " ms");
    }
}
