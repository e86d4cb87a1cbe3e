package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY {@code groups} computing {@code aggregates}. Outputs group i as {@code (groupIndex, i)}
 * and aggregate j as {@code (aggregateIndex, j)}, groups first. With no groups, exactly one row is
 * produced (even for empty input). {@code groupingSets} is null for a plain GROUP BY; otherwise each
 * set lists the group indexes it keeps (others are NULL), and {@code groupingIndex} names the
 * binding table of GROUPING() values (one per set element is not needed: grouping_id column 0).
 */
public record LogicalAggregate(int groupIndex, int aggregateIndex, List<BoundExpr> groups,
                               List<BoundAggregate> aggregates, List<List<Integer>> groupingSets,
                               int groupingIndex, LogicalOperator child) implements LogicalOperator {
    public LogicalAggregate(int groupIndex, int aggregateIndex, List<BoundExpr> groups,
                            List<BoundAggregate> aggregates, LogicalOperator child) {
        this(groupIndex, aggregateIndex, groups, aggregates, null, -1, child);
    }

    @Override
    public List<LogicalOperator> children() {
        return List.of(child);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) out.add(new ColumnBinding(groupIndex, i));
        for (int i = 0; i < aggregates.size(); i++) out.add(new ColumnBinding(aggregateIndex, i));
        if (groupingSets != null) out.add(new ColumnBinding(groupingIndex, 0));
        return out;
    }

    @Override
    public List<LogicalType> types() {
        List<LogicalType> out = new ArrayList<>();
        for (BoundExpr g : groups) out.add(g.type());
        for (BoundAggregate a : aggregates) out.add(a.type());
        if (groupingSets != null) out.add(LogicalType.BIGINT);
        return out;
    }
}
