package io.tealdb.planner.logical;

import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference to a CTE's rows. With {@code definition == null}: inside the recursive part of a
 * {@link LogicalRecursiveCte} with the same {@code cteIndex}, the rows the previous round produced
 * (the "working table"). Otherwise a materialized CTE: every reference with this {@code cteIndex}
 * carries the same {@code definition} plan, which runs once per execution and whose rows each
 * reference reads. The definition is not a child: rules that rewrite the query leave it alone, and
 * it is optimized once on its own. Output binding i is (tableIndex, i), column i of the definition.
 */
public record LogicalCteRef(int tableIndex, int cteIndex, List<LogicalType> types, LogicalOperator definition)
        implements LogicalOperator {
    public LogicalCteRef(int tableIndex, int cteIndex, List<LogicalType> types) {
        this(tableIndex, cteIndex, types, null);
    }

    @Override
    public List<LogicalOperator> children() {
        return List.of();
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }
}
