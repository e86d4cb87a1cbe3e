package io.tealdb.planner;

import io.tealdb.planner.expression.*;
import io.tealdb.planner.logical.*;

import java.util.List;
import java.util.stream.Collectors;

/** Renders a logical plan as an indented tree (EXPLAIN until the physical renderer is wired). */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String print(LogicalOperator plan) {
        StringBuilder sb = new StringBuilder();
        print(plan, 0, sb);
        return sb.toString();
    }

    private static void print(LogicalOperator op, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(describe(op)).append('\n');
        for (LogicalOperator child : op.children()) print(child, depth + 1, sb);
    }

    private static String describe(LogicalOperator op) {
        return switch (op) {
            case LogicalGet g -> "SEQ_SCAN " + g.table().name() + (g.filters().isEmpty() ? "" : " filters: " + exprs(g.filters()));
            case LogicalFilter f -> "FILTER " + exprs(f.conditions());
            case LogicalProjection p -> "PROJECTION " + exprs(p.expressions());
            case LogicalAggregate a -> "AGGREGATE groups: " + exprs(a.groups()) + " aggregates: "
                    + a.aggregates().stream().map(PlanPrinter::expr).collect(Collectors.joining(", "));
            case LogicalJoin j -> j.type() + "_JOIN " + j.conditions().stream()
                    .map(c -> expr(c.left()) + " " + c.op().sql + " " + expr(c.right())).collect(Collectors.joining(" AND "))
                    + (j.residual() == null ? "" : " residual: " + expr(j.residual()));
            case LogicalDependentJoin j -> "DEPENDENT_" + j.type() + "_JOIN";
            case LogicalOrder o -> "ORDER_BY " + orders(o.orders());
            case LogicalTopN t -> "TOP_N " + t.limit() + " offset " + t.offset() + " " + orders(t.orders());
            case LogicalLimit l -> "LIMIT " + l.limit() + " offset " + l.offset();
            case LogicalSetOperation s -> s.kind() + (s.all() ? " ALL" : "");
            case LogicalValues v -> "VALUES " + v.rows().size() + " rows";
            case LogicalTableFunction t -> "TABLE_FUNCTION " + t.function().describe();
            case LogicalWindow w -> "WINDOW " + w.windows().stream().map(PlanPrinter::expr).collect(Collectors.joining(", "));
            case LogicalEmptyResult e -> "EMPTY_RESULT";
            case LogicalDistinct d -> "DISTINCT" + (d.onKeys().isEmpty() ? "" : " ON " + exprs(d.onKeys()));
        };
    }

    private static String orders(List<BoundOrder> orders) {
        return orders.stream().map(o -> expr(o.expr()) + (o.ascending() ? " ASC" : " DESC")).collect(Collectors.joining(", "));
    }

    private static String exprs(List<? extends BoundExpr> list) {
        return list.stream().map(PlanPrinter::expr).collect(Collectors.joining(", "));
    }

    static String expr(BoundExpr e) {
        return switch (e) {
            case BoundColumnRef c -> c.name() + c.binding() + (c.depth() > 0 ? "^" + c.depth() : "");
            case BoundConstant c -> c.value().isNull() ? "NULL" : String.valueOf(c.value().object());
            case BoundParameter p -> "$" + p.index();
            case BoundFunction f -> f.function().name() + "(" + exprs(f.args()) + ")";
            case BoundCast c -> "CAST(" + expr(c.child()) + " AS " + c.type() + ")";
            case BoundComparison c -> "(" + expr(c.left()) + " " + c.op().sql + " " + expr(c.right()) + ")";
            case BoundConjunction c -> "(" + c.children().stream().map(PlanPrinter::expr).collect(Collectors.joining(c.and() ? " AND " : " OR ")) + ")";
            case BoundNot n -> "NOT " + expr(n.child());
            case BoundIsNull n -> expr(n.child()) + (n.negated() ? " IS NOT NULL" : " IS NULL");
            case BoundCase c -> "CASE";
            case BoundCoalesce c -> "COALESCE(" + exprs(c.args()) + ")";
            case BoundInList i -> expr(i.value()) + (i.negated() ? " NOT IN (" : " IN (") + exprs(i.list()) + ")";
            case BoundSubquery s -> "SUBQUERY(" + s.kind() + ")";
            case BoundAggregate a -> a.function().name() + "(" + (a.distinct() ? "DISTINCT " : "") + exprs(a.args()) + ")";
            case BoundWindow w -> (w.name() != null ? w.name() : w.aggregate().name()) + "(" + exprs(w.args()) + ") OVER (...)";
        };
    }
}
