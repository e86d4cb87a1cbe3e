package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pulls conjuncts shared by every branch of an OR out of it:
 * {@code (a AND b) OR (a AND c)  =>  a AND (b OR c)}, which also holds in three-valued logic. It
 * matters for joins written as ORs of complete conditions (TPC-H Q19: each branch repeats
 * {@code p_partkey = l_partkey}); once factored, the equality becomes a hash join key instead of
 * leaving a nested-loop join over the cross product. A branch that consists only of common
 * conjuncts makes the remaining OR true, so it is dropped. Volatile conjuncts are never factored
 * (evaluating {@code random()} once instead of per branch would change the result). The OR also
 * yields the single-relation filters it implies (see {@link #impliedRestrictions}).
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
        List<BoundExpr> out = new ArrayList<>(common);
        List<List<BoundExpr>> rest = new ArrayList<>();
        for (List<BoundExpr> branch : branches) {
            List<BoundExpr> left = new ArrayList<>(branch);
            left.removeAll(common);
            if (left.isEmpty()) return common; // this branch is just the common part: the OR adds nothing
            rest.add(left);
        }
        List<BoundExpr> restOr = new ArrayList<>();
        for (List<BoundExpr> branch : rest) restOr.add(BoundExprs.and(branch));
        BoundConjunction remaining = common.isEmpty() ? or : new BoundConjunction(false, List.copyOf(restOr));
        out.add(remaining);
        out.addAll(impliedRestrictions(rest, remaining));
        return out;
    }

    /**
     * Single-relation filters the OR implies: when every branch restricts relation R (conjuncts that
     * reference only R's columns), the OR of those restrictions holds wherever the whole OR holds.
     * TPC-H Q7's {@code (n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 = 'GERMANY' AND n2 = 'FRANCE')}
     * thus also yields {@code n1 IN-like (n1 = 'FRANCE' OR n1 = 'GERMANY')} for n1's scan, and the
     * same for n2. The OR itself stays (the derived filters are weaker), so the result is unchanged;
     * the derived filters only shrink the relations early and tell join ordering how small they are.
     */
    private static List<BoundExpr> impliedRestrictions(List<List<BoundExpr>> branches, BoundExpr original) {
        Set<Integer> candidates = null;
        for (List<BoundExpr> branch : branches) {
            Set<Integer> restricted = new HashSet<>();
            for (BoundExpr c : branch) {
                Integer relation = singleRelation(c);
                if (relation != null) restricted.add(relation);
            }
            if (candidates == null) candidates = restricted;
            else candidates.retainAll(restricted);
        }
        if (candidates == null || candidates.isEmpty()) return List.of();
        List<BoundExpr> out = new ArrayList<>();
        for (int relation : new TreeSet<>(candidates)) {
            BoundExpr implied = implied(branches, c -> {
                Integer r = singleRelation(c);
                return r != null && r == relation;
            });
            if (implied != null && !implied.equals(original)) out.add(implied);
        }
        return out;
    }

    /**
     * The filter an OR conjunct implies on the columns {@code allowed}: the OR of each branch's
     * conjuncts that read only those columns (at least one), when every branch has some; null when
     * {@code e} is no OR, a branch has none, or the result is {@code e} itself. Pushing a filter
     * through an aggregate, {@code (d_year = 2001 AND sum(x) > 0) OR d_year = 2002} thus yields
     * {@code d_year = 2001 OR d_year = 2002} for the aggregate's input (the OR itself stays above).
     */
    static BoundExpr impliedOn(BoundExpr e, Set<ColumnBinding> allowed) {
        if (!(e instanceof BoundConjunction or) || or.and() || or.children().size() < 2) return null;
        List<List<BoundExpr>> branches = new ArrayList<>();
        for (BoundExpr b : or.children()) branches.add(BoundExprs.conjuncts(b));
        BoundExpr implied = implied(branches, c -> {
            Set<ColumnBinding> refs = BoundExprs.referencedBindings(c);
            return !refs.isEmpty() && allowed.containsAll(refs) && !BoundExprs.hasSideEffectsOrVolatile(c);
        });
        return implied == null || implied.equals(e) ? null : implied;
    }

    /** The OR over {@code branches} of each branch's conjuncts that {@code keep} accepts; null if a branch has none. */
    private static BoundExpr implied(List<List<BoundExpr>> branches, java.util.function.Predicate<BoundExpr> keep) {
        List<BoundExpr> perBranch = new ArrayList<>();
        for (List<BoundExpr> branch : branches) {
            List<BoundExpr> own = new ArrayList<>();
            for (BoundExpr c : branch) if (keep.test(c)) own.add(c);
            if (own.isEmpty()) return null;
            BoundExpr and = BoundExprs.and(own);
            if (!perBranch.contains(and)) perBranch.add(and);
        }
        return perBranch.size() == 1 ? perBranch.get(0) : new BoundConjunction(false, List.copyOf(perBranch));
    }

    /** The table index of the only relation {@code e} reads, or null (none, several, or volatile). */
    private static Integer singleRelation(BoundExpr e) {
        if (BoundExprs.hasSideEffectsOrVolatile(e)) return null;
        Integer relation = null;
        for (ColumnBinding b : BoundExprs.referencedBindings(e)) {
            if (relation == null) relation = b.tableIndex();
            else if (relation != b.tableIndex()) return null;
        }
        return relation;
    }
}
