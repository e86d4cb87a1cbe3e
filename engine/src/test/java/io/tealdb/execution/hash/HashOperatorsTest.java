package io.tealdb.execution.hash;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.QueryExecutor;
import io.tealdb.execution.Source;
import io.tealdb.execution.TaskScheduler;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.SetOperationKind;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hash operators run through exec's pipelines on several threads, against references. */
class HashOperatorsTest {
    private static final List<LogicalType> TYPES = List.of(LogicalType.BIGINT, LogicalType.BIGINT);

    /** A parallel source over in-memory rows (Long or null), one morsel per chunk. */
    static final class RowsSource extends PhysicalOperator implements Source {
        private final List<Long[]> rows;

        RowsSource(List<Long[]> rows) {
            this(rows, TYPES);
        }

        RowsSource(List<Long[]> rows, List<LogicalType> types) {
            super(types, List.of(), rows.size());
            this.rows = rows;
        }

        @Override
        public String name() {
            return "TEST_ROWS";
        }

        static final class G implements GlobalSourceState {
            final AtomicInteger next = new AtomicInteger();
        }

        @Override
        public GlobalSourceState globalSourceState(ExecutionContext ctx) {
            return new G();
        }

        @Override
        public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
            return new LocalSourceState() {
            };
        }

        @Override
        public int maxThreads(GlobalSourceState global) {
            return 4;
        }

