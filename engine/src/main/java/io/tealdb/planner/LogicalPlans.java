package io.tealdb.planner;

import io.tealdb.planner.expression.*;
import io.tealdb.planner.logical.*;

import java.util.ArrayList;
import java.util.List;

/** Helpers over logical plans: the expressions an operator holds, correlated columns of a subplan. */
public final class LogicalPlans {
    private LogicalPlans() {
    }

    /** The expressions held directly by {@code op} (not its children). */
    public static List<BoundExpr> expressions(LogicalOperator op) {
        List<BoundExpr> out = new ArrayList<>();
        switch (op) {
            case LogicalGet g -> out.addAll(g.filters());
            case LogicalFilter f -> out.addAll(f.conditions());
            case LogicalProjection p -> out.addAll(p.expressions());
            case LogicalAggregate a -> {
                out.addAll(a.groups());
                out.addAll(a.aggregates());
            }
            case LogicalJoin j -> {
                for (JoinCondition c : j.conditions()) {
                    out.add(c.left());
                    out.add(c.right());
                }
                if (j.residual() != null) out.add(j.residual());
            }
            case LogicalDependentJoin j -> {
                for (JoinCondition c : j.conditions()) {
                    out.add(c.left());
                    out.add(c.right());
                }
                if (j.residual() != null) out.add(j.residual());
            }
            case LogicalOrder o -> o.orders().forEach(x -> out.add(x.expr()));
            case LogicalTopN t -> t.orders().forEach(x -> out.add(x.expr()));
            case LogicalDistinct d -> {
                out.addAll(d.onKeys());
                d.orders().forEach(x -> out.add(x.expr()));
            }
            case LogicalValues v -> v.rows().forEach(out::addAll);
            case LogicalWindow w -> out.addAll(w.windows());
            case LogicalLimit l -> {
            }
            case LogicalSetOperation s -> {
            }
            case LogicalTableFunction t -> {
            }
            case LogicalEmptyResult e -> {
            }
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> {
            }
            case io.tealdb.planner.logical.LogicalCteRef r -> {
            }
        }
        return out;
    }

