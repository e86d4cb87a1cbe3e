package io.tealdb.planner.expression;

import io.tealdb.types.LogicalType;

/**
 * A bound (name-resolved, typed) expression. Produced by the binder, rewritten by the optimizer,
 * evaluated by the execution engine. Every node kind is listed here, so passes use an exhaustive
 * {@code switch}. Children are already cast to the types their parent expects.
 */
public sealed interface BoundExpr permits BoundColumnRef, BoundConstant, BoundParameter, BoundFunction, BoundCast,
        BoundComparison, BoundConjunction, BoundNot, BoundIsNull, BoundCase, BoundCoalesce, BoundInList,
        BoundSubquery, BoundAggregate, BoundWindow {
    LogicalType type();
}
