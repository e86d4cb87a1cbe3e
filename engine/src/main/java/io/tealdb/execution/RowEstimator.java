package io.tealdb.execution;

import io.tealdb.planner.logical.LogicalOperator;

/**
 * Estimated row count of a logical subtree, for physical choices such as a hash join's build side.
 * Supplied from above (the session passes the optimizer's cardinality estimator) so execution does
 * not depend on the optimizer.
 */
@FunctionalInterface
public interface RowEstimator {
    /** Returned when there is no estimate: physical choices then keep their defaults. */
    double UNKNOWN = -1;

    RowEstimator NONE = op -> UNKNOWN;

    /** Estimated rows {@code op} produces, or {@link #UNKNOWN}. */
    double estimate(LogicalOperator op);
}
