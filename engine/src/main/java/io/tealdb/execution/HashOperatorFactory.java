package io.tealdb.execution;

import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalSetOperation;
import io.tealdb.planner.logical.LogicalWindow;

/**
 * Plans the operators owned by the hash package (io.tealdb.execution.hash). The
 * {@link PhysicalPlanner} loads {@code io.tealdb.execution.hash.HashOperators} (public, no-arg
 * constructor, implementing this interface) when it exists.
 *
 * <p>Invariant every method must keep: the returned operator's output chunk columns are exactly the
 * logical operator's {@code bindings()}, in that order. Compile expressions against a child's
 * output with {@code ExpressionCompiler.compile(expr, child.bindings())} (the logical child).
 */
public interface HashOperatorFactory {
    PhysicalOperator planAggregate(LogicalAggregate op, PhysicalOperator child, PhysicalPlanner planner);

    /** Joins with at least one equality (EQ or NOT_DISTINCT_FROM) condition. */
    PhysicalOperator planHashJoin(LogicalJoin op, PhysicalOperator left, PhysicalOperator right, PhysicalPlanner planner);

    PhysicalOperator planDistinct(LogicalDistinct op, PhysicalOperator child, PhysicalPlanner planner);

    /** UNION (distinct), INTERSECT [ALL], EXCEPT [ALL]; UNION ALL is planned by exec. */
    PhysicalOperator planSetOperation(LogicalSetOperation op, PhysicalOperator left, PhysicalOperator right,
                                      PhysicalPlanner planner);

    PhysicalOperator planWindow(LogicalWindow op, PhysicalOperator child, PhysicalPlanner planner);
}
