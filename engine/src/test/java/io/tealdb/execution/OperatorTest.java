package io.tealdb.execution;

import io.tealdb.error.InterruptException;
import io.tealdb.execution.table.RangeTableFunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalLimit;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalSetOperation;
import io.tealdb.planner.logical.LogicalTableFunction;
import io.tealdb.planner.logical.LogicalTopN;
import io.tealdb.planner.logical.SetOperationKind;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.tealdb.execution.ExecTestUtil.cmp;
import static io.tealdb.execution.ExecTestUtil.col;
import static io.tealdb.execution.ExecTestUtil.lit;
import static io.tealdb.execution.ExecTestUtil.row;
import static io.tealdb.execution.ExecTestUtil.run;
import static io.tealdb.execution.ExecTestUtil.scan;
import static io.tealdb.execution.ExecTestUtil.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorTest {
    private static final LogicalType I = LogicalType.INTEGER;
    private static final LogicalType B = LogicalType.BIGINT;
    private static final LogicalType V = LogicalType.VARCHAR;

    /** 100k rows: (id, group with nulls, text with nulls, double) in morsels of 3000 rows. */
    private static MemoryTable bigTable() {
        MemoryTable t = new MemoryTable(List.of(I, I, V, LogicalType.DOUBLE), 3000);
        Random rnd = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            Integer g = rnd.nextInt(20) == 0 ? null : rnd.nextInt(100) - 50;
            String s = rnd.nextInt(25) == 0 ? null : "s" + rnd.nextInt(5000) + (rnd.nextBoolean() ? "-long-suffix" : "");
            t.add(i, g, s, rnd.nextDouble());
        }
        return t;
    }

    @Test
    void scanPreservesInsertionOrderAcrossThreads() {
        MemoryTable t = bigTable();
        List<List<Object>> rows = run(scan(1, t, 0), 4);
        assertEquals(100_000, rows.size());
        for (int i = 0; i < rows.size(); i++) assertEquals(i, rows.get(i).get(0));
    }

    @Test
    void filterWithNullsAndProjection() {
        MemoryTable t = new MemoryTable(List.of(I, I), 2);
        t.add(1, 10).add(2, null).add(3, 30).add(null, 40).add(5, 50);
        LogicalGet g = scan(1, t, 0, 1);
        LogicalFilter f = new LogicalFilter(List.of(cmp(ComparisonOp.GE, col(1, 1, I), lit(30, I))), g);
        LogicalProjection p = new LogicalProjection(2, List.of(col(1, 1, I), col(1, 0, I)), f);
        assertEquals(List.of(row(30, 3), row(40, null), row(50, 5)), run(p, 3));
    }

    @Test
    void sortWithNullsDescAndMultipleKeysAcrossThreads() {
        MemoryTable t = bigTable();
        LogicalGet g = scan(1, t, 0, 1, 2, 3);
        List<BoundOrder> orders = List.of(new BoundOrder(col(1, 1, I), false, true), // group DESC NULLS FIRST
                new BoundOrder(col(1, 2, V), true, false), // text ASC NULLS LAST
                new BoundOrder(col(1, 0, I), true, false));
        List<List<Object>> rows = run(new LogicalOrder(orders, g), 4);
        List<List<Object>> expected = new ArrayList<>(run(g, 1));
        Comparator<Integer> groupDescNullsFirst = Comparator.nullsFirst(Comparator.<Integer>reverseOrder());
        Comparator<List<Object>> c = (a, b) -> {
            int x = groupDescNullsFirst.compare((Integer) a.get(1), (Integer) b.get(1));
            if (x != 0) return x;
            x = Comparator.nullsLast(Comparator.<String>naturalOrder()).compare((String) a.get(2), (String) b.get(2));
            if (x != 0) return x;
            return Integer.compare((Integer) a.get(0), (Integer) b.get(0));
        };
        expected.sort(c);
        assertEquals(expected.size(), rows.size());
        assertEquals(expected, rows);
    }

    @Test
    void sortOnComputedDoubleKey() {
        MemoryTable t = bigTable();
        LogicalGet g = scan(1, t, 0, 3);
        List<BoundOrder> orders = List.of(new BoundOrder(col(1, 3, LogicalType.DOUBLE), false, false));
        List<List<Object>> rows = run(new LogicalOrder(orders, g), 2);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue((Double) rows.get(i - 1).get(1) >= (Double) rows.get(i).get(1));
        }
    }

    @Test
    void topNAndLimitOffset() {
        MemoryTable t = bigTable();
        LogicalGet g = scan(1, t, 0, 3);
        List<BoundOrder> orders = List.of(new BoundOrder(col(1, 3, LogicalType.DOUBLE), true, false));
        List<List<Object>> all = run(new LogicalOrder(orders, g), 4);
        List<List<Object>> top = run(new LogicalTopN(orders, 10, 5, g), 4);
        assertEquals(all.subList(5, 15), top);
        // LIMIT over ORDER BY keeps sort order
        assertEquals(all.subList(7, 10), run(new LogicalLimit(3, 7, new LogicalOrder(orders, g)), 4));
        // LIMIT over a scan returns the first rows in insertion order
        List<List<Object>> lim = run(new LogicalLimit(4, 2, scan(1, t, 0)), 4);
        assertEquals(List.of(row(2), row(3), row(4), row(5)), lim);
        // OFFSET only
        assertEquals(99_990, run(new LogicalLimit(-1, 10, scan(1, t, 0)), 4).size());
    }

    @Test
    void unionAllKeepsBranchOrder() {
        LogicalOperator left = values(1, List.of(I, V), new Object[]{1, "a"}, new Object[]{2, null});
        LogicalOperator right = values(2, List.of(I, V), new Object[]{3, "c"});
        LogicalSetOperation u = new LogicalSetOperation(3, SetOperationKind.UNION, true, left, right, List.of(I, V));
        assertEquals(List.of(row(1, "a"), row(2, null), row(3, "c")), run(u, 2));
        // union under a sort: both branches feed the sort
        LogicalOrder o = new LogicalOrder(List.of(new BoundOrder(col(3, 0, I), false, false)), u);
        assertEquals(List.of(row(3, "c"), row(2, null), row(1, "a")), run(o, 2));
    }

    @Test
    void rangeAndGenerateSeries() {
        RangeTableFunction r = RangeTableFunction.range(10);
        assertEquals(10, run(new LogicalTableFunction(1, r, List.of("range"), r.types()), 2).size());
        RangeTableFunction gs = RangeTableFunction.generateSeries(5, 1, -2);
        assertEquals(List.of(row(5L), row(3L), row(1L)), run(new LogicalTableFunction(1, gs, List.of("generate_series"), gs.types()), 2));
        RangeTableFunction rr = RangeTableFunction.range(0, 7, 3);
        assertEquals(List.of(row(0L), row(3L), row(6L)), run(new LogicalTableFunction(1, rr, List.of("range"), rr.types()), 1));
        assertEquals(0, RangeTableFunction.range(5, 1).count());
        RangeTableFunction big = RangeTableFunction.range(1_000_000);
        assertEquals(1_000_000, run(new LogicalTableFunction(1, big, List.of("range"), big.types()), 2).size());
    }

    @Test
    void nestedLoopJoinInnerLeftSemiAnti() {
        LogicalOperator l = values(1, List.of(I), new Object[]{1}, new Object[]{5}, new Object[]{null}, new Object[]{10});
        LogicalOperator r = values(2, List.of(I), new Object[]{3}, new Object[]{6}, new Object[]{9});
        List<JoinCondition> lt = List.of(new JoinCondition(col(1, 0, I), ComparisonOp.LT, col(2, 0, I)));
        assertEquals(List.of(row(1, 3), row(1, 6), row(1, 9), row(5, 6), row(5, 9)),
                run(new LogicalJoin(JoinType.INNER, l, r, lt, null), 2));
        assertEquals(List.of(row(1, 3), row(1, 6), row(1, 9), row(5, 6), row(5, 9), row(null, null), row(10, null)),
                run(new LogicalJoin(JoinType.LEFT, l, r, lt, null), 2));
        assertEquals(List.of(row(1), row(5)), run(new LogicalJoin(JoinType.SEMI, l, r, lt, null), 2));
        assertEquals(List.of(row((Object) null), row(10)), run(new LogicalJoin(JoinType.ANTI, l, r, lt, null), 2));
        // cross product
        assertEquals(12, run(new LogicalJoin(JoinType.INNER, l, r, List.of(), null), 2).size());
        // residual only
        BoundExpr residual = cmp(ComparisonOp.EQ, col(1, 0, I), lit(10, I));
        assertEquals(List.of(row(10, 3), row(10, 6), row(10, 9)), run(new LogicalJoin(JoinType.INNER, l, r, List.of(), residual), 2));
    }

    @Test
    void crossProductLargerThanAChunk() {
        RangeTableFunction a = RangeTableFunction.range(300);
        RangeTableFunction b = RangeTableFunction.range(100);
        LogicalOperator j = new LogicalJoin(JoinType.INNER, new LogicalTableFunction(1, a, List.of("range"), a.types()),
                new LogicalTableFunction(2, b, List.of("range"), b.types()), List.of(), null);
        List<List<Object>> rows = run(j, 2);
        assertEquals(30_000, rows.size());
        long sum = 0;
        for (List<Object> r : rows) sum += (Long) r.get(0) * (Long) r.get(1);
        assertEquals((299L * 300 / 2) * (99L * 100 / 2), sum);
    }

    @Test
    void interruptStopsTheQuery() {
        RangeTableFunction a = RangeTableFunction.range(1_000_000);
        RangeTableFunction b = RangeTableFunction.range(1_000_000);
        LogicalOperator j = new LogicalJoin(JoinType.INNER, new LogicalTableFunction(1, a, List.of("range"), a.types()),
                new LogicalTableFunction(2, b, List.of("range"), b.types()), List.of(), null);
        LogicalOperator sorted = new LogicalOrder(List.of(new BoundOrder(col(1, 0, B), true, false)), j);
        ExecutionContext ctx = ExecTestUtil.ctx(2);
        try (ResultStream s = QueryExecutor.execute(sorted, ctx)) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (ctx.progress() <= 0 && System.currentTimeMillis() < deadline) Thread.onSpinWait();
            assertTrue(ctx.progress() >= 0 && ctx.progress() < 1, "progress " + ctx.progress());
            ctx.interrupt();
            assertThrows(InterruptException.class, s::next);
        }
    }

    @Test
    void closingEarlyStopsAHugeStreamingResult() {
        RangeTableFunction a = RangeTableFunction.range(100_000);
        RangeTableFunction b = RangeTableFunction.range(100_000);
        LogicalOperator j = new LogicalJoin(JoinType.INNER, new LogicalTableFunction(1, a, List.of("range"), a.types()),
                new LogicalTableFunction(2, b, List.of("range"), b.types()), List.of(), null);
        ExecutionContext ctx = ExecTestUtil.ctx(2);
        ResultStream s = QueryExecutor.execute(j, ctx);
        DataChunk first = s.next();
        assertEquals(DataChunk.CAPACITY, first.size());
        s.close(); // 10^10 rows: would never finish if close did not stop it
        assertNull(s.next());
    }

    @Test
    void explainAndExplainAnalyze() {
        MemoryTable t = bigTable();
        LogicalGet g = scan(1, t, 0, 1);
        LogicalFilter f = new LogicalFilter(List.of(cmp(ComparisonOp.GT, col(1, 1, I), lit(40, I))), g);
        LogicalOrder o = new LogicalOrder(List.of(new BoundOrder(col(1, 0, I), false, false)), f);
        PhysicalOperator plan = new PhysicalPlanner().plan(o);
        String text = ExplainRenderer.render(plan, null);
        assertTrue(text.contains("ORDER_BY") && text.contains("TABLE_SCAN") && text.contains("Filters: (c1 > 40)"), text);
        String analyzed = ExplainRenderer.explainAnalyze(plan, ExecTestUtil.ctx(2));
        long expected = run(f, 1).size();
        assertTrue(analyzed.contains("TABLE_SCAN") && analyzed.contains("[rows: " + expected), analyzed);
    }
}
