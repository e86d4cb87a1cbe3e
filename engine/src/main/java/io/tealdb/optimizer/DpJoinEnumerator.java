package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
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
 * Exhaustive join ordering for one set of inner-joined relations: DPsub over bitmask subsets with
 * the C_out cost model (sum of estimated intermediate sizes). See {@link JoinOrder}.
 */
final class DpJoinEnumerator {
    private final List<LogicalOperator> relations;
    private final int n;
    private final double[] baseRows;
    private final List<Set<ColumnBinding>> relationBindings = new ArrayList<>();
    /** Predicates over two or more relations, with the set of relations each touches. */
    private final List<BoundExpr> joinPredicates = new ArrayList<>();
    private final List<Integer> predicateMasks = new ArrayList<>();
    private final List<Double> selectivities = new ArrayList<>();
    /** Predicates over at most one relation (applied at that leaf, or on top when constant). */
    private final List<List<BoundExpr>> leafPredicates = new ArrayList<>();
    private final List<BoundExpr> constantPredicates = new ArrayList<>();

    private final double[] rows;
    private final double[] cost;
    private final int[] bestSplit;
    /** Whether the best plan of a subset holds a cross product of more than {@link #MAX_CROSS_PRODUCT_ROWS} rows. */
    private final boolean[] crossProduct;
    /**
     * Cross products up to this many (estimated) rows are planned like joins: a few filtered
     * dimension rows multiplied together are cheap to build and probe with.
     */
    static final double MAX_CROSS_PRODUCT_ROWS = 4096;

    DpJoinEnumerator(List<LogicalOperator> relations, List<BoundExpr> predicates) {
        this.relations = relations;
        this.n = relations.size();
        this.baseRows = new double[n];
        for (int i = 0; i < n; i++) {
            baseRows[i] = Math.max(1, CardinalityEstimator.estimate(relations.get(i)));
            relationBindings.add(new HashSet<>(relations.get(i).bindings()));
            leafPredicates.add(new ArrayList<>());
        }
        for (BoundExpr p : predicates) {
            int mask = maskOf(p);
            if (mask == 0) {
                constantPredicates.add(p);
            } else if (Integer.bitCount(mask) == 1) {
                leafPredicates.get(Integer.numberOfTrailingZeros(mask)).add(p);
            } else {
                joinPredicates.add(p);
                predicateMasks.add(mask);
                selectivities.add(selectivity(p));
            }
        }
        int subsets = 1 << n;
        rows = new double[subsets];
        cost = new double[subsets];
        bestSplit = new int[subsets];
        crossProduct = new boolean[subsets];
        enumerate();
    }

    private int maskOf(BoundExpr p) {
        int mask = 0;
        for (ColumnBinding b : BoundExprs.referencedBindings(p)) {
            for (int i = 0; i < n; i++) {
                if (relationBindings.get(i).contains(b)) {
                    mask |= 1 << i;
                    break;
                }
            }
        }
        return mask;
    }

    /** 1/max(ndv) for an equi-join between two relations' columns; a fixed guess otherwise. */
    private double selectivity(BoundExpr p) {
        if (p instanceof BoundComparison c && (c.op() == ComparisonOp.EQ || c.op() == ComparisonOp.NOT_DISTINCT_FROM)) {
            double l = distinct(c.left());
            double r = distinct(c.right());
            return 1.0 / Math.max(1, Math.max(l, r));
        }
        return 0.33;
    }

    private double distinct(BoundExpr e) {
        int mask = maskOf(e);
        if (Integer.bitCount(mask) != 1) return 1;
        int rel = Integer.numberOfTrailingZeros(mask);
        if (e instanceof BoundColumnRef) {
            return CardinalityEstimator.distinctEstimate(e, relations.get(rel), baseRows[rel]);
        }
        return baseRows[rel];
    }

