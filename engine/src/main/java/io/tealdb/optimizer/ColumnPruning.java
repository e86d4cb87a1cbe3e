package io.tealdb.optimizer;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.LogicalGet;
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
        Set<ColumnBinding> used = new HashSet<>(plan.bindings());
        collect(plan, used);
        return LogicalPlans.transform(plan, op -> op instanceof LogicalGet g ? prune(g, used) : op);
    }

    private static void collect(LogicalOperator op, Set<ColumnBinding> used) {
        LogicalPlans.forEachExpression(op, e -> BoundExprs.collectBindings(e, used));
        // Set operations and the like consume their children's outputs positionally.
        if (op instanceof io.tealdb.planner.logical.LogicalSetOperation) {
            for (LogicalOperator c : op.children()) used.addAll(c.bindings());
        }
        for (LogicalOperator c : op.children()) collect(c, used);
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
