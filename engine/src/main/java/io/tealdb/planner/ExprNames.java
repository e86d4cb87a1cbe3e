package io.tealdb.planner;

import io.tealdb.parser.ast.*;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders an expression as DuckDB names an unaliased result column: {@code (a + 1)},
 * {@code sum(x)}, {@code CAST(i AS INTEGER)}, {@code count_star()}.
 */
public final class ExprNames {
    private ExprNames() {
    }

    public static String name(Expr e) {
        if (e instanceof ColumnRef c) return c.last().text();
        return render(e);
    }

    public static String render(Expr e) {
        return switch (e) {
            case NullLiteral n -> "NULL";
            case BooleanLiteral b -> b.value() ? "true" : "false";
            case IntegerLiteral i -> i.text();
            case DecimalLiteral d -> d.text();
            case StringLiteral s -> "'" + s.value().replace("'", "''") + "'";
            case TypedLiteral t -> "CAST('" + t.value().replace("'", "''") + "' AS " + typeName(t.type()) + ")";
            case IntervalLiteral i -> "INTERVAL " + render(i.value()) + (i.unit() == null ? "" : " " + i.unit());
            case ColumnRef c -> c.parts().stream().map(Identifier::text).collect(Collectors.joining("."));
            case Star s -> "*";
            case ColumnsExpr c -> "COLUMNS(" + render(c.selector()) + ")";
            case UnaryOp u -> switch (u.operator()) {
                case NEGATE -> "-" + render(u.operand());
                case PLUS -> "+" + render(u.operand());
                case BIT_NOT -> "~" + render(u.operand());
                case NOT -> "(NOT " + render(u.operand()) + ")";
                case FACTORIAL -> render(u.operand()) + "!";
            };
            case BinaryOp b -> "(" + render(b.left()) + " " + b.operator().symbol() + " " + render(b.right()) + ")";
            case IsNull n -> "(" + render(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            case IsBoolean b -> "(" + render(b.operand()) + " IS " + (b.negated() ? "NOT " : "") + (b.value() ? "true" : "false") + ")";
            case IsDistinctFrom d -> "(" + render(d.left()) + (d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + render(d.right()) + ")";
            case Between b -> "(" + render(b.value()) + (b.negated() ? " NOT" : "") + " BETWEEN " + render(b.low()) + " AND " + render(b.high()) + ")";
            case InList in -> "(" + render(in.value()) + (in.negated() ? " NOT IN (" : " IN (") + renderAll(in.list()) + "))";
            case InSubquery in -> "(" + render(in.value()) + (in.negated() ? " NOT IN (SUBQUERY))" : " IN (SUBQUERY))");
            case Like l -> "(" + render(l.value()) + (l.negated() ? " NOT " : " ") + l.kind().name().replace("SIMILAR", "SIMILAR TO") + " " + render(l.pattern()) + ")";
            case Cast c -> (c.tryCast() ? "TRY_CAST(" : "CAST(") + render(c.operand()) + " AS " + typeName(c.type()) + ")";
            case Case c -> {
                StringBuilder sb = new StringBuilder("CASE");
                if (c.operand() != null) sb.append(' ').append(render(c.operand()));
                for (WhenClause w : c.whens()) sb.append(" WHEN ").append(render(w.condition())).append(" THEN ").append(render(w.result()));
                sb.append(" ELSE ").append(c.elseResult() == null ? "NULL" : render(c.elseResult())).append(" END");
                yield sb.toString();
            }
            case FunctionCall f -> function(f);
            case NamedArgument n -> n.name().text() + " := " + render(n.value());
            case Exists x -> "EXISTS(SUBQUERY)";
            case ScalarSubquery s -> "(SELECT ...)";
            case QuantifiedComparison q -> "(" + render(q.left()) + " " + q.operator().symbol() + " " + q.quantifier() + "(SUBQUERY))";
            case Parameter p -> p.name() != null ? "$" + p.name() : "$" + p.index();
            case ListLiteral l -> "[" + renderAll(l.elements()) + "]";
            case StructLiteral s -> "{" + s.fields().stream().map(f -> "'" + f.name().text() + "': " + render(f.value())).collect(Collectors.joining(", ")) + "}";
            case Subscript s -> render(s.base()) + "[" + render(s.index()) + "]";
            case Slice s -> render(s.base()) + "[" + (s.from() == null ? "" : render(s.from())) + ":" + (s.to() == null ? "" : render(s.to())) + "]";
            case FieldAccess f -> render(f.base()) + "." + f.field().text();
            case Lambda l -> "lambda";
            case Collate c -> render(c.operand()) + " COLLATE " + c.collation();
            case DefaultValue d -> "DEFAULT";
            case PositionalRef p -> "#" + p.position();
        };
    }

    private static String function(FunctionCall f) {
        String name = f.name().last().text();
        StringBuilder sb = new StringBuilder();
        if (f.star()) {
            sb.append(name.equalsIgnoreCase("count") ? "count_star" : name).append("()");
        } else {
            sb.append(name).append('(');
            if (f.distinct()) sb.append("DISTINCT ");
            sb.append(renderAll(f.args()));
            if (!f.orderBy().isEmpty()) sb.append(" ORDER BY ").append(orders(f.orderBy()));
            sb.append(')');
        }
        if (f.filter() != null) sb.append(" FILTER (WHERE ").append(render(f.filter())).append(')');
        if (f.over() != null) {
            sb.append(" OVER (");
            WindowSpec w = f.over();
            String sep = "";
            if (w.baseWindow() != null) {
                sb.append(w.baseWindow().text());
                sep = " ";
            }
            if (!w.partitionBy().isEmpty()) {
                sb.append(sep).append("PARTITION BY ").append(renderAll(w.partitionBy()));
                sep = " ";
            }
            if (!w.orderBy().isEmpty()) sb.append(sep).append("ORDER BY ").append(orders(w.orderBy()));
            sb.append(')');
        }
        return sb.toString();
    }

    private static String orders(List<OrderItem> items) {
        return items.stream().map(o -> render(o.expr()) + (o.ascending() ? "" : " DESC")).collect(Collectors.joining(", "));
    }

    private static String renderAll(List<Expr> list) {
        return list.stream().map(ExprNames::render).collect(Collectors.joining(", "));
    }

    private static String typeName(TypeName t) {
        String base = t.name();
        if (!t.modifiers().isEmpty()) base += "(" + renderAll(t.modifiers()) + ")";
        return base.equals(base.toUpperCase(Locale.ROOT)) ? base : base;
    }
}
