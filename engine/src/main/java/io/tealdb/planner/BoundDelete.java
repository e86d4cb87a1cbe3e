package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.List;

/**
 * DELETE: {@code source} produces the row ids (BIGINT) of the rows to delete, then one column per
 * RETURNING item ({@code returning}: their names) computed from the deleted rows.
 */
public record BoundDelete(TableEntry table, LogicalOperator source, List<String> returning) implements BoundStatement {
}
