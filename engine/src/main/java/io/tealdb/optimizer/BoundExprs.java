package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundCase;
import io.tealdb.planner.expression.BoundCast;
import io.tealdb.planner.expression.BoundCoalesce;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundFunction;
import io.tealdb.planner.expression.BoundInList;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.expression.BoundNot;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.BoundParameter;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.ColumnBinding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Generic walks over bound expressions used by several rules. */
public final class BoundExprs {
    private BoundExprs() {
    }

    /** Rebuilds {@code e} with {@code f} applied to each direct child expression (not into subquery plans). */
    public static BoundExpr mapChildren(BoundExpr e, UnaryOperator<BoundExpr> f) {
        return switch (e) {
            case BoundColumnRef c -> c;
            case BoundConstant c -> c;
            case BoundParameter p -> p;
            case BoundFunction fn -> new BoundFunction(fn.function(), map(fn.args(), f));
            case BoundCast c -> new BoundCast(f.apply(c.child()), c.type(), c.tryCast());
            case BoundComparison c -> new BoundComparison(c.op(), f.apply(c.left()), f.apply(c.right()));
            case BoundConjunction c -> new BoundConjunction(c.and(), map(c.children(), f));
            case BoundNot n -> new BoundNot(f.apply(n.child()));
            case BoundIsNull n -> new BoundIsNull(f.apply(n.child()), n.negated());
            case BoundCase c -> new BoundCase(map(c.conditions(), f), map(c.results(), f), f.apply(c.elseResult()), c.type());
            case BoundCoalesce c -> new BoundCoalesce(map(c.args(), f), c.type());
            case BoundInList in -> new BoundInList(f.apply(in.value()), map(in.list(), f), in.negated());
            case BoundSubquery s -> new BoundSubquery(s.kind(), s.plan(), s.left() == null ? null : f.apply(s.left()), s.op(), s.type());
            case BoundAggregate a -> new BoundAggregate(a.function(), map(a.args(), f), a.distinct(),
                    a.filter() == null ? null : f.apply(a.filter()), mapOrders(a.orderBy(), f));
            case BoundWindow w -> new BoundWindow(w.name(), w.aggregate(), map(w.args(), f), map(w.partitions(), f),
                    mapOrders(w.orders(), f), mapFrame(w.frame(), f), w.ignoreNulls(), w.distinct(),
                    w.filter() == null ? null : f.apply(w.filter()), w.type(), mapOrders(w.argOrders(), f));
        };
    }

    /** The frame's offset expressions are children too (ROWS BETWEEN (SELECT 1) PRECEDING ...). */
    private static io.tealdb.planner.expression.WindowFrame mapFrame(io.tealdb.planner.expression.WindowFrame fr,
                                                                     UnaryOperator<BoundExpr> f) {
        if (fr == null) return null;
        return new io.tealdb.planner.expression.WindowFrame(fr.mode(),
                fr.startOffset() == null ? null : f.apply(fr.startOffset()), fr.startPreceding(),
                fr.endOffset() == null ? null : f.apply(fr.endOffset()), fr.endPreceding(), fr.exclude());
    }

    /** Applies {@code f} bottom-up to every node of {@code e}. */
    public static BoundExpr transform(BoundExpr e, UnaryOperator<BoundExpr> f) {
        return f.apply(mapChildren(e, c -> transform(c, f)));
    }

    public static List<BoundExpr> map(List<BoundExpr> list, UnaryOperator<BoundExpr> f) {
        List<BoundExpr> out = new ArrayList<>(list.size());
        for (BoundExpr e : list) out.add(f.apply(e));
        return out;
    }

    public static List<BoundOrder> mapOrders(List<BoundOrder> orders, UnaryOperator<BoundExpr> f) {
        List<BoundOrder> out = new ArrayList<>(orders.size());
        for (BoundOrder o : orders) out.add(new BoundOrder(f.apply(o.expr()), o.ascending(), o.nullsFirst()));
        return out;
    }

    /** Direct children of {@code e} (not into subquery plans). */
    public static List<BoundExpr> children(BoundExpr e) {
        List<BoundExpr> out = new ArrayList<>();
        mapChildren(e, c -> {
            out.add(c);
            return c;
        });
        return out;
    }

    /** Bindings of the current query level (depth 0) that {@code e} references. */
    public static Set<ColumnBinding> referencedBindings(BoundExpr e) {
        Set<ColumnBinding> out = new HashSet<>();
        collectBindings(e, out);
        return out;
    }

    public static void collectBindings(BoundExpr e, Set<ColumnBinding> out) {
        if (e instanceof BoundColumnRef c) {
            if (c.depth() == 0) out.add(c.binding());
            return;
        }
        for (BoundExpr child : children(e)) collectBindings(child, out);
    }

    /** True if {@code e} contains something that must not be moved or evaluated speculatively. */
    public static boolean hasSideEffectsOrVolatile(BoundExpr e) {
        if (e instanceof BoundFunction f && !f.function().deterministic()) return true;
        if (e instanceof BoundSubquery || e instanceof BoundAggregate || e instanceof BoundWindow) return true;
        for (BoundExpr c : children(e)) if (hasSideEffectsOrVolatile(c)) return true;
        return false;
    }

    /** True if e references only the given bindings (and at least... nothing required). */
    public static boolean refersOnlyTo(BoundExpr e, Collection<ColumnBinding> bindings) {
        return bindings.containsAll(referencedBindings(e));
    }

    /** Replaces column references by the mapped expressions (used to push through projections/aggregates). */
    public static BoundExpr substitute(BoundExpr e, Map<ColumnBinding, BoundExpr> replacements) {
        return transform(e, x -> x instanceof BoundColumnRef c && c.depth() == 0 && replacements.containsKey(c.binding())
                ? replacements.get(c.binding()) : x);
    }

    /** Splits nested ANDs into a flat list of conjuncts. */
    public static List<BoundExpr> conjuncts(BoundExpr e) {
        List<BoundExpr> out = new ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(BoundExpr e, List<BoundExpr> out) {
        if (e instanceof BoundConjunction c && c.and()) {
            for (BoundExpr child : c.children()) addConjuncts(child, out);
        } else {
            out.add(e);
        }
    }

    /** AND of the given conjuncts; null for none. */
    public static BoundExpr and(List<BoundExpr> conjuncts) {
        if (conjuncts.isEmpty()) return null;
        if (conjuncts.size() == 1) return conjuncts.get(0);
        return new BoundConjunction(true, List.copyOf(conjuncts));
    }
}
