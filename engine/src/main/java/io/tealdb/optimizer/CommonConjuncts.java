package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * Pulls conjuncts shared by every branch of an OR out of it:
 * {@code (a AND b) OR (a AND c)  =>  a AND (b OR c)}, which also holds in three-valued logic. It
 * matters for joins written as ORs of complete conditions (TPC-H Q19: each branch repeats
 * {@code p_partkey = l_partkey}); once factored, the equality becomes a hash join key instead of
 * leaving a nested-loop join over the cross product. A branch that consists only of common
 * conjuncts makes the remaining OR true, so it is dropped. Volatile conjuncts are never factored
 * (evaluating {@code random()} once instead of per branch would change the result).
 */
final class CommonConjuncts {
    private CommonConjuncts() {
    }

    /** The conjuncts of {@code e} with common factors of OR conjuncts pulled out. */
    static List<BoundExpr> factor(BoundExpr e) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr c : BoundExprs.conjuncts(e)) {
            if (c instanceof BoundConjunction or && !or.and() && or.children().size() > 1) {
                out.addAll(factorOr(or));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static List<BoundExpr> factorOr(BoundConjunction or) {
        List<List<BoundExpr>> branches = new ArrayList<>();
        for (BoundExpr b : or.children()) branches.add(BoundExprs.conjuncts(b));
        List<BoundExpr> common = new ArrayList<>();
        for (BoundExpr candidate : branches.get(0)) {
            if (common.contains(candidate) || BoundExprs.hasSideEffectsOrVolatile(candidate)) continue;
            boolean everywhere = true;
            for (int i = 1; i < branches.size() && everywhere; i++) everywhere = branches.get(i).contains(candidate);
            if (everywhere) common.add(candidate);
        }
        if (common.isEmpty()) return List.of(or);
        List<BoundExpr> rest = new ArrayList<>();
        for (List<BoundExpr> branch : branches) {
            List<BoundExpr> left = new ArrayList<>(branch);
            left.removeAll(common);
            if (left.isEmpty()) return common; // this branch is just the common part: the OR adds nothing
            rest.add(BoundExprs.and(left));
        }
        List<BoundExpr> out = new ArrayList<>(common);
        out.add(new BoundConjunction(false, List.copyOf(rest)));
        return out;
    }
}