        @Override
        public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
            int from = ((G) global).next.getAndAdd(1000);
            if (from >= rows.size()) return false;
            int n = Math.min(1000, rows.size() - from);
            out.reset();
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < out.columnCount(); c++) out.column(c).setObject(i, rows.get(from + i)[c]);
            }
            out.setSize(n);
            return true;
        }
    }

    private static List<Long[]> rows(long seed, int n, int keys) {
        Random rnd = new Random(seed);
        List<Long[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long k = rnd.nextInt(30) == 0 ? null : (long) rnd.nextInt(keys);
            out.add(new Long[]{k, (long) i});
        }
        return out;
    }

    private static List<String> run(PhysicalOperator root) {
        ExecutionContext ctx = new ExecutionContext(null, 4, TaskScheduler.shared(), List.of());
        List<String> out = new ArrayList<>();
        for (DataChunk c : QueryExecutor.drain(QueryExecutor.execute(root, ctx))) {
            for (int r = 0; r < c.size(); r++) {
                StringBuilder sb = new StringBuilder();
                for (int col = 0; col < c.columnCount(); col++) sb.append(col > 0 ? "," : "").append(c.getObject(col, r));
                out.add(sb.toString());
            }
        }
        Collections.sort(out);
        return out;
    }

    private static PhysicalExpr col(int i) {
        return new PhysicalExpr.ColumnRef(i, LogicalType.BIGINT, null);
    }

    private static List<String> joinReference(JoinType type, List<Long[]> left, List<Long[]> right) {
        List<String> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        boolean rightNull = right.stream().anyMatch(r -> r[0] == null);
        for (Long[] l : left) {
            boolean any = false;
            for (int j = 0; j < right.size(); j++) {
                Long[] r = right.get(j);
                if (l[0] != null && l[0].equals(r[0])) {
                    any = true;
                    rightMatched[j] = true;
                    if (type.outputsRight()) out.add(l[0] + "," + l[1] + "," + r[0] + "," + r[1]);
                }
            }
            switch (type) {
                case LEFT, FULL -> {
                    if (!any) out.add(l[0] + "," + l[1] + ",null,null");
                }
                case SEMI -> {
                    if (any) out.add(l[0] + "," + l[1]);
                }
                case ANTI -> {
                    if (!any) out.add(l[0] + "," + l[1]);
                }
                case MARK -> out.add(l[0] + "," + l[1] + "," + (any ? "true" : (l[0] == null || rightNull) ? "null" : "false"));
                default -> {
                }
            }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            for (int j = 0; j < right.size(); j++) {
                if (!rightMatched[j]) out.add("null,null," + right.get(j)[0] + "," + right.get(j)[1]);
            }
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void hashJoinAllTypesThroughPipelines() {
        List<Long[]> left = rows(1, 5000, 3000);
        List<Long[]> right = rows(2, 4000, 3000);
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL, JoinType.SEMI,
                JoinType.ANTI, JoinType.MARK)) {
            List<LogicalType> types = new ArrayList<>(TYPES);
            if (type.outputsRight()) types.addAll(TYPES);
            if (type == JoinType.MARK) types.add(LogicalType.BOOLEAN);
            PhysicalHashJoin join = new PhysicalHashJoin(types, type, new RowsSource(left), new RowsSource(right),
                    List.of(col(0)), List.of(col(0)), new boolean[1], null, -1, List.of());
            assertEquals(joinReference(type, left, right), run(join), type.name());
        }
    }

    /**
     * RIGHT_SEMI / RIGHT_ANTI at the operator level: the outer rows (with duplicate and NULL keys)
     * are the build side, the larger subquery rows probe, on four threads; without a residual and
     * with one that needs a later partner of the same key ({@code r.v < l.v}).
     */
    @Test
    void rightSemiAndRightAntiReturnTheBuildRows() {
        List<Long[]> outer = rows(4, 3000, 3000);
        List<Long[]> inner = rows(5, 20000, 2000);
        // pair chunk: the probe (inner) row's v, then the build (outer) row's v
        PhysicalExpr innerVLess = new PhysicalExpr.Comparison(io.tealdb.planner.expression.ComparisonOp.LT, col(0), col(1));
        for (JoinType type : List.of(JoinType.SEMI, JoinType.ANTI)) {
            for (boolean withResidual : new boolean[]{false, true}) {
                JoinResidual residual = withResidual ? new JoinResidual(innerVLess, new int[]{1}, new int[]{1}) : null;
                PhysicalHashJoin join = new PhysicalHashJoin(TYPES, type, true, new RowsSource(inner), new RowsSource(outer),
                        List.of(col(0)), List.of(col(0)), new boolean[1], new int[]{0, 1}, residual, -1, -1, List.of());
                assertEquals("RIGHT_" + type.name(), join.details().get(0));
                List<String> expected = new ArrayList<>();
                for (Long[] l : outer) {
                    boolean any = false;
                    for (Long[] r : inner) {
                        any |= l[0] != null && l[0].equals(r[0]) && (!withResidual || r[1] < l[1]);
                    }
                    if (any == (type == JoinType.SEMI)) expected.add(l[0] + "," + l[1]);
                }
                Collections.sort(expected);
                assertEquals(expected, run(join), type + (withResidual ? " with residual" : ""));
            }
        }
    }

    /**
     * A SEMI/ANTI join with a residual stores only the build columns the residual reads: its other
     * columns are never output (TPC-H Q21's EXISTS subqueries carried 14 unused lineitem columns
     * into two 6M-row hash tables and ran out of a 4 GB heap).
     */
    @Test
    void semiAndAntiJoinsStoreOnlyTheBuildColumnsTheResidualReads() {
        List<Long[]> left = new ArrayList<>();
        for (Long[] l : rows(3, 3000, 500)) left.add(new Long[]{l[0], l[1] % 3});
        List<Long[]> right = new ArrayList<>();
        for (Long[] r : rows(4, 2000, 500)) right.add(new Long[]{r[0], r[1] % 3, r[1]});
        List<LogicalType> rightTypes = List.of(LogicalType.BIGINT, LogicalType.BIGINT, LogicalType.BIGINT);
        // residual: left.v <> right.w (right column 1, at position 2 + 1 of the pair); right column 2 is unused
        PhysicalExpr residual = new PhysicalExpr.Comparison(io.tealdb.planner.expression.ComparisonOp.NE, col(1), col(3));
        for (JoinType type : List.of(JoinType.SEMI, JoinType.ANTI)) {
            PhysicalHashJoin join = new PhysicalHashJoin(TYPES, type, new RowsSource(left), new RowsSource(right, rightTypes),
                    List.of(col(0)), List.of(col(0)), new boolean[1], residual, -1, List.of());
            ExecutionContext ctx = new ExecutionContext(null, 4, TaskScheduler.shared(), List.of());
            List<String> out = new ArrayList<>();
            for (DataChunk c : QueryExecutor.drain(QueryExecutor.execute(join, ctx))) {
                for (int r = 0; r < c.size(); r++) out.add(c.getObject(0, r) + "," + c.getObject(1, r));
            }
            Collections.sort(out);
            List<String> expected = new ArrayList<>();
            for (Long[] l : left) {
                boolean any = l[0] != null && right.stream().anyMatch(r -> l[0].equals(r[0]) && !l[1].equals(r[1]));
                if (any == (type == JoinType.SEMI)) expected.add(l[0] + "," + l[1]);
            }
            Collections.sort(expected);
            assertEquals(expected, out, type.name());
            JoinHashTable table = ctx.sinkState(join, PhysicalHashJoin.BuildGlobal.class).table;
            assertEquals(List.of(LogicalType.BIGINT), table.payloadTypes, type + ": only right column 1 is stored");
        }
    }

    @Test
    void hashAggregateWithGroupingSets() {
        List<Long[]> in = rows(3, 20000, 500);
        // GROUP BY GROUPING SETS ((k), ()) computing sum(v), count(*)
        List<LogicalType> types = List.of(LogicalType.BIGINT, LogicalType.BIGINT, LogicalType.BIGINT, LogicalType.BIGINT);
        PhysicalHashAggregate agg = new PhysicalHashAggregate("HASH_GROUP_BY", types, new RowsSource(in), List.of(col(0)),
                List.of(col(1)), List.of(AggregateSpec.of(TestAggregates.SUM, 0), AggregateSpec.of(TestAggregates.count(true))),
                List.of(List.of(0), List.of()), -1, List.of());
        Map<Long, long[]> ref = new HashMap<>();
        long total = 0;
        for (Long[] r : in) {
            long[] s = ref.computeIfAbsent(r[0], k -> new long[2]);
            s[0] += r[1];
            s[1]++;
            total += r[1];
        }
        List<String> expected = new ArrayList<>();
        ref.forEach((k, s) -> expected.add(k + "," + s[0] + "," + s[1] + ",0"));
        expected.add("null," + total + "," + in.size() + ",1");
        Collections.sort(expected);
        assertEquals(expected, run(agg));
    }

    @Test
    void setOperationsAllAndDistinctOn() {
        List<Long[]> left = new ArrayList<>();
        List<Long[]> right = new ArrayList<>();
        // value x appears x%4 times on the left and x%3 times on the right (second column constant)
        for (long x = 0; x < 300; x++) {
            for (int i = 0; i < x % 4; i++) left.add(new Long[]{x == 7 ? null : x, 1L});
            for (int i = 0; i < x % 3; i++) right.add(new Long[]{x == 7 ? null : x, 1L});
        }
        for (SetOperationKind kind : List.of(SetOperationKind.INTERSECT, SetOperationKind.EXCEPT)) {
            List<String> expected = new ArrayList<>();
            for (long x = 0; x < 300; x++) {
                long times = kind == SetOperationKind.INTERSECT ? Math.min(x % 4, x % 3) : Math.max(x % 4 - x % 3, 0);
                for (int i = 0; i < times; i++) expected.add((x == 7 ? "null" : String.valueOf(x)) + ",1");
            }
            Collections.sort(expected);
            assertEquals(expected, run(new PhysicalSetOperationAll(TYPES, kind, new RowsSource(left), new RowsSource(right))),
                    kind.name());
        }
        // DISTINCT ON (k) ORDER BY v DESC: the largest v per k
        List<Long[]> in = rows(4, 10000, 100);
        Map<Long, Long> best = new HashMap<>();
        for (Long[] r : in) best.merge(r[0], r[1], Math::max);
        List<String> expected = new ArrayList<>();
        best.forEach((k, v) -> expected.add(k + "," + v));
        Collections.sort(expected);
        assertEquals(expected, run(new PhysicalDistinctOn(new RowsSource(in), List.of(col(0)), List.of(col(1)),
                new boolean[]{false}, new boolean[]{false})));
    }
}
