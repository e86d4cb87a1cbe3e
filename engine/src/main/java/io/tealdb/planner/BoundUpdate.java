package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.List;

/**
 * UPDATE: {@code source} produces the row id (BIGINT) followed by the new value of each column in
 * {@code columns} (table column indexes), cast to the column types.
 */
public record BoundUpdate(TableEntry table, List<Integer> columns, LogicalOperator source) implements BoundStatement {
}
