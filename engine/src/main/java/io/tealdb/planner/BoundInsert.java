package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.logical.LogicalOperator;

/**
 * INSERT: {@code source} produces one column per table column, in table order, already cast to the
 * column types (defaults filled in for omitted columns).
 */
public record BoundInsert(TableEntry table, LogicalOperator source) implements BoundStatement {
}
