package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * WITH RECURSIVE: runs {@code anchor} once, then {@code recursive} repeatedly, each time reading the
 * rows the previous round produced through {@link LogicalCteRef}s with the same {@code cteIndex},
 * until a round produces no (new) rows. With {@code all == false} (UNION) duplicate rows are dropped,
 * also across rounds. Both inputs already produce {@code types}. Output binding i is (tableIndex, i).
 */
public record LogicalRecursiveCte(int tableIndex, int cteIndex, boolean all, LogicalOperator anchor,
                                  LogicalOperator recursive, List<LogicalType> types) implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(anchor, recursive);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }
}
