package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.List;

/**
 * INSERT: {@code source} produces one column per table column, in table order, already cast to the
 * column types (defaults filled in for omitted columns), followed by one BOOLEAN column per CHECK
 * constraint ({@code checks} holds their SQL text, for the error message), then one column per
 * RETURNING item ({@code returning}: their names).
 */
public record BoundInsert(TableEntry table, LogicalOperator source, List<String> checks, List<String> returning)
        implements BoundStatement {
}
