package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalDependentJoin;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalLimit;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ASOF joins as LATERAL subqueries: {@code l ASOF JOIN r ON l.k = r.k AND l.t >= r.t} pairs each left
 * row with the right row of greatest {@code r.t} among those satisfying the condition, i.e.
 * {@code l, LATERAL (SELECT * FROM r WHERE <condition> ORDER BY r.t DESC LIMIT 1)}; the optimizer's
 * dependent-join unnesting turns that into ordinary joins. {@code <=} / {@code <} pick the least.
 */
final class AsofJoins {
    private AsofJoins() {
    }

    /**
     * @param usingForm the conditions came from USING: the last column is the inequality ({@code >=})
     */
    static LogicalOperator plan(JoinType type, LogicalOperator left, LogicalOperator right, List<BoundExpr> conjuncts,
                                boolean usingForm, int pos) {
        if (usingForm && !conjuncts.isEmpty() && conjuncts.get(conjuncts.size() - 1) instanceof BoundComparison last
                && last.op() == ComparisonOp.EQ) {
            conjuncts = new ArrayList<>(conjuncts);
            conjuncts.set(conjuncts.size() - 1, new BoundComparison(ComparisonOp.GE, last.left(), last.right()));
        }
        if (type != JoinType.INNER && type != JoinType.LEFT && type != JoinType.SEMI && type != JoinType.ANTI) {
            throw new NotImplementedException("Unsupported ASOF JOIN type (" + type + ") with arbitrary predicate", pos);
        }
        Set<ColumnBinding> leftSet = new HashSet<>(left.bindings());
        Set<ColumnBinding> rightSet = new HashSet<>(right.bindings());
        BoundOrder order = null;
        for (BoundExpr c : conjuncts) {
            if (!(c instanceof BoundComparison cmp)) continue;
            ComparisonOp op = cmp.op();
            if (op != ComparisonOp.GE && op != ComparisonOp.GT && op != ComparisonOp.LE && op != ComparisonOp.LT) continue;
            BoundExpr rightSide;
            if (refsWithin(cmp.left(), leftSet) && refsWithin(cmp.right(), rightSet)) {
                rightSide = cmp.right();
            } else if (refsWithin(cmp.left(), rightSet) && refsWithin(cmp.right(), leftSet)) {
                rightSide = cmp.left();
                op = op.flip();
            } else {
                continue;
            }
            if (order != null) throw new BinderException("Multiple ASOF JOIN inequalities", pos);
            // left >= right: the latest right value not after the left one
            boolean descending = op == ComparisonOp.GE || op == ComparisonOp.GT;
            order = new BoundOrder(rightSide, !descending, false);
        }
        if (order == null) throw new BinderException("Missing ASOF JOIN inequality", pos);
        List<BoundExpr> shifted = new ArrayList<>();
        for (BoundExpr c : conjuncts) shifted.add(shiftLeftRefs(c, leftSet));
        LogicalOperator sub = new LogicalLimit(1, 0, new LogicalOrder(List.of(order), new LogicalFilter(shifted, right)));
        List<BoundColumnRef> correlated = LogicalPlans.correlatedColumns(sub);
        if (correlated.isEmpty()) throw new NotImplementedException("ASOF join without a condition on the left side", pos);
        return new LogicalDependentJoin(type, left, sub, correlated, List.of(), null, -1);
    }

    private static boolean refsWithin(BoundExpr e, Set<ColumnBinding> set) {
        boolean[] ok = {true};
        boolean[] any = {false};
        BoundExprs.visit(e, x -> {
            if (x instanceof BoundColumnRef r) {
                if (r.depth() != 0 || !set.contains(r.binding())) ok[0] = false;
                any[0] = true;
            }
            if (x instanceof BoundSubquery) ok[0] = false;
        });
        return ok[0] && any[0];
    }

    /** References to the left input become outer references (depth 1) of the lateral right side. */
    private static BoundExpr shiftLeftRefs(BoundExpr e, Set<ColumnBinding> leftSet) {
        return BoundExprs.rewrite(e, x -> x instanceof BoundColumnRef r && r.depth() == 0 && leftSet.contains(r.binding())
                ? new BoundColumnRef(r.binding(), r.type(), r.name(), 1) : null);
    }
}
