package io.tealdb.execution;

import io.tealdb.error.InternalException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.execution.expression.ExpressionCompiler;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.execution.operator.EmptyResultOperator;
import io.tealdb.execution.operator.FilterOperator;
import io.tealdb.execution.operator.LimitOperator;
import io.tealdb.execution.operator.NestedLoopJoinOperator;
import io.tealdb.execution.operator.OrderOperator;
import io.tealdb.execution.operator.TopNOperator;
import io.tealdb.execution.operator.ProjectionOperator;
import io.tealdb.execution.operator.TableFunctionOperator;
import io.tealdb.execution.operator.TableScanOperator;
import io.tealdb.execution.operator.UnionAllOperator;
import io.tealdb.execution.operator.ValuesOperator;
import io.tealdb.execution.operator.RecursiveCteOperator;
import io.tealdb.execution.operator.WorkingTable;
import io.tealdb.execution.operator.WorkingTableScanOperator;
import io.tealdb.planner.logical.LogicalCteRef;
import io.tealdb.planner.logical.LogicalRecursiveCte;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDependentJoin;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalEmptyResult;
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
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.planner.logical.LogicalWindow;
import io.tealdb.planner.logical.SetOperationKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Logical plan → physical operators. Invariant: the output chunk of the physical operator planned
 * for a logical operator has exactly the logical operator's {@code bindings()} as columns, in order;
 * expressions are compiled against the child's bindings ({@link ExpressionCompiler}), which resolves
 * every ColumnBinding to a chunk position.
 */
public final class PhysicalPlanner {
    private static final HashOperatorFactory HASH = loadHashOperators();

    private final HashOperatorFactory hash;
    private final RowEstimator rows;
    /** Working tables of the recursive CTEs being planned, by cte index (see {@link LogicalCteRef}). */
    private final Map<Integer, WorkingTable> workingTables = new HashMap<>();
    /** Materialized CTEs planned so far, by cte index: their references share one definition. */
    private final Map<Integer, io.tealdb.execution.operator.MaterializedCte> materialized = new HashMap<>();

    public PhysicalPlanner() {
        this(HASH);
    }

    public PhysicalPlanner(HashOperatorFactory hash) {
        this(hash, RowEstimator.NONE);
    }

    /** @param rows logical row estimates for physical choices (a hash join's build side) */
    public PhysicalPlanner(RowEstimator rows) {
        this(HASH, rows);
    }

    public PhysicalPlanner(HashOperatorFactory hash, RowEstimator rows) {
        this.hash = hash;
        this.rows = rows;
    }

    /** Estimated rows of a logical subtree, or {@link RowEstimator#UNKNOWN}. */
    public double estimatedRows(LogicalOperator op) {
        return rows.estimate(op);
    }

