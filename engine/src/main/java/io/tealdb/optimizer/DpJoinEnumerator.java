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

import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * Per join predicate: its equivalence class (an equality of two columns of one type, see
     * {@link #addImpliedEqualities}), or -1.
     */
    private final List<Integer> predicateClass = new ArrayList<>();
    /** Number of predicates written in the query; those after them are implied by transitivity. */
    private int writtenPredicates;
    private boolean hasClasses;
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
        addImpliedEqualities();
        int subsets = 1 << n;
        rows = new double[subsets];
        cost = new double[subsets];
        bestSplit = new int[subsets];
        crossProduct = new boolean[subsets];
        enumerate();
    }

    /**
     * Equalities implied by transitivity: {@code a = b AND b = c} lets {@code a}'s and {@code c}'s
     * relations join directly. TPC-H Q9 writes part, partsupp and supplier each equal to lineitem's
     * keys only, so without {@code p_partkey = ps_partkey} the 42,656 matching partsupp rows could
     * not be joined before lineitem: every order joined lineitem first and then built hash tables
     * over all of partsupp and orders (DuckDB joins through the same equivalence sets). Only
     * equalities of two plain columns of the same non-floating type take part (their equality is
     * transitive; NULL never satisfies any of them). An implied equality connects relations and
     * counts in row estimates only where the written ones do not already make its columns equal
     * ({@link #redundant}).
     */
    private void addImpliedEqualities() {
        writtenPredicates = joinPredicates.size();
        Map<ColumnBinding, ColumnBinding> parent = new HashMap<>();
        Map<ColumnBinding, BoundColumnRef> refs = new LinkedHashMap<>();
        boolean[] eligible = new boolean[writtenPredicates];
        for (int p = 0; p < writtenPredicates; p++) {
            predicateClass.add(-1);
            if (joinPredicates.get(p) instanceof BoundComparison c && c.op() == ComparisonOp.EQ
                    && c.left() instanceof BoundColumnRef l && c.right() instanceof BoundColumnRef r
                    && l.depth() == 0 && r.depth() == 0 && l.type().equals(r.type()) && transitiveType(l.type())
                    && Integer.bitCount(predicateMasks.get(p)) == 2) {
                eligible[p] = true;
                refs.putIfAbsent(l.binding(), l);
                refs.putIfAbsent(r.binding(), r);
                ColumnClasses.union(parent, l.binding(), r.binding());
            }
        }
        if (refs.size() < 3) return;
        hasClasses = true;
        // class ids, and the predicates of each class
        Map<ColumnBinding, Integer> classIds = new HashMap<>();
        for (ColumnBinding b : refs.keySet()) classIds.putIfAbsent(ColumnClasses.find(parent, b), classIds.size());
        for (int p = 0; p < writtenPredicates; p++) {
            if (eligible[p]) {
                BoundColumnRef l = (BoundColumnRef) ((BoundComparison) joinPredicates.get(p)).left();
                predicateClass.set(p, classIds.get(ColumnClasses.find(parent, l.binding())));
            }
        }
        // per class, one column per relation; join every pair of relations the written ones do not
        Map<Integer, Map<Integer, BoundColumnRef>> members = new LinkedHashMap<>();
        for (BoundColumnRef ref : refs.values()) {
            int cls = classIds.get(ColumnClasses.find(parent, ref.binding()));
            int rel = Integer.numberOfTrailingZeros(maskOf(ref));
            members.computeIfAbsent(cls, k -> new LinkedHashMap<>()).putIfAbsent(rel, ref);
        }
        for (var e : members.entrySet()) {
            List<BoundColumnRef> cols = new ArrayList<>(e.getValue().values());
            for (int i = 0; i < cols.size(); i++) {
                for (int j = i + 1; j < cols.size(); j++) {
                    int mask = maskOf(cols.get(i)) | maskOf(cols.get(j));
                    if (Integer.bitCount(mask) != 2 || directlyJoined(e.getKey(), mask)) continue;
                    BoundExpr implied = new BoundComparison(ComparisonOp.EQ, cols.get(i), cols.get(j));
                    joinPredicates.add(implied);
                    predicateMasks.add(mask);
                    selectivities.add(selectivity(implied));
                    predicateClass.add(e.getKey());
                }
            }
        }
    }

    private boolean directlyJoined(int cls, int mask) {
        for (int p = 0; p < joinPredicates.size(); p++) {
            if (predicateClass.get(p) == cls && predicateMasks.get(p) == mask) return true;
        }
        return false;
    }

    private static boolean transitiveType(LogicalType t) {
        return switch (t.physical()) {
            case INT8, INT16, INT32, INT64, INT128 -> true;
            default -> false;
        };
    }

    /**
     * Which of the class equalities among {@code candidates} add nothing: their two columns are
     * already equal through the predicates of {@code given} (all of whose columns are equal in the
     * input) or through earlier candidates (written ones first). Others are never redundant.
     */
    private boolean[] redundant(List<Integer> given, List<Integer> candidates) {
        boolean[] out = new boolean[joinPredicates.size()];
        if (!hasClasses) return out;
        Map<ColumnBinding, ColumnBinding> parent = new HashMap<>();
        for (int p : given) {
            if (predicateClass.get(p) >= 0) {
                BoundComparison c = (BoundComparison) joinPredicates.get(p);
                ColumnClasses.union(parent, ((BoundColumnRef) c.left()).binding(), ((BoundColumnRef) c.right()).binding());
            }
        }
        for (int p : candidates) {
            if (predicateClass.get(p) < 0) continue;
            BoundComparison c = (BoundComparison) joinPredicates.get(p);
            ColumnBinding l = ((BoundColumnRef) c.left()).binding();
            ColumnBinding r = ((BoundColumnRef) c.right()).binding();
            if (ColumnClasses.find(parent, l).equals(ColumnClasses.find(parent, r))) {
                out[p] = true;
            } else {
                ColumnClasses.union(parent, l, r);
            }
        }
        return out;
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
        List<Integer> inside = new ArrayList<>();
        for (int p = 0; p < predicateMasks.size(); p++) {
            int m = predicateMasks.get(p);
            if ((m & s) == m) inside.add(p);
        }
        boolean[] redundant = redundant(List.of(), inside);
        Map<Integer, double[]> pairs = new HashMap<>();
        for (int p : inside) {
            int m = predicateMasks.get(p);
            if (redundant[p]) continue;
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
        // the equalities applied below make their columns equal here; a crossing one they (or an
        // earlier crossing one) imply is not a join key of its own
        List<Integer> below = new ArrayList<>();
        List<Integer> crossing = new ArrayList<>();
        for (int p = 0; p < joinPredicates.size(); p++) {
            int m = predicateMasks.get(p);
            if ((m & s) != m) continue;
            ((m & s1) == m || (m & s2) == m ? below : crossing).add(p);
        }
        boolean[] redundant = redundant(below, crossing);
        for (int p : crossing) {
            if (redundant[p]) continue;
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
