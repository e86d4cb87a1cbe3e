package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundCast;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundInList;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Outer joins whose padding cannot survive: when a predicate evaluated on an outer join's output
 * (a filter above it, or a condition of an inner join above it) is never true while the columns of
 * the padded side are NULL, the rows the outer join adds are removed again, so it is an inner join
 * (a FULL join loses the padding of that side). TPC-DS Q93 writes
 * {@code store_sales LEFT JOIN store_returns ..., reason WHERE sr_reason_sk = r_reason_sk}: as an
 * inner join, join ordering starts from the one reason and the returns it names, and 2.9M sales rows
 * probe a few thousand returns instead of being padded first. Used by {@link FilterPushdown}.
 */
final class OuterJoinSimplification {
    private OuterJoinSimplification() {
    }

    /** The join type {@code j} may take given {@code predicates} over its output. */
    static JoinType simplify(LogicalJoin j, List<BoundExpr> predicates) {
        boolean leftPadded = j.type() == JoinType.RIGHT || j.type() == JoinType.FULL;
        boolean rightPadded = j.type() == JoinType.LEFT || j.type() == JoinType.FULL;
        if (!leftPadded && !rightPadded) return j.type();
        boolean leftRejected = leftPadded && rejectsNulls(predicates, new HashSet<>(j.left().bindings()));
        boolean rightRejected = rightPadded && rejectsNulls(predicates, new HashSet<>(j.right().bindings()));
        if (j.type() == JoinType.LEFT) return rightRejected ? JoinType.INNER : JoinType.LEFT;
        if (j.type() == JoinType.RIGHT) return leftRejected ? JoinType.INNER : JoinType.RIGHT;
        if (leftRejected && rightRejected) return JoinType.INNER;
        if (rightRejected) return JoinType.RIGHT; // left rows without a partner are gone; right ones stay
        if (leftRejected) return JoinType.LEFT;
        return JoinType.FULL;
    }

    /** {@code child} as a join of a simpler type when it is an outer join and {@code predicates} allow it. */
    static LogicalOperator simplifyChild(LogicalOperator child, List<BoundExpr> predicates) {
        if (!(child instanceof LogicalJoin j)) return child;
        JoinType t = simplify(j, predicates);
        return t == j.type() ? child : new LogicalJoin(t, j.left(), j.right(), j.conditions(), j.residual(), j.markIndex());
    }

    private static boolean rejectsNulls(List<BoundExpr> predicates, Set<ColumnBinding> padded) {
        for (BoundExpr p : predicates) {
            if (!BoundExprs.hasSideEffectsOrVolatile(p) && rejects(p, padded)) return true;
        }
        return false;
    }

    /** Whether {@code e} is NULL or false whenever every column in {@code padded} is NULL. */
    static boolean rejects(BoundExpr e, Set<ColumnBinding> padded) {
        return switch (e) {
            case BoundComparison c when c.op() != ComparisonOp.DISTINCT_FROM && c.op() != ComparisonOp.NOT_DISTINCT_FROM ->
                    nullWhenPadded(c.left(), padded) || nullWhenPadded(c.right(), padded);
            case BoundIsNull n -> n.negated() && nullWhenPadded(n.child(), padded);
            case BoundInList in -> !in.negated() && nullWhenPadded(in.value(), padded);
            case BoundConjunction c when c.and() -> c.children().stream().anyMatch(x -> rejects(x, padded));
            case BoundConjunction c -> c.children().stream().allMatch(x -> rejects(x, padded));
            default -> false;
        };
    }

    /** Whether {@code e} is NULL when the padded columns are (a padded column, possibly cast). */
    private static boolean nullWhenPadded(BoundExpr e, Set<ColumnBinding> padded) {
        return switch (e) {
            case BoundColumnRef r -> r.depth() == 0 && padded.contains(r.binding());
            case BoundCast c -> nullWhenPadded(c.child(), padded);
            default -> false;
        };
    }
}
