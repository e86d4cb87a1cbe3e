package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;

import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalEmptyResult;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalSetOperation;

import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pushes filter conjuncts as far down as they can go: through projections and sorts, below
 * aggregates when they only touch group keys, into both sides of set operations, into scans, and
 * into joins — where a comparison between the two sides becomes a join condition. That last step
 * is what turns {@code FROM a, b WHERE a.x = b.y} from a cross product into a hash join. A conjunct
 * that is false for every row ({@link ConstantPredicates}, e.g. {@code 'c' = 's'} once pushed into a
 * UNION ALL branch that tags its rows with {@code 'c'}) replaces the subtree by an empty result.
 *
 * <p>Example: {@code Filter(a.x = b.y AND a.z > 1, Join(INNER, Get a, Get b))} becomes
 * {@code Join(INNER, Get a [filter z > 1], Get b, a.x = b.y)}.
 */
public final class FilterPushdown implements OptimizerRule {
    @Override
    public String name() {
        return "filter_pushdown";
    }

    @Override
    public LogicalOperator apply(LogicalOperator plan) {
        return push(plan, new ArrayList<>());
    }

    private LogicalOperator push(LogicalOperator op, List<BoundExpr> pushed) {
        List<BoundExpr> filters = pushed;
        if (!pushed.isEmpty()) {
            // a conjunct that is false for every row empties op's output; one that is true drops out
            List<BoundExpr> varying = new ArrayList<>(pushed.size());
            for (BoundExpr pushedConjunct : pushed) {
                BoundExpr e = ConstantPredicates.simplify(pushedConjunct);
                switch (ConstantPredicates.evaluate(e)) {
                    case NEVER -> {
                        return new LogicalEmptyResult(op.bindings(), op.types());
                    }
                    case ALWAYS -> { }
                    case UNKNOWN -> varying.addAll(BoundExprs.conjuncts(e));
                }
            }
            filters = varying;
        }
        return pushInto(op, filters);
    }

    private LogicalOperator pushInto(LogicalOperator op, List<BoundExpr> filters) {
        return switch (op) {
            case LogicalFilter f -> {
                for (BoundExpr c : f.conditions()) filters.addAll(CommonConjuncts.factor(c));
                yield push(f.child(), filters);
            }
            case LogicalGet g -> {
                if (filters.isEmpty()) yield g;
                List<BoundExpr> scanFilters = new ArrayList<>(g.filters());
                List<BoundExpr> above = new ArrayList<>();
                for (BoundExpr e : filters) {
                    if (movable(e)) scanFilters.add(e);
                    else above.add(e);
                }
                yield wrap(new LogicalGet(g.tableIndex(), g.table(), g.columnIds(), scanFilters), above);
            }
            case io.tealdb.planner.logical.LogicalTableFunction t when t.function().supportsProjection() && !filters.isEmpty() -> {
                // offered as hints (row group / file skipping); the filter itself stays above
                List<BoundExpr> hints = new ArrayList<>(t.filters());
                for (BoundExpr e : filters) if (movable(e) && !hints.contains(e)) hints.add(e);
                yield wrap(new io.tealdb.planner.logical.LogicalTableFunction(t.tableIndex(), t.function(), t.names(), t.columnTypes(),
                        t.columnIds(), List.copyOf(hints)), filters);
            }
            case LogicalProjection p -> pushThroughProjection(p, filters);
            case LogicalJoin j -> pushIntoJoin(j, filters);
            case LogicalAggregate a -> pushThroughAggregate(a, filters);
            case LogicalOrder o -> new LogicalOrder(o.orders(), push(o.child(), filters));
            case LogicalDistinct d when d.onKeys().isEmpty() -> new LogicalDistinct(d.onKeys(), d.orders(), push(d.child(), filters));
            case LogicalSetOperation s -> pushIntoSetOperation(s, filters);
            default -> wrap(LogicalPlans.mapChildren(op, c -> push(c, new ArrayList<>())), filters);
        };
    }

    /** Filters that may be evaluated at another place in the plan than where they were written. */
    private static boolean movable(BoundExpr e) {
        return !BoundExprs.hasSideEffectsOrVolatile(e);
    }

    private static LogicalOperator wrap(LogicalOperator op, List<BoundExpr> filters) {
        return filters.isEmpty() ? op : new LogicalFilter(List.copyOf(filters), op);
    }

