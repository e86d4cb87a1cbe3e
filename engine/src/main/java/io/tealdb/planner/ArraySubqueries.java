package io.tealdb.planner;

import io.tealdb.parser.ast.ColumnRef;
import io.tealdb.parser.ast.ColumnsExpr;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.FunctionCall;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.IntegerLiteral;
import io.tealdb.parser.ast.ListLiteral;
import io.tealdb.parser.ast.OrderItem;
import io.tealdb.parser.ast.QualifiedName;
import io.tealdb.parser.ast.QueryNode;
import io.tealdb.parser.ast.ScalarSubquery;
import io.tealdb.parser.ast.SelectItem;
import io.tealdb.parser.ast.SelectNode;
import io.tealdb.parser.ast.Star;
import io.tealdb.parser.ast.SubqueryRef;
import io.tealdb.parser.ast.TableAlias;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code ARRAY(subquery)}: the subquery's one column as a LIST, in the subquery's ORDER BY order, and
 * {@code []} (not NULL) when it returns no rows, as in DuckDB and PostgreSQL (psql's {@code \d}
 * queries use it). Rewritten into a scalar subquery over {@code list()}: a plain SELECT block becomes
 * {@code SELECT coalesce(list(expr ORDER BY ...), []) FROM <its FROM> WHERE <its WHERE>}, which keeps
 * the order because the ORDER BY moves into the aggregate (a sort below an aggregate does not order
 * what the aggregate sees); anything else (grouping, DISTINCT, LIMIT, set operations) is wrapped
 * as a derived table.
 */
final class ArraySubqueries {
    private static final String VALUE = "__array_value";

    private ArraySubqueries() {
    }

    static ScalarSubquery rewrite(QueryNode query, Predicate<String> isAggregate, int pos) {
        if (query instanceof SelectNode s && isPlainSingleColumn(s, isAggregate)) {
            Expr value = s.items().get(0).expr();
            Identifier alias = s.items().get(0).alias();
            List<OrderItem> order = new ArrayList<>();
            for (OrderItem o : s.orderBy()) {
                Expr e = o.expr();
                if (e instanceof IntegerLiteral i && "1".equals(i.text())) e = value;
                else if (alias != null && e instanceof ColumnRef c && c.parts().size() == 1 && c.last().text().equalsIgnoreCase(alias.text())) e = value;
                order.add(new OrderItem(e, o.ascending(), o.nullsFirst(), o.pos()));
            }
            SelectNode aggregated = new SelectNode(s.with(), false, List.of(), List.of(new SelectItem(listOf(value, order, pos), null, pos)),
                    s.from(), s.where(), null, null, List.of(), null, List.of(), null, s.pos());
            return new ScalarSubquery(aggregated, pos);
        }
        Identifier column = new Identifier(VALUE, true, pos);
        SubqueryRef derived = new SubqueryRef(query, false, new TableAlias(new Identifier("__array_subquery", true, pos), List.of(column), pos), pos);
        SelectNode wrapped = new SelectNode(null, false, List.of(),
                List.of(new SelectItem(listOf(new ColumnRef(List.of(column), pos), List.of(), pos), null, pos)),
                derived, null, null, null, List.of(), null, List.of(), null, pos);
        return new ScalarSubquery(wrapped, pos);
    }

    private static Expr listOf(Expr value, List<OrderItem> order, int pos) {
        FunctionCall list = new FunctionCall(new QualifiedName(List.of(new Identifier("list", false, pos)), pos),
                List.of(value), false, false, order, null, false, null, pos);
        return FunctionCall.of("coalesce", List.of(list, new ListLiteral(List.of(), pos)), pos);
    }

    /** One non-star item, no aggregates or windows, no grouping, DISTINCT, QUALIFY or LIMIT. */
    private static boolean isPlainSingleColumn(SelectNode s, Predicate<String> isAggregate) {
        if (s.items().size() != 1 || s.distinct() || s.groupBy() != null || s.having() != null || s.qualify() != null
                || s.limit() != null || !s.windows().isEmpty() || s.from() == null) {
            return false;
        }
        Expr item = s.items().get(0).expr();
        if (item instanceof Star || item instanceof ColumnsExpr) return false;
        boolean[] aggregates = {false};
        List<Object> roots = new ArrayList<>();
        roots.add(item);
        for (OrderItem o : s.orderBy()) roots.add(o.expr());
        AstNodes.forEachNode(roots, node -> {
            if (node instanceof FunctionCall f && (f.over() != null || f.star() || isAggregate.test(f.name().last().text().toLowerCase(java.util.Locale.ROOT)))) aggregates[0] = true;
            if (node instanceof ColumnsExpr) aggregates[0] = true;
            return !aggregates[0];
        });
        return !aggregates[0];
    }
}
