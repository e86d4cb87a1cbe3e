package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;

import io.tealdb.planner.logical.LogicalLimit;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalTopN;

/**
 * ORDER BY + LIMIT → top-N: a bounded heap instead of a full sort. Also looks through a projection
 * between the limit and the sort (the usual shape of {@code SELECT ... ORDER BY ... LIMIT n}).
 */
public final class TopNRule implements OptimizerRule {
    @Override
    public String name() {
        return "top_n";
    }

    @Override
    public LogicalOperator apply(LogicalOperator plan) {
        return LogicalPlans.transform(plan, op -> {
            if (op instanceof LogicalLimit l && l.limit() >= 0) {
                if (l.child() instanceof LogicalOrder o) {
                    return new LogicalTopN(o.orders(), l.limit(), l.offset(), o.child());
                }
                if (l.child() instanceof LogicalProjection p && p.child() instanceof LogicalOrder o) {
                    return new LogicalProjection(p.tableIndex(), p.expressions(),
                            new LogicalTopN(o.orders(), l.limit(), l.offset(), o.child()));
                }
            }
            return op;
        });
    }
}
