package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDependentJoin;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalEmptyResult;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalLimit;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalSetOperation;
import io.tealdb.planner.logical.LogicalTableFunction;
import io.tealdb.planner.logical.LogicalTopN;
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.planner.logical.LogicalWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Generic structural helpers over logical plans. */
public final class LogicalPlans {
    private LogicalPlans() {
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
            case LogicalProjection p -> new LogicalProjection(p.tableIndex(), p.expressions(), c.get(0));
            case LogicalAggregate a -> new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), a.groups(), a.aggregates(),
                    a.groupingSets(), a.groupingIndex(), c.get(0));
            case LogicalJoin j -> new LogicalJoin(j.type(), c.get(0), c.get(1), j.conditions(), j.residual(), j.markIndex());
            case LogicalDependentJoin j -> new LogicalDependentJoin(j.type(), c.get(0), c.get(1), j.correlated(),
                    j.conditions(), j.residual(), j.markIndex());
            case LogicalOrder o -> new LogicalOrder(o.orders(), c.get(0));
            case LogicalLimit l -> new LogicalLimit(l.limit(), l.offset(), c.get(0));
            case LogicalTopN t -> new LogicalTopN(t.orders(), t.limit(), t.offset(), c.get(0));
            case LogicalSetOperation s -> new LogicalSetOperation(s.tableIndex(), s.kind(), s.all(), c.get(0), c.get(1), s.types());
            case LogicalWindow w -> new LogicalWindow(w.tableIndex(), w.windows(), c.get(0));
            case LogicalDistinct d -> new LogicalDistinct(d.onKeys(), d.orders(), c.get(0));
        };
    }

    /** Applies {@code f} to every child of {@code op} and rebuilds it. */
    public static LogicalOperator mapChildren(LogicalOperator op, UnaryOperator<LogicalOperator> f) {
        List<LogicalOperator> children = op.children();
        if (children.isEmpty()) return op;
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
    public static LogicalOperator transform(LogicalOperator op, UnaryOperator<LogicalOperator> f) {
        return f.apply(mapChildren(op, c -> transform(c, f)));
    }

    /** Calls {@code sink} with every expression the operator itself holds (not its children's). */
    public static void forEachExpression(LogicalOperator op, Consumer<BoundExpr> sink) {
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
}
