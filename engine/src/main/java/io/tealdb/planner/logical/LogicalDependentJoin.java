package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A join whose right side is evaluated "for each left row" because it references left columns
 * ({@code correlated}: the correlated columns of the left side used inside {@code right}). Only an
 * intermediate form: subquery unnesting (Neumann &amp; Kemper, "Unnesting Arbitrary Queries", 2015)
 * rewrites it into ordinary joins before physical planning. Output as {@link LogicalJoin}.
 */
public record LogicalDependentJoin(JoinType type, LogicalOperator left, LogicalOperator right,
                                   List<BoundColumnRef> correlated, List<JoinCondition> conditions,
                                   BoundExpr residual, int markIndex) implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of(left, right);
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(left.bindings());
        if (type.outputsRight()) out.addAll(right.bindings());
        if (type == JoinType.MARK) out.add(new ColumnBinding(markIndex, 0));
        return out;
    }

    @Override
    public List<LogicalType> types() {
        List<LogicalType> out = new ArrayList<>(left.types());
        if (type.outputsRight()) out.addAll(right.types());
        if (type == JoinType.MARK) out.add(LogicalType.BOOLEAN);
        return out;
    }
}
