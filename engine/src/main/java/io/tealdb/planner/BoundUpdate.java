package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.List;

/**
 * UPDATE: {@code source} produces the row id (BIGINT) followed by the new value of each column in
 * {@code columns} (table column indexes), cast to the column types, then one BOOLEAN column per
 * CHECK constraint evaluated on the updated row ({@code checks}: their SQL text), then the RETURNING
 * items ({@code returning}: their names) over the updated row.
 */
public record BoundUpdate(TableEntry table, List<Integer> columns, LogicalOperator source, List<String> checks,
                          List<String> returning) implements BoundStatement {
}