    private LogicalOperator pushThroughProjection(LogicalProjection p, List<BoundExpr> filters) {
        Map<ColumnBinding, BoundExpr> defs = new HashMap<>();
        List<ColumnBinding> bindings = p.bindings();
        for (int i = 0; i < bindings.size(); i++) defs.put(bindings.get(i), p.expressions().get(i));
        List<BoundExpr> below = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr e : filters) {
            BoundExpr substituted = BoundExprs.substitute(e, defs);
            if (movable(e) && movable(substituted) && defs.keySet().containsAll(BoundExprs.referencedBindings(e))) {
                below.add(substituted);
            } else {
                above.add(e);
            }
        }
        return wrap(new LogicalProjection(p.tableIndex(), p.expressions(), push(p.child(), below)), above);
    }

    private LogicalOperator pushThroughAggregate(LogicalAggregate a, List<BoundExpr> filters) {
        List<BoundExpr> below = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        Map<ColumnBinding, BoundExpr> groupDefs = new HashMap<>();
        for (int i = 0; i < a.groups().size(); i++) groupDefs.put(new ColumnBinding(a.groupIndex(), i), a.groups().get(i));
        for (BoundExpr e : filters) {
            Set<ColumnBinding> refs = BoundExprs.referencedBindings(e);
            // With grouping sets a group column may be NULL in some sets, so the filter can't move below.
            if (a.groupingSets() == null && !refs.isEmpty() && groupDefs.keySet().containsAll(refs) && movable(e)) {
                below.add(BoundExprs.substitute(e, groupDefs));
            } else {
                above.add(e);
                // an OR whose every branch restricts group keys implies the OR of those restrictions,
                // which may go below (TPC-DS Q04's shared CTE: (d_year = 2001 AND sum > 0) OR d_year = 2002)
                BoundExpr implied = a.groupingSets() == null && movable(e) ? CommonConjuncts.impliedOn(e, groupDefs.keySet()) : null;
                if (implied != null) {
                    BoundExpr substituted = BoundExprs.substitute(implied, groupDefs);
                    if (!below.contains(substituted)) below.add(substituted);
                }
            }
        }
        LogicalAggregate rebuilt = new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), a.groups(), a.aggregates(),
                a.groupingSets(), a.groupingIndex(), push(a.child(), below));
        return wrap(rebuilt, above);
    }

    private LogicalOperator pushIntoSetOperation(LogicalSetOperation s, List<BoundExpr> filters) {
        List<BoundExpr> movableFilters = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr e : filters) (movable(e) ? movableFilters : above).add(e);
        LogicalOperator left = push(s.left(), remap(movableFilters, s, s.left()));
        LogicalOperator right = push(s.right(), remap(movableFilters, s, s.right()));
        return wrap(new LogicalSetOperation(s.tableIndex(), s.kind(), s.all(), left, right, s.types()), above);
    }

    private static List<BoundExpr> remap(List<BoundExpr> filters, LogicalSetOperation s, LogicalOperator child) {
        if (filters.isEmpty()) return List.of();
        Map<ColumnBinding, BoundExpr> defs = new HashMap<>();
        List<ColumnBinding> outer = s.bindings();
        List<ColumnBinding> inner = child.bindings();
        List<LogicalType> types = child.types(); // computed per call by most operators: once, not per column
        for (int i = 0; i < outer.size(); i++) {
            defs.put(outer.get(i), new BoundColumnRef(inner.get(i), types.get(i), "#" + i));
        }
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr e : filters) out.add(BoundExprs.substitute(e, defs));
        return out;
    }

    private LogicalOperator pushIntoJoin(LogicalJoin j, List<BoundExpr> filters) {
        LogicalOperator lowered = lowerScalarSubqueryJoin(j, filters);
        if (lowered != null) return push(lowered, filters);
        Set<ColumnBinding> leftBindings = new HashSet<>(j.left().bindings());
        Set<ColumnBinding> rightBindings = new HashSet<>(j.right().bindings());
        List<BoundExpr> toLeft = new ArrayList<>();
        List<BoundExpr> toRight = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();

        if (j.type() != JoinType.INNER) {
            JoinType simpler = OuterJoinSimplification.simplify(j, filters);
            if (simpler != j.type()) return pushIntoJoin(new LogicalJoin(simpler, j.left(), j.right(), j.conditions(), j.residual(), j.markIndex()), filters);
        }
        if (j.type() == JoinType.INNER) {
            List<BoundExpr> all = new ArrayList<>(filters);
            for (JoinCondition c : j.conditions()) all.add(new BoundComparison(c.op(), c.left(), c.right()));
            if (j.residual() != null) all.addAll(BoundExprs.conjuncts(j.residual()));
            // an outer join below whose padded side's NULLs these predicates reject is an inner one
            j = new LogicalJoin(j.type(), OuterJoinSimplification.simplifyChild(j.left(), all),
                    OuterJoinSimplification.simplifyChild(j.right(), all), j.conditions(), j.residual(), j.markIndex());
            List<JoinCondition> conditions = new ArrayList<>();
            List<BoundExpr> residual = new ArrayList<>();
            for (BoundExpr e : all) {
                if (!movable(e)) {
                    above.add(e);
                    continue;
                }
                Set<ColumnBinding> refs = BoundExprs.referencedBindings(e);
                if (leftBindings.containsAll(refs)) {
                    toLeft.add(e);
                } else if (rightBindings.containsAll(refs)) {
                    toRight.add(e);
                } else {
                    JoinCondition jc = asJoinCondition(e, leftBindings, rightBindings);
                    if (jc != null) conditions.add(jc);
                    else residual.add(e);
                }
            }
            LogicalJoin joined = new LogicalJoin(JoinType.INNER, push(j.left(), toLeft), push(j.right(), toRight),
                    conditions, BoundExprs.and(residual), j.markIndex());
            return wrap(joined, above);
        }

        // Outer, semi, anti, mark and single joins: only some filters commute with the join.
        boolean leftPreserved = j.type() == JoinType.LEFT || j.type() == JoinType.SEMI || j.type() == JoinType.ANTI
                || j.type() == JoinType.MARK || j.type() == JoinType.SINGLE;
        for (BoundExpr e : filters) {
            Set<ColumnBinding> refs = BoundExprs.referencedBindings(e);
            if (movable(e) && !refs.isEmpty() && leftBindings.containsAll(refs) && (leftPreserved || j.type() == JoinType.INNER)) {
                toLeft.add(e);
            } else if (movable(e) && !refs.isEmpty() && rightBindings.containsAll(refs) && j.type() == JoinType.RIGHT) {
                toRight.add(e);
            } else {
                above.add(e);
            }
        }
        // Conjuncts of the join's own predicate that touch only the non-preserved side restrict which
        // rows can match, so they may filter that input directly.
        List<BoundExpr> residual = new ArrayList<>();
        if (j.residual() != null) {
            for (BoundExpr e : BoundExprs.conjuncts(j.residual())) {
                Set<ColumnBinding> refs = BoundExprs.referencedBindings(e);
                if (movable(e) && !refs.isEmpty() && leftPreserved && rightBindings.containsAll(refs)) {
                    toRight.add(e);
                } else if (movable(e) && !refs.isEmpty() && j.type() == JoinType.RIGHT && leftBindings.containsAll(refs)) {
                    toLeft.add(e);
                } else {
                    residual.add(e);
                }
            }
        }
        // a filter on the preserved side's join key also holds for every row that side can match
        if (j.type() == JoinType.LEFT || j.type() == JoinType.SEMI) {
            toRight.addAll(transferred(toLeft, j.conditions(), true, rightBindings));
        } else if (j.type() == JoinType.RIGHT) {
            toLeft.addAll(transferred(toRight, j.conditions(), false, leftBindings));
        }
        LogicalJoin rebuilt = new LogicalJoin(j.type(), push(j.left(), toLeft), push(j.right(), toRight),
                j.conditions(), BoundExprs.and(residual), j.markIndex());
        return wrap(rebuilt, above);
    }

    /**
     * Filters for the other input of a LEFT/SEMI (from the left) or RIGHT (from the right) join,
     * implied by filters on one key column of the preserved input: with {@code l.k = r.k} as a
     * condition, {@code P(l.k)} on every preserved row means a row of the other input can match only
     * if {@code P(r.k)}, so rows without it may be dropped before the join. TPC-DS Q78 reads three
     * channels' per-year aggregates through LEFT joins on the year and filters the store year; the
     * web and catalog aggregates then compute that year only (DuckDB pushes the same filter). Not for
     * ANTI and MARK joins, whose NOT IN / IN semantics depend on the NULLs of the other input.
     */
    private static List<BoundExpr> transferred(List<BoundExpr> filters, List<JoinCondition> conditions, boolean fromLeft,
                                               Set<ColumnBinding> otherSide) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr e : filters) {
            Set<ColumnBinding> refs = BoundExprs.referencedBindings(e);
            if (refs.size() != 1 || !movable(e)) continue;
            ColumnBinding b = refs.iterator().next();
            for (JoinCondition c : conditions) {
                BoundExpr from = fromLeft ? c.left() : c.right();
                BoundExpr to = fromLeft ? c.right() : c.left();
                if (c.op() != io.tealdb.planner.expression.ComparisonOp.EQ || !(from instanceof BoundColumnRef ref)
                        || ref.depth() != 0 || !ref.binding().equals(b) || !to.type().equals(from.type()) || !movable(to)
                        || !otherSide.containsAll(BoundExprs.referencedBindings(to)) || BoundExprs.referencedBindings(to).isEmpty()) {
                    continue;
                }
                BoundExpr implied = BoundExprs.substitute(e, Map.of(b, to));
                if (!out.contains(implied)) out.add(implied);
            }
        }
        return out;
    }

    /**
     * An uncorrelated scalar subquery is a SINGLE join without conditions on top of the whole FROM
     * (its one row, or NULLs, is appended to every row). When a filter compares it with columns of
     * one relation of the inner joins below, e.g. TPC-DS Q06's
     * {@code d.d_month_seq = (SELECT DISTINCT d_month_seq FROM date_dim WHERE ...)}, the SINGLE join
     * moves down onto that relation, and with it the filter: the relation is filtered before the
     * joins (31 date_dim rows instead of all of store_sales joined first, as DuckDB plans it).
     * Appending a one-row input commutes with inner joins, so the result is the same.
     *
     * @return the rewritten join tree, or null if nothing moved
     */
    private static LogicalOperator lowerScalarSubqueryJoin(LogicalJoin j, List<BoundExpr> filters) {
        if (j.type() != JoinType.SINGLE || !j.conditions().isEmpty() || j.residual() != null
                || !(j.left() instanceof LogicalJoin inner) || inner.type() != JoinType.INNER) {
            return null;
        }
        Set<ColumnBinding> subquery = new HashSet<>(j.right().bindings());
        for (BoundExpr e : filters) {
            Set<ColumnBinding> refs = BoundExprs.referencedBindings(e);
            Set<ColumnBinding> rest = new HashSet<>(refs);
            rest.removeAll(subquery);
            if (!movable(e) || rest.size() == refs.size() || rest.isEmpty()) continue;
            LogicalOperator lowered = lowerInto(inner, j, rest);
            if (lowered != null) return lowered;
        }
        return null;
    }

    /** {@code op} with {@code single}'s subquery joined onto the inner-join input covering {@code refs}, or null. */
    private static LogicalOperator lowerInto(LogicalJoin op, LogicalJoin single, Set<ColumnBinding> refs) {
        LogicalOperator left = op.left();
        LogicalOperator right = op.right();
        if (new HashSet<>(left.bindings()).containsAll(refs)) {
            left = lowerOnto(left, single, refs);
        } else if (new HashSet<>(right.bindings()).containsAll(refs)) {
            right = lowerOnto(right, single, refs);
        } else {
            return null;
        }
        return new LogicalJoin(op.type(), left, right, op.conditions(), op.residual(), op.markIndex());
    }

    private static LogicalOperator lowerOnto(LogicalOperator child, LogicalJoin single, Set<ColumnBinding> refs) {
        if (child instanceof LogicalJoin c && c.type() == JoinType.INNER) {
            LogicalOperator deeper = lowerInto(c, single, refs);
            if (deeper != null) return deeper;
        }
        return new LogicalJoin(JoinType.SINGLE, child, single.right(), List.of(), null, single.markIndex());
    }

    /** {@code l op r} with one side over the left input and the other over the right, else null. */
    static JoinCondition asJoinCondition(BoundExpr e, Set<ColumnBinding> left, Set<ColumnBinding> right) {
        if (!(e instanceof BoundComparison c)) return null;
        Set<ColumnBinding> l = BoundExprs.referencedBindings(c.left());
        Set<ColumnBinding> r = BoundExprs.referencedBindings(c.right());
        if (l.isEmpty() || r.isEmpty()) return null;
        if (left.containsAll(l) && right.containsAll(r)) return new JoinCondition(c.left(), c.op(), c.right());
        if (right.containsAll(l) && left.containsAll(r)) return new JoinCondition(c.right(), c.op().flip(), c.left());
        return null;
    }
}
