package io.tealdb.planner;

import io.tealdb.planner.expression.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/** Generic helpers over bound expressions: top-down rewriting, visiting and structural equality. */
public final class BoundExprs {
    private BoundExprs() {
    }

    /**
     * Rewrites {@code e} top-down: where {@code replace} returns non-null, that node is substituted
     * (and not descended into); otherwise children are rewritten. Subquery plans are not entered.
     */
    public static BoundExpr rewrite(BoundExpr e, Function<BoundExpr, BoundExpr> replace) {
        if (e == null) return null;
        BoundExpr r = replace.apply(e);
        if (r != null) return r;
        return switch (e) {
            case BoundColumnRef c -> c;
            case BoundConstant c -> c;
            case BoundParameter p -> p;
            case BoundFunction f -> new BoundFunction(f.function(), rewriteAll(f.args(), replace));
            case BoundCast c -> new BoundCast(rewrite(c.child(), replace), c.type(), c.tryCast());
            case BoundComparison c -> new BoundComparison(c.op(), rewrite(c.left(), replace), rewrite(c.right(), replace));
            case BoundConjunction c -> new BoundConjunction(c.and(), rewriteAll(c.children(), replace));
            case BoundNot n -> new BoundNot(rewrite(n.child(), replace));
            case BoundIsNull n -> new BoundIsNull(rewrite(n.child(), replace), n.negated());
            case BoundCase c -> new BoundCase(rewriteAll(c.conditions(), replace), rewriteAll(c.results(), replace),
                    rewrite(c.elseResult(), replace), c.type());
            case BoundCoalesce c -> new BoundCoalesce(rewriteAll(c.args(), replace), c.type());
            case BoundInList in -> new BoundInList(rewrite(in.value(), replace), rewriteAll(in.list(), replace), in.negated());
            case BoundSubquery s -> new BoundSubquery(s.kind(), s.plan(), rewrite(s.left(), replace), s.op(), s.type());
            case BoundAggregate a -> new BoundAggregate(a.function(), rewriteAll(a.args(), replace), a.distinct(),
                    rewrite(a.filter(), replace), rewriteOrders(a.orderBy(), replace));
            case BoundWindow w -> new BoundWindow(w.name(), w.aggregate(), rewriteAll(w.args(), replace),
                    rewriteAll(w.partitions(), replace), rewriteOrders(w.orders(), replace), rewriteFrame(w.frame(), replace),
                    w.ignoreNulls(), w.distinct(), rewrite(w.filter(), replace), w.type(), rewriteOrders(w.argOrders(), replace));
        };
    }

    public static List<BoundExpr> rewriteAll(List<BoundExpr> list, Function<BoundExpr, BoundExpr> replace) {
        List<BoundExpr> out = new ArrayList<>(list.size());
        for (BoundExpr e : list) out.add(rewrite(e, replace));
        return out;
    }

    public static List<BoundOrder> rewriteOrders(List<BoundOrder> list, Function<BoundExpr, BoundExpr> replace) {
        List<BoundOrder> out = new ArrayList<>(list.size());
        for (BoundOrder o : list) out.add(new BoundOrder(rewrite(o.expr(), replace), o.ascending(), o.nullsFirst()));
        return out;
    }

    private static WindowFrame rewriteFrame(WindowFrame f, Function<BoundExpr, BoundExpr> replace) {
        if (f == null) return null;
        return new WindowFrame(f.mode(), rewrite(f.startOffset(), replace), f.startPreceding(),
                rewrite(f.endOffset(), replace), f.endPreceding(), f.exclude());
    }

    /** Visits every node of {@code e} (pre-order), not entering subquery plans. */
    public static void visit(BoundExpr e, Consumer<BoundExpr> visitor) {
        rewrite(e, node -> {
            visitor.accept(node);
            return null;
        });
    }

