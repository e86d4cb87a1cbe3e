package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A node of a logical query plan. Output columns are named by {@link #bindings()} (parallel to
 * {@link #types()}); parents refer to them through BoundColumnRef. Plans are immutable trees of
 * records; optimizer rules build new trees.
 */
public sealed interface LogicalOperator permits LogicalGet, LogicalFilter, LogicalProjection, LogicalAggregate,
        LogicalJoin, LogicalDependentJoin, LogicalOrder, LogicalLimit, LogicalTopN, LogicalSetOperation,
        LogicalValues, LogicalTableFunction, LogicalWindow, LogicalEmptyResult, LogicalDistinct,
        LogicalRecursiveCte, LogicalCteRef, LogicalExpand, LogicalUnnest, LogicalSample, LogicalPositionalJoin {
    List<LogicalOperator> children();

    List<ColumnBinding> bindings();

    List<LogicalType> types();
}
