package io.tealdb.bench.fuzz;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds random statements from a grammar, in the spirit of SQLsmith: typed expression trees over
 * the columns in scope (calls of the registry's functions with argument types they bind to, casts,
 * CASE, comparisons, pattern matching, scalar / EXISTS / IN subqueries, correlated ones), FROM
 * clauses of tables, derived tables, table functions and every kind of join, grouping with
 * aggregates, window functions with odd frames, set operations, CTEs, ORDER BY / LIMIT / OFFSET with
 * extreme values, and some INSERT / UPDATE / DELETE. Unlike the corpus {@link Mutator}, most
 * statements are valid, so they reach the optimizer and the operators rather than the parser.
 * Deterministic for a given {@link Random}.
 */
public final class QueryGenerator {
    /** A column visible in a scope: qualifier.name of a type. */
    record Col(String qualifier, String name, LogicalType type) {
        String ref() {
            return qualifier + "." + name;
        }
    }

    /** A generated expression and its (expected) type. */
    record Expr(String sql, LogicalType type) {
    }

    private static final String[] WINDOW_RANKING = {"row_number()", "rank()", "dense_rank()", "percent_rank()", "cume_dist()"};
    private static final String[] FRAME_OFFSETS = {"0", "1", "3", "9223372036854775807", "(SELECT 2)", "2147483648"};
    private static final String[] LIMITS = {"0", "1", "10", "9223372036854775807", "(SELECT 3)", "NULL", "50%", "10 OFFSET 9223372036854775806",
            "5 OFFSET 3", "ALL", "(SELECT abs(max(k)) FROM t0)"};

    private final Random rnd;
    private final GenSchema schema;
    private final FunctionCatalog catalog;
    private final Literals literals;
    private int aliasCounter;

    public QueryGenerator(Random rnd, GenSchema schema, FunctionCatalog catalog) {
        this.rnd = rnd;
        this.schema = schema;
        this.catalog = catalog;
        this.literals = new Literals(rnd);
    }

    /** One statement: mostly queries, some data changes. */
    public String statement() {
        aliasCounter = 0;
        int p = rnd.nextInt(100);
        if (p < 86) return query(0, 1 + rnd.nextInt(4)).sql();
        GenSchema.Table t = pickTable();
        List<Col> scope = tableScope(t, t.name());
        if (p < 91) {
            StringBuilder sb = new StringBuilder("INSERT INTO ").append(t.name()).append(" SELECT ");
            List<Col> source = new ArrayList<>();
            String from = from(0, source);
            for (int i = 0; i < t.columns().size(); i++) {
                sb.append(i > 0 ? ", " : "").append(exprOf(t.columns().get(i).type(), source, 2).sql());
            }
            return sb.append(" FROM ").append(from).append(" LIMIT ").append(rnd.nextInt(200)).toString();
        }
        if (p < 96) {
            GenSchema.Column c = t.columns().get(rnd.nextInt(t.columns().size()));
            return "UPDATE " + t.name() + " SET " + c.name() + " = " + exprOf(c.type(), scope, 2).sql()
                    + " WHERE " + bool(scope, 2).sql();
        }
        return "DELETE FROM " + t.name() + " WHERE " + bool(scope, 2).sql();
    }

    // ------------------------------------------------------------------ queries

    /** A generated query and its output column types (columns are named c0, c1, ...). */
    record Query(String sql, List<LogicalType> types) {
    }

    /** A SELECT (or set operation, or CTE) with {@code width} output columns named c0..c{width-1}. */
    Query query(int depth, int width) {
        if (depth < 2 && rnd.nextInt(8) == 0) {
            String op = pick("UNION", "UNION ALL", "INTERSECT", "EXCEPT", "INTERSECT ALL", "EXCEPT ALL", "UNION ALL BY NAME");
            Query left = select(depth + 1, width, null, null);
            Query right = select(depth + 1, width, null, left.types());
            return new Query("(" + left.sql() + ") " + op + " (" + right.sql() + ")", left.types());
        }
        if (depth < 2 && rnd.nextInt(10) == 0) {
            String cte = "cte" + depth;
            Query body = query(depth + 1, 1 + rnd.nextInt(3));
            List<GenSchema.Column> cols = new ArrayList<>();
            for (int i = 0; i < body.types().size(); i++) cols.add(new GenSchema.Column("c" + i, body.types().get(i)));
            Query main = select(depth + 1, width, new GenSchema.Table(cte, cols), null);
            return new Query("WITH " + cte + (rnd.nextInt(4) == 0 ? " AS MATERIALIZED (" : " AS (") + body.sql() + ") " + main.sql(), main.types());
        }
        return select(depth, width, null, null);
    }

