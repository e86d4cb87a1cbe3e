package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundColumnRef;
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
import java.util.function.UnaryOperator;

/** Rebuilds an operator with a function applied to each expression it holds (children untouched). */
public final class ExpressionMapper {
    private ExpressionMapper() {
    }

    public static LogicalOperator map(LogicalOperator op, UnaryOperator<BoundExpr> f) {
        return switch (op) {
            case LogicalGet g -> new LogicalGet(g.tableIndex(), g.table(), g.columnIds(), BoundExprs.map(g.filters(), f));
            case LogicalValues v -> {
                List<List<BoundExpr>> rows = new ArrayList<>();
                for (List<BoundExpr> r : v.rows()) rows.add(BoundExprs.map(r, f));
                yield new LogicalValues(v.tableIndex(), v.types(), rows);
            }
            case LogicalTableFunction t -> t;
            case LogicalEmptyResult e -> e;
            case io.tealdb.planner.logical.LogicalCteRef r -> r;
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> r;
            case LogicalFilter fl -> new LogicalFilter(BoundExprs.map(fl.conditions(), f), fl.child());
            case LogicalProjection p -> new LogicalProjection(p.tableIndex(), BoundExprs.map(p.expressions(), f), p.child());
            case LogicalAggregate a -> {
                List<BoundAggregate> aggs = new ArrayList<>();
                for (BoundAggregate agg : a.aggregates()) {
                    // An aggregate's own node stays an aggregate; map inside it.
                    aggs.add((BoundAggregate) BoundExprs.mapChildren(agg, f));
                }
                yield new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), BoundExprs.map(a.groups(), f), aggs,
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
            case LogicalOrder o -> new LogicalOrder(BoundExprs.mapOrders(o.orders(), f), o.child());
            case LogicalLimit l -> l;
            case LogicalTopN t -> new LogicalTopN(BoundExprs.mapOrders(t.orders(), f), t.limit(), t.offset(), t.child());
            case LogicalSetOperation s -> s;
            case LogicalWindow w -> {
                List<BoundWindow> ws = new ArrayList<>();
                for (BoundWindow bw : w.windows()) ws.add((BoundWindow) BoundExprs.mapChildren(bw, f));
                yield new LogicalWindow(w.tableIndex(), ws, w.child());
            }
            case LogicalDistinct d -> new LogicalDistinct(BoundExprs.map(d.onKeys(), f), mapOrders(d.orders(), f), d.child());
        };
    }

    private static List<BoundOrder> mapOrders(List<BoundOrder> orders, UnaryOperator<BoundExpr> f) {
        return BoundExprs.mapOrders(orders, f);
    }

    private static List<JoinCondition> mapConditions(List<JoinCondition> conditions, UnaryOperator<BoundExpr> f) {
        List<JoinCondition> out = new ArrayList<>();
        for (JoinCondition c : conditions) out.add(new JoinCondition(f.apply(c.left()), c.op(), f.apply(c.right())));
        return out;
    }
}
