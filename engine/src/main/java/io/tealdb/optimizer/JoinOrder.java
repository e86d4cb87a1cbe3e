package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;

import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reorders trees of inner joins (and cross products) from cardinality estimates. Up to
 * {@link #MAX_DP_RELATIONS} relations: dynamic programming over relation subsets (DPsub, as in
 * Moerkotte &amp; Neumann's join-ordering work) minimising C_out, the sum of intermediate result
 * sizes, where each subset's size is computed once from base sizes and predicate selectivities
 * (so it does not depend on the order the subset was built in); splits without a connecting
 * predicate (cross products) are considered only for subsets that have no connected split.
 * Beyond that: greedy operator ordering (Fegaras 1998). The smaller input of each join becomes its
 * build (right) side. Runs after filter pushdown, so predicates already sit as join conditions.
 */
public final class JoinOrder implements OptimizerRule {
    @Override
    public String name() {
        return "join_order";
    }

    @Override
    public LogicalOperator apply(LogicalOperator plan) {
        if (plan instanceof LogicalJoin j && (j.type() == JoinType.SEMI || j.type() == JoinType.ANTI) && isInnerJoin(j.left())) {
            LogicalOperator pushed = pushIntoJoinTree(j);
            if (pushed != null) return apply(pushed);
        }
        if (isInnerJoin(plan)) {
            List<LogicalOperator> relations = new ArrayList<>();
            List<BoundExpr> predicates = new ArrayList<>();
            flatten(plan, relations, predicates);
            List<LogicalOperator> optimizedRelations = new ArrayList<>();
            for (LogicalOperator r : relations) optimizedRelations.add(apply(r));
            return order(optimizedRelations, predicates);
        }
        return LogicalPlans.mapChildren(plan, this::apply);
    }

    /**
     * A semi or anti join above a tree of inner joins whose conditions read only one relation R of
     * that tree filters R's rows: it can move onto R, where it shrinks R before the joins (TPC-H
     * Q18: {@code o_orderkey IN (the 57 big orders)} turns 1.5M orders into 57 before lineitem joins
     * them). It moves only when that pays — it keeps under half of R's rows and its right side is
     * smaller than R — since probing R instead of the tree's (possibly much smaller) result costs
     * more. Returns the rewritten tree, or null to leave the join where it is.
     */
    private static LogicalOperator pushIntoJoinTree(LogicalJoin semi) {
        List<LogicalOperator> relations = new ArrayList<>();
        flatten(semi.left(), relations, new ArrayList<>());
        Set<ColumnBinding> leftBindings = new HashSet<>(semi.left().bindings());
        Set<ColumnBinding> leftRefs = new HashSet<>();
        for (JoinCondition c : semi.conditions()) leftRefs.addAll(BoundExprs.referencedBindings(c.left()));
        if (semi.residual() != null) {
            for (ColumnBinding b : BoundExprs.referencedBindings(semi.residual())) {
                if (leftBindings.contains(b)) leftRefs.add(b);
            }
        }
        if (leftRefs.isEmpty()) return null;
        for (LogicalOperator relation : relations) {
            if (!relation.bindings().containsAll(leftRefs)) continue;
            LogicalJoin moved = new LogicalJoin(semi.type(), relation, semi.right(), semi.conditions(), semi.residual(), semi.markIndex());
            double before = CardinalityEstimator.estimate(relation);
            double after = CardinalityEstimator.estimate(moved);
            if (after >= 0.5 * before || CardinalityEstimator.estimate(semi.right()) >= before) return null;
            return replace(semi.left(), relation, moved);
        }
        return null;
    }

    /** {@code tree} (inner joins) with the relation {@code target} (by identity) replaced. */
    private static LogicalOperator replace(LogicalOperator tree, LogicalOperator target, LogicalOperator replacement) {
        if (tree == target) return replacement;
        if (tree instanceof LogicalJoin j && j.type() == JoinType.INNER) {
            return new LogicalJoin(j.type(), replace(j.left(), target, replacement), replace(j.right(), target, replacement),
                    j.conditions(), j.residual(), j.markIndex());
        }
        return tree;
    }

    private static boolean isInnerJoin(LogicalOperator op) {
        return op instanceof LogicalJoin j && j.type() == JoinType.INNER;
    }

    private static void flatten(LogicalOperator op, List<LogicalOperator> relations, List<BoundExpr> predicates) {
        if (op instanceof LogicalJoin j && j.type() == JoinType.INNER) {
            flatten(j.left(), relations, predicates);
            flatten(j.right(), relations, predicates);
            for (JoinCondition c : j.conditions()) predicates.add(new BoundComparison(c.op(), c.left(), c.right()));
            if (j.residual() != null) predicates.addAll(BoundExprs.conjuncts(j.residual()));
        } else {
            relations.add(op);
        }
    }

    /** A sub-plan under construction: its plan, the bindings it produces and its estimated size. */
    private record Component(LogicalOperator plan, Set<ColumnBinding> bindings, double rows) {
        static Component of(LogicalOperator plan) {
            return new Component(plan, new HashSet<>(plan.bindings()), CardinalityEstimator.estimate(plan));
        }
    }

    private LogicalOperator order(List<LogicalOperator> relations, List<BoundExpr> predicates) {
        if (relations.size() <= MAX_DP_RELATIONS) {
            return new DpJoinEnumerator(relations, predicates).best();
        }
        return greedy(relations, predicates);
    }

    /** Most relations ordered exhaustively (3^n subset splits: 12 relations ≈ 531k). */
    static final int MAX_DP_RELATIONS = 12;

    private LogicalOperator greedy(List<LogicalOperator> relations, List<BoundExpr> predicates) {
        List<Component> components = new ArrayList<>();
        for (LogicalOperator r : relations) components.add(Component.of(r));
        List<BoundExpr> pending = new ArrayList<>(predicates);

        while (components.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double bestRows = Double.MAX_VALUE;
            for (int a = 0; a < components.size(); a++) {
                for (int b = a + 1; b < components.size(); b++) {
                    Component ca = components.get(a);
                    Component cb = components.get(b);
                    List<JoinCondition> conds = conditionsBetween(pending, ca.bindings(), cb.bindings());
                    if (conds.isEmpty()) continue;
                    double rows = CardinalityEstimator.innerJoinEstimate(ca.rows(), cb.rows(), ca.plan(), cb.plan(), conds);
                    if (rows < bestRows) {
                        bestRows = rows;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                // No predicate connects any two components: cross the two smallest.
                List<Component> bySize = new ArrayList<>(components);
                bySize.sort((x, y) -> Double.compare(x.rows(), y.rows()));
                bestA = components.indexOf(bySize.get(0));
                bestB = components.indexOf(bySize.get(1));
                bestRows = bySize.get(0).rows() * bySize.get(1).rows();
            }
            Component ca = components.get(bestA);
            Component cb = components.get(bestB);
            // Larger input probes, smaller input builds the hash table.
            Component probe = ca.rows() >= cb.rows() ? ca : cb;
            Component build = probe == ca ? cb : ca;
            Set<ColumnBinding> union = new HashSet<>(probe.bindings());
            union.addAll(build.bindings());
            List<JoinCondition> conditions = new ArrayList<>();
            List<BoundExpr> residual = new ArrayList<>();
            for (var it = pending.iterator(); it.hasNext(); ) {
                BoundExpr p = it.next();
                Set<ColumnBinding> refs = BoundExprs.referencedBindings(p);
                if (!union.containsAll(refs)) continue;
                it.remove();
                JoinCondition jc = FilterPushdown.asJoinCondition(p, probe.bindings(), build.bindings());
                if (jc != null) conditions.add(jc);
                else residual.add(p);
            }
            LogicalOperator joined = new LogicalJoin(JoinType.INNER, probe.plan(), build.plan(), conditions, BoundExprs.and(residual));
            Component merged = new Component(joined, union, Math.max(1, bestRows));
            components.remove(Math.max(bestA, bestB));
            components.remove(Math.min(bestA, bestB));
            components.add(merged);
        }
        LogicalOperator result = components.get(0).plan();
        return pending.isEmpty() ? result : new LogicalFilter(List.copyOf(pending), result);
    }

    private static List<JoinCondition> conditionsBetween(List<BoundExpr> predicates, Set<ColumnBinding> a, Set<ColumnBinding> b) {
        List<JoinCondition> out = new ArrayList<>();
        for (BoundExpr p : predicates) {
            JoinCondition jc = FilterPushdown.asJoinCondition(p, a, b);
            if (jc != null) out.add(jc);
        }
        return out;
    }
}