    private void enumerate() {
        int full = (1 << n) - 1;
        for (int s = 1; s <= full; s++) {
            rows[s] = Math.max(1, estimateRows(s));
            if (Integer.bitCount(s) == 1) {
                cost[s] = 0;
                continue;
            }
            double best = Double.MAX_VALUE;
            int split = 0;
            int bestRank = Integer.MAX_VALUE;
            // Each unordered split once: s1 contains the lowest relation of s.
            int low = s & -s;
            for (int s1 = (s - 1) & s; s1 > 0; s1 = (s1 - 1) & s) {
                if ((s1 & low) == 0) continue;
                int s2 = s & ~s1;
                boolean connected = connects(s1, s2);
                // splits are ranked before their cost: first those without a large cross product
                // anywhere below, then connected ones (C_out alone cannot tell a 216,000-row cross
                // product of two dimensions, joined to the facts on both keys, from joining the
                // facts with one dimension after the other: both end with the same row count)
                boolean large = crossProduct[s1] || crossProduct[s2] || (!connected && rows[s] > MAX_CROSS_PRODUCT_ROWS);
                int rank = (large ? 2 : 0) + (connected ? 0 : 1);
                double c = cost[s1] + cost[s2] + rows[s];
                if (rank < bestRank || (rank == bestRank && c < best)) {
                    bestRank = rank;
                    best = c;
                    split = s1;
                }
            }
            cost[s] = best;
            bestSplit[s] = split;
            crossProduct[s] = bestRank >= 2;
        }
    }

    /**
     * Rows of the join of subset {@code s}: the product of its relations' sizes and of its
     * predicates' selectivities. Several equalities between the same two relations usually form
     * one composite key (lineitem ⋈ partsupp on partkey and suppkey), whose columns are correlated:
     * multiplying their selectivities would estimate almost no rows. Their combined selectivity is
     * therefore never taken below 1/min(|A|,|B|), what a key/foreign-key join on them yields.
     */
    private double estimateRows(int s) {
        double r = 1;
        for (int i = 0; i < n; i++) if ((s & (1 << i)) != 0) r *= baseRows[i];
        java.util.Map<Integer, double[]> pairs = new java.util.HashMap<>();
        for (int p = 0; p < predicateMasks.size(); p++) {
            int m = predicateMasks.get(p);
            if ((m & s) != m) continue;
            if (Integer.bitCount(m) == 2) {
                double[] acc = pairs.computeIfAbsent(m, k -> new double[]{1, 0});
                acc[0] *= selectivities.get(p);
                acc[1]++;
            } else {
                r *= selectivities.get(p);
            }
        }
        for (var e : pairs.entrySet()) {
            double sel = e.getValue()[0];
            if (e.getValue()[1] > 1) {
                int m = e.getKey();
                int a = Integer.numberOfTrailingZeros(m);
                int b = Integer.numberOfTrailingZeros(m & ~(1 << a));
                sel = Math.max(sel, 1.0 / Math.max(1, Math.min(baseRows[a], baseRows[b])));
            }
            r *= sel;
        }
        return r;
    }

    private boolean connects(int s1, int s2) {
        int both = s1 | s2;
        for (int m : predicateMasks) {
            if ((m & both) == m && (m & s1) != 0 && (m & s2) != 0) return true;
        }
        return false;
    }

    LogicalOperator best() {
        LogicalOperator plan = build((1 << n) - 1);
        return constantPredicates.isEmpty() ? plan : new LogicalFilter(List.copyOf(constantPredicates), plan);
    }

    private LogicalOperator build(int s) {
        if (Integer.bitCount(s) == 1) {
            int i = Integer.numberOfTrailingZeros(s);
            LogicalOperator leaf = relations.get(i);
            List<BoundExpr> own = leafPredicates.get(i);
            return own.isEmpty() ? leaf : new LogicalFilter(List.copyOf(own), leaf);
        }
        int s1 = bestSplit[s];
        int s2 = s & ~s1;
        // Larger input probes, smaller input builds the hash table.
        int probe = rows[s1] >= rows[s2] ? s1 : s2;
        int build = probe == s1 ? s2 : s1;
        LogicalOperator left = build(probe);
        LogicalOperator right = build(build);
        Set<ColumnBinding> leftBindings = bindingsOf(probe);
        Set<ColumnBinding> rightBindings = bindingsOf(build);
        List<JoinCondition> conditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (int p = 0; p < joinPredicates.size(); p++) {
            int m = predicateMasks.get(p);
            if ((m & s) != m || (m & s1) == m || (m & s2) == m) continue;
            BoundExpr pred = joinPredicates.get(p);
            JoinCondition jc = FilterPushdown.asJoinCondition(pred, leftBindings, rightBindings);
            if (jc != null) conditions.add(jc);
            else residual.add(pred);
        }
        return new LogicalJoin(JoinType.INNER, left, right, conditions, BoundExprs.and(residual));
    }

    private Set<ColumnBinding> bindingsOf(int s) {
        Set<ColumnBinding> out = new HashSet<>();
        for (int i = 0; i < n; i++) if ((s & (1 << i)) != 0) out.addAll(relationBindings.get(i));
        return out;
    }
}
