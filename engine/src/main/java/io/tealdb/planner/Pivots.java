package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.parser.ast.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The AST side of PIVOT, as DuckDB does it: a pivot becomes a grouped aggregate with one FILTERed
 * copy of each aggregate per pivot value, {@code sum(x) FILTER (WHERE CAST(col AS VARCHAR) IS NOT
 * DISTINCT FROM 'v')}, grouped by every source column that is neither pivoted on nor aggregated
 * (or by the GROUP BY names). The binder resolves the pivot values first (see {@link PivotValue}).
 */
final class Pivots {
    private Pivots() {
    }

    /**
     * One future column: the text of the value of each pivoted expression (null = NULL), in pivot
     * order, and the column's name (before the aggregate suffix).
     */
    record PivotValue(List<String> texts, String name) {
    }

    /**
     * The single aggregate call of each USING expression, after DuckDB's checks: no subqueries, no
     * window functions, exactly one aggregate, columns only inside the aggregate.
     */
    static List<FunctionCall> aggregateCalls(PivotRef p, Predicate<String> isAggregate) {
        List<FunctionCall> out = new ArrayList<>();
        for (SelectItem item : p.aggregates()) {
            Expr e = item.expr();
            for (Object node : AstNodes.nodes(e)) {
                if (node instanceof ScalarSubquery || node instanceof Exists || node instanceof InSubquery) {
                    throw new BinderException("Pivot expression cannot contain subqueries", item.pos());
                }
            }
            for (Object node : AstNodes.nodes(e)) {
                if (node instanceof FunctionCall f && f.over() != null) {
                    throw new BinderException("Pivot expression cannot contain window functions", item.pos());
                }
            }
            List<FunctionCall> found = new ArrayList<>();
            findAggregates(e, isAggregate, found);
            if (found.size() != 1) {
                throw new BinderException("Pivot expression must contain exactly one aggregate, "
                        + (found.isEmpty() ? "but no aggregates were found" : "but " + found.size() + " were found"), item.pos());
            }
            out.add(found.get(0));
        }
        return out;
    }

    private static void findAggregates(Object node, Predicate<String> isAggregate, List<FunctionCall> out) {
        if (node instanceof FunctionCall f && f.name().parts().size() == 1
                && isAggregate.test(f.name().last().text().toLowerCase(Locale.ROOT))) {
            out.add(f);
            return;
        }
        if (node instanceof ColumnRef c) {
            throw new BinderException("Columns can only be referenced within the aggregate of a PIVOT expression", c.pos());
        }
        if (node instanceof List<?> list) {
            for (Object o : list) findAggregates(o, isAggregate, out);
            return;
        }
        if (node == null || node instanceof QueryNode || !AstRecords.isAst(node)) {
            return;
        }
        for (int i = 0, n = AstRecords.size(node); i < n; i++) findAggregates(AstRecords.get(node, i), isAggregate, out);
    }

    /** Lower-case names of the columns used by the aggregates and the pivots (never grouped on implicitly). */
    static Set<String> handledColumns(PivotRef p, List<FunctionCall> aggregates) {
        Set<String> handled = new HashSet<>();
        for (FunctionCall f : aggregates) addColumns(f, handled);
        for (PivotColumn c : p.pivots()) {
            for (Expr e : c.expressions()) addColumns(e, handled);
        }
        return handled;
    }

