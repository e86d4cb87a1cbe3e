package io.tealdb.parser;

import io.tealdb.parser.ast.*;

import java.util.List;
import java.util.stream.Collectors;

/** Renders expressions as fully parenthesized prefix terms, so tests can state precedence compactly. */
final class AstPrinter {
    private AstPrinter() {
    }

    static String print(Expr e) {
        return switch (e) {
            case NullLiteral n -> "NULL";
            case BooleanLiteral b -> String.valueOf(b.value());
            case IntegerLiteral i -> i.text();
            case DecimalLiteral d -> d.text();
            case StringLiteral s -> "'" + s.value() + "'";
            case TypedLiteral t -> type(t.type()) + " '" + t.value() + "'";
            case IntervalLiteral i -> "(interval " + print(i.value()) + (i.unit() == null ? "" : " " + i.unit())
                    + (i.toUnit() == null ? "" : " to " + i.toUnit()) + ")";
            case ColumnRef c -> c.parts().stream().map(Identifier::text).collect(Collectors.joining("."));
            case Star s -> (s.qualifier().isEmpty() ? "" : s.qualifier().get(0).text() + ".") + "*"
                    + (s.exclude().isEmpty() ? "" : " exclude" + s.exclude().stream().map(Identifier::text).toList())
                    + (s.replace().isEmpty() ? "" : " replace" + s.replace().stream().map(r -> print(r.expr()) + " as " + r.column().text()).toList());
            case ColumnsExpr c -> (c.unpacked() ? "*" : "") + "columns(" + print(c.selector()) + ")";
            case UnaryOp u -> "(" + u.operator().name().toLowerCase() + " " + print(u.operand()) + ")";
            case BinaryOp b -> "(" + b.operator().symbol() + " " + print(b.left()) + " " + print(b.right()) + ")";
            case IsNull n -> "(" + (n.negated() ? "is-not-null " : "is-null ") + print(n.operand()) + ")";
            case IsBoolean b -> "(is" + (b.negated() ? "-not" : "") + "-" + b.value() + " " + print(b.operand()) + ")";
            case IsDistinctFrom d -> "(" + (d.negated() ? "is-not-distinct " : "is-distinct ") + print(d.left()) + " " + print(d.right()) + ")";
            case Between b -> "(" + (b.negated() ? "not-" : "") + "between " + print(b.value()) + " " + print(b.low()) + " " + print(b.high()) + ")";
            case InList i -> "(" + (i.negated() ? "not-" : "") + "in " + print(i.value()) + " " + list(i.list()) + ")";
            case InSubquery i -> "(" + (i.negated() ? "not-" : "") + "in " + print(i.value()) + " <subquery>)";
            case Like l -> "(" + (l.negated() ? "not-" : "") + l.kind().name().toLowerCase() + " " + print(l.value()) + " "
                    + print(l.pattern()) + (l.escape() == null ? "" : " escape " + print(l.escape())) + ")";
            case Cast c -> "(" + (c.tryCast() ? "try_cast " : "cast ") + print(c.operand()) + " " + type(c.type()) + ")";
            case Case c -> "(case" + (c.operand() == null ? "" : " " + print(c.operand()))
                    + c.whens().stream().map(w -> " (when " + print(w.condition()) + " " + print(w.result()) + ")").collect(Collectors.joining())
                    + (c.elseResult() == null ? "" : " (else " + print(c.elseResult()) + ")") + ")";
            case FunctionCall f -> f.name().toString() + "(" + (f.distinct() ? "distinct " : "") + (f.star() ? "*" : "")
                    + f.args().stream().map(AstPrinter::print).collect(Collectors.joining(", "))
                    + (f.orderBy().isEmpty() ? "" : " order by " + f.orderBy().stream().map(o -> print(o.expr()) + (o.ascending() ? "" : " desc")).collect(Collectors.joining(", ")))
                    + ")" + (f.filter() == null ? "" : " filter " + print(f.filter())) + (f.over() == null ? "" : " over(...)");
            case NamedArgument n -> n.name().text() + " := " + print(n.value());
            case Exists x -> "(exists <subquery>)";
            case ScalarSubquery s -> "<subquery>";
            case QuantifiedComparison q -> "(" + q.operator().symbol() + " " + q.quantifier().name().toLowerCase() + " " + print(q.left()) + " " + print(q.right()) + ")";
            case Parameter p -> p.name() != null ? "$" + p.name() : "$" + p.index();
            case ListLiteral l -> list(l.elements());
            case StructLiteral s -> "{" + s.fields().stream().map(f -> f.name().text() + ": " + print(f.value())).collect(Collectors.joining(", ")) + "}";
            case Subscript s -> "(index " + print(s.base()) + " " + print(s.index()) + ")";
            case Slice s -> "(slice " + print(s.base()) + " " + opt(s.from()) + " " + opt(s.to()) + (s.step() == null ? "" : " " + print(s.step())) + ")";
            case FieldAccess f -> "(field " + print(f.base()) + " " + f.field().text() + ")";
            case Lambda l -> "(lambda " + l.params().stream().map(Identifier::text).toList() + " " + print(l.body()) + ")";
            case Collate c -> "(collate " + print(c.operand()) + " " + c.collation() + ")";
            case DefaultValue d -> "DEFAULT";
            case PositionalRef p -> "#" + p.position();
        };
    }

    private static String opt(Expr e) {
        return e == null ? "_" : print(e);
    }

    private static String list(List<Expr> items) {
        return items.stream().map(AstPrinter::print).collect(Collectors.joining(", ", "[", "]"));
    }

    static String type(TypeName t) {
        StringBuilder sb = new StringBuilder(t.name());
        if (!t.modifiers().isEmpty()) sb.append(list(t.modifiers()).replace('[', '(').replace(']', ')'));
        if (!t.children().isEmpty()) {
            sb.append(t.children().stream().map(c -> (c.name() == null ? "" : c.name().text() + " ") + type(c.type()))
                    .collect(Collectors.joining(", ", "<", ">")));
        }
        for (int d : t.arrayDims()) sb.append(d < 0 ? "[]" : "[" + d + "]");
        return sb.toString();
    }
}
