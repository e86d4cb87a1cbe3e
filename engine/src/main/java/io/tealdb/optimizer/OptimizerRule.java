package io.tealdb.optimizer;

import io.tealdb.planner.logical.LogicalOperator;

/** One rewrite of the logical plan; rules are applied by {@link Optimizer} in a fixed order. */
public interface OptimizerRule {
    /** Short name for EXPLAIN/debugging, e.g. "filter_pushdown". */
    String name();

    LogicalOperator apply(LogicalOperator plan);
}