    private static void addColumns(Expr e, Set<String> out) {
        for (Object node : AstNodes.nodes(e)) {
            if (node instanceof ColumnRef c) {
                if (c.parts().size() > 1) throw new BinderException("PIVOT expression cannot contain qualified columns", c.pos());
                out.add(c.last().text().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The value rendered as text for comparison: {@code CAST(e AS VARCHAR)}; a row {@code (a, b)} as "(a, b)". */
    static Expr asText(Expr e) {
        int pos = e.pos();
        if (e instanceof FunctionCall f && f.name().parts().size() == 1 && f.name().last().text().equalsIgnoreCase("row")
                && f.over() == null) {
            List<Expr> parts = new ArrayList<>();
            parts.add(new StringLiteral("(", pos));
            for (int i = 0; i < f.args().size(); i++) {
                if (i > 0) parts.add(new StringLiteral(", ", pos));
                parts.add(FunctionCall.of("coalesce", List.of(asText(f.args().get(i)), new StringLiteral("NULL", pos)), pos));
            }
            parts.add(new StringLiteral(")", pos));
            return FunctionCall.of("concat", parts, pos);
        }
        return new Cast(e, TypeName.simple("VARCHAR", pos), false, pos);
    }

    /** Checks one pivot's IN list like DuckDB: no value twice, as many values per entry as pivoted expressions. */
    static void checkEntries(PivotColumn column, List<PivotValue> values, int pos) {
        Set<List<String>> seen = new HashSet<>();
        for (PivotValue v : values) {
            if (!seen.add(v.texts())) {
                String shown = v.texts().size() == 1 ? String.valueOf(v.texts().get(0))
                        : "[" + String.join(", ", v.texts().stream().map(String::valueOf).toList()) + "]";
                throw new BinderException("The value \"" + shown + "\" was specified multiple times in the IN clause", pos);
            }
            if (v.texts().size() != column.expressions().size()) {
                throw new BinderException("PIVOT IN list - inconsistent amount of rows - expected "
                        + column.expressions().size() + " but got " + v.texts().size(), pos);
            }
        }
    }

    /** All combinations of the values of each pivot, the first pivot varying slowest; names joined with "_". */
    static List<PivotValue> combine(List<List<PivotValue>> perPivot) {
        List<PivotValue> out = new ArrayList<>();
        out.add(new PivotValue(List.of(), ""));
        for (List<PivotValue> values : perPivot) {
            List<PivotValue> next = new ArrayList<>();
            for (PivotValue prefix : out) {
                for (PivotValue v : values) {
                    List<String> texts = new ArrayList<>(prefix.texts());
                    texts.addAll(v.texts());
                    next.add(new PivotValue(texts, prefix.name().isEmpty() ? v.name() : prefix.name() + "_" + v.name()));
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The grouped, filtered aggregate a pivot stands for: {@code SELECT groups, agg FILTER (..) AS
     * "value[_aggregate]", .. FROM source GROUP BY groups}.
     */
    static SelectNode rewrite(PivotRef p, List<String> sourceColumns, List<FunctionCall> aggregateCalls,
                              List<PivotValue> values, Set<String> handled) {
        int pos = p.pos();
        List<SelectItem> items = new ArrayList<>();
        if (p.groups().isEmpty()) {
            for (String column : sourceColumns) {
                if (handled.contains(column.toLowerCase(Locale.ROOT))) continue;
                items.add(new SelectItem(new ColumnRef(List.of(new Identifier(column, true, pos)), pos), null, pos));
            }
        } else {
            for (Identifier g : p.groups()) items.add(new SelectItem(new ColumnRef(List.of(g), g.pos()), null, g.pos()));
        }
        int groupCount = items.size();
        List<Expr> texts = new ArrayList<>();
        for (PivotColumn c : p.pivots()) {
            for (Expr e : c.expressions()) texts.add(asText(e));
        }
        for (PivotValue v : values) {
            Expr filter = null;
            for (int i = 0; i < texts.size(); i++) {
                String t = v.texts().get(i);
                Expr constant = t == null ? new NullLiteral(pos) : new StringLiteral(t, pos);
                Expr cmp = new IsDistinctFrom(texts.get(i), constant, true, pos);
                filter = filter == null ? cmp : new BinaryOp(BinaryOperator.AND, filter, cmp, pos);
            }
            for (int a = 0; a < p.aggregates().size(); a++) {
                SelectItem item = p.aggregates().get(a);
                FunctionCall call = aggregateCalls.get(a);
                Expr combined = call.filter() == null || filter == null ? (filter == null ? call.filter() : filter)
                        : new BinaryOp(BinaryOperator.AND, call.filter(), filter, pos);
                FunctionCall filtered = new FunctionCall(call.name(), call.args(), call.distinct(), call.star(),
                        call.orderBy(), combined, call.ignoreNulls(), call.over(), call.pos());
                IdentityHashMap<Object, Object> swap = new IdentityHashMap<>();
                swap.put(call, filtered);
                Expr expr = AstNodes.replace(item.expr(), swap);
                String name = v.name();
                if (p.aggregates().size() > 1 || item.alias() != null) {
                    name += "_" + (item.alias() != null ? item.alias().text() : ExprNames.name(item.expr()));
                }
                items.add(new SelectItem(expr, new Identifier(name, true, pos), pos));
            }
        }
        GroupBy groupBy = null;
        if (groupCount > 0) {
            List<GroupingElement> elements = new ArrayList<>();
            for (int i = 1; i <= groupCount; i++) elements.add(new GroupingExpr(new IntegerLiteral(Integer.toString(i), pos), pos));
            groupBy = new GroupBy(false, elements, pos);
        }
        return new SelectNode(null, false, List.of(), items, p.source(), null, groupBy, null, List.of(), null, List.of(),
                null, pos);
    }

    /** {@code SELECT DISTINCT CAST(e AS VARCHAR) FROM source WHERE e IS NOT NULL ORDER BY 1}: the values of the data. */
    static SelectNode distinctValuesQuery(TableRef source, Expr e) {
        int pos = e.pos();
        return new SelectNode(null, true, List.of(), List.of(new SelectItem(asText(e), null, pos)), source,
                new IsNull(asText(e), true, pos), null, null, List.of(), null,
                List.of(new OrderItem(new IntegerLiteral("1", pos), true, null, pos)), null, pos);
    }
}
