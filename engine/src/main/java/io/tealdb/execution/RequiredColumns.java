package io.tealdb.execution;

import io.tealdb.planner.BoundExprs;
import io.tealdb.planner.LogicalPlans;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalCteRef;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalLimit;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalTopN;
import io.tealdb.planner.logical.LogicalWindow;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which output columns of each join the operators above it read. A join outputs every column of
 * both inputs, but above it often only a few are read: the keys of a star join's dimension tables
 * and of the fact table are used by the join itself and then carried, unread, through every join
 * above (TPC-DS Q99 carries 19 of 24 columns into its aggregate, 13 of them NULL constants of a
 * {@code SELECT *} subquery that column pruning emptied). The hash join fills such columns with
 * NULLs instead of copying them row by row ({@code PhysicalHashJoin#withUnusedOutputs}).
 *
 * <p>One walk from the root passes down the set of bindings read above: the root's outputs, plus
 * every binding the expressions of the operators on the way read (bindings are unique in a query, so
 * one growing set is exact). Through projections, filters, aggregates, joins, windows, sorts and
 * limits the set is exact; any other operator (set operations, DISTINCT, recursive CTEs, ...) may
 * consume its inputs positionally, so all of its children's outputs count as read. A materialized
 * CTE's definition is walked once with all of its outputs read. A plan with a subquery expression
 * left in it (whose correlated references the walk does not see) gets no entries: nothing is dropped.
 */
final class RequiredColumns {
    private final Map<LogicalJoin, Set<ColumnBinding>> byJoin = new IdentityHashMap<>();
    private final Set<Integer> ctesSeen = new HashSet<>();
    private boolean hasSubquery;

    private RequiredColumns() {
    }

    /** The bindings read above each join of {@code root} (by identity); empty when that is unknown. */
    static Map<LogicalJoin, Set<ColumnBinding>> of(LogicalOperator root) {
        RequiredColumns r = new RequiredColumns();
        r.walk(root, new HashSet<>(root.bindings()));
        return r.hasSubquery ? Map.of() : r.byJoin;
    }

    private void walk(LogicalOperator op, Set<ColumnBinding> readAbove) {
        if (hasSubquery) return;
        Set<ColumnBinding> below = new HashSet<>(readAbove);
        LogicalPlans.forEachExpression(op, e -> BoundExprs.visit(e, node -> {
            if (node instanceof BoundColumnRef c && c.depth() == 0) below.add(c.binding());
            if (node instanceof BoundSubquery) hasSubquery = true;
        }));
        switch (op) {
            case LogicalJoin j -> byJoin.merge(j, readAbove, (a, b) -> {
                Set<ColumnBinding> union = new HashSet<>(a);
                union.addAll(b);
                return union;
            });
            case LogicalProjection p -> {
            }
            case LogicalFilter f -> {
            }
            case LogicalAggregate a -> {
            }
            case LogicalWindow w -> {
            }
            case LogicalOrder o -> {
            }
            case LogicalTopN t -> {
            }
            case LogicalLimit l -> {
            }
            case LogicalCteRef c when c.definition() != null -> {
                if (ctesSeen.add(c.cteIndex())) walk(c.definition(), new HashSet<>(c.definition().bindings()));
            }
            default -> {
                for (LogicalOperator child : op.children()) below.addAll(child.bindings());
            }
        }
        for (LogicalOperator child : op.children()) walk(child, below);
    }
}
