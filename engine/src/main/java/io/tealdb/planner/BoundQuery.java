package io.tealdb.planner;

import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.types.LogicalType;

import java.util.List;

/** A bound query: its plan (whose bindings, in order, are the result columns), column names and types. */
public record BoundQuery(LogicalOperator plan, List<String> names, List<LogicalType> types) implements BoundStatement {
}