    /**
     * Rebuilds {@code op} and its subtree with every expression mapped by {@code fn} (applied to
     * whole expressions; use {@link BoundExprs#rewrite} inside {@code fn} to reach subexpressions).
     */
    public static LogicalOperator mapExpressions(LogicalOperator op, java.util.function.UnaryOperator<BoundExpr> fn) {
        return switch (op) {
            case LogicalGet g -> new LogicalGet(g.tableIndex(), g.table(), g.columnIds(), map(g.filters(), fn));
            case LogicalFilter f -> new LogicalFilter(map(f.conditions(), fn), mapExpressions(f.child(), fn));
            case LogicalProjection p -> new LogicalProjection(p.tableIndex(), map(p.expressions(), fn), mapExpressions(p.child(), fn));
            case LogicalAggregate a -> {
                List<BoundAggregate> aggs = new ArrayList<>();
                for (BoundAggregate x : a.aggregates()) aggs.add((BoundAggregate) fn.apply(x));
                yield new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), map(a.groups(), fn), aggs, a.groupingSets(),
                        a.groupingIndex(), mapExpressions(a.child(), fn));
            }
            case LogicalJoin j -> new LogicalJoin(j.type(), mapExpressions(j.left(), fn), mapExpressions(j.right(), fn),
                    mapConditions(j.conditions(), fn), j.residual() == null ? null : fn.apply(j.residual()), j.markIndex());
            case LogicalDependentJoin j -> new LogicalDependentJoin(j.type(), mapExpressions(j.left(), fn), mapExpressions(j.right(), fn),
                    j.correlated(), mapConditions(j.conditions(), fn), j.residual() == null ? null : fn.apply(j.residual()), j.markIndex());
            case LogicalOrder o -> new LogicalOrder(mapOrders(o.orders(), fn), mapExpressions(o.child(), fn));
            case LogicalTopN t -> new LogicalTopN(mapOrders(t.orders(), fn), t.limit(), t.offset(), mapExpressions(t.child(), fn));
            case LogicalLimit l -> new LogicalLimit(l.limit(), l.offset(), mapExpressions(l.child(), fn));
            case LogicalSetOperation s -> new LogicalSetOperation(s.tableIndex(), s.kind(), s.all(), mapExpressions(s.left(), fn),
                    mapExpressions(s.right(), fn), s.types());
            case LogicalValues v -> {
                List<List<BoundExpr>> rows = new ArrayList<>();
                for (List<BoundExpr> r : v.rows()) rows.add(map(r, fn));
                yield new LogicalValues(v.tableIndex(), v.types(), rows);
            }
            case LogicalTableFunction t -> t;
            case LogicalWindow w -> {
                List<BoundWindow> ws = new ArrayList<>();
                for (BoundWindow x : w.windows()) ws.add((BoundWindow) fn.apply(x));
                yield new LogicalWindow(w.tableIndex(), ws, mapExpressions(w.child(), fn));
            }
            case LogicalEmptyResult e -> e;
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> new io.tealdb.planner.logical.LogicalRecursiveCte(
                    r.tableIndex(), r.cteIndex(), r.all(), mapExpressions(r.anchor(), fn), mapExpressions(r.recursive(), fn), r.types());
            case io.tealdb.planner.logical.LogicalCteRef r -> r;
            case LogicalDistinct d -> new LogicalDistinct(map(d.onKeys(), fn), mapOrders(d.orders(), fn), mapExpressions(d.child(), fn));
        };
    }

    private static List<BoundExpr> map(List<BoundExpr> list, java.util.function.UnaryOperator<BoundExpr> fn) {
        List<BoundExpr> out = new ArrayList<>(list.size());
        for (BoundExpr e : list) out.add(fn.apply(e));
        return out;
    }

    private static List<BoundOrder> mapOrders(List<BoundOrder> list, java.util.function.UnaryOperator<BoundExpr> fn) {
        List<BoundOrder> out = new ArrayList<>(list.size());
        for (BoundOrder o : list) out.add(new BoundOrder(fn.apply(o.expr()), o.ascending(), o.nullsFirst()));
        return out;
    }

    private static List<JoinCondition> mapConditions(List<JoinCondition> list, java.util.function.UnaryOperator<BoundExpr> fn) {
        List<JoinCondition> out = new ArrayList<>(list.size());
        for (JoinCondition c : list) out.add(new JoinCondition(fn.apply(c.left()), c.op(), fn.apply(c.right())));
        return out;
    }

    /**
     * Removes one scope level between {@code plan} and the queries around it: references that point
     * beyond that level (depth &gt;= nesting + 2) get one level shallower. Used when a join side was
     * bound as LATERAL but turned out not to reference the left side.
     */
    public static LogicalOperator removeScopeLevel(LogicalOperator plan) {
        return shift(plan, 0);
    }

    private static LogicalOperator shift(LogicalOperator plan, int nesting) {
        return mapExpressions(plan, e -> BoundExprs.rewrite(e, n -> {
            if (n instanceof BoundColumnRef c && c.depth() >= nesting + 2) {
                return new BoundColumnRef(c.binding(), c.type(), c.name(), c.depth() - 1);
            }
            if (n instanceof BoundSubquery s) {
                BoundExpr left = s.left() == null ? null : BoundExprs.rewrite(s.left(), m -> m instanceof BoundColumnRef c && c.depth() >= nesting + 2
                        ? new BoundColumnRef(c.binding(), c.type(), c.name(), c.depth() - 1) : null);
                return new BoundSubquery(s.kind(), shift(s.plan(), nesting + 1), left, s.op(), s.type());
            }
            return null;
        }));
    }

    /** Column references of {@code plan} that point outside it (one level up), without duplicates. */
    public static List<BoundColumnRef> correlatedColumns(LogicalOperator plan) {
        List<BoundColumnRef> out = new ArrayList<>();
        collect(plan, 1, out);
        return out;
    }

    private static void collect(LogicalOperator op, int level, List<BoundColumnRef> out) {
        for (BoundExpr e : expressions(op)) collect(e, level, out);
        for (LogicalOperator child : op.children()) collect(child, level, out);
    }

    private static void collect(BoundExpr e, int level, List<BoundColumnRef> out) {
        BoundExprs.visit(e, n -> {
            if (n instanceof BoundColumnRef c && c.depth() == level) {
                BoundColumnRef r = new BoundColumnRef(c.binding(), c.type(), c.name(), 1);
                if (out.stream().noneMatch(x -> x.binding().equals(r.binding()))) out.add(r);
            } else if (n instanceof BoundSubquery s) {
                collect(s.plan(), level + 1, out);
            }
        });
    }
}
