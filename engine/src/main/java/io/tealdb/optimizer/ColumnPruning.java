package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalTableFunction;
import io.tealdb.types.Value;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scans read only the columns something above them uses. Bindings are unique per query, so one
 * pass collecting every referenced binding in the plan (plus the plan's own output) is enough.
 * A scan whose columns are all unused (e.g. under {@code count(*)}) keeps one column so that it
 * still produces its row count.
 */
public final class ColumnPruning implements OptimizerRule {
    @Override
    public String name() {
        return "column_pruning";
    }

    @Override
    public LogicalOperator apply(LogicalOperator plan) {
        plan = LogicalPlans.transform(plan, ColumnPruning::pruneExistsProjection);
        // projection outputs that nothing above reads (a view's SELECT * under a query using three of its
        // columns) become NULL constants, so the columns they read are free; nested projections need rounds
        for (int round = 0; round < 16; round++) {
            Set<ColumnBinding> refs = new HashSet<>(plan.bindings());
            collect(plan, refs);
            boolean[] changed = {false};
            plan = LogicalPlans.transform(plan, op -> op instanceof LogicalProjection p ? pruneOutputs(p, refs, changed) : op);
            if (!changed[0]) break;
        }
        Set<ColumnBinding> used = new HashSet<>(plan.bindings());
        collect(plan, used);
        return LogicalPlans.transform(plan, op -> switch (op) {
            case LogicalGet g -> prune(g, used);
            case LogicalTableFunction t when t.function().supportsProjection() -> prune(t, used);
            default -> op;
        });
    }

    /**
     * The right side of a SEMI/ANTI/MARK join is visible only to the join's own conditions, so a
     * projection there (e.g. the {@code SELECT *} of an EXISTS subquery) needs only the columns those
     * conditions use; the others become NULL constants (positions and types stay), which lets the
     * scan below skip their columns (TPC-H Q21 stored every lineitem column in the build side).
     */
    private static LogicalOperator pruneExistsProjection(LogicalOperator op) {
        if (!(op instanceof LogicalJoin j) || !(j.right() instanceof LogicalProjection p)) return op;
        if (j.type() != JoinType.SEMI && j.type() != JoinType.ANTI && j.type() != JoinType.MARK) return op;
        Set<ColumnBinding> refs = new HashSet<>();
        LogicalPlans.forEachExpression(j, e -> BoundExprs.collectBindings(e, refs));
        List<BoundExpr> exprs = new ArrayList<>(p.expressions());
        boolean changed = false;
        for (int i = 0; i < exprs.size(); i++) {
            BoundExpr e = exprs.get(i);
            if (!refs.contains(new ColumnBinding(p.tableIndex(), i)) && !(e instanceof BoundConstant)
                    && !BoundExprs.hasSideEffectsOrVolatile(e)) {
                exprs.set(i, new BoundConstant(Value.nullOf(e.type())));
                changed = true;
            }
        }
        if (!changed) return op;
        LogicalProjection pruned = new LogicalProjection(p.tableIndex(), List.copyOf(exprs), p.child());
        return new LogicalJoin(j.type(), j.left(), pruned, j.conditions(), j.residual(), j.markIndex());
    }

    /** {@code p} with the outputs not in {@code used} replaced by NULL constants of their type (positions stay). */
    private static LogicalOperator pruneOutputs(LogicalProjection p, Set<ColumnBinding> used, boolean[] changed) {
        List<BoundExpr> exprs = new ArrayList<>(p.expressions());
        boolean any = false;
        for (int i = 0; i < exprs.size(); i++) {
            BoundExpr e = exprs.get(i);
            if (!used.contains(new ColumnBinding(p.tableIndex(), i)) && !(e instanceof BoundConstant)
                    && !BoundExprs.hasSideEffectsOrVolatile(e)) {
                exprs.set(i, new BoundConstant(Value.nullOf(e.type())));
                any = true;
            }
        }
        if (!any) return p;
        changed[0] = true;
        return new LogicalProjection(p.tableIndex(), List.copyOf(exprs), p.child());
    }

    private static void collect(LogicalOperator op, Set<ColumnBinding> used) {
        LogicalPlans.forEachExpression(op, e -> BoundExprs.collectBindings(e, used));
        // Set operations, recursive CTEs and DISTINCT consume every column of their children
        // (positionally, or as part of the row's identity), whether or not anything above reads it.
        if (op instanceof io.tealdb.planner.logical.LogicalSetOperation || op instanceof io.tealdb.planner.logical.LogicalRecursiveCte
                || op instanceof io.tealdb.planner.logical.LogicalDistinct || op instanceof io.tealdb.planner.logical.LogicalDependentJoin) {
            for (LogicalOperator c : op.children()) used.addAll(c.bindings());
        }
        for (LogicalOperator c : op.children()) collect(c, used);
    }

    /** A table function that reads only what is used (projection pushdown into e.g. an Arrow scan). */
    private static LogicalOperator prune(LogicalTableFunction t, Set<ColumnBinding> used) {
        List<Integer> kept = new ArrayList<>();
        for (int id : t.columnIds()) {
            if (used.contains(new ColumnBinding(t.tableIndex(), id))) kept.add(id);
        }
        if (kept.size() == t.columnIds().size()) return t;
        if (kept.isEmpty() && !t.columnIds().isEmpty()) kept.add(t.columnIds().get(0));
        return new LogicalTableFunction(t.tableIndex(), t.function(), t.names(), t.columnTypes(), kept, t.filters());
    }

    private static LogicalOperator prune(LogicalGet g, Set<ColumnBinding> used) {
        List<Integer> kept = new ArrayList<>();
        for (int id : g.columnIds()) {
            if (used.contains(new ColumnBinding(g.tableIndex(), id))) kept.add(id);
        }
        if (kept.size() == g.columnIds().size()) return g;
        if (kept.isEmpty() && !g.columnIds().isEmpty()) kept.add(g.columnIds().get(0));
        return new LogicalGet(g.tableIndex(), g.table(), kept, g.filters());
    }
}
