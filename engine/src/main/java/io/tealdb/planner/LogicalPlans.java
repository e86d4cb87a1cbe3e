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
        }
        return out;
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