    /** Structural equality that compares functions by signature rather than by kernel identity. */
    public static boolean same(BoundExpr a, BoundExpr b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        return switch (a) {
            case BoundColumnRef x -> b instanceof BoundColumnRef y && x.binding().equals(y.binding()) && x.depth() == y.depth();
            case BoundConstant x -> b instanceof BoundConstant y && x.value().type().equals(y.value().type())
                    && valueEquals(x.value().object(), y.value().object());
            case BoundParameter x -> x.equals(b);
            case BoundFunction x -> b instanceof BoundFunction y && x.function().name().equals(y.function().name())
                    && x.function().argumentTypes().equals(y.function().argumentTypes())
                    && x.function().returnType().equals(y.function().returnType())
                    && x.function().deterministic() && sameAll(x.args(), y.args());
            case BoundCast x -> b instanceof BoundCast y && x.type().equals(y.type()) && x.tryCast() == y.tryCast()
                    && same(x.child(), y.child());
            case BoundComparison x -> b instanceof BoundComparison y && x.op() == y.op() && same(x.left(), y.left())
                    && same(x.right(), y.right());
            case BoundConjunction x -> b instanceof BoundConjunction y && x.and() == y.and() && sameAll(x.children(), y.children());
            case BoundNot x -> b instanceof BoundNot y && same(x.child(), y.child());
            case BoundIsNull x -> b instanceof BoundIsNull y && x.negated() == y.negated() && same(x.child(), y.child());
            case BoundCase x -> b instanceof BoundCase y && x.type().equals(y.type()) && sameAll(x.conditions(), y.conditions())
                    && sameAll(x.results(), y.results()) && same(x.elseResult(), y.elseResult());
            case BoundCoalesce x -> b instanceof BoundCoalesce y && x.type().equals(y.type()) && sameAll(x.args(), y.args());
            case BoundInList x -> b instanceof BoundInList y && x.negated() == y.negated() && same(x.value(), y.value())
                    && sameAll(x.list(), y.list());
            case BoundSubquery x -> false;
            case BoundAggregate x -> b instanceof BoundAggregate y && x.function().name().equals(y.function().name())
                    && x.function().argumentTypes().equals(y.function().argumentTypes())
                    && x.distinct() == y.distinct() && sameAll(x.args(), y.args()) && same(x.filter(), y.filter())
                    && sameOrders(x.orderBy(), y.orderBy());
            case BoundWindow x -> false;
        };
    }

    private static boolean valueEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return java.util.Arrays.equals(x, y);
        return Objects.equals(a, b);
    }

    public static boolean sameAll(List<BoundExpr> a, List<BoundExpr> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
        return true;
    }

    private static boolean sameOrders(List<BoundOrder> a, List<BoundOrder> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            BoundOrder x = a.get(i), y = b.get(i);
            if (x.ascending() != y.ascending() || x.nullsFirst() != y.nullsFirst() || !same(x.expr(), y.expr())) return false;
        }
        return true;
    }

    /** True if {@code e} contains no column references, parameters, subqueries, aggregates, windows or volatile functions. */
    public static boolean isConstant(BoundExpr e) {
        return columnFree(e, false);
    }

    /** True if {@code e} contains a parameter without a value (a statement being prepared). */
    public static boolean hasParameter(BoundExpr e) {
        boolean[] found = {false};
        visit(e, n -> {
            if (n instanceof BoundParameter) found[0] = true;
        });
        return found[0];
    }

    /** Like {@link #isConstant} but volatile functions are allowed: the expression is evaluated once. */
    public static boolean isConstantOrVolatile(BoundExpr e) {
        return columnFree(e, true);
    }

    private static boolean columnFree(BoundExpr e, boolean volatileAllowed) {
        boolean[] constant = {true};
        visit(e, n -> {
            switch (n) {
                case BoundColumnRef c -> constant[0] = false;
                case BoundParameter p -> constant[0] = false;
                case BoundSubquery s -> constant[0] = false;
                case BoundAggregate a -> constant[0] = false;
                case BoundWindow w -> constant[0] = false;
                case BoundFunction f -> {
                    if (!volatileAllowed && !f.function().deterministic()) constant[0] = false;
                }
                default -> {
                }
            }
        });
        return constant[0];
    }
}