    private static HashOperatorFactory loadHashOperators() {
        try {
            Class<?> c = Class.forName("io.tealdb.execution.hash.HashOperators");
            return (HashOperatorFactory) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private HashOperatorFactory hash(String what) {
        if (hash == null) throw new NotImplementedException(what + " is not implemented yet");
        return hash;
    }

    public static List<PhysicalExpr> compile(List<? extends BoundExpr> exprs, List<ColumnBinding> layout) {
        return new ExpressionCompiler(layout).compileAll(exprs);
    }

    /** Compiles ORDER BY keys against {@code layout}. */
    /**
     * BERNOULLI and SYSTEM samples filter the stream; a RESERVOIR sample keeps the rows with the
     * smallest random keys (n of them, or p% of the input), then drops the key column.
     */
    private static PhysicalOperator sample(io.tealdb.planner.logical.LogicalSample l, PhysicalOperator child) {
        io.tealdb.parser.ast.SampleSpec s = l.sample();
        if (s.method() != io.tealdb.parser.ast.SampleMethod.RESERVOIR) {
            return new io.tealdb.execution.operator.SampleFilterOperator(child, s.method(), s.size(), s.seed());
        }
        int width = child.types().size();
        PhysicalOperator keyed = new io.tealdb.execution.operator.RandomKeyOperator(child, s.seed());
        List<SortKey> byKey = List.of(new SortKey(new PhysicalExpr.ColumnRef(width, io.tealdb.types.LogicalType.DOUBLE, "sample_key"), true, false));
        PhysicalOperator top = s.percentage() ? TopNOperator.percent(keyed, byKey, s.size())
                : new TopNOperator(keyed, byKey, (long) s.size(), 0);
        List<PhysicalExpr> columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) columns.add(new PhysicalExpr.ColumnRef(i, child.types().get(i), null));
        return new ProjectionOperator(top, columns);
    }

    public static List<SortKey> compileOrders(List<BoundOrder> orders, List<ColumnBinding> layout) {
        ExpressionCompiler c = new ExpressionCompiler(layout);
        List<SortKey> keys = new ArrayList<>(orders.size());
        for (BoundOrder o : orders) keys.add(new SortKey(c.compile(o.expr()), o.ascending(), o.nullsFirst()));
        return keys;
    }

    /**
     * Per join, whether each output column goes unread above it ({@link RequiredColumns}); null when
     * unknown (the join is not part of the plan this planner was first asked for, or no column of it
     * is unread).
     */
    public boolean[] unusedOutputs(LogicalJoin j) {
        java.util.Set<ColumnBinding> read = required == null ? null : required.get(j);
        if (read == null) return null;
        List<ColumnBinding> out = j.bindings();
        boolean[] unused = new boolean[out.size()];
        boolean any = false;
        for (int i = 0; i < unused.length; i++) {
            unused[i] = !read.contains(out.get(i));
            any |= unused[i];
        }
        return any ? unused : null;
    }

    /** {@link #unusedOutputs}'s source: computed from the first plan given to {@link #plan}, its root. */
    private Map<LogicalJoin, java.util.Set<ColumnBinding>> required;

    public PhysicalOperator plan(LogicalOperator op) {
        if (required == null) required = RequiredColumns.of(op);
        return switch (op) {
            case LogicalGet g -> TableScanOperator.create(g);
            case LogicalFilter f -> {
                PhysicalOperator child = plan(f.child());
                if (child instanceof TableScanOperator scan && f.child() instanceof LogicalGet) {
                    yield scan.withExtraFilters(compile(f.conditions(), f.child().bindings()));
                }
                yield new FilterOperator(child, compile(f.conditions(), f.child().bindings()));
            }
            case LogicalProjection p -> new ProjectionOperator(plan(p.child()), compile(p.expressions(), p.child().bindings()));
            case LogicalLimit l -> new LimitOperator(plan(l.child()), l.limit(), l.offset());
            case io.tealdb.planner.logical.LogicalSample l -> sample(l, plan(l.child()));
            case LogicalOrder o -> new OrderOperator(plan(o.child()), compileOrders(o.orders(), o.child().bindings()));
            case LogicalTopN t -> new TopNOperator(plan(t.child()), compileOrders(t.orders(), t.child().bindings()),
                    t.limit(), t.offset());
            case LogicalValues v -> new ValuesOperator(v.types(), v.rows());
            case LogicalTableFunction t -> new TableFunctionOperator(TableFunctionPushdown.withFilters(t), t.types(),
                    t.allColumnsInOrder() ? null : t.columnIds().stream().mapToInt(Integer::intValue).toArray());
            case LogicalEmptyResult e -> new EmptyResultOperator(e.types());
            case io.tealdb.planner.logical.LogicalExpand x -> {
                List<List<PhysicalExpr>> rows = new ArrayList<>();
                for (List<BoundExpr> r : x.rows()) rows.add(compile(r, x.child().bindings()));
                yield new io.tealdb.execution.operator.ExpandOperator(plan(x.child()), x.types(), rows);
            }
            case io.tealdb.planner.logical.LogicalUnnest u -> new io.tealdb.execution.operator.UnnestOperator(plan(u.child()),
                    u.types(), compile(u.lists(), u.child().bindings()));
            case LogicalSetOperation s -> {
                PhysicalOperator left = plan(s.left());
                PhysicalOperator right = plan(s.right());
                if (s.kind() == SetOperationKind.UNION && s.all()) yield new UnionAllOperator(s.types(), left, right);
                yield hash("set operation " + s.kind()).planSetOperation(s, left, right, this);
            }
            case LogicalJoin j -> planJoin(j);
            case io.tealdb.planner.logical.LogicalPositionalJoin p ->
                    new io.tealdb.execution.operator.PositionalJoinOperator(p.types(), plan(p.left()), plan(p.right()));
            case LogicalAggregate a -> hash("aggregate").planAggregate(a, plan(a.child()), this);
            case LogicalDistinct d -> hash("DISTINCT").planDistinct(d, plan(d.child()), this);
            case LogicalWindow w -> io.tealdb.execution.window.PhysicalWindow.create(w, plan(w.child()));
            case LogicalDependentJoin d -> throw new InternalException("dependent join reached the physical planner");
            case LogicalRecursiveCte r -> {
                PhysicalOperator anchor = plan(r.anchor());
                WorkingTable table = new WorkingTable();
                WorkingTable previous = workingTables.put(r.cteIndex(), table);
                PhysicalOperator recursive = plan(r.recursive());
                if (previous == null) workingTables.remove(r.cteIndex());
                else workingTables.put(r.cteIndex(), previous);
                yield new RecursiveCteOperator(r.types(), r.all(), anchor, recursive, table);
            }
            case LogicalCteRef c when c.definition() != null -> {
                io.tealdb.execution.operator.MaterializedCte cte = materialized.get(c.cteIndex());
                boolean first = cte == null;
                if (first) {
                    cte = new io.tealdb.execution.operator.MaterializedCte(plan(c.definition()));
                    materialized.put(c.cteIndex(), cte);
                }
                double est = rows.estimate(c);
                // the definition appears (in EXPLAIN and its profile) under the first reference only
                yield new io.tealdb.execution.operator.MaterializedCteScanOperator(c.types(), cte, c.cteIndex(),
                        est < 0 ? -1 : (long) Math.ceil(est), first);
            }
            case LogicalCteRef c -> {
                WorkingTable table = workingTables.get(c.cteIndex());
                if (table == null) throw new InternalException("recursive CTE reference outside of its recursive CTE");
                yield new WorkingTableScanOperator(c.types(), table);
            }
        };
    }

    private PhysicalOperator planJoin(LogicalJoin j) {
        PhysicalOperator left = plan(j.left());
        PhysicalOperator right = plan(j.right());
        boolean equi = false;
        for (JoinCondition c : j.conditions()) {
            equi |= c.op() == ComparisonOp.EQ || c.op() == ComparisonOp.NOT_DISTINCT_FROM;
        }
        if (equi && hash != null) return hash.planHashJoin(j, left, right, this);
        if (hash != null && (j.type() == io.tealdb.planner.logical.JoinType.RIGHT
                || j.type() == io.tealdb.planner.logical.JoinType.FULL || j.type() == io.tealdb.planner.logical.JoinType.MARK)) {
            // The nested loop has no unmatched-build-row phase and no mark: run these through the hash
            // join with a constant key (every pair is a candidate; the condition is the residual).
            // NOT DISTINCT FROM keeps the key out of MARK's NULL semantics: the mark means "some pair matched".
            io.tealdb.planner.expression.BoundConstant one =
                    new io.tealdb.planner.expression.BoundConstant(io.tealdb.types.Value.ofBoolean(true));
            List<JoinCondition> conditions = new java.util.ArrayList<>(j.conditions());
            conditions.add(new JoinCondition(one, ComparisonOp.NOT_DISTINCT_FROM, one));
            LogicalJoin keyed = new LogicalJoin(j.type(), j.left(), j.right(), conditions, j.residual(), j.markIndex());
            return hash.planHashJoin(keyed, left, right, this);
        }
        return NestedLoopJoinOperator.create(j, left, right);
    }
}
