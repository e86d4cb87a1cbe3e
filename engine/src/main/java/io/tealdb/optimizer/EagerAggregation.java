package io.tealdb.optimizer;

import io.tealdb.function.AggregateFunction;
import io.tealdb.planner.LogicalPlans;
import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.types.PhysicalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Eager aggregation (Yan &amp; Larson's "eager group-by"): an aggregate over an inner equi-join whose
 * aggregates all read one side (the facts) and whose groups include columns of the other side (a
 * dimension) is computed in two steps — first on the fact side alone, grouped by its join keys
 * and its own group columns, then, after the join, by the original groups, folding the partial
 * results ({@link AggregateFunction#resultCombiner}). TPC-DS Q04/Q11/Q74 group half a million
 * store_sales rows of a year by seven string columns of customer: grouped by
 * {@code (ss_customer_sk, d_year)} first, only 38K rows reach the join and the string grouping —
 * DuckDB's plans show the same split (its partial aggregate pushdown).
 *
 * <p>Correct for an inner join: a fact row meets the same dimension rows whether it is joined alone
 * or inside its group (the group shares the join keys), so every sum, min and max over the joined
 * rows is the fold of the groups' partial results. It pays only when the partial groups are far
 * fewer than the fact rows, which the rule judges as DuckDB does: at most one group column besides
 * the join keys, a fact side at least four times the dimension side (more than the dimension when
 * the groups hold its strings), and a join that keeps most fact
 * rows (a selective dimension filter would otherwise be applied after the work, not before).
 * Runs after join ordering, which decides which join sits directly below the aggregate.
 *
 * <p>A LEFT join whose NULL-supplied side holds the facts splits the same way (TPC-H Q13: count of
 * each customer's orders, DuckDB's plan too): the partial groups are the build side, and an outer
 * row without match meets a NULL partial, which the combiners skip (a count's counts it as 0, as the
 * count over the NULL-extended row does). There it pays even when the groups are the join key
 * alone, since the join would otherwise build on every fact row; the dimension must be unfiltered.
 */
final class EagerAggregation implements OptimizerRule {
    /** The fact side must be at least this many times the dimension side. */
    private static final double MIN_FACT_TO_DIMENSION = 4;
    /**
     * The same below a LEFT join, whose hash table holds every fact row otherwise: grouping them
     * first pays as soon as the groups are clearly fewer than the facts.
     */
    private static final double MIN_FACT_TO_DIMENSION_OUTER = 2;
    /**
     * The same when the groups include a string column of the dimension: grouping every joined row
     * by strings (hashing and comparing them) costs several times the integer-keyed partial
     * grouping, so splitting pays once the facts outnumber the dimension. TPC-DS Q04/Q11/Q74 group
     * a year of catalog or web sales (estimated 140,000-280,000 rows after the date filter) by
     * seven string columns of the 100,000 customers: at the 4x bar those references grouped every
     * sale by the strings (0.5 s each), the others by customer key first (0.04 s).
     */
    private static final double MIN_FACT_TO_DIMENSION_STRING_GROUPS = 1;
    /** The join must keep at least this share of the fact side's rows. */
    private static final double MIN_JOIN_RETENTION = 0.7;
    /** Partial groups beyond the join keys. */
    private static final int MAX_EXTRA_GROUPS = 1;

    private int nextTableIndex;

    @Override
    public String name() {
        return "eager_aggregation";
    }

    @Override
    public LogicalOperator apply(LogicalOperator plan) {
        nextTableIndex = SubqueryUnnesting.maxTableIndex(plan) + 1;
        return LogicalPlans.transform(plan, op -> {
            if (!(op instanceof LogicalAggregate a)) return op;
            LogicalOperator rewritten = rewrite(a);
            if (rewritten == null) {
                LogicalOperator sunk = sinkFilteringJoin(a.child(), referenced(a));
                if (sunk != null) rewritten = rewrite(withChild(a, sunk));
            }
            return rewritten == null ? op : rewritten;
        });
    }

    /**
     * {@code (F ⋈ D) ⋈ R} as {@code (F ⋈ R) ⋈ D} when R only filters (the aggregate reads none of its
     * columns) and its join conditions read F alone: TPC-DS Q22 joins inventory with item, then with
     * the dates of a year, and groups by item's strings; with the dates joined first, the join below
     * the aggregate is the one with the dimension the groups come from. Null when not of that shape.
     */
    private static LogicalOperator sinkFilteringJoin(LogicalOperator child, Set<ColumnBinding> used) {
        if (!(child instanceof LogicalJoin top) || top.type() != JoinType.INNER || top.residual() != null || top.conditions().isEmpty()
                || !(top.left() instanceof LogicalJoin inner) || inner.type() != JoinType.INNER || inner.conditions().isEmpty()) {
            return null;
        }
        Set<ColumnBinding> filtering = new HashSet<>(top.right().bindings());
        for (ColumnBinding b : used) if (filtering.contains(b)) return null;
        Set<ColumnBinding> conditionRefs = new HashSet<>();
        for (JoinCondition c : top.conditions()) {
            conditionRefs.addAll(BoundExprs.referencedBindings(c.left()));
            conditionRefs.addAll(BoundExprs.referencedBindings(c.right()));
        }
        conditionRefs.removeAll(filtering);
        for (int side = 0; side < 2; side++) {
            LogicalOperator target = side == 0 ? inner.left() : inner.right();
            if (!new HashSet<>(target.bindings()).containsAll(conditionRefs)) continue;
            LogicalOperator filtered = new LogicalJoin(JoinType.INNER, target, top.right(), top.conditions(), null);
            return side == 0 ? new LogicalJoin(inner.type(), filtered, inner.right(), inner.conditions(), inner.residual(), inner.markIndex())
                    : new LogicalJoin(inner.type(), inner.left(), filtered, inner.conditions(), inner.residual(), inner.markIndex());
        }
        return null;
    }

    /** The bindings the aggregate's groups and arguments read. */
    private static Set<ColumnBinding> referenced(LogicalAggregate a) {
        Set<ColumnBinding> out = new HashSet<>();
        for (BoundExpr g : a.groups()) out.addAll(BoundExprs.referencedBindings(g));
        for (BoundAggregate agg : a.aggregates()) {
            for (BoundExpr arg : agg.args()) out.addAll(BoundExprs.referencedBindings(arg));
            if (agg.filter() != null) out.addAll(BoundExprs.referencedBindings(agg.filter()));
        }
        return out;
    }

    private static LogicalAggregate withChild(LogicalAggregate a, LogicalOperator child) {
        return new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), a.groups(), a.aggregates(), a.groupingSets(), a.groupingIndex(), child);
    }

    private LogicalOperator rewrite(LogicalAggregate a) {
        if (a.groups().isEmpty() || a.aggregates().isEmpty()) return null;
        if (!(a.child() instanceof LogicalJoin j) || (j.type() != JoinType.INNER && j.type() != JoinType.LEFT)
                || j.residual() != null || j.conditions().isEmpty()) {
            return null;
        }
        boolean outer = j.type() == JoinType.LEFT;
        Set<Integer> left = tables(j.left());
        Set<Integer> right = tables(j.right());
        // the side every aggregate reads
        Boolean factLeft = null;
        // per aggregate: the partial aggregates below the join and the combiner of their results above it
        List<AggregateFunction> combiners = new ArrayList<>();
        List<List<AggregateFunction>> partials = new ArrayList<>();
        for (BoundAggregate agg : a.aggregates()) {
            if (agg.distinct() || agg.filter() != null || !agg.orderBy().isEmpty() || agg.args().size() != 1) return null;
            AggregateFunction combiner = agg.function().resultCombiner();
            List<AggregateFunction> parts = List.of(agg.function());
            if (combiner == null && agg.function().partials() != null) {
                combiner = agg.function().partialsCombiner();
                parts = agg.function().partials();
            }
            if (combiner == null || !combiner.returnType().equals(agg.type())) return null;
            partials.add(parts);
            Boolean side = side(agg.args().get(0), left, right);
            if (side == null || (factLeft != null && !factLeft.equals(side))) return null;
            if (BoundExprs.hasSideEffectsOrVolatile(agg.args().get(0))) return null;
            factLeft = side;
            combiners.add(combiner);
        }
        boolean isLeft = factLeft;
        // LEFT: the facts must be the NULL-supplied (right) side; the preserved side is the dimension
        if (outer && isLeft) return null;
        LogicalOperator fact = isLeft ? j.left() : j.right();
        LogicalOperator dimension = isLeft ? j.right() : j.left();
        Set<Integer> factTables = isLeft ? left : right;
        if (containsAggregate(fact)) return null;
        // lower groups: the fact side's join keys, then its own group columns
        List<BoundExpr> lowerGroups = new ArrayList<>();
        List<ColumnBinding> lowerKeys = new ArrayList<>();
        for (JoinCondition c : j.conditions()) {
            if (c.op() != ComparisonOp.EQ) return null;
            if (!((isLeft ? c.left() : c.right()) instanceof BoundColumnRef key) || key.depth() != 0) return null;
            if (!lowerKeys.contains(key.binding())) {
                lowerKeys.add(key.binding());
                lowerGroups.add(key);
            }
        }
        int keyCount = lowerGroups.size();
        boolean dimensionGroup = false;
        boolean stringDimensionGroup = false;
        for (BoundExpr g : a.groups()) {
            if (!(g instanceof BoundColumnRef ref) || ref.depth() != 0) return null;
            if (factTables.contains(ref.binding().tableIndex())) {
                if (!lowerKeys.contains(ref.binding())) {
                    lowerKeys.add(ref.binding());
                    lowerGroups.add(ref);
                }
            } else {
                dimensionGroup = true;
                stringDimensionGroup |= ref.type().physical() == PhysicalType.VARLEN;
            }
        }
        // an inner join grouped by the dimension's key alone is left to the join (its build side then
        // is the small dimension); a LEFT join builds on the facts, so aggregating them first pays
        if (!dimensionGroup || (!outer && lowerGroups.size() >= a.groups().size()) || lowerGroups.size() > keyCount + MAX_EXTRA_GROUPS) {
            return null;
        }
        double factRows = CardinalityEstimator.estimate(fact);
        double dimensionRows = CardinalityEstimator.estimate(dimension);
        double minRatio = outer ? MIN_FACT_TO_DIMENSION_OUTER
                : stringDimensionGroup ? MIN_FACT_TO_DIMENSION_STRING_GROUPS : MIN_FACT_TO_DIMENSION;
        if (factRows < minRatio * dimensionRows) return null;
        if (outer) {
            // an unfiltered dimension keeps (nearly) every fact row whose key it references
            if (!unfiltered(dimension)) return null;
        } else if (CardinalityEstimator.estimate(j) < MIN_JOIN_RETENTION * factRows) {
            return null;
        }

        int lowerGroupIndex = nextTableIndex++;
        int lowerAggregateIndex = nextTableIndex++;
        List<BoundAggregate> lowerAggregates = new ArrayList<>();
        for (int i = 0; i < a.aggregates().size(); i++) {
            BoundAggregate agg = a.aggregates().get(i);
            for (AggregateFunction f : partials.get(i)) lowerAggregates.add(new BoundAggregate(f, agg.args(), false, null, List.of()));
        }
        LogicalAggregate lower = new LogicalAggregate(lowerGroupIndex, lowerAggregateIndex, List.copyOf(lowerGroups),
                lowerAggregates, fact);
        Map<ColumnBinding, BoundExpr> toLower = new HashMap<>();
        for (int i = 0; i < lowerGroups.size(); i++) {
            BoundExpr g = lowerGroups.get(i);
            toLower.put(lowerKeys.get(i), new BoundColumnRef(new ColumnBinding(lowerGroupIndex, i), g.type(),
                    ((BoundColumnRef) g).name(), 0));
        }
        // the partial groups are usually fewer than the dimension's rows (and narrower): they become
        // the build side then, and the dimension's (string) columns stream through the probe
        double lowerRows = 1;
        for (BoundExpr g : lowerGroups) lowerRows *= Math.max(1, CardinalityEstimator.distinctEstimate(g, fact, factRows));
        // (a LEFT join keeps the dimension on its preserved left side, the partial groups on the build side)
        boolean lowerBuilds = outer || Math.min(lowerRows, factRows) <= dimensionRows;
        List<JoinCondition> conditions = new ArrayList<>();
        for (JoinCondition c : j.conditions()) {
            BoundExpr factKey = BoundExprs.substitute(isLeft ? c.left() : c.right(), toLower);
            BoundExpr dimensionKey = isLeft ? c.right() : c.left();
            conditions.add(lowerBuilds ? new JoinCondition(dimensionKey, c.op(), factKey) : new JoinCondition(factKey, c.op(), dimensionKey));
        }
        LogicalJoin join = new LogicalJoin(j.type(), lowerBuilds ? dimension : lower, lowerBuilds ? lower : dimension, conditions, null, j.markIndex());
        List<BoundExpr> groups = new ArrayList<>();
        for (BoundExpr g : a.groups()) groups.add(BoundExprs.substitute(g, toLower));
        List<BoundAggregate> aggregates = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < a.aggregates().size(); i++) {
            List<BoundExpr> args = new ArrayList<>();
            for (AggregateFunction f : partials.get(i)) {
                args.add(new BoundColumnRef(new ColumnBinding(lowerAggregateIndex, next), f.returnType(), "partial" + next, 0));
                next++;
            }
            aggregates.add(new BoundAggregate(combiners.get(i), args, false, null, List.of()));
        }
        // grouping sets fold the same partial results per set (ROLLUP of TPC-DS Q22 over item's strings)
        return new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), groups, aggregates, a.groupingSets(), a.groupingIndex(), join);
    }

    /** A base table read whole: a scan without filters, maybe under projections of its columns. */
    private static boolean unfiltered(LogicalOperator op) {
        return switch (op) {
            case LogicalGet g -> g.filters().isEmpty();
            case LogicalProjection p -> unfiltered(p.child());
            default -> false;
        };
    }

    private static Set<Integer> tables(LogicalOperator op) {
        Set<Integer> out = new HashSet<>();
        for (ColumnBinding b : op.bindings()) out.add(b.tableIndex());
        return out;
    }

    /** TRUE when {@code e} reads only left columns, FALSE only right ones, null otherwise (both, none, outer). */
    private static Boolean side(BoundExpr e, Set<Integer> left, Set<Integer> right) {
        boolean[] seen = new boolean[3]; // left, right, other
        io.tealdb.planner.BoundExprs.visit(e, n -> {
            if (n instanceof BoundColumnRef c) {
                if (c.depth() != 0) seen[2] = true;
                else if (left.contains(c.binding().tableIndex())) seen[0] = true;
                else if (right.contains(c.binding().tableIndex())) seen[1] = true;
                else seen[2] = true;
            }
        });
        if (seen[2] || seen[0] == seen[1]) return null;
        return seen[0];
    }

    private static boolean containsAggregate(LogicalOperator op) {
        if (op instanceof LogicalAggregate) return true;
        for (LogicalOperator c : op.children()) if (containsAggregate(c)) return true;
        return false;
    }
}
