package io.tealdb.execution;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.TableSchema;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tealdb.execution.ExecTestUtil.cmp;
import static io.tealdb.execution.ExecTestUtil.col;
import static io.tealdb.execution.ExecTestUtil.lit;
import static io.tealdb.execution.ExecTestUtil.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scans of the real storage DataTable (several row groups) through the executor. */
class StorageScanTest {
    @Test
    void parallelScanWithPushedFilterAndSortOverStorage() {
        LogicalType I = LogicalType.BIGINT;
        DataTable table = DataTable.create(TableSchema.of("t", List.of("a", "b"), List.of(I, LogicalType.VARCHAR)));
        TransactionManager tm = new TransactionManager();
        Transaction txn = tm.begin();
        int n = 300_000;
        for (int at = 0; at < n; at += DataChunk.CAPACITY) {
            int cnt = Math.min(DataChunk.CAPACITY, n - at);
            DataChunk c = new DataChunk(List.of(I, LogicalType.VARCHAR));
            for (int i = 0; i < cnt; i++) {
                c.column(0).longs[i] = at + i;
                c.column(1).setString(i, "v" + ((at + i) % 7));
            }
            c.setSize(cnt);
            table.append(txn, c);
        }
        TableEntry entry = new TableEntry("main", "t", List.of(new ColumnDefinition("a", I, false, null),
                new ColumnDefinition("b", LogicalType.VARCHAR, false, null)), List.of(), table);
        LogicalGet get = new LogicalGet(1, entry, List.of(0, 1), List.of());
        ExecutionContext ctx = new ExecutionContext(txn, 2, null, List.of());
        List<List<Object>> all = rows(QueryExecutor.collect(get, ctx));
        assertEquals(n, all.size());
        for (int i = 0; i < n; i += 997) assertEquals((long) i, all.get(i).get(0));
        LogicalFilter f = new LogicalFilter(List.of(cmp(ComparisonOp.EQ, col(1, 1, LogicalType.VARCHAR), lit("v3", LogicalType.VARCHAR)),
                cmp(ComparisonOp.GE, col(1, 0, I), lit(200_000L, I))), get);
        LogicalOrder o = new LogicalOrder(List.of(new BoundOrder(col(1, 0, I), false, false)), f);
        List<List<Object>> sorted = rows(QueryExecutor.collect(o, new ExecutionContext(txn, 2, null, List.of())));
        long expected = 0;
        for (long v = 200_000; v < n; v++) if (v % 7 == 3) expected++;
        assertEquals(expected, sorted.size());
        assertEquals(299_997L % 7 == 3 ? 299_997L : sorted.get(0).get(0), sorted.get(0).get(0));
        for (int i = 1; i < sorted.size(); i++) assertEquals(true, (Long) sorted.get(i - 1).get(0) > (Long) sorted.get(i).get(0));
    }
}
