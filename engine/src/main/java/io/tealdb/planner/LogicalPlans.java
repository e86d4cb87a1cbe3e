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
            case io.tealdb.planner.logical.LogicalExpand x -> x.rows().forEach(out::addAll);
            case LogicalWindow w -> out.addAll(w.windows());
            case io.tealdb.planner.logical.LogicalUnnest u -> out.addAll(u.lists());
            case LogicalLimit l -> {
            }
            case LogicalSample l -> {
            }
            case io.tealdb.planner.logical.LogicalPositionalJoin p -> {
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
        return transform(op, o -> mapOwnExpressions(o, fn));
    }

    /**
     * Rebuilds {@code op} with {@code f} applied to each expression it holds itself (its children
     * untouched). Aggregate and window calls are passed whole and must stay aggregates/windows.
     */
    public static LogicalOperator mapOwnExpressions(LogicalOperator op, java.util.function.UnaryOperator<BoundExpr> f) {
        return switch (op) {
            case LogicalGet g -> new LogicalGet(g.tableIndex(), g.table(), g.columnIds(), map(g.filters(), f));
            case LogicalValues v -> {
                List<List<BoundExpr>> rows = new ArrayList<>();
                for (List<BoundExpr> r : v.rows()) rows.add(map(r, f));
                yield new LogicalValues(v.tableIndex(), v.types(), rows);
            }
            case LogicalTableFunction t -> t;
            case LogicalEmptyResult e -> e;
            case io.tealdb.planner.logical.LogicalCteRef r -> r;
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> r;
            case io.tealdb.planner.logical.LogicalExpand x -> {
                List<List<BoundExpr>> rows = new ArrayList<>();
                for (List<BoundExpr> r : x.rows()) rows.add(map(r, f));
                yield new io.tealdb.planner.logical.LogicalExpand(x.tableIndex(), rows, x.types(), x.child());
            }
            case LogicalFilter fl -> new LogicalFilter(map(fl.conditions(), f), fl.child());
            case LogicalProjection p -> new LogicalProjection(p.tableIndex(), map(p.expressions(), f), p.child());
            case LogicalAggregate a -> {
                List<BoundAggregate> aggs = new ArrayList<>();
                for (BoundAggregate agg : a.aggregates()) {
                    aggs.add((BoundAggregate) f.apply(agg));
                }
                yield new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), map(a.groups(), f), aggs,
                        a.groupingSets(), a.groupingIndex(), a.child());
            }
            case LogicalJoin j -> new LogicalJoin(j.type(), j.left(), j.right(), mapConditions(j.conditions(), f),
                    j.residual() == null ? null : f.apply(j.residual()), j.markIndex());
            case LogicalDependentJoin j -> {
                List<BoundColumnRef> corr = new ArrayList<>();
                for (BoundColumnRef r : j.correlated()) corr.add(f.apply(r) instanceof BoundColumnRef m ? m : r);
                yield new LogicalDependentJoin(j.type(), j.left(), j.right(), corr, mapConditions(j.conditions(), f),
                        j.residual() == null ? null : f.apply(j.residual()), j.markIndex());
            }
            case LogicalOrder o -> new LogicalOrder(mapOrders(o.orders(), f), o.child());
            case LogicalLimit l -> l;
            case LogicalSample l -> l;
            case io.tealdb.planner.logical.LogicalPositionalJoin p -> p;
            case LogicalTopN t -> new LogicalTopN(mapOrders(t.orders(), f), t.limit(), t.offset(), t.child());
            case LogicalSetOperation s -> s;
            case LogicalWindow w -> {
                List<BoundWindow> ws = new ArrayList<>();
                for (BoundWindow bw : w.windows()) ws.add((BoundWindow) f.apply(bw));
                yield new LogicalWindow(w.tableIndex(), ws, w.child());
            }
            case LogicalDistinct d -> new LogicalDistinct(map(d.onKeys(), f), mapOrders(d.orders(), f), d.child());
            case io.tealdb.planner.logical.LogicalUnnest u -> new io.tealdb.planner.logical.LogicalUnnest(u.tableIndex(), map(u.lists(), f), u.child());
        };
    }

    /** The same operator over new children (same arity). */
    public static LogicalOperator withChildren(LogicalOperator op, List<LogicalOperator> c) {
        return switch (op) {
            case LogicalGet g -> g;
            case LogicalValues v -> v;
            case LogicalTableFunction t -> t;
            case LogicalEmptyResult e -> e;
            case io.tealdb.planner.logical.LogicalCteRef r -> r;
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> new io.tealdb.planner.logical.LogicalRecursiveCte(
                    r.tableIndex(), r.cteIndex(), r.all(), c.get(0), c.get(1), r.types());
            case LogicalFilter f -> new LogicalFilter(f.conditions(), c.get(0));
            case io.tealdb.planner.logical.LogicalExpand x -> new io.tealdb.planner.logical.LogicalExpand(x.tableIndex(),
                    x.rows(), x.types(), c.get(0));
            case LogicalProjection p -> new LogicalProjection(p.tableIndex(), p.expressions(), c.get(0));
            case LogicalAggregate a -> new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), a.groups(), a.aggregates(),
                    a.groupingSets(), a.groupingIndex(), c.get(0));
            case LogicalJoin j -> new LogicalJoin(j.type(), c.get(0), c.get(1), j.conditions(), j.residual(), j.markIndex());
            case LogicalDependentJoin j -> new LogicalDependentJoin(j.type(), c.get(0), c.get(1), j.correlated(),
                    j.conditions(), j.residual(), j.markIndex());
            case LogicalOrder o -> new LogicalOrder(o.orders(), c.get(0));
            case LogicalLimit l -> new LogicalLimit(l.limit(), l.offset(), c.get(0));
            case LogicalSample l -> new LogicalSample(l.sample(), c.get(0));
            case io.tealdb.planner.logical.LogicalPositionalJoin p -> new io.tealdb.planner.logical.LogicalPositionalJoin(c.get(0), c.get(1));
            case LogicalTopN t -> new LogicalTopN(t.orders(), t.limit(), t.offset(), c.get(0));
            case LogicalSetOperation s -> new LogicalSetOperation(s.tableIndex(), s.kind(), s.all(), c.get(0), c.get(1), s.types());
            case LogicalWindow w -> new LogicalWindow(w.tableIndex(), w.windows(), c.get(0));
            case LogicalDistinct d -> new LogicalDistinct(d.onKeys(), d.orders(), c.get(0));
            case io.tealdb.planner.logical.LogicalUnnest u -> new io.tealdb.planner.logical.LogicalUnnest(u.tableIndex(), u.lists(), c.get(0));
        };
    }

    /** Applies {@code f} to every child of {@code op} and rebuilds it. */
    public static LogicalOperator mapChildren(LogicalOperator op, java.util.function.UnaryOperator<LogicalOperator> f) {
        List<LogicalOperator> children = op.children();
        if (children.isEmpty()) return op;
        // every rewrite walks the tree through here: a cancel reaches a long optimization (deep plans
        // of nested subqueries take seconds) at its next operator
        io.tealdb.memory.StatementGuard.check();
        List<LogicalOperator> out = new ArrayList<>(children.size());
        boolean changed = false;
        for (LogicalOperator child : children) {
            LogicalOperator n = f.apply(child);
            changed |= n != child;
            out.add(n);
        }
        return changed ? withChildren(op, out) : op;
    }

    /** Applies {@code f} bottom-up to every operator. */
    public static LogicalOperator transform(LogicalOperator op, java.util.function.UnaryOperator<LogicalOperator> f) {
        return f.apply(mapChildren(op, c -> transform(c, f)));
    }

    /** Calls {@code sink} with every expression the operator itself holds (not its children's). */
    public static void forEachExpression(LogicalOperator op, java.util.function.Consumer<BoundExpr> sink) {
        switch (op) {
            case LogicalGet g -> g.filters().forEach(sink);
            case LogicalValues v -> v.rows().forEach(r -> r.forEach(sink));
            case LogicalTableFunction t -> {
            }
            case LogicalEmptyResult e -> {
            }
            case io.tealdb.planner.logical.LogicalCteRef r -> {
            }
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> {
            }
            case LogicalFilter f -> f.conditions().forEach(sink);
            case io.tealdb.planner.logical.LogicalExpand x -> x.rows().forEach(r -> r.forEach(sink));
            case io.tealdb.planner.logical.LogicalUnnest u -> u.lists().forEach(sink);
            case LogicalProjection p -> p.expressions().forEach(sink);
            case LogicalAggregate a -> {
                a.groups().forEach(sink);
                for (BoundAggregate agg : a.aggregates()) sink.accept(agg);
            }
            case LogicalJoin j -> {
                for (JoinCondition jc : j.conditions()) {
                    sink.accept(jc.left());
                    sink.accept(jc.right());
                }
                if (j.residual() != null) sink.accept(j.residual());
            }
            case LogicalDependentJoin j -> {
                for (JoinCondition jc : j.conditions()) {
                    sink.accept(jc.left());
                    sink.accept(jc.right());
                }
                if (j.residual() != null) sink.accept(j.residual());
                j.correlated().forEach(sink);
            }
            case LogicalOrder o -> o.orders().forEach(x -> sink.accept(x.expr()));
            case LogicalLimit l -> {
            }
            case LogicalSample l -> {
            }
            case io.tealdb.planner.logical.LogicalPositionalJoin p -> {
            }
            case LogicalTopN t -> t.orders().forEach(x -> sink.accept(x.expr()));
            case LogicalSetOperation s -> {
            }
            case LogicalWindow w -> {
                for (BoundWindow bw : w.windows()) sink.accept(bw);
            }
            case LogicalDistinct d -> {
                d.onKeys().forEach(sink);
                for (BoundOrder o : d.orders()) sink.accept(o.expr());
            }
        }
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

    /**
     * Puts {@code levels} scope levels between {@code plan} and the queries around it: references
     * that point outside the plan (depth &gt; nesting) get that much deeper. Used when a CTE body,
     * bound against the scope of its WITH, is inlined at a reference site nested deeper than that.
     */
    public static LogicalOperator addScopeLevels(LogicalOperator plan, int levels) {
        return levels == 0 ? plan : deepen(plan, 0, levels);
    }

    private static LogicalOperator deepen(LogicalOperator plan, int nesting, int levels) {
        return mapExpressions(plan, e -> BoundExprs.rewrite(e, n -> {
            if (n instanceof BoundColumnRef c && c.depth() > nesting) {
                return new BoundColumnRef(c.binding(), c.type(), c.name(), c.depth() + levels);
            }
            if (n instanceof BoundSubquery s) {
                BoundExpr left = s.left() == null ? null : BoundExprs.rewrite(s.left(), m -> m instanceof BoundColumnRef c && c.depth() > nesting
                        ? new BoundColumnRef(c.binding(), c.type(), c.name(), c.depth() + levels) : null);
                return new BoundSubquery(s.kind(), deepen(s.plan(), nesting + 1, levels), left, s.op(), s.type());
            }
            return null;
        }));
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

    /**
     * Whether a non-recursive CTE body may be computed once for all its references: it reads no
     * column of an enclosing query and no recursive CTE's working table, its rows are not ordered
     * or limited at the top (a reference may rely on that order), and it does real work — an
     * aggregate, window, join, DISTINCT or set operation — that recomputing per reference would repeat
     * (a filtered scan is cheaper inlined, where each reference's filters reach the scan), unless it
     * is a UNION ALL at the top (see below), or {@code requested} (AS MATERIALIZED).
     */
    public static boolean materializable(LogicalOperator plan, boolean requested) {
        LogicalOperator top = plan;
        while (top instanceof LogicalProjection p) top = p.child();
        if (top instanceof io.tealdb.planner.logical.LogicalOrder || top instanceof io.tealdb.planner.logical.LogicalLimit
                || top instanceof io.tealdb.planner.logical.LogicalTopN) {
            return false;
        }
        // A UNION ALL at the top is usually read one branch per reference (TPC-DS Q04/Q11/Q74 tag
        // their sales channels with a literal and each reference filters one): inlined, the filter
        // empties the other branches (constant-false pruning), which beats computing all of them once.
        // Shared, the OR of the references' filters (folded per branch) gives each branch just the
        // years its references read, yet Q04 took 1.27x and Q11 1.6x the inlined plan's CPU time
        // (loaded, 2026-12-07): materializing 152K rows of seven strings and filtering them per
        // reference costs more than the second scan of each sales table it saves.
        if (!requested && top instanceof LogicalSetOperation s && s.all()) return false;
        boolean[] work = new boolean[1];
        return selfContained(plan, 1, work) && (work[0] || requested);
    }

    private static boolean selfContained(LogicalOperator op, int level, boolean[] work) {
        switch (op) {
            case io.tealdb.planner.logical.LogicalCteRef r -> {
                return r.definition() != null;
            }
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> work[0] = true;
            case LogicalAggregate a -> work[0] = true;
            case io.tealdb.planner.logical.LogicalWindow w -> work[0] = true;
            case io.tealdb.planner.logical.LogicalJoin j -> work[0] = true;
            case io.tealdb.planner.logical.LogicalDistinct d -> work[0] = true;
            case LogicalSetOperation s -> work[0] = true;
            default -> {
            }
        }
        for (BoundExpr e : expressions(op)) {
            if (!selfContained(e, level, work)) return false;
        }
        for (LogicalOperator child : op.children()) {
            if (!selfContained(child, level, work)) return false;
        }
        return true;
    }

    private static boolean selfContained(BoundExpr e, int level, boolean[] work) {
        boolean[] ok = {true};
        BoundExprs.visit(e, n -> {
            if (n instanceof BoundColumnRef c && c.depth() >= level) {
                ok[0] = false;
            } else if (n instanceof BoundSubquery s && !selfContained(s.plan(), level + 1, work)) {
                ok[0] = false;
            }
        });
        return ok[0];
    }
}