    /**
     * One SELECT. {@code extra}: a CTE to read from instead of a random FROM clause; {@code types}:
     * the column types the other side of a set operation has (each item is cast to its type).
     */
    private Query select(int depth, int width, GenSchema.Table extra, List<LogicalType> types) {
        List<Col> scope = new ArrayList<>();
        String from;
        if (extra != null) {
            String alias = alias();
            from = extra.name() + " AS " + alias;
            scope.addAll(tableScope(extra, alias));
        } else if (rnd.nextInt(25) == 0) {
            from = null; // SELECT without FROM
        } else {
            from = from(depth, scope);
        }
        StringBuilder sb = new StringBuilder("SELECT ");
        if (rnd.nextInt(8) == 0) sb.append("DISTINCT ");
        boolean grouped = from != null && rnd.nextInt(4) == 0;
        boolean aggregateOnly = from != null && !grouped && rnd.nextInt(8) == 0;
        List<Expr> keys = new ArrayList<>();
        List<LogicalType> itemTypes = new ArrayList<>();
        if (grouped) {
            for (int i = 1 + rnd.nextInt(2); i > 0; i--) keys.add(expr(scope, 1));
        }
        for (int i = 0; i < width; i++) {
            Expr e;
            if (grouped && rnd.nextBoolean()) e = keys.get(rnd.nextInt(keys.size()));
            else if (grouped || aggregateOnly) e = aggregate(scope, depth);
            else if (from != null && rnd.nextInt(6) == 0) e = window(scope);
            else e = expr(scope, 3);
            if (types != null && !types.get(i).equals(e.type())) e = new Expr("CAST(" + e.sql() + " AS " + types.get(i) + ")", types.get(i));
            sb.append(i > 0 ? ", " : "").append(e.sql()).append(" AS c").append(i);
            itemTypes.add(e.type());
        }
        if (from != null) sb.append(" FROM ").append(from);
        if (rnd.nextInt(3) == 0) sb.append(" WHERE ").append(bool(scope, 3).sql());
        if (grouped) {
            List<String> keySql = keys.stream().map(Expr::sql).toList();
            String list = String.join(", ", keySql);
            sb.append(" GROUP BY ").append(rnd.nextInt(10) == 0 ? pick("ROLLUP", "CUBE", "GROUPING SETS") + " (" + list + ")" : list);
            if (rnd.nextInt(3) == 0) sb.append(" HAVING ").append(aggregateBool(scope));
        }
        if (rnd.nextInt(4) == 0 && from != null && !grouped && !aggregateOnly) {
            Expr w = window(scope);
            sb.append(" QUALIFY ").append(w.sql()).append(pick(" > ", " = ", " IS DISTINCT FROM ")).append(exprOf(w.type(), List.of(), 0).sql());
        }
        if (rnd.nextInt(3) == 0) {
            sb.append(" ORDER BY ");
            if (rnd.nextInt(4) == 0) {
                sb.append("ALL").append(pick("", " DESC"));
            } else {
                int n = 1 + rnd.nextInt(Math.min(width, 3));
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? ", " : "").append(1 + rnd.nextInt(width)).append(pick("", " DESC", " ASC NULLS FIRST", " DESC NULLS LAST"));
                }
            }
        }
        if (rnd.nextInt(4) == 0) sb.append(" LIMIT ").append(pick(LIMITS));
        if (rnd.nextInt(30) == 0) sb.append(" USING SAMPLE ").append(pick("5", "10%", "50 ROWS", "0%", "100%", "reservoir(7)"));
        return new Query(sb.toString(), itemTypes);
    }

    /** A FROM clause; adds the columns it brings into scope. */
    String from(int depth, List<Col> scope) {
        String item = fromItem(depth, scope);
        int joins = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
        StringBuilder sb = new StringBuilder(item);
        for (int j = 0; j < joins; j++) {
            List<Col> right = new ArrayList<>();
            String r = fromItem(depth, right);
            int kind = rnd.nextInt(10);
            if (kind == 0) {
                sb.append(" CROSS JOIN ").append(r);
                scope.addAll(right);
                continue;
            }
            if (kind == 1 && rnd.nextInt(5) == 0) {
                sb.append(" POSITIONAL JOIN ").append(r);
                scope.addAll(right);
                continue;
            }
            String type = pick("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL OUTER JOIN", "INNER JOIN", "SEMI JOIN", "ANTI JOIN", "ASOF JOIN");
            List<Col> both = new ArrayList<>(scope);
            both.addAll(right);
            String on = joinCondition(scope, right, both, type.equals("ASOF JOIN"));
            if (on == null) {
                type = "JOIN";
                on = bool(both, 2).sql();
            }
            sb.append(' ').append(type).append(' ').append(r).append(" ON ").append(on);
            if (!type.equals("SEMI JOIN") && !type.equals("ANTI JOIN")) scope.addAll(right);
        }
        return sb.toString();
    }

    private String joinCondition(List<Col> left, List<Col> right, List<Col> both, boolean asof) {
        StringBuilder on = new StringBuilder();
        Col l = left.isEmpty() ? null : left.get(rnd.nextInt(left.size()));
        Col r = null;
        if (l != null) {
            for (Col c : right) {
                if (c.type().equals(l.type()) && (r == null || rnd.nextBoolean())) r = c;
            }
        }
        if (l != null && r != null) {
            on.append(l.ref()).append(asof ? pick(" >= ", " < ") : pick(" = ", " = ", " <> ", " < ", " IS NOT DISTINCT FROM ")).append(r.ref());
            if (rnd.nextInt(4) == 0) on.append(" AND ").append(bool(both, 1).sql());
        } else if (asof) {
            return null; // an ASOF join needs an inequality between two columns
        } else {
            on.append(rnd.nextInt(5) == 0 ? "true" : bool(both, 2).sql());
        }
        return on.toString();
    }

    private String fromItem(int depth, List<Col> scope) {
        int p = rnd.nextInt(20);
        String alias = alias();
        if (p < 13 || depth >= 2) {
            GenSchema.Table t = pickTable();
            scope.addAll(tableScope(t, alias));
            return t.name() + " AS " + alias;
        }
        if (p < 16) {
            Query q = query(depth + 1, 1 + rnd.nextInt(3));
            for (int i = 0; i < q.types().size(); i++) scope.add(new Col(alias, "c" + i, q.types().get(i)));
            return "(" + q.sql() + ") AS " + alias;
        }
        if (p < 18) {
            String n = pick("0", "1", "3000", "100000", "-5", "9223372036854775807", "NULL");
            String fn = pick("range(" + n + ")", "generate_series(1, " + n + ")", "range(0, " + n + ", " + pick("1", "7", "-1", "0") + ")");
            scope.add(new Col(alias, "x", LogicalType.BIGINT));
            return fn + " AS " + alias + "(x)";
        }
        if (p < 19) {
            LogicalType t = randomType();
            StringBuilder v = new StringBuilder("(VALUES ");
            for (int i = 1 + rnd.nextInt(4); i > 0; i--) v.append("(").append(literals.of(t)).append(")").append(i > 1 ? ", " : "");
            scope.add(new Col(alias, "x", t));
            return v.append(") AS ").append(alias).append("(x)").toString();
        }
        LogicalType element = rnd.nextBoolean() ? LogicalType.INTEGER : LogicalType.VARCHAR;
        scope.add(new Col(alias, "x", element));
        return "(SELECT unnest(" + literals.of(LogicalType.list(element)) + ") AS x) AS " + alias;
    }

    // ------------------------------------------------------------------ expressions

    /** An expression of any type. */
    Expr expr(List<Col> scope, int depth) {
        int p = rnd.nextInt(10);
        if (p < 4 && !scope.isEmpty()) {
            Col c = scope.get(rnd.nextInt(scope.size()));
            return new Expr(c.ref(), c.type());
        }
        if (p < 8 && depth > 0) {
            Expr call = call(catalog.scalars(), scope, depth);
            if (call != null) return call;
        }
        LogicalType t = randomType();
        return exprOf(t, scope, depth);
    }

    /** An expression of type {@code type} (a cast of some other expression when nothing else fits). */
    Expr exprOf(LogicalType type, List<Col> scope, int depth) {
        int p = rnd.nextInt(20);
        if (type.id() == TypeId.BOOLEAN && p < 6) return bool(scope, depth);
        if (p < 6) {
            List<Col> matching = scope.stream().filter(c -> c.type().equals(type)).toList();
            if (!matching.isEmpty()) {
                Col c = matching.get(rnd.nextInt(matching.size()));
                return new Expr(c.ref(), type);
            }
        }
        if (depth <= 0 || p < 9) return new Expr(literals.of(type), type);
        if (p < 14) {
            Expr call = call(catalog.scalarsReturning(type), scope, depth);
            if (call != null) return call;
        }
        return switch (p) {
            case 14 -> new Expr("CASE WHEN " + bool(scope, depth - 1).sql() + " THEN " + exprOf(type, scope, depth - 1).sql()
                    + " ELSE " + exprOf(type, scope, depth - 1).sql() + " END", type);
            case 15 -> new Expr("coalesce(" + exprOf(type, scope, depth - 1).sql() + ", " + exprOf(type, scope, depth - 1).sql() + ")", type);
            case 16 -> {
                Sub sub = subquery(scope);
                yield new Expr("(SELECT " + exprOf(type, sub.visible(), depth - 1).sql() + tail(sub, scope) + " LIMIT 1)", type);
            }
            case 17 -> new Expr(pick("CAST", "TRY_CAST", "TRY_CAST") + "(" + expr(scope, depth - 1).sql() + " AS " + type + ")", type);
            default -> new Expr("(" + exprOf(type, scope, depth - 1).sql() + ")::" + type, type);
        };
    }

    /** A call of one of {@code signatures} with arguments of its argument types; null when there is none. */
    private Expr call(List<FunctionCatalog.Signature> signatures, List<Col> scope, int depth) {
        if (signatures.isEmpty()) return null;
        FunctionCatalog.Signature s = signatures.get(rnd.nextInt(signatures.size()));
        List<String> args = new ArrayList<>();
        for (LogicalType a : s.args()) args.add(exprOf(a, scope, depth - 1).sql());
        return new Expr(render(s, args, ""), s.result());
    }

    private static String render(FunctionCatalog.Signature s, List<String> args, String modifier) {
        if (s.isOperator()) {
            if (args.size() == 2) return "(" + args.get(0) + " " + s.name() + " " + args.get(1) + ")";
            if (args.size() == 1) return "(" + s.name() + " " + args.get(0) + ")";
        }
        String name = s.isOperator() ? "\"" + s.name() + "\"" : s.name();
        return name + "(" + modifier + String.join(", ", args) + ")";
    }

    /** A boolean: comparisons, null tests, ranges, IN, pattern matching, subquery predicates, AND/OR/NOT. */
    Expr bool(List<Col> scope, int depth) {
        if (depth <= 0) {
            Expr a = expr(scope, 0);
            return new Expr("(" + a.sql() + pick(" IS NULL", " IS NOT NULL") + ")", LogicalType.BOOLEAN);
        }
        int p = rnd.nextInt(14);
        String sql = switch (p) {
            case 0, 1, 2 -> {
                Expr a = expr(scope, depth - 1);
                yield "(" + a.sql() + pick(" = ", " <> ", " < ", " <= ", " > ", " >= ", " IS DISTINCT FROM ") + exprOf(a.type(), scope, depth - 1).sql() + ")";
            }
            case 3 -> "(" + bool(scope, depth - 1).sql() + pick(" AND ", " OR ") + bool(scope, depth - 1).sql() + ")";
            case 4 -> "(NOT " + bool(scope, depth - 1).sql() + ")";
            case 5 -> {
                Expr a = expr(scope, depth - 1);
                yield "(" + a.sql() + pick(" BETWEEN ", " NOT BETWEEN ") + exprOf(a.type(), scope, 0).sql() + " AND " + exprOf(a.type(), scope, 0).sql() + ")";
            }
            case 6 -> {
                Expr a = expr(scope, depth - 1);
                StringBuilder in = new StringBuilder("(" + a.sql() + pick(" IN (", " NOT IN ("));
                for (int i = 1 + rnd.nextInt(4); i > 0; i--) in.append(exprOf(a.type(), scope, 0).sql()).append(i > 1 ? ", " : "");
                yield in.append("))").toString();
            }
            case 7 -> {
                Expr s = exprOf(LogicalType.VARCHAR, scope, depth - 1);
                String pattern = pick("'%a%'", "'a_c'", "'%'", "'\\%'", "'%a%a%a%a%a%a%a%a%b'", "'*a*a*a*a*a*a*a*a*b'", "'[a-c]*'",
                        "'(a|aa)*b'", "'(a*)*b'", "'a{1000}'", "''", "'['", "'\\'") ;
                yield "(" + s.sql() + pick(" LIKE ", " NOT LIKE ", " ILIKE ", " GLOB ", " SIMILAR TO ", " ~~ ") + pattern
                        + (rnd.nextInt(8) == 0 ? " ESCAPE '\\'" : "") + ")";
            }
            case 8 -> "regexp_matches(" + exprOf(LogicalType.VARCHAR, scope, depth - 1).sql() + ", "
                    + pick("'(a|aa)*$'", "'^(a+)+$'", "'.*'", "'('", "'\\d{2,}'", "'(?i)A'") + ")";
            case 9 -> (rnd.nextBoolean() ? "EXISTS (" : "NOT EXISTS (") + "SELECT 1" + tail(subquery(scope), scope) + ")";
            case 10 -> {
                Expr a = expr(scope, depth - 1);
                Sub sub = subquery(scope);
                yield "(" + a.sql() + pick(" IN ", " NOT IN ", " = ANY ", " > ALL ", " <= SOME ") + "(SELECT "
                        + exprOf(a.type(), sub.visible(), depth - 1).sql() + tail(sub, scope) + "))";
            }
            case 11 -> "(" + expr(scope, depth - 1).sql() + pick(" IS NULL", " IS NOT NULL") + ")";
            default -> {
                Expr call = call(catalog.scalarsReturning(LogicalType.BOOLEAN), scope, depth);
                yield call != null ? call.sql() : "true";
            }
        };
        return new Expr(sql, LogicalType.BOOLEAN);
    }

    /** A subquery's FROM item and columns; {@code visible} adds the outer columns half the time (correlation). */
    private record Sub(String table, List<Col> inner, List<Col> visible) {
    }

    private Sub subquery(List<Col> outer) {
        GenSchema.Table t = pickTable();
        String alias = alias();
        List<Col> inner = tableScope(t, alias);
        List<Col> visible = new ArrayList<>(inner);
        if (rnd.nextBoolean()) visible.addAll(outer);
        return new Sub(t.name() + " AS " + alias, inner, visible);
    }

    /** " FROM t AS x [WHERE inner = outer]". */
    private String tail(Sub sub, List<Col> outer) {
        String tail = " FROM " + sub.table();
        if (rnd.nextBoolean() && !outer.isEmpty()) {
            Col o = outer.get(rnd.nextInt(outer.size()));
            Col i = sub.inner().get(rnd.nextInt(sub.inner().size()));
            tail += " WHERE " + i.ref() + (o.type().equals(i.type()) ? " = " + o.ref()
                    : " IS NOT DISTINCT FROM TRY_CAST(" + o.ref() + " AS " + i.type() + ")");
        }
        return tail;
    }

    /** An aggregate call (or count(*)), sometimes DISTINCT, ordered or filtered. */
    private Expr aggregate(List<Col> scope, int depth) {
        if (rnd.nextInt(6) == 0 || catalog.aggregates().isEmpty()) return new Expr("count(*)", LogicalType.BIGINT);
        FunctionCatalog.Signature s = catalog.aggregates().get(rnd.nextInt(catalog.aggregates().size()));
        List<String> args = new ArrayList<>();
        for (LogicalType a : s.args()) args.add(exprOf(a, scope, 1).sql());
        String call = render(s, args, rnd.nextInt(6) == 0 ? "DISTINCT " : "");
        if (rnd.nextInt(8) == 0 && !args.isEmpty()) call = call.substring(0, call.length() - 1) + " ORDER BY " + args.get(0) + pick("", " DESC") + ")";
        if (rnd.nextInt(6) == 0) call += " FILTER (WHERE " + bool(scope, 1).sql() + ")";
        return new Expr(call, s.result());
    }

    private String aggregateBool(List<Col> scope) {
        Expr a = aggregate(scope, 1);
        return "(" + a.sql() + pick(" > ", " = ", " IS DISTINCT FROM ") + exprOf(a.type(), List.of(), 0).sql() + ")";
    }

    /** A window function call with a random partitioning, order and frame. */
    private Expr window(List<Col> scope) {
        Expr f;
        int p = rnd.nextInt(6);
        if (p == 0) f = new Expr(pick(WINDOW_RANKING), LogicalType.BIGINT);
        else if (p == 1) {
            Expr e = expr(scope, 1);
            f = new Expr(pick("lag", "lead") + "(" + e.sql() + ", " + pick("1", "0", "-1", "2147483647", "9223372036854775807") + ", "
                    + exprOf(e.type(), scope, 0).sql() + ")", e.type());
        } else if (p == 2) {
            Expr e = expr(scope, 1);
            f = new Expr(pick("first_value", "last_value") + "(" + e.sql() + pick("", " IGNORE NULLS") + ")", e.type());
        } else if (p == 3) {
            Expr e = expr(scope, 1);
            f = new Expr("nth_value(" + e.sql() + ", " + pick("1", "2", "0", "-1", "9223372036854775807") + ")", e.type());
        } else if (p == 4) {
            f = new Expr("ntile(" + pick("1", "3", "0", "-1", "9223372036854775807") + ")", LogicalType.BIGINT);
        } else {
            f = aggregate(scope, 1);
            if (f.sql().contains(" FILTER ") && rnd.nextBoolean()) f = new Expr("count(*)", LogicalType.BIGINT);
        }
        StringBuilder over = new StringBuilder(" OVER (");
        if (rnd.nextBoolean() && !scope.isEmpty()) over.append("PARTITION BY ").append(expr(scope, 1).sql()).append(' ');
        boolean ordered = rnd.nextInt(3) > 0 && !scope.isEmpty();
        if (ordered) over.append("ORDER BY ").append(expr(scope, 1).sql()).append(pick("", " DESC", " NULLS FIRST")).append(' ');
        if (rnd.nextInt(3) == 0) {
            String unit = ordered ? pick("ROWS", "RANGE", "GROUPS") : "ROWS";
            over.append(unit).append(" BETWEEN ").append(frameBound(true)).append(" AND ").append(frameBound(false));
            if (rnd.nextInt(5) == 0) over.append(pick(" EXCLUDE CURRENT ROW", " EXCLUDE TIES", " EXCLUDE GROUP", " EXCLUDE NO OTHERS"));
        }
        return new Expr(f.sql() + over.toString().stripTrailing() + ")", f.type());
    }

    private String frameBound(boolean start) {
        return switch (rnd.nextInt(5)) {
            case 0 -> start ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING";
            case 1 -> "CURRENT ROW";
            case 2 -> pick(FRAME_OFFSETS) + " PRECEDING";
            case 3 -> pick(FRAME_OFFSETS) + " FOLLOWING";
            default -> start ? "UNBOUNDED PRECEDING" : "CURRENT ROW";
        };
    }

    // ------------------------------------------------------------------ helpers

    private List<Col> tableScope(GenSchema.Table t, String alias) {
        List<Col> cols = new ArrayList<>();
        for (GenSchema.Column c : t.columns()) cols.add(new Col(alias, c.name(), c.type()));
        return cols;
    }

    private GenSchema.Table pickTable() {
        return schema.tables().get(rnd.nextInt(schema.tables().size()));
    }

    private LogicalType randomType() {
        return FunctionCatalog.TYPES.get(rnd.nextInt(FunctionCatalog.TYPES.size()));
    }

    private String alias() {
        return "a" + aliasCounter++;
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }
}
