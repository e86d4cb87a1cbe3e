package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.logical.LogicalOperator;

/** DELETE: {@code source} produces the row ids (BIGINT, one column) of the rows to delete. */
public record BoundDelete(TableEntry table, LogicalOperator source) implements BoundStatement {
}
