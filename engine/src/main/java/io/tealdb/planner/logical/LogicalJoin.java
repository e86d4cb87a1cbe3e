package io.tealdb.planner.logical;

import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * Join of two inputs. {@code conditions} are the separable comparisons (equalities drive the hash
 * join); {@code residual} (nullable) is any other predicate over both sides, evaluated on candidate
 * pairs. No conditions and no residual with INNER is a cross product. Output: left bindings then
 * right bindings (only left for SEMI/ANTI; left plus the mark for MARK).
 */
public record LogicalJoin(JoinType type, LogicalOperator left, LogicalOperator right, List<JoinCondition> conditions,
                          BoundExpr residual, int markIndex) implements LogicalOperator {
    public LogicalJoin(JoinType type, LogicalOperator left, LogicalOperator right, List<JoinCondition> conditions,
                       BoundExpr residual) {
        this(type, left, right, conditions, residual, -1);
    }

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
