package io.tealdb.planner.expression;

import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.types.LogicalType;

/**
 * A subquery inside an expression, as the binder leaves it. {@code plan} may contain correlated
 * references (BoundColumnRef with depth &gt; 0). The optimizer's subquery unnesting removes every
 * BoundSubquery, turning it into joins, before physical planning.
 *
 * @param left the left operand for ANY/ALL, else null
 * @param op   the comparison for ANY/ALL, else null
 */
public record BoundSubquery(SubqueryKind kind, LogicalOperator plan, BoundExpr left, ComparisonOp op,
                            LogicalType type) implements BoundExpr {
}
