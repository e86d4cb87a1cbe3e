package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.MergeAction.MergeActionKind;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.List;

/**
 * MERGE INTO, bound: {@code plan} joins the source with the target once and yields, per joined
 * row, the index of the first WHEN clause that applies (INTEGER, NULL for none), the target row id
 * (BIGINT, NULL without a target row), then the value columns of every action: {@code actions.get(k)}
 * owns columns {@code [firstValue, firstValue + columns.size())} (for ERROR: the message, if any).
 * Applying the actions is the session's job (as UPDATE / DELETE / INSERT of the chosen rows).
 */
public record BoundMerge(TableEntry table, Identifier alias, LogicalOperator plan, List<Action> actions)
        implements BoundStatement {
    /**
     * One WHEN clause: for UPDATE and INSERT the target columns its values go to (INSERT: empty
     * means all columns in table order); for ERROR one optional message column.
     */
    public record Action(MergeActionKind kind, int firstValue, List<String> columns, int valueCount, boolean defaultValues) {
    }
}
