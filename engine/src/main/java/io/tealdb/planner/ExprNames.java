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

    /** DuckDB's keywords: identifiers spelled like one are double-quoted when an expression is rendered. */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of((
            "abort absolute access action add admin after aggregate all also alter always analyse analyze and anti any approx "
            + "array as asc asof assertion assignment asymmetric at attach attribute authorization backward before begin between "
            + "bigint binary bit boolean both by cache call called cascade cascaded case cast catalog centuries century chain char "
            + "character characteristics check checkpoint class close cluster coalesce collate collation column columns comment "
            + "comments commit committed compression concurrently configuration conflict connect connection constraint constraints "
            + "content continue conversion copy cost create cross csv cube current cursor cycle data database day days deallocate "
            + "dec decade decades decimal declare default defaults deferrable deferred definer delete delimiter delimiters depends "
            + "desc describe destroy detach dictionary disable discard disconnect distance distinct do document domain double drop "
            + "each else enable encoding encrypted end enum error escape event exact except exclude excluding exclusive execute "
            + "exists explain export export_state extension extensions external extract false family fetch filter first float "
            + "following for force foreign forward freeze from full function functions generated glob global grant granted group "
            + "grouping grouping_id groups handler having header hold hour hours identity if ignore ilike immediate immutable "
            + "implicit import in include including increment index indexes inherit inherits initially inline inner inout input "
            + "insensitive insert install instead int integer intersect interval into invoker is isnull isolation join json key "
            + "label lambda language large last lateral leading leakproof left level like limit listen load local location lock "
            + "locked logged macro map mapping match matched materialized maxvalue merge method microsecond microseconds millennia "
            + "millennium millisecond milliseconds minute minutes minvalue mode month months move name names national natural nchar "
            + "nearest new next no none not nothing notify notnull nowait null nullif nulls numeric object of off offset oids old on "
            + "only operator option options or order ordinality others out outer over overlaps overlay overriding owned owner "
            + "parallel parser partial partition partitioned passing password percent persistent pivot pivot_longer pivot_wider "
            + "placing plans policy position positional pragma preceding precision prepare prepared preserve primary prior "
            + "privileges procedural procedure program publication qualify quarter quarters quote range read real reassign recheck "
            + "recursive ref references referencing refresh register reindex relative release rename repeatable replace replica "
            + "reset resource resources respect restart restrict returning returns revoke right role rollback rollup row rows rule "
            + "sample savepoint schema schemas scope scroll search second seconds secret secure security select semi sequence "
            + "sequences serializable server session set setof sets share show similar similarity simple skip smallint snapshot "
            + "some sorted source sql stable standalone start statement statistics stdin stdout storage stored strict strip struct "
            + "subscription substring summarize symmetric sysid system table tables tablesample tablespace target temp template "
            + "temporary text then ties time timestamp to trailing transaction transform treat trigger trim true truncate trusted "
            + "try_cast tuple type types unbounded uncommitted unencrypted union unique unknown unlisten unlogged unpack unpivot "
            + "until update use user using vacuum valid validate validator value values varchar variable variadic varying verbose "
            + "version view views virtual volatile week weeks when where whitespace window with within without work wrapper write "
            + "xml xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize "
            + "xmltable year years yes zone").split(" "));

    /** Type names the SQL grammar knows as keywords; DuckDB prints their canonical spelling in CAST(...). */
    private static final java.util.Set<String> KEYWORD_TYPES = java.util.Set.of("INT", "INTEGER", "SMALLINT", "BIGINT", "REAL",
            "FLOAT", "DECIMAL", "DEC", "NUMERIC", "BOOLEAN", "CHAR", "CHARACTER", "VARCHAR", "NCHAR", "TIMESTAMP", "TIME",
            "INTERVAL", "DOUBLE PRECISION", "CHARACTER VARYING");

    public static String quote(String identifier) {
        return KEYWORDS.contains(identifier.toLowerCase(Locale.ROOT)) ? '"' + identifier.replace("\"", "\"\"") + '"' : identifier;
    }

    /** A field name inside a written type: bare when it reads back as itself, else double-quoted. */
    private static String fieldName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? quote(name) : '"' + name.replace("\"", "\"\"") + '"';
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
            case ColumnRef c -> c.parts().stream().map(i -> quote(i.text())).collect(Collectors.joining("."));
            case Star s -> "*";
            case ColumnsExpr c -> "COLUMNS(" + render(c.selector()) + ")";
            case UnaryOp u -> switch (u.operator()) {
                case NEGATE -> switch (u.operand()) {
                    // flip the sign: "-" before signed text would read as "--", a comment
                    case IntegerLiteral i -> i.negated(u.pos()).text();
                    case DecimalLiteral d -> d.negated(u.pos()).text();
                    default -> "(-(" + render(u.operand()) + "))";
                };
                case PLUS -> "(+(" + render(u.operand()) + "))";
                case BIT_NOT -> "~" + render(u.operand());
                case NOT -> "(NOT " + render(u.operand()) + ")";
                case FACTORIAL -> render(u.operand()) + "!";
            };
            case BinaryOp b -> "(" + render(b.left()) + " " + switch (b.operator()) {
                case NOT_EQUAL -> "!=";
                case POWER -> "**";
                default -> b.operator().symbol();
            } + " " + render(b.right()) + ")";
            case IsNull n -> "(" + render(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            case IsBoolean b -> "(" + render(b.operand()) + " IS " + (b.negated() ? "NOT " : "") + (b.value() ? "true" : "false") + ")";
            case IsDistinctFrom d -> "(" + render(d.left()) + (d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + render(d.right()) + ")";
            case Between b -> negate(b.negated(), "(" + render(b.value()) + " BETWEEN " + render(b.low()) + " AND " + render(b.high()) + ")");
            case InList in -> negate(in.negated(), "(" + render(in.value()) + " IN (" + renderAll(in.list()) + "))");
            case InSubquery in -> negate(in.negated(), "(" + render(in.value()) + " = ANY(" + query(in.query()) + "))");
            case Like l -> switch (l.kind()) {
                case LIKE -> "(" + render(l.value()) + (l.negated() ? " !~~ " : " ~~ ") + render(l.pattern()) + ")";
                case ILIKE -> "(" + render(l.value()) + (l.negated() ? " !~~* " : " ~~* ") + render(l.pattern()) + ")";
                case GLOB -> negate(l.negated(), "(" + render(l.value()) + " ~~~ " + render(l.pattern()) + ")");
                case SIMILAR -> negate(l.negated(), "regexp_full_match(" + render(l.value()) + ", " + render(l.pattern()) + ")");
            };
            case Cast c -> (c.tryCast() ? "TRY_CAST(" : "CAST(") + render(c.operand()) + " AS " + typeName(c.type()) + ")";
            case Case c -> {
                StringBuilder sb = new StringBuilder("CASE ");
                for (WhenClause w : c.whens()) {
                    String cond = c.operand() == null ? render(w.condition()) : "(" + render(c.operand()) + " = " + render(w.condition()) + ")";
                    sb.append(" WHEN (").append(cond).append(") THEN (").append(render(w.result())).append(')');
                }
                sb.append(" ELSE ").append(c.elseResult() == null ? "NULL" : render(c.elseResult())).append(" END");
                yield sb.toString();
            }
            case FunctionCall f -> function(f);
            case NamedArgument n -> n.name().text() + " := " + render(n.value());
            case Exists x -> "EXISTS(" + query(x.query()) + ")";
            case ScalarSubquery s -> "(" + query(s.query()) + ")";
            case QuantifiedComparison q -> "(" + render(q.left()) + " " + q.operator().symbol() + " " + q.quantifier()
                    + (q.right() instanceof ScalarSubquery sq ? "(" + query(sq.query()) + "))" : "(" + render(q.right()) + "))");
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

    /** Renders a query the way DuckDB prints subqueries in column names. */
    public static String query(QueryNode q) {
        StringBuilder sb = new StringBuilder();
        if (q.with() != null && !q.with().ctes().isEmpty()) {
            sb.append("WITH ");
            if (q.with().recursive()) sb.append("RECURSIVE ");
            for (int i = 0; i < q.with().ctes().size(); i++) {
                CommonTableExpr c = q.with().ctes().get(i);
                sb.append(i > 0 ? ", " : "").append(quote(c.name().text())).append(" AS (").append(query(c.query())).append(')');
            }
            sb.append(' ');
        }
        switch (q) {
            case SelectNode s -> {
                sb.append("SELECT ");
                if (s.distinct()) {
                    sb.append("DISTINCT ");
                    if (!s.distinctOn().isEmpty()) sb.append("ON (").append(renderAll(s.distinctOn())).append(") ");
                }
                for (int i = 0; i < s.items().size(); i++) {
                    SelectItem item = s.items().get(i);
                    sb.append(i > 0 ? ", " : "").append(render(item.expr()));
                    if (item.alias() != null) sb.append(" AS ").append(quote(item.alias().text()));
                }
                if (s.from() != null) sb.append(" FROM ").append(table(s.from()));
                if (s.where() != null) sb.append(" WHERE ").append(render(s.where()));
                if (s.groupBy() != null) {
                    sb.append(" GROUP BY ");
                    if (s.groupBy().all()) {
                        sb.append("ALL");
                    } else {
                        List<String> parts = new java.util.ArrayList<>();
                        for (GroupingElement g : s.groupBy().elements()) {
                            parts.add(g instanceof GroupingExpr ge ? render(ge.expr()) : "GROUPING SETS (...)");
                        }
                        sb.append(String.join(", ", parts));
                    }
                }
                if (s.having() != null) sb.append(" HAVING ").append(render(s.having()));
                if (s.qualify() != null) sb.append(" QUALIFY ").append(render(s.qualify()));
            }
            case SetOperationNode s -> sb.append('(').append(query(s.left())).append(") ").append(s.kind().name())
                    .append(s.all() ? " ALL" : "").append(" (").append(query(s.right())).append(')');
            case ValuesNode v -> {
                sb.append("VALUES ");
                for (int i = 0; i < v.rows().size(); i++) sb.append(i > 0 ? ", " : "").append('(').append(renderAll(v.rows().get(i))).append(')');
            }
        }
        if (!q.orderBy().isEmpty()) {
            sb.append(" ORDER BY ").append(q.orderBy().stream().map(o -> (o.expr() instanceof Star ? "ALL" : render(o.expr()))
                    + (o.ascending() ? "" : " DESC") + (o.nullsFirst() == null ? "" : o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                    .collect(Collectors.joining(", ")));
        }
        if (q.limit() != null) {
            if (q.limit().limit() != null) sb.append(" LIMIT ").append(render(q.limit().limit()));
            if (q.limit().offset() != null) sb.append(" OFFSET ").append(render(q.limit().offset()));
        }
        return sb.toString();
    }

    private static String sample(SampleSpec s) {
        String size = s.size() == Math.rint(s.size()) ? Long.toString((long) s.size()) : Double.toString(s.size());
        return size + (s.percentage() ? "%" : " ROWS") + (s.method() == null ? ""
                : " (" + s.method().name().toLowerCase(java.util.Locale.ROOT) + (s.seed() != null ? ", " + s.seed() : "") + ")");
    }

    private static String table(TableRef t) {
        return switch (t) {
            case BaseTableRef b -> b.name().parts().stream().map(i -> quote(i.text())).collect(Collectors.joining(".")) + alias(b.alias());
            case SubqueryRef s -> "(" + query(s.query()) + ")" + alias(s.alias());
            case TableFunctionRef f -> function(f.call()) + alias(f.alias());
            case FileRef f -> "'" + f.path().replace("'", "''") + "'" + alias(f.alias());
            case PivotRef p -> table(p.source()) + " PIVOT (" + p.aggregates().stream().map(a -> render(a.expr()))
                    .collect(Collectors.joining(", ")) + " FOR " + p.pivots().stream()
                    .map(c -> "(" + renderAll(c.expressions()) + ")").collect(Collectors.joining(" ")) + ")" + alias(p.alias());
            case UnpivotRef u -> table(u.source()) + " UNPIVOT (" + u.valueNames().stream().map(i -> quote(i.text()))
                    .collect(Collectors.joining(", ")) + " FOR " + quote(u.nameColumn().text()) + ")" + alias(u.alias());
            case SampledRef r -> r.source() == null ? "" : (r.source() instanceof JoinRef ? "(" + table(r.source()) + ")" : table(r.source()))
                    + " TABLESAMPLE " + sample(r.sample());
            case ShowRef r -> "(" + (r.statement() instanceof Describe d && d.kind() == DescribeKind.SUMMARIZE ? "SUMMARIZE" : "DESCRIBE")
                    + ")" + alias(r.alias());
            case JoinRef j -> {
                if (j.kind() == JoinKind.CROSS && !j.natural()) yield table(j.left()) + " , " + table(j.right());
                StringBuilder sb = new StringBuilder("(").append(table(j.left())).append(' ');
                if (j.natural()) sb.append("NATURAL ");
                sb.append(j.kind().name()).append(" JOIN ").append(table(j.right()));
                if (j.on() != null) sb.append(" ON (").append(render(j.on())).append(')');
                if (!j.using().isEmpty()) sb.append(" USING (").append(j.using().stream().map(i -> quote(i.text())).collect(Collectors.joining(", "))).append(')');
                yield sb.append(')').toString();
            }
        };
    }

    private static String alias(TableAlias a) {
        if (a == null) return "";
        String s = " AS " + quote(a.name().text());
        if (!a.columns().isEmpty()) s += "(" + a.columns().stream().map(i -> quote(i.text())).collect(Collectors.joining(", ")) + ")";
        return s;
    }

    private static String negate(boolean negated, String s) {
        return negated ? "(NOT " + s + ")" : s;
    }

    private static String function(FunctionCall f) {
        Identifier id = f.name().last();
        // DuckDB lower-cases unquoted function names
        String name = id.quoted() ? id.text() : id.text().toLowerCase(Locale.ROOT);
        String lower = name.toLowerCase(Locale.ROOT);
        if ((lower.equals("coalesce") || lower.equals("ifnull")) && f.over() == null) return "COALESCE(" + renderAll(f.args()) + ")";
        if (lower.equals("grouping") || lower.equals("grouping_id")) return "GROUPING(" + renderAll(f.args()) + ")";
        name = quote(name);
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
        String upper = t.name().toUpperCase(Locale.ROOT);
        if (KEYWORD_TYPES.contains(upper)) {
            try {
                io.tealdb.types.LogicalType resolved = TypeNames.resolve(t);
                return resolved.id() == io.tealdb.types.TypeId.DECIMAL
                        ? "DECIMAL(" + resolved.precision() + ", " + resolved.scale() + ")" : resolved.toString();
            } catch (RuntimeException e) {
                // fall through to the written name; the binder reports the error
            }
        }
        StringBuilder base = new StringBuilder(t.name());
        if (!t.children().isEmpty()) {
            // STRUCT(a INTEGER, ...), MAP(K, V), UNION(...): the children as written, named ones with their names
            base.append(t.children().stream()
                    .map(c -> (c.name() == null ? "" : fieldName(c.name().text()) + " ") + typeName(c.type()))
                    .collect(Collectors.joining(", ", "(", ")")));
        } else if (!t.modifiers().isEmpty()) {
            base.append('(').append(renderAll(t.modifiers())).append(')');
        }
        for (int d : t.arrayDims()) base.append(d < 0 ? "[]" : "[" + d + "]");
        return base.toString();
    }
}
