package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.parser.ParserException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealException;
import io.tealdb.function.AggregateFunction;
import io.tealdb.function.ScalarFunction;
import io.tealdb.parser.ast.*;
import io.tealdb.planner.expression.*;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds AST expressions to typed {@link BoundExpr}s: name resolution through {@link Scope}s,
 * literal typing as DuckDB does it, implicit casts, function/aggregate/window resolution and
 * subqueries (left as {@link BoundSubquery} for the optimizer to unnest).
 */
final class ExpressionBinder {
    private static final Set<String> WINDOW_FUNCTIONS = Set.of("row_number", "rank", "dense_rank", "percent_rank",
            "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "fill");

    final Binder binder;
    private static final Set<String> ORDER_INSENSITIVE_AGGREGATES = Set.of("min", "max", "sum", "count", "count_star", "avg",
            "bool_and", "bool_or", "bit_and", "bit_or", "bit_xor");

    ExpressionBinder(Binder binder) {
        this.binder = binder;
    }

    /** Arguments of the macros being expanded (innermost last): parameter name (lower case) → argument expression. */
    private final java.util.ArrayDeque<Map<String, Expr>> macroFrames = new java.util.ArrayDeque<>();
    /** Parameters of the lambdas being bound, innermost last: name → its column in the lambda body. */
    private final java.util.ArrayDeque<Map<String, BoundColumnRef>> lambdaFrames = new java.util.ArrayDeque<>();

    /**
     * Matches a macro call's arguments to its parameters: positional arguments fill parameters in
     * declaration order, named ones ({@code p := v}) by name, defaults fill the rest.
     */
    static Map<String, Expr> macroArguments(BinderCatalog.MacroDefinition m, List<Expr> args, int pos) {
        Map<String, Expr> out = new java.util.LinkedHashMap<>();
        List<String> params = m.parameters();
        int next = 0;
        boolean ok = true;
        boolean named = false;
        for (Expr a : args) {
            if (named && !(a instanceof NamedArgument)) {
                throw new BinderException("Positional parameters cannot come after parameters with a default value!", a.pos());
            }
            if (a instanceof NamedArgument n) {
                named = true;
                String key = n.name().text().toLowerCase(Locale.ROOT);
                boolean known = params.stream().anyMatch(p -> p.equalsIgnoreCase(key));
                if (!known || out.containsKey(key)) ok = false;
                out.put(key, n.value());
            } else {
                if (next >= params.size()) {
                    ok = false;
                    break;
                }
                String key = params.get(next++).toLowerCase(Locale.ROOT);
                if (out.containsKey(key)) ok = false;
                out.put(key, a);
            }
        }
        for (String p : params) {
            String key = p.toLowerCase(Locale.ROOT);
            if (out.containsKey(key)) continue;
            Expr d = m.defaults().get(key);
            if (d == null) ok = false;
            else out.put(key, d);
        }
        if (!ok) {
            throw new BinderException("Macro function '" + m.name() + "(" + String.join(", ", params)
                    + ")' does not support the supplied arguments.", pos);
        }
        return out;
    }

    /** Binds {@code body} with the macro's parameters standing for {@code arguments}. */
    <T> T withMacroArguments(Map<String, Expr> arguments, java.util.function.Supplier<T> body) {
        macroFrames.addLast(arguments);
        try {
            return body.get();
        } finally {
            macroFrames.removeLast();
        }
    }

    /** A macro parameter reference: binds the caller's argument in the caller's macro context. */
    private BoundExpr macroParameter(String name, BindContext cx) {
        if (macroFrames.isEmpty()) return null;
        Expr arg = macroFrames.peekLast().get(name.toLowerCase(Locale.ROOT));
        if (arg == null) return null;
        Map<String, Expr> frame = macroFrames.removeLast();
        try {
            return bind(arg, cx);
        } finally {
            macroFrames.addLast(frame);
        }
    }

    private FunctionResolver functions() {
        return binder.env.functions();
    }

    /** Set while binding a window function's arguments / its OVER clause, to word the error for a nested window. */
    private int windowArgumentDepth;
    private int windowDefinitionDepth;

    /** Nesting depth of the expression being bound, checked against {@code max_expression_depth}. */
    private int depth;
    private int maxDepth = -1;

    BoundExpr bind(Expr e, BindContext cx) {
        if (maxDepth < 0) maxDepth = maxExpressionDepth();
        if (++depth > maxDepth) {
            depth = 0;
            throw new ParserException("Max expression depth limit of " + maxDepth
                    + " exceeded. Use \"SET max_expression_depth TO x\" to increase the maximum expression depth.", e.pos());
        }
        try {
            return bindNode(e, cx);
        } finally {
            if (depth > 0) depth--;
        }
    }

    private int maxExpressionDepth() {
        return Integer.parseInt(binder.env.setting(io.tealdb.settings.Settings.MAX_EXPRESSION_DEPTH));
    }

    private BoundExpr bindNode(Expr e, BindContext cx) {
        return switch (e) {
            case NullLiteral n -> new BoundConstant(Value.nullOf(LogicalType.SQLNULL));
            case BooleanLiteral b -> new BoundConstant(Value.ofBoolean(b.value()));
            case IntegerLiteral i -> integerLiteral(i.text(), i.pos());
            case DecimalLiteral d -> decimalLiteral(d.text(), d.pos());
            case StringLiteral s -> new BoundConstant(Value.ofVarchar(s.value()));
            case TypedLiteral t -> cast(new BoundConstant(Value.ofVarchar(t.value())), TypeNames.resolve(t.type(), binder.env.catalog()::findType), false);
            case IntervalLiteral i -> interval(i, cx);
            case ColumnRef c -> column(c, cx);
            case Star s -> throw new BinderException("STAR expression is not supported here"
                    + (s.qualifier().isEmpty() ? " - Use COLUMNS(*) instead" : ""), s.pos());
            case ColumnsExpr c -> {
                Expr column = binder.columnsSubstitution == null ? null : binder.columnsSubstitution.get(c);
                if (column == null) {
                    throw new BinderException(c.unpacked()
                            ? "*COLUMNS() can only be used as a function argument"
                            : "COLUMNS expression is not supported here", c.pos());
                }
                yield bind(column, cx);
            }
            case UnaryOp u -> unary(u, cx);
            case BinaryOp b when b.left() instanceof Star st && st.qualifier().isEmpty() && FUNCTION_OPERATORS.contains(b.operator()) ->
                // DuckDB binds these operators as functions of their operands, and words a star operand so
                throw new BinderException("Function \"" + b.operator().symbol() + "\" cannot be applied to a star expression", st.pos());
            case BinaryOp b -> binary(b, cx);
            case IsNull n -> new BoundIsNull(bind(n.operand(), cx), n.negated());
            case IsBoolean b -> {
                BoundExpr operand = castTo(bind(b.operand(), cx), LogicalType.BOOLEAN);
                ComparisonOp op = b.negated() ? ComparisonOp.DISTINCT_FROM : ComparisonOp.NOT_DISTINCT_FROM;
                yield new BoundComparison(op, operand, new BoundConstant(Value.ofBoolean(b.value())));
            }
            case IsDistinctFrom d -> comparison(d.negated() ? ComparisonOp.NOT_DISTINCT_FROM : ComparisonOp.DISTINCT_FROM,
                    d.left(), d.right(), cx, d.pos());
            case Between b -> between(b, cx);
            case InList in -> inList(in, cx);
            case InSubquery in -> {
                BoundExpr left = bind(in.value(), cx);
                yield quantified(left, in.value(), in.negated() ? ComparisonOp.NE : ComparisonOp.EQ,
                        in.negated() ? SubqueryKind.ALL : SubqueryKind.ANY, in.query(), cx, in.pos());
            }
            case Like l -> like(l, cx);
            case Cast c -> {
                BoundExpr reg = PgFunctions.regCast(this, c, cx);
                if (reg != null) yield reg;
                LogicalType target = TypeNames.resolve(c.type(), binder.env.catalog()::findType);
                BoundExpr operand = bind(c.operand(), cx);
                if (operand instanceof BoundParameter p && p.type().id() == TypeId.SQLNULL) yield castTo(operand, target);
                if (operand.type().equals(target)) yield operand;
                yield cast(operand, target, c.tryCast());
            }
            case Case c -> caseExpr(c, cx);
            case FunctionCall f -> function(f, cx);
            case NamedArgument n -> throw new BinderException("Named arguments are only allowed in table functions", n.pos());
            case Exists x -> {
                Binder.SubqueryResult sq = binder.bindSubquery(x.query(), cx);
                yield new BoundSubquery(SubqueryKind.EXISTS, sq.query().plan(), null, null, LogicalType.BOOLEAN);
            }
            case ScalarSubquery s -> {
                Binder.SubqueryResult sq = binder.bindSubquery(s.query(), cx);
                if (sq.query().types().size() != 1) {
                    throw new BinderException("Subquery returns " + sq.query().types().size() + " columns - expected 1", s.pos());
                }
                yield new BoundSubquery(SubqueryKind.SCALAR, sq.query().plan(), null, null, sq.query().types().get(0));
            }
            case QuantifiedComparison q -> {
                if (q.right() instanceof ListLiteral list) {
                    // x op ANY (ARRAY[a, b]) = (x op a) OR (x op b); ALL uses AND (PostgreSQL catalog queries use these)
                    yield bind(expandQuantifiedList(q, list), cx);
                }
                if (!(q.right() instanceof ScalarSubquery sub)) {
                    // x op ANY(list) / x op ALL(list)
                    BoundExpr left = bind(q.left(), cx);
                    BoundExpr list = bind(q.right(), cx);
                    LogicalType lt = list.type().id() == TypeId.SQLNULL ? LogicalType.list(LogicalType.SQLNULL) : list.type();
                    if (!lt.id().isListLike() || lt.id() == TypeId.MAP) {
                        throw new BinderException("ANY/ALL needs a subquery or a list, got " + list.type(), q.pos());
                    }
                    LogicalType element = io.tealdb.function.cast.CastRules.tryMaxLogicalType(left.type(), lt.childType());
                    if (element == null) throw new BinderException("Cannot compare values of type " + left.type() + " and " + lt.childType(), q.pos());
                    yield new BoundFunction(io.tealdb.function.scalar.NestedFunctions.quantifiedList(comparisonOp(q.operator()).sql,
                            q.quantifier() == Quantifier.ALL, element), List.of(castTo(left, element), castTo(list, LogicalType.list(element))));
                }
                BoundExpr left = bind(q.left(), cx);
                yield quantified(left, q.left(), comparisonOp(q.operator()),
                        q.quantifier() == Quantifier.ANY ? SubqueryKind.ANY : SubqueryKind.ALL, sub.query(), cx, q.pos());
            }
            case Parameter p -> parameter(p);
            case ListLiteral l -> listValue(l.elements(), cx, l.pos());
            case StructLiteral s -> {
                List<String> names = new ArrayList<>();
                List<BoundExpr> values = new ArrayList<>();
                for (io.tealdb.parser.ast.StructField f : s.fields()) {
                    names.add(f.name().text());
                    values.add(bind(f.value(), cx));
                }
                yield structPack("struct_pack", names, values, s.pos());
            }
            case Subscript s -> {
                BoundExpr base = bind(s.base(), cx);
                BoundExpr index = bind(s.index(), cx);
                yield call("array_extract", List.of(base, index), new boolean[]{false, isLiteral(s.index())}, s.pos());
            }
            case Slice s -> {
                BoundExpr base = bind(s.base(), cx);
                String fn = base.type().id() == TypeId.VARCHAR || base.type().id() == TypeId.BLOB ? "array_slice" : "list_slice";
                if (s.step() != null) {
                    BoundExpr step = bind(s.step(), cx);
                    yield call(fn, List.of(base, sliceBound(s.from(), step, true, cx), sliceBound(s.to(), step, false, cx), step),
                            new boolean[4], s.pos());
                }
                yield call(fn, List.of(base, sliceBound(s.from(), cx), sliceEnd(s.to(), cx)), new boolean[3], s.pos());
            }
            case FieldAccess f -> fieldAccess(bind(f.base(), cx), f.field().text(), f.pos());
            case Lambda l -> throw new NotImplementedException("lambda functions are not supported yet", l.pos());
            case Collate c -> {
                // byte-order names (PostgreSQL clients' COLLATE "C" / pg_catalog.default) leave the operand as it is
                String collation = Collations.normalize(c.collation(), c.pos());
                BoundExpr operand = bind(c.operand(), cx);
                if (operand.type().id() == TypeId.SQLNULL || isUntyped(c.operand())) operand = castTo(operand, LogicalType.VARCHAR);
                if (operand.type().id() != TypeId.VARCHAR) {
                    if (collation == null) yield operand;
                    throw new BinderException("collations are only supported for type varchar", c.pos());
                }
                yield withCollation(operand, collation);
            }
            case DefaultValue d -> throw new BinderException("DEFAULT is not allowed here!", d.pos());
            case PositionalRef p -> positional(p, cx);
        };
    }

    // ---------------------------------------------------------------- nested values

    /**
     * An omitted slice bound of {@code l[a:b]} is the start (0, read as 1) or the end (-1) of the
     * list; an explicit NULL bound makes the slice NULL, as in DuckDB.
     */
    private BoundExpr sliceBound(Expr bound, BindContext cx) {
        return bound == null ? new BoundConstant(Value.ofBigint(0)) : bind(bound, cx);
    }

    /** {@code l[a:b]} without a step: an omitted end is the last element. */
    private BoundExpr sliceEnd(Expr bound, BindContext cx) {
        return bound == null ? new BoundConstant(Value.ofBigint(-1)) : bind(bound, cx);
    }

    /**
     * An omitted bound of {@code l[a:b:step]}: with a positive step the start is 0 and the end -1;
     * a negative step walks from the end, so the start is -1 and the end 1 (a CASE on the step's
     * sign when the step is not a constant).
     */
    private BoundExpr sliceBound(Expr bound, BoundExpr step, boolean start, BindContext cx) {
        if (bound != null) return bind(bound, cx);
        BoundExpr forward = new BoundConstant(Value.ofBigint(start ? 0 : -1));
        BoundExpr backward = new BoundConstant(Value.ofBigint(start ? -1 : 1));
        if (step instanceof BoundConstant c) {
            return c.value().object() instanceof Number n && n.longValue() < 0 ? backward : forward;
        }
        BoundExpr negative = new BoundComparison(ComparisonOp.LT, castTo(step, LogicalType.BIGINT), new BoundConstant(Value.ofBigint(0)));
        return new BoundCase(List.of(negative), List.of(backward), forward, LogicalType.BIGINT);
    }

    BoundExpr structPack(String function, List<String> names, List<BoundExpr> values, int pos) {
        List<LogicalType> types = new ArrayList<>();
        for (BoundExpr v : values) types.add(v.type());
        try {
            return new BoundFunction(io.tealdb.function.scalar.NestedFunctions.structPack(function, names, types), values);
        } catch (BinderException e) {
            throw e.position() < 0 ? new BinderException(e.getMessage(), pos) : e;
        }
    }

    /**
     * concat(...) over lists and list_concat with other than two arguments: the lists one after
     * another, NULL lists skipped (all NULL gives NULL), as pairwise list_concat calls. A list with
     * a non-list is DuckDB's "Cannot concatenate types" error. Returns null when the call is not
     * one of those (string concat, or two-argument list_concat, which binds directly).
     */
    private BoundExpr listConcat(String name, FunctionCall f, BindContext cx) {
        if (f.args().isEmpty() || f.over() != null || f.name().parts().size() != 1
                || f.args().stream().anyMatch(a -> a instanceof NamedArgument || a instanceof Lambda)) return null;
        boolean concat = name.equals("concat");
        boolean allNull = f.args().stream().allMatch(a -> a instanceof NullLiteral);
        if (!concat && allNull) return new BoundConstant(Value.nullOf(LogicalType.SQLNULL)); // list_concat(NULL, NULL) is NULL
        if (!concat && f.args().size() == 2) return null;
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.args()) args.add(bind(a, cx));
        boolean anyList = false;
        for (BoundExpr a : args) anyList |= a.type().id() == TypeId.LIST || a.type().id() == TypeId.ARRAY;
        if (concat) {
            if (!anyList) return null;
            LogicalType first = null;
            for (BoundExpr a : args) {
                LogicalType t = a.type();
                if (t.id() == TypeId.SQLNULL) continue;
                if (first == null) first = t;
                boolean isList = t.id() == TypeId.LIST || t.id() == TypeId.ARRAY;
                if (isList != (first.id() == TypeId.LIST || first.id() == TypeId.ARRAY)) {
                    throw new BinderException("Cannot concatenate types " + first + " and " + t + " - an explicit cast is required", f.pos());
                }
            }
        }
        BoundExpr result = args.get(0);
        if (args.size() == 1) return call("list_concat", List.of(result, new BoundConstant(Value.nullOf(result.type()))), new boolean[2], f.pos());
        for (int k = 1; k < args.size(); k++) result = call("list_concat", List.of(result, args.get(k)), new boolean[2], f.pos());
        return result;
    }

    /**
     * {@code [a, b, ...]} / list_value(a, b, ...): the elements meet at their common type, where a
     * string literal or NULL takes the type of the others ({@code [1, '4']} is INTEGER[], as in DuckDB).
     */
    private BoundExpr listValue(List<Expr> args, BindContext cx, int pos) {
        List<BoundExpr> elements = new ArrayList<>(args.size());
        boolean[] untyped = new boolean[args.size()];
        for (int i = 0; i < args.size(); i++) {
            elements.add(bind(args.get(i), cx));
            untyped[i] = isUntyped(args.get(i));
        }
        LogicalType t = commonType(elements, untyped, pos);
        List<BoundExpr> cast = new ArrayList<>(elements.size());
        for (BoundExpr e : elements) cast.add(castTo(e, t));
        return call("list_value", cast, new boolean[cast.size()], pos);
    }

    /**
     * struct_insert(s, name := value, ...): s's fields followed by the named ones. A NULL s gives
     * NULL fields, not a NULL struct (DuckDB), which is struct_concat's behaviour.
     */
    private BoundExpr structInsert(FunctionCall f, BindContext cx) {
        if (f.args().isEmpty() || f.args().get(0) instanceof NamedArgument) {
            throw new BinderException("No function matches the given name and argument types 'struct_insert()'", f.pos());
        }
        BoundExpr base = bind(f.args().get(0), cx);
        LogicalType t = base.type();
        if (t.id() != TypeId.STRUCT || (!t.children().isEmpty() && t.children().get(0).name().isEmpty())) {
            throw new io.tealdb.error.InvalidInputException("The first argument to struct_insert must be a STRUCT", f.pos());
        }
        if (f.args().size() == 1) {
            throw new io.tealdb.error.InvalidInputException("Can't insert nothing into a STRUCT", f.pos());
        }
        List<String> names = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (io.tealdb.types.TypeField field : t.children()) seen.add(field.name().toLowerCase(Locale.ROOT));
        for (Expr a : f.args().subList(1, f.args().size())) {
            if (!(a instanceof NamedArgument n)) {
                throw new BinderException("No function matches the given name and argument types 'struct_insert("
                        + t + ", ...)': the inserted fields need names, e.g. struct_insert(s, b := 2)", a.pos());
            }
            if (!seen.add(n.name().text().toLowerCase(Locale.ROOT))) {
                throw new BinderException("Duplicate struct entry name \"" + n.name().text() + "\"", a.pos());
            }
            names.add(n.name().text());
            values.add(bind(n.value(), cx));
        }
        BoundExpr packed = structPack("struct_pack", names, values, f.pos());
        return call("struct_concat", List.of(base, packed), new boolean[]{false, false}, f.pos());
    }

    /** {@code base.field} on a STRUCT (or a MAP: the value under that key). */
    private BoundExpr fieldAccess(BoundExpr base, String field, int pos) {
        if (base.type().id() == TypeId.UNION) {
            return call("union_extract", List.of(base, new BoundConstant(Value.ofVarchar(field))), new boolean[]{false, true}, pos);
        }
        return call(base.type().id() == TypeId.MAP ? "array_extract" : "struct_extract",
                List.of(base, new BoundConstant(Value.ofVarchar(field))), new boolean[]{false, true}, pos);
    }

    // ---------------------------------------------------------------- literals

    static BoundConstant integerLiteral(String text, int pos) {
        BigInteger v = new BigInteger(text);
        int bits = v.bitLength();
        if (bits < 32) return new BoundConstant(Value.ofInteger(v.intValue()));
        if (bits < 64) return new BoundConstant(Value.ofBigint(v.longValue()));
        if (bits < 128) return new BoundConstant(new Value(LogicalType.HUGEINT, v));
        if (bits == 128 && v.signum() > 0) return new BoundConstant(new Value(LogicalType.UHUGEINT, v));
        // beyond UHUGEINT an integer literal is a BIGNUM (DuckDB 1.4+)
        return new BoundConstant(new Value(LogicalType.BIGNUM, v));
    }

    static BoundConstant decimalLiteral(String text, int pos) {
        String t = text;
        boolean negative = t.startsWith("-");
        if (negative) t = t.substring(1);
        if (t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
            return new BoundConstant(Value.ofDouble(Double.parseDouble(text)));
        }
        int dot = t.indexOf('.');
        int intDigits = dot < 0 ? t.length() : dot;
        int scale = dot < 0 ? 0 : t.length() - dot - 1;
        int precision = Math.max(intDigits + scale, 1);
        if (precision > LogicalType.MAX_DECIMAL_PRECISION) {
            return new BoundConstant(Value.ofDouble(Double.parseDouble(text)));
        }
        if (precision < scale) precision = scale;
        BigDecimal value = new BigDecimal(text).setScale(scale);
        return new BoundConstant(new Value(LogicalType.decimal(precision, scale), value));
    }

    private BoundExpr interval(IntervalLiteral i, BindContext cx) {
        // DuckDB's transformer rejects these, hence a parser error
        if (i.toUnit() != null) throw new ParserException(i.unit() + " TO " + i.toUnit() + " is not supported", i.pos());
        if (i.unit() == null) {
            return new BoundCast(castTo(bind(i.value(), cx), LogicalType.VARCHAR), LogicalType.INTERVAL, false);
        }
        String unit = i.unit().toLowerCase(Locale.ROOT);
        if (i.value() instanceof StringLiteral || i.value() instanceof IntegerLiteral || i.value() instanceof DecimalLiteral) {
            String v = switch (i.value()) {
                case StringLiteral s -> s.value();
                case IntegerLiteral n -> n.text();
                case DecimalLiteral d -> d.text();
                default -> throw new IllegalStateException();
            };
            return new BoundCast(new BoundConstant(Value.ofVarchar(v + " " + unit)), LogicalType.INTERVAL, false);
        }
        BoundExpr value = bind(i.value(), cx);
        String function = switch (unit) {
            case "century" -> "to_centuries";
            case "millennium" -> "to_millennia";
            default -> "to_" + unit + "s";
        };
        return call(function, List.of(value), new boolean[]{isLiteral(i.value())}, i.pos());
    }

    private BoundExpr parameter(Parameter p) {
        if (p.index() <= 0) throw new BinderException("invalid parameter " + (p.name() != null ? "$" + p.name() : "$" + p.index()), p.pos());
        return binder.parameter(p.index(), p.pos());
    }

    // ---------------------------------------------------------------- columns

    private BoundExpr column(ColumnRef ref, BindContext cx) {
        List<Identifier> parts = ref.parts();
        int pos = ref.pos();
        if (parts.size() == 1) {
            String name = parts.get(0).text();
            for (java.util.Iterator<Map<String, BoundColumnRef>> it = lambdaFrames.descendingIterator(); it.hasNext(); ) {
                BoundColumnRef param = it.next().get(name.toLowerCase(Locale.ROOT));
                if (param != null) return param;
            }
            BoundExpr parameter = macroParameter(name, cx);
            if (parameter != null) return parameter;
            Scope s = cx.scope();
            BoundExpr found = s == null ? null : s.lookupLocal(name, 0, pos);
            if (found != null && cx.aliasBeforeUngroupedColumn() && cx.aggregates() != null && aliasInView(name, cx)) {
                boolean grouped = false;
                for (BoundExpr g : cx.aggregates().groups) grouped |= BoundExprs.same(g, found);
                if (!grouped) found = null;
            }
            if (found == null && aliasInView(name, cx)) {
                return selectAlias(name, cx, pos);
            }
            int depth = 0;
            while (found == null && s != null && s.outer != null) {
                s = s.outer;
                depth++;
                found = s.lookupLocal(name, depth, pos);
            }
            if (found == null) {
                if (aliasDefinedLater(name, cx)) throw usedBeforeDefined(name, pos);
                BoundExpr outerAlias = outerSelectAlias(name, cx, pos);
                if (outerAlias != null) return outerAlias;
                throw notFound(name, cx.scope(), pos);
            }
            return remember(found, depth, cx, pos);
        }
        if (parts.size() == 2 && parts.get(0).text().equalsIgnoreCase("alias")) {
            // alias.x names a select-list alias explicitly (DuckDB), unless a table called alias is in view
            // (or a struct column called alias: the paths below)
            String name = parts.get(1).text();
            boolean inView = aliasInView(name, cx);
            boolean later = aliasDefinedLater(name, cx);
            if (inView || later) {
                try {
                    return qualifiedColumn(parts, cx, pos);
                } catch (BinderException noTableNamedAlias) {
                    if (inView) return selectAlias(name, cx, pos);
                    throw usedBeforeDefined(name, pos);
                }
            }
        }
        // a.b.c: schema.table.column or table.column, a.b.c.d: database.schema.table.column, else a struct field path (table.column.field...
        // or column.field...), as DuckDB resolves them
        BinderException qualifiedError = null;
        if (parts.size() <= 3) {
            try {
                return qualifiedColumn(parts, cx, pos);
            } catch (BinderException e) {
                qualifiedError = e;
            }
        }
        // longer names: the longest column name that resolves (schema.table.column, table.column, column), then
        // its fields, as DuckDB ties them (t.t.t.t in schema t, table t, column t: the column's field t)
        BoundExpr path = fieldPath(parts, Math.min(parts.size() <= 3 ? 2 : 3, parts.size() - 1), cx, pos);
        if (path != null) return path;
        if (parts.size() == 4) {
            // db.schema.table.column: the table of an attached database (the scope knows schema and table)
            return qualifiedColumn(parts.subList(1, 4), cx, pos);
        }
        if (qualifiedError != null) throw qualifiedError;
        throw new BinderException("Referenced column \"" + ref.parts().stream().map(Identifier::text).collect(java.util.stream.Collectors.joining(".")) + "\" not found", pos);
    }

    /**
     * A select-list alias of an enclosing query named inside a subquery ({@code SELECT a AS x, (SELECT max(b)
     * FROM t WHERE t.a = x) FROM s}), as DuckDB resolves it: the alias of a column is that outer column,
     * correlated like any other. Null when no enclosing query has such an alias (or it aliases something
     * other than a column).
     */
    private BoundExpr outerSelectAlias(String name, BindContext cx, int pos) {
        String key = name.toLowerCase(Locale.ROOT);
        int depth = 0;
        for (Scope s = cx.scope() == null ? null : cx.scope().outer; s != null; s = s.outer) {
            depth++;
            Expr aliased = s.selectAliases == null ? null : s.selectAliases.get(key);
            if (aliased == null) continue;
            if (!(aliased instanceof ColumnRef ref) || ref.parts().size() != 1) return null;
            BoundExpr found = s.lookupLocal(ref.parts().get(0).text(), depth, pos);
            return found == null ? null : remember(found, depth, cx, pos);
        }
        return null;
    }

    /** The first {@code columnParts} (or fewer) parts as a column of a struct/map/JSON type, then the rest as its fields; null if none. */
    private BoundExpr fieldPath(List<Identifier> parts, int maxColumnParts, BindContext cx, int pos) {
        for (int columnParts = maxColumnParts; columnParts >= 1; columnParts--) {
            BoundExpr base;
            try {
                base = column(new ColumnRef(parts.subList(0, columnParts), pos), cx);
            } catch (BinderException e) {
                continue;
            }
            if (base.type().id() != TypeId.STRUCT && base.type().id() != TypeId.MAP && base.type().id() != TypeId.JSON
                    && base.type().id() != TypeId.UNION) continue;
            for (Identifier field : parts.subList(columnParts, parts.size())) base = fieldAccess(base, field.text(), pos);
            return base;
        }
        return null;
    }

    /** The operators DuckDB binds as functions of their operands (its error names them so when one is a star). */
    private static final java.util.Set<BinaryOperator> FUNCTION_OPERATORS = java.util.EnumSet.of(BinaryOperator.ADD,
            BinaryOperator.SUBTRACT, BinaryOperator.MULTIPLY, BinaryOperator.DIVIDE, BinaryOperator.INTEGER_DIVIDE,
            BinaryOperator.MODULO, BinaryOperator.POWER, BinaryOperator.CONCAT, BinaryOperator.BIT_AND, BinaryOperator.BIT_OR,
            BinaryOperator.BIT_XOR, BinaryOperator.SHIFT_LEFT, BinaryOperator.SHIFT_RIGHT);

    /** The select-list alias {@code name} (in view in {@code cx}): its expression, bound where the reference stands. */
    private BoundExpr selectAlias(String name, BindContext cx, int pos) {
        String key = name.toLowerCase(Locale.ROOT);
        Expr aliased = cx.aliases().get(key);
        if (cx.aliases() instanceof LateralAliases) {
            boolean[] subquery = {false};
            AstNodes.forEachNode(aliased, n -> {
                if (n instanceof ScalarSubquery || n instanceof io.tealdb.parser.ast.InSubquery || n instanceof io.tealdb.parser.ast.Exists) {
                    subquery[0] = true;
                }
                return !subquery[0];
            });
            if (subquery[0]) {
                throw new BinderException("Alias \"" + name + "\" referenced in a SELECT clause - but the expression has a subquery."
                        + " This is not yet supported.", pos);
            }
        }
        // Bind the aliased expression without the alias itself to avoid self reference.
        Map<String, Expr> rest = new java.util.HashMap<>(cx.aliases());
        rest.remove(key);
        return bind(aliased, cx.withAliases(rest));
    }

    /** Whether a select-list alias {@code name} may be referenced where {@code cx} binds. */
    private static boolean aliasInView(String name, BindContext cx) {
        return cx.aliases() != null && cx.aliases().containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code name} is a select-list alias defined after the expression {@code cx} binds (DuckDB refuses those). */
    private static boolean aliasDefinedLater(String name, BindContext cx) {
        return cx.aliases() instanceof LateralAliases lateral && lateral.isDefinedLater(name);
    }

    private static BinderException usedBeforeDefined(String name, int pos) {
        return new BinderException("Column \"" + name + "\" referenced that exists in the SELECT clause - but this column cannot be"
                + " referenced before it is defined", pos);
    }

    private BoundExpr qualifiedColumn(List<Identifier> parts, BindContext cx, int pos) {
        String schema = parts.size() == 3 ? parts.get(0).text() : null;
        String table = parts.get(parts.size() - 2).text();
        String column = parts.get(parts.size() - 1).text();
        Scope s = cx.scope();
        int depth = 0;
        while (s != null) {
            List<Scope.Table> matches = s.findTables(schema, table);
            if (!matches.isEmpty()) {
                Scope.Table found = null;
                int index = -1;
                for (Scope.Table t : matches) {
                    int i = t.indexOf(column);
                    if (i < 0) continue;
                    if (found != null) {
                        throw new BinderException("Ambiguous reference to table \"" + table + "\" (duplicate alias \"" + table
                                + "\", explicitly alias one of the tables using \"AS my_alias\")", pos);
                    }
                    found = t;
                    index = i;
                }
                if (found == null) {
                    throw new BinderException("Table \"" + table + "\" does not have a column named \"" + column + "\"", pos);
                }
                return remember(found.ref(index, depth), depth, cx, pos);
            }
            s = s.outer;
            depth++;
        }
        List<String> tables = new ArrayList<>();
        if (cx.scope() != null) for (Scope.Table t : cx.scope().tables) if (t.alias() != null) tables.add('"' + t.alias() + '"');
        throw new BinderException("Referenced table \"" + table + "\" not found!"
                + (tables.isEmpty() ? "" : "\nCandidate tables: " + String.join(", ", tables)), pos);
    }

    private BoundExpr positional(PositionalRef p, BindContext cx) {
        int k = p.position();
        if (cx.scope() != null) {
            for (Scope.Table t : cx.scope().tables) {
                if (k <= t.names().size()) {
                    if (k < 1) break;
                    return remember(t.ref(k - 1, 0), 0, cx, p.pos());
                }
                k -= t.names().size();
            }
        }
        throw new BinderException("Positional reference #" + p.position() + " out of range", p.pos());
    }

    private BoundExpr remember(BoundExpr found, int depth, BindContext cx, int pos) {
        if (found instanceof BoundColumnRef c) {
            binder.positions.put(c, pos);
            if (depth > 0) {
                // Every scope crossed on the way records the correlated column, so dependent joins
                // (LATERAL) and subqueries know what they use from outside.
                Scope s = cx.scope();
                for (int d = 0; d < depth && s != null; d++, s = s.outer) {
                    s.correlated.add(new BoundColumnRef(c.binding(), c.type(), c.name(), depth - d));
                }
            }
        }
        return found;
    }

    private static BinderException notFound(String name, Scope scope, int pos) {
        boolean noTables = true;
        for (Scope s = scope; s != null && noTables; s = s.outer) noTables = s.tables.isEmpty();
        if (noTables) {
            // DuckDB's wording when no query level has a FROM clause (SELECT x, VALUES (x))
            return new BinderException("Referenced column \"" + name + "\" was not found because the FROM clause is missing", pos);
        }
        List<String> candidates = scope == null ? List.of() : scope.candidates();
        List<String> best = closest(name, candidates);
        StringBuilder sb = new StringBuilder("Referenced column \"" + name + "\" not found in FROM clause!");
        if (!best.isEmpty()) {
            sb.append("\nCandidate bindings: ");
            for (int i = 0; i < best.size(); i++) sb.append(i > 0 ? ", " : "").append('"').append(best.get(i)).append('"');
        }
        return new BinderException(sb.toString(), pos);
    }

    static List<String> closest(String name, List<String> candidates) {
        List<String> sorted = new ArrayList<>(candidates);
        String n = name.toLowerCase(Locale.ROOT);
        sorted.sort((a, b) -> Integer.compare(distance(n, tail(a)), distance(n, tail(b))));
        return sorted.subList(0, Math.min(5, sorted.size()));
    }

    private static String tail(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return (dot < 0 ? qualified : qualified.substring(dot + 1)).toLowerCase(Locale.ROOT);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---------------------------------------------------------------- operators

    private BoundExpr unary(UnaryOp u, BindContext cx) {
        switch (u.operator()) {
            case NOT -> {
                return new BoundNot(castTo(bind(u.operand(), cx), LogicalType.BOOLEAN));
            }
            case PLUS -> {
                // unary + exists for numbers (and lists) only, as in DuckDB
                BoundExpr operand = bind(u.operand(), cx);
                LogicalType t = operand.type();
                if (t.isNumeric() || t.id() == TypeId.SQLNULL || isListLike(t)) return operand;
                if (u.operand() instanceof StringLiteral) {
                    throw new BinderException("Could not choose a best candidate function for the function call \"+(STRING_LITERAL)\". "
                            + "In order to select one, please add explicit type casts.", u.pos());
                }
                throw new BinderException("No function matches the given name and argument types '+(" + t
                        + ")'. You might need to add explicit type casts.", u.pos());
            }
            case NEGATE -> {
                if (u.operand() instanceof IntegerLiteral i) return integerLiteral(i.negated(u.pos()).text(), u.pos());
                if (u.operand() instanceof DecimalLiteral d) return decimalLiteral(d.negated(u.pos()).text(), u.pos());
                BoundExpr operand = widenedIfMinimum(bind(u.operand(), cx), u.pos());
                return call("-", List.of(operand), new boolean[]{isLiteral(u.operand())}, u.pos());
            }
            case BIT_NOT -> {
                BoundExpr operand = bind(u.operand(), cx);
                return call("~", List.of(operand), new boolean[]{isLiteral(u.operand())}, u.pos());
            }
            case FACTORIAL -> {
                BoundExpr operand = bind(u.operand(), cx);
                return call("factorial", List.of(operand), new boolean[]{isLiteral(u.operand())}, u.pos());
            }
        }
        throw new IllegalStateException();
    }

    private BoundExpr binary(BinaryOp b, BindContext cx) {
        switch (b.operator()) {
            case AND, OR -> {
                boolean and = b.operator() == BinaryOperator.AND;
                List<BoundExpr> children = new ArrayList<>();
                flatten(b, and, cx, children);
                return new BoundConjunction(and, children);
            }
            case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> {
                return comparison(comparisonOp(b.operator()), b.left(), b.right(), cx, b.pos());
            }
            default -> {
            }
        }
        String name = switch (b.operator()) {
            case ADD -> "+";
            case SUBTRACT -> "-";
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            case INTEGER_DIVIDE -> "//";
            case MODULO -> "%";
            case POWER -> "pow";
            case CONCAT -> "||";
            case BIT_AND -> "&";
            case BIT_OR -> "|";
            case BIT_XOR -> "xor";
            case SHIFT_LEFT -> "<<";
            case SHIFT_RIGHT -> ">>";
            case STARTS_WITH -> "starts_with";
            // the regex operators match anywhere in the string (regexp_matches), unlike SIMILAR TO
            case REGEX_MATCH, REGEX_NOT_MATCH -> "regexp_matches";
            case JSON_EXTRACT -> "json_extract";
            case JSON_EXTRACT_TEXT -> "json_extract_string";
            default -> throw new NotImplementedException("operator " + b.operator().symbol() + " is not supported yet", b.pos());
        };
        BoundExpr left = bind(b.left(), cx);
        BoundExpr right = bind(b.right(), cx);
        if (name.equals("+") && isListLike(left.type()) && isListLike(right.type())) name = "list_concat"; // DuckDB: [1] + [2] = [1, 2]
        BoundExpr result = call(name, List.of(left, right), new boolean[]{isLiteral(b.left()), isLiteral(b.right())}, b.pos());
        return b.operator() == BinaryOperator.REGEX_NOT_MATCH ? new BoundNot(result) : result;
    }

    private void flatten(Expr e, boolean and, BindContext cx, List<BoundExpr> out) {
        if (e instanceof BinaryOp b && b.operator() == (and ? BinaryOperator.AND : BinaryOperator.OR)) {
            flatten(b.left(), and, cx, out);
            flatten(b.right(), and, cx, out);
            return;
        }
        out.add(castTo(bind(e, cx), LogicalType.BOOLEAN));
    }

    static ComparisonOp comparisonOp(BinaryOperator op) {
        return switch (op) {
            case EQUAL -> ComparisonOp.EQ;
            case NOT_EQUAL -> ComparisonOp.NE;
            case LESS -> ComparisonOp.LT;
            case LESS_EQUAL -> ComparisonOp.LE;
            case GREATER -> ComparisonOp.GT;
            case GREATER_EQUAL -> ComparisonOp.GE;
            default -> throw new BinderException("not a comparison operator: " + op.symbol());
        };
    }

    BoundExpr comparison(ComparisonOp op, Expr leftAst, Expr rightAst, BindContext cx, int pos) {
        BoundExpr left = bind(leftAst, cx);
        BoundExpr right = bind(rightAst, cx);
        return comparison(op, left, isUntyped(leftAst), right, isUntyped(rightAst), pos);
    }

    BoundExpr comparison(ComparisonOp op, BoundExpr left, boolean leftUntyped, BoundExpr right, boolean rightUntyped, int pos) {
        if (fitsInteger(right, left.type())) rightUntyped = true;
        else if (fitsInteger(left, right.type())) leftUntyped = true;
        // DuckDB: an equality between a string and another type compares as that type (the string
        // is cast); ordering comparisons between them need an explicit cast
        if (op == ComparisonOp.EQ || op == ComparisonOp.NE || op == ComparisonOp.DISTINCT_FROM || op == ComparisonOp.NOT_DISTINCT_FROM) {
            if (isPlainString(left.type()) && !isPlainString(right.type()) && right.type().id() != TypeId.SQLNULL) leftUntyped = true;
            else if (isPlainString(right.type()) && !isPlainString(left.type()) && left.type().id() != TypeId.SQLNULL) rightUntyped = true;
        }
        LogicalType target;
        try {
            target = commonType(List.of(left, right), new boolean[]{leftUntyped, rightUntyped}, pos);
        } catch (BinderException e) {
            if (!e.getMessage().startsWith("Cannot mix values of type")) throw e;
            throw new BinderException("Cannot compare values of type " + left.type() + " and type " + right.type()
                    + " - an explicit cast is required", pos);
        }
        List<BoundExpr> sides = collationKeys(List.of(castTo(left, target), castTo(right, target)), List.of(left, right), pos);
        return new BoundComparison(op, sides.get(0), sides.get(1));
    }

    private static boolean isPlainString(LogicalType t) {
        return t.id() == TypeId.VARCHAR;
    }

    // ---------------------------------------------------------------- collations

    /** {@code e} (a VARCHAR) typed with {@code collation}: a pass-through cast, the type carries it. */
    BoundExpr withCollation(BoundExpr e, String collation) {
        if (java.util.Objects.equals(e.type().collation(), collation)) return e;
        return new BoundCast(e, e.type().withCollation(collation), false);
    }

    /**
     * The operands {@code unified} (already cast to their common type) replaced by their collation
     * keys when that type is VARCHAR and one of the {@code original} operands carries a collation.
     */
    List<BoundExpr> collationKeys(List<BoundExpr> unified, List<BoundExpr> original, int pos) {
        List<LogicalType> types = new ArrayList<>(original.size());
        for (BoundExpr e : original) types.add(e.type());
        String collation = Collations.combined(types, pos);
        if (collation == null) return unified;
        List<BoundExpr> out = new ArrayList<>(unified.size());
        for (BoundExpr e : unified) out.add(collationKey(e, collation));
        return out;
    }

    /** The collation key of a VARCHAR: its value through the collation's key functions (lower, strip_accents, ...). */
    BoundExpr collationKey(BoundExpr e, String collation) {
        if (e.type().id() != TypeId.VARCHAR) return e;
        BoundExpr key = e.type().collation() == null ? e : new BoundCast(e, LogicalType.VARCHAR, false);
        for (String fn : Collations.keyFunctions(collation)) {
            ScalarFunction f = functions().bindScalar(fn, List.of(LogicalType.VARCHAR), java.util.Arrays.asList((Value) null));
            key = new BoundFunction(f, List.of(key));
        }
        return key;
    }

    /** An ORDER BY / PARTITION BY key: a collated string sorts and groups by its collation key. */
    BoundExpr sortKey(BoundExpr e) {
        String collation = e.type().id() == TypeId.VARCHAR ? e.type().collation() : null;
        return collation == null ? e : collationKey(e, collation);
    }

    /**
     * The type a group of expressions is unified to. Untyped literals (string literals, NULL,
     * parameters) adopt the type of the typed ones, as DuckDB's string-literal rule does.
     */
    LogicalType commonType(List<BoundExpr> exprs, boolean[] untyped, int pos) {
        LogicalType typed = null;
        for (int i = 0; i < exprs.size(); i++) {
            if (untyped[i]) continue;
            LogicalType t = exprs.get(i).type();
            typed = typed == null ? t : maxType(typed, t, pos);
        }
        if (typed != null && typed.id() == TypeId.ENUM) {
            // a string literal next to an enum does not become the enum: DuckDB compares them as text
            for (int i = 0; i < exprs.size(); i++) {
                if (untyped[i] && exprs.get(i).type().id() == TypeId.VARCHAR) return LogicalType.VARCHAR;
            }
        }
        if (typed != null && typed.id() != TypeId.SQLNULL) return typed;
        LogicalType all = typed;
        for (int i = 0; i < exprs.size(); i++) {
            LogicalType t = exprs.get(i).type();
            if (t.id() == TypeId.SQLNULL) continue;
            all = all == null || all.id() == TypeId.SQLNULL ? t : maxType(all, t, pos);
        }
        return all == null ? LogicalType.SQLNULL : all;
    }

    LogicalType maxType(LogicalType a, LogicalType b, int pos) {
        if (a.equals(b)) return a;
        if (a.id() == TypeId.SQLNULL) return b;
        if (b.id() == TypeId.SQLNULL) return a;
        try {
            LogicalType t = functions().maxLogicalType(a, b);
            if (t == null) throw new BinderException("Cannot mix values of type " + a + " and " + b + " - an explicit cast is required", pos);
            return t;
        } catch (TealException e) {
            if (e.position() < 0) throw new BinderException(e.getMessage(), pos);
            throw e;
        }
    }

    /** An integer constant that fits the (narrower) integer type of the other operand adopts that type, keeping column types intact. */
    private static boolean fitsInteger(BoundExpr constant, LogicalType other) {
        if (!(constant instanceof BoundConstant c) || c.value().isNull() || !other.isInteger() || !c.type().isInteger()) return false;
        Object o = c.value().object();
        BigInteger v = o instanceof BigInteger b ? b : BigInteger.valueOf(((Number) o).longValue());
        int bits = switch (other.id()) {
            case TINYINT -> 8;
            case SMALLINT -> 16;
            case INTEGER -> 32;
            case BIGINT -> 64;
            default -> 128;
        };
        return v.bitLength() < bits;
    }

    /** True for literal arguments whose value the function registry may use to pick a narrower type. */
    static boolean isLiteral(Expr e) {
        return isUntyped(e) || e instanceof IntegerLiteral || e instanceof DecimalLiteral
                || (e instanceof UnaryOp u && u.operator() == UnaryOperator.NEGATE
                && (u.operand() instanceof IntegerLiteral || u.operand() instanceof DecimalLiteral));
    }

    /** True for expressions DuckDB treats as untyped literals: string literals, NULL and parameters. */
    static boolean isUntyped(Expr e) {
        return e instanceof StringLiteral || e instanceof NullLiteral || e instanceof Parameter;
    }

    /** Casts {@code e} to {@code target}, typing parameters and NULLs instead of wrapping them. */
    BoundExpr castTo(BoundExpr e, LogicalType target) {
        if (e.type().equals(target)) return e;
        if (target.id() == TypeId.SQLNULL) {
            // only NULL itself converts to the NULL type (a "null" column); anything else is
            // DuckDB's "Unimplemented type for cast (INTEGER -> "NULL")", raised by the cast
            if (e instanceof BoundParameter || e instanceof BoundConstant c && c.value().isNull()) return e;
            return new BoundCast(e, target, false);
        }
        if (e instanceof BoundParameter p) {
            if (p.type().id() == TypeId.SQLNULL) {
                binder.resolveParameter(p.index(), target);
                return new BoundParameter(p.index(), target);
            }
        }
        if (e instanceof BoundConstant c && c.value().isNull() && !holdsNull(c, target)) return new BoundConstant(Value.nullOf(target));
        return cast(e, target, false);
    }

    /**
     * CAST(e AS target). A cast that reads or writes TIMESTAMP WITH TIME ZONE / TIME WITH TIME ZONE
     * as wall-clock time depends on the session's TimeZone: it binds to the zone-aware cast function
     * with the zone as a constant, so the plan carries the zone it was bound with.
     */
    BoundExpr cast(BoundExpr e, LogicalType target, boolean tryCast) {
        if (io.tealdb.function.cast.Casts.needsTimeZone(e.type(), target)) {
            List<BoundExpr> args = List.of(e, new BoundConstant(Value.ofVarchar(sessionZoneName())),
                    new BoundConstant(Value.ofVarchar(target.toString())), new BoundConstant(Value.ofBoolean(tryCast)));
            List<Value> consts = new ArrayList<>();
            consts.add(null);
            for (int i = 1; i < args.size(); i++) consts.add(((BoundConstant) args.get(i)).value());
            ScalarFunction f = functions().bindScalar(io.tealdb.function.scalar.TimeZoneFunctions.ZONE_CAST,
                    List.of(e.type(), LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.BOOLEAN), consts);
            return new BoundFunction(f, args);
        }
        if (target.id() == TypeId.BLOB && e.type().id() == TypeId.VARCHAR
                && "postgres".equals(binder.env.setting(io.tealdb.settings.Settings.BYTEA_INPUT))) {
            // PostgreSQL clients send bytes as '\x0102ff'::bytea, which DuckDB's escape rule would misread
            String fn = tryCast ? io.tealdb.function.scalar.PgByteaInput.TRY_CAST : io.tealdb.function.scalar.PgByteaInput.CAST;
            List<Value> consts = new ArrayList<>();
            consts.add(e instanceof BoundConstant c ? c.value() : null);
            return new BoundFunction(functions().bindScalar(fn, List.of(LogicalType.VARCHAR), consts), List.of(e));
        }
        // a NULL constant converts to every type, even where no cast between the types exists
        // (NULL::INT[]::ROW(i INT)::DECIMAL(4,0) is a NULL DECIMAL in DuckDB)
        if (e instanceof BoundConstant c && c.value().isNull() && target.id() != TypeId.SQLNULL && !holdsNull(c, target)) {
            return new BoundConstant(Value.nullOf(target));
        }
        return new BoundCast(e, target, tryCast);
    }

    /** A typed NULL cast to a UNION is the member holding NULL, not a NULL union (DuckDB); an untyped NULL is a NULL union. */
    private static boolean holdsNull(BoundConstant c, LogicalType target) {
        return target.id() == TypeId.UNION && c.value().type().id() != TypeId.SQLNULL;
    }

    /** The session's TimeZone setting (validated by SET), or the machine's zone. */
    String sessionZoneName() {
        return binder.env.setting(io.tealdb.settings.Settings.TIME_ZONE);
    }

    private BoundExpr between(Between b, BindContext cx) {
        BoundExpr value = bind(b.value(), cx);
        BoundExpr low = bind(b.low(), cx);
        BoundExpr high = bind(b.high(), cx);
        boolean vu = isUntyped(b.value()), lu = isUntyped(b.low()), hu = isUntyped(b.high());
        LogicalType t = commonType(List.of(value, low, high), new boolean[]{vu, lu, hu}, b.pos());
        List<BoundExpr> keyed = collationKeys(List.of(castTo(value, t), castTo(low, t), castTo(high, t)), List.of(value, low, high), b.pos());
        value = keyed.get(0);
        low = keyed.get(1);
        high = keyed.get(2);
        BoundExpr result = new BoundConjunction(true, List.of(new BoundComparison(ComparisonOp.GE, value, low),
                new BoundComparison(ComparisonOp.LE, value, high)));
        if (b.symmetric()) {
            result = new BoundConjunction(false, List.of(result, new BoundConjunction(true, List.of(
                    new BoundComparison(ComparisonOp.GE, value, high), new BoundComparison(ComparisonOp.LE, value, low)))));
        }
        return b.negated() ? new BoundNot(result) : result;
    }

    private BoundExpr inList(InList in, BindContext cx) {
        List<BoundExpr> all = new ArrayList<>();
        boolean[] untyped = new boolean[in.list().size() + 1];
        all.add(bind(in.value(), cx));
        untyped[0] = isUntyped(in.value());
        for (int i = 0; i < in.list().size(); i++) {
            all.add(bind(in.list().get(i), cx));
            untyped[i + 1] = isUntyped(in.list().get(i));
        }
        // IN is equality: strings next to another type compare as that type (see comparison)
        boolean otherType = false;
        for (int i = 0; i < all.size(); i++) {
            LogicalType ti = all.get(i).type();
            otherType |= !untyped[i] && !isPlainString(ti) && ti.id() != TypeId.SQLNULL;
        }
        if (otherType) {
            for (int i = 0; i < all.size(); i++) if (isPlainString(all.get(i).type())) untyped[i] = true;
        }
        LogicalType t = commonType(all, untyped, in.pos());
        List<BoundExpr> unified = new ArrayList<>();
        for (BoundExpr e : all) unified.add(castTo(e, t));
        unified = collationKeys(unified, all, in.pos());
        return new BoundInList(unified.get(0), unified.subList(1, unified.size()), in.negated());
    }

    private BoundExpr quantified(BoundExpr left, Expr leftAst, ComparisonOp op, SubqueryKind kind, QueryNode query,
                                 BindContext cx, int pos) {
        Binder.SubqueryResult sq = binder.bindSubquery(query, cx);
        BoundQuery q = sq.query();
        if (q.types().size() != 1) {
            throw new BinderException("Subquery returns " + q.types().size() + " columns - expected 1", pos);
        }
        LogicalType rightType = q.types().get(0);
        LogicalType t = isUntyped(leftAst) ? rightType : maxType(left.type(), rightType, pos);
        LogicalOperator plan = q.plan();
        String collation = t.id() == TypeId.VARCHAR ? Collations.combined(List.of(left.type(), rightType), pos) : null;
        if (!rightType.equals(t) || collation != null) {
            BoundColumnRef ref = new BoundColumnRef(plan.bindings().get(0), rightType, q.names().get(0));
            BoundExpr right = castTo(ref, t);
            if (collation != null) right = collationKey(right, collation);
            plan = new LogicalProjection(binder.nextTableIndex(), List.of(right), plan);
        }
        BoundExpr l = castTo(left, t);
        if (collation != null) l = collationKey(l, collation);
        return new BoundSubquery(kind, plan, l, op, LogicalType.BOOLEAN);
    }

    private BoundExpr like(Like l, BindContext cx) {
        BoundExpr value = bind(l.value(), cx);
        BoundExpr pattern = bind(l.pattern(), cx);
        if (l.kind() == LikeKind.SIMILAR) {
            BoundExpr r = call("regexp_full_match", List.of(value, pattern),
                    new boolean[]{isLiteral(l.value()), isLiteral(l.pattern())}, l.pos());
            return l.negated() ? new BoundNot(r) : r;
        }
        if (l.escape() != null) {
            BoundExpr escape = bind(l.escape(), cx);
            String name = switch (l.kind()) {
                case LIKE -> l.negated() ? "not_like_escape" : "like_escape";
                case ILIKE -> l.negated() ? "not_ilike_escape" : "ilike_escape";
                default -> throw new NotImplementedException("ESCAPE is only supported with LIKE/ILIKE", l.pos());
            };
            return call(name, List.of(value, pattern, escape),
                    new boolean[]{isLiteral(l.value()), isLiteral(l.pattern()), isLiteral(l.escape())}, l.pos());
        }
        String name = switch (l.kind()) {
            case LIKE -> l.negated() ? "!~~" : "~~";
            case ILIKE -> l.negated() ? "!~~*" : "~~*";
            case GLOB -> "~~~";
            case SIMILAR -> throw new IllegalStateException();
        };
        BoundExpr r = call(name, List.of(value, pattern), new boolean[]{isLiteral(l.value()), isLiteral(l.pattern())}, l.pos());
        return l.kind() == LikeKind.GLOB && l.negated() ? new BoundNot(r) : r;
    }

    private BoundExpr caseExpr(Case c, BindContext cx) {
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        List<Boolean> untyped = new ArrayList<>();
        BoundExpr operand = c.operand() == null ? null : bind(c.operand(), cx);
        for (WhenClause w : c.whens()) {
            if (operand != null) {
                BoundExpr value = bind(w.condition(), cx);
                conditions.add(comparison(ComparisonOp.EQ, operand, isUntyped(c.operand()), value, isUntyped(w.condition()), w.pos()));
            } else {
                conditions.add(castTo(bind(w.condition(), cx), LogicalType.BOOLEAN));
            }
            results.add(bind(w.result(), cx));
            untyped.add(w.result() instanceof NullLiteral || w.result() instanceof Parameter);
        }
        BoundExpr elseResult = c.elseResult() == null ? new BoundConstant(Value.nullOf(LogicalType.SQLNULL)) : bind(c.elseResult(), cx);
        List<BoundExpr> all = new ArrayList<>(results);
        all.add(elseResult);
        boolean[] u = new boolean[all.size()];
        for (int i = 0; i < untyped.size(); i++) u[i] = untyped.get(i);
        u[all.size() - 1] = c.elseResult() == null || c.elseResult() instanceof NullLiteral || c.elseResult() instanceof Parameter;
        LogicalType t = commonType(all, u, c.pos());
        List<BoundExpr> cast = new ArrayList<>();
        for (BoundExpr r : results) cast.add(castTo(r, t));
        return new BoundCase(conditions, cast, castTo(elseResult, t), t);
    }

    // ---------------------------------------------------------------- functions

    /**
     * The value of a constant nested argument ({@code ['a', 'b']}, {@code NULL::VARCHAR[]}), for
     * functions whose result type depends on it (regexp_extract's group names); null for anything
     * else. Only nested types: a constant number or string keeps meaning a literal to the registry.
     */
    private Value nestedConstant(BoundExpr a) {
        if (!a.type().isNested() || !BoundExprs.isConstant(a) || BoundExprs.hasParameter(a)) return null;
        try {
            return binder.constantValue(a, -1);
        } catch (TealException e) {
            return null; // evaluated with the rows instead, where the same error surfaces
        }
    }

    /**
     * The type of argument {@code i} of a function that takes only its type (cast_to_type,
     * replace_type, can_cast_implicitly); a parameter without a value defers the statement's
     * binding to EXECUTE, when the value's type is known.
     */
    private LogicalType typeArgument(FunctionCall f, int i, BindContext cx) {
        BoundExpr e = bind(f.args().get(i), cx);
        if (e instanceof io.tealdb.planner.expression.BoundParameter p && p.type().id() == TypeId.SQLNULL) {
            throw new io.tealdb.error.ParameterValueNeededException(f.name().last().text() + " needs the type of its parameter", f.pos());
        }
        return e.type();
    }

    /** {@code t} with every occurrence of {@code from}, also inside nested types, replaced by {@code to}. */
    static LogicalType replaceType(LogicalType t, LogicalType from, LogicalType to) {
        if (t.equals(from)) return to;
        return switch (t.id()) {
            case LIST -> LogicalType.list(replaceType(t.childType(), from, to));
            case ARRAY -> LogicalType.array(replaceType(t.childType(), from, to), t.arraySize());
            case MAP -> LogicalType.map(replaceType(t.mapKey(), from, to), replaceType(t.mapValue(), from, to));
            case STRUCT -> LogicalType.struct(t.children().stream()
                    .map(c -> new io.tealdb.types.TypeField(c.name(), replaceType(c.type(), from, to))).toList());
            default -> t;
        };
    }

    /** Binds a lambda's body with its parameters as columns of table {@code index}: (accumulator,) element (, index). */
    private BoundExpr lambdaBody(Lambda lambda, int params, int min, boolean reduce, LogicalType accumulator, LogicalType element,
                                 int index, BindContext cx) {
        Map<String, BoundColumnRef> frame = new java.util.HashMap<>();
        for (int i = 0; i < params; i++) {
            LogicalType t = i == 0 && reduce ? accumulator : i < min ? element : LogicalType.BIGINT;
            String p = lambda.params().get(i).text();
            frame.put(p.toLowerCase(Locale.ROOT), new BoundColumnRef(new ColumnBinding(index, i), t, p));
        }
        lambdaFrames.addLast(frame);
        try {
            return bind(lambda.body(), cx);
        } finally {
            lambdaFrames.removeLast();
        }
    }

    /**
     * The operand of a negation, cast to the next wider integer type when it is a constant holding its
     * type's minimum (DuckDB: -(CAST(-128 AS TINYINT)) is 128 as a SMALLINT, not an overflow); other
     * operands as they are.
     */
    private BoundExpr widenedIfMinimum(BoundExpr operand, int pos) {
        LogicalType wider = switch (operand.type().id()) {
            case TINYINT -> LogicalType.SMALLINT;
            case SMALLINT -> LogicalType.INTEGER;
            case INTEGER -> LogicalType.BIGINT;
            case BIGINT -> LogicalType.HUGEINT;
            default -> null;
        };
        if (wider == null || !BoundExprs.isConstant(operand) || BoundExprs.hasParameter(operand)) return operand;
        Value v;
        try {
            v = binder.constantValue(operand, pos);
        } catch (TealException e) {
            return operand; // evaluated with the rows instead, where the same error surfaces
        }
        if (v.isNull()) return operand;
        long value = ((Number) v.object()).longValue();
        long min = switch (operand.type().id()) {
            case TINYINT -> Byte.MIN_VALUE;
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        return value == min ? castTo(operand, wider) : operand;
    }

    private static boolean isListLike(LogicalType t) {
        return t.id() == TypeId.LIST || t.id() == TypeId.ARRAY;
    }

    /** Resolves a scalar function and casts the arguments to its parameter types. */
    BoundExpr call(String name, List<BoundExpr> args, boolean[] literal, int pos) {
        List<LogicalType> types = new ArrayList<>(args.size());
        List<Value> constants = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            BoundExpr a = args.get(i);
            types.add(a.type());
            constants.add(literal[i] && a instanceof BoundConstant c ? c.value() : nestedConstant(a));
        }
        if (io.tealdb.function.scalar.TimeZoneFunctions.takesZone(name, types)) {
            // the session's TimeZone as a hidden constant argument (see TimeZoneFunctions)
            BoundConstant zone = new BoundConstant(Value.ofVarchar(sessionZoneName()));
            args = new ArrayList<>(args);
            args.add(zone);
            types.add(LogicalType.VARCHAR);
            constants.add(zone.value());
        }
        // a collation on a string argument: comparing functions compare collation keys, the others
        // pass it on to a VARCHAR result (DuckDB's collation propagation)
        String collation = Collations.combined(types, pos);
        if (collation != null && Collations.COMPARING.contains(name)) {
            args = new ArrayList<>(args);
            for (int i = 0; i < args.size(); i++) {
                if (types.get(i).id() == TypeId.VARCHAR) {
                    args.set(i, collationKey(args.get(i), collation));
                    types.set(i, LogicalType.VARCHAR);
                    constants.set(i, null);
                }
            }
            collation = null;
        }
        ScalarFunction f;
        try {
            f = functions().bindScalar(name, types, constants);
        } catch (TealException e) {
            if (e instanceof io.tealdb.error.OutOfRangeException) throw e;
            // a parameter of unknown type (PREPARE): the call binds at EXECUTE, when its value is known
            for (BoundExpr a : args) {
                if (a instanceof io.tealdb.planner.expression.BoundParameter p && p.type().id() == TypeId.SQLNULL) {
                    throw new io.tealdb.error.ParameterValueNeededException(e.getMessage(), pos);
                }
            }
            // e.g. DuckDB's "Unknown TimeZone" from a constant zone argument keeps its kind
            if (e instanceof io.tealdb.error.NotImplementedException && e.position() < 0) throw new io.tealdb.error.NotImplementedException(e.getMessage(), pos);
            if (e instanceof io.tealdb.error.InvalidInputException && e.position() < 0) throw new io.tealdb.error.InvalidInputException(e.getMessage(), pos);
            if (e.position() < 0) {
                if (e instanceof CatalogException) throw new CatalogException(e.getMessage(), pos);
                throw new BinderException(e.getMessage(), pos);
            }
            throw e;
        }
        if (collation != null && f.returnType().id() == TypeId.VARCHAR) {
            f = new ScalarFunction(f.name(), f.argumentTypes(), f.returnType().withCollation(collation), f.kernel(), f.deterministic());
        }
        return new BoundFunction(f, castArgs(args, f.argumentTypes()));
    }

    private List<BoundExpr> castArgs(List<BoundExpr> args, List<LogicalType> params) {
        List<BoundExpr> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            LogicalType t = params.isEmpty() ? args.get(i).type() : params.get(Math.min(i, params.size() - 1));
            out.add(castTo(args.get(i), t));
        }
        return out;
    }

    private static final Map<String, io.tealdb.function.scalar.LambdaFunctions.Kind> LAMBDA_FUNCTIONS = Map.ofEntries(
            Map.entry("list_transform", io.tealdb.function.scalar.LambdaFunctions.Kind.TRANSFORM),
            Map.entry("array_transform", io.tealdb.function.scalar.LambdaFunctions.Kind.TRANSFORM),
            Map.entry("list_apply", io.tealdb.function.scalar.LambdaFunctions.Kind.TRANSFORM),
            Map.entry("array_apply", io.tealdb.function.scalar.LambdaFunctions.Kind.TRANSFORM),
            Map.entry("apply", io.tealdb.function.scalar.LambdaFunctions.Kind.TRANSFORM),
            Map.entry("list_filter", io.tealdb.function.scalar.LambdaFunctions.Kind.FILTER),
            Map.entry("array_filter", io.tealdb.function.scalar.LambdaFunctions.Kind.FILTER),
            Map.entry("filter", io.tealdb.function.scalar.LambdaFunctions.Kind.FILTER),
            Map.entry("list_reduce", io.tealdb.function.scalar.LambdaFunctions.Kind.REDUCE),
            Map.entry("array_reduce", io.tealdb.function.scalar.LambdaFunctions.Kind.REDUCE),
            Map.entry("reduce", io.tealdb.function.scalar.LambdaFunctions.Kind.REDUCE));

    /**
     * DuckDB's JSON aggregate macros over the list aggregate (same DISTINCT, ORDER BY, FILTER and
     * OVER): json_group_array(x) = to_json(list(x)), json_group_object(k, v) = to_json of the map of
     * the (k, v) pairs, json_group_structure(j) = the merged json_structure of the documents.
     */
    private static Expr jsonGroup(String name, FunctionCall f) {
        int pos = f.pos();
        int arity = name.equals("json_group_object") ? 2 : 1;
        if (f.args().size() != arity) {
            throw new BinderException(name + " takes " + arity + (arity == 1 ? " argument" : " arguments"), pos);
        }
        Expr listArg = arity == 1 ? f.args().get(0) : FunctionCall.of("row", f.args(), pos);
        Expr list = new FunctionCall(new QualifiedName(List.of(new Identifier("list", false, pos)), pos), List.of(listArg),
                f.distinct(), false, f.orderBy(), f.filter(), false, f.over(), pos);
        return switch (name) {
            case "json_group_array" -> FunctionCall.of("to_json", List.of(list), pos);
            case "json_group_object" -> FunctionCall.of("to_json", List.of(FunctionCall.of("map_from_entries", List.of(list), pos)), pos);
            default -> FunctionCall.of("json_extract", List.of(FunctionCall.of("json_structure", List.of(FunctionCall.of("to_json", List.of(list), pos)), pos),
                    new IntegerLiteral("0", pos)), pos);
        };
    }

    /**
     * list_transform(l, x -> body) and friends: the body is bound with the parameters as columns of
     * a fresh table index; outer columns it uses become extra arguments of the call (so optimizer
     * rewrites reach them) and body columns after the parameters.
     */
    private BoundExpr lambdaCall(String name, FunctionCall f, BindContext cx) {
        io.tealdb.function.scalar.LambdaFunctions.Kind kind = LAMBDA_FUNCTIONS.get(name);
        if (kind == null) throw new BinderException("function " + name + " does not take a lambda", f.pos());
        boolean reduce = kind == io.tealdb.function.scalar.LambdaFunctions.Kind.REDUCE;
        // list_reduce(l, lambda, initial): the accumulator starts at the initial value
        boolean withInitial = reduce && f.args().size() == 3;
        if (f.args().size() != (withInitial ? 3 : 2) || !(f.args().get(1) instanceof Lambda lambda)) {
            throw new BinderException(name + " takes a list and a lambda function" + (reduce ? " (and an optional initial value)" : ""), f.pos());
        }
        // DuckDB 2.0: the single-arrow form is an error unless SET lambda_syntax = 'ENABLE_SINGLE_ARROW'
        if (lambda.arrow() && !"enable_single_arrow".equalsIgnoreCase(binder.env.setting(io.tealdb.settings.Settings.LAMBDA_SYNTAX))) {
            throw new BinderException("Deprecated lambda arrow (->) detected. Please transition to the new lambda syntax, "
                    + "i.e.., lambda x, i: x + i, before DuckDB's next release.\nUse SET lambda_syntax='ENABLE_SINGLE_ARROW' to revert "
                    + "to the deprecated behavior.\nFor more information, see https://duckdb.org/docs/current/sql/functions/lambda.html.",
                    lambda.pos());
        }
        BoundExpr list = bind(f.args().get(0), cx);
        LogicalType listType = list.type();
        if (listType.id() == TypeId.SQLNULL) listType = LogicalType.list(LogicalType.SQLNULL);
        if (listType.id() == TypeId.ARRAY) listType = LogicalType.list(listType.childType());
        if (listType.id() != TypeId.LIST) throw new BinderException(name + " requires a list as its first argument, got " + list.type(), f.pos());
        list = castTo(list, listType);
        int params = lambda.params().size();
        int min = reduce ? 2 : 1;
        if (params < min || params > min + 1) {
            if (reduce) throw new BinderException(name + " expects a function with 2 or 3 arguments", lambda.pos());
            throw new BinderException("The number of lambda parameters does not match the function: " + name + " expects "
                    + min + (min == 1 ? " parameter" : " parameters") + " (plus an optional index)", lambda.pos());
        }
        LogicalType element = listType.childType();
        BoundExpr initial = null;
        // reduce: the accumulator starts with the initial value's type (else the element's) and
        // widens to the body's type until they agree, as DuckDB types it
        LogicalType accumulator = element;
        if (withInitial) {
            initial = bind(f.args().get(2), cx);
            if (initial.type().id() != TypeId.SQLNULL) accumulator = initial.type();
        }
        int index = binder.nextTableIndex();
        BoundExpr body;
        for (int round = 0; ; round++) {
            body = lambdaBody(lambda, params, min, reduce, accumulator, element, index, cx);
            if (!reduce || body.type().equals(accumulator) || body.type().id() == TypeId.SQLNULL) break;
            LogicalType wider = io.tealdb.function.cast.CastRules.tryMaxLogicalType(accumulator, body.type());
            if (wider == null) {
                throw new BinderException("No common super type between " + (withInitial ? "initial value" : "list element") + " type "
                        + accumulator + " and lambda return type " + body.type(), f.pos());
            }
            if (wider.equals(accumulator) || round == 3) break;
            accumulator = wider;
        }
        if (reduce && !withInitial && !accumulator.equals(element)) {
            // the first element is the first accumulator
            listType = LogicalType.list(accumulator);
            list = castTo(list, listType);
            element = accumulator;
            body = lambdaBody(lambda, params, min, true, accumulator, element, index, cx);
        }
        if (initial != null) initial = castTo(initial, accumulator);
        if (kind == io.tealdb.function.scalar.LambdaFunctions.Kind.FILTER) body = castTo(body, LogicalType.BOOLEAN);
        if (reduce) body = castTo(body, accumulator);
        // outer columns used by the body: passed as arguments, read in the body as columns params.. of the lambda
        List<BoundExpr> captured = new ArrayList<>();
        List<LogicalType> capturedTypes = new ArrayList<>();
        BoundExpr closed = BoundExprs.rewrite(body, e -> {
            if (e instanceof BoundParameter) throw new BinderException("prepared statement parameters are not supported inside lambda functions", f.pos());
            // as DuckDB: the lambda body runs per element inside a scalar kernel, where no subquery plan can run
            if (e instanceof BoundSubquery) throw new BinderException("subqueries in lambda expressions are not supported", f.pos());
            if (e instanceof BoundColumnRef c && c.binding().tableIndex() != index) {
                for (int j = 0; j < captured.size(); j++) {
                    if (BoundExprs.same(captured.get(j), c)) return new BoundColumnRef(new ColumnBinding(index, params + j), c.type(), c.name());
                }
                captured.add(c);
                capturedTypes.add(c.type());
                return new BoundColumnRef(new ColumnBinding(index, params + captured.size() - 1), c.type(), c.name());
            }
            return null;
        });
        List<BoundExpr> args = new ArrayList<>();
        args.add(list);
        if (initial != null) args.add(initial);
        args.addAll(captured);
        return new BoundFunction(io.tealdb.function.scalar.LambdaFunctions.create(name, kind, listType, params, closed.type(),
                capturedTypes, closed, index, initial == null ? null : accumulator), args);
    }

    private static final Set<String> LIST_AGGREGATES = Set.of("list_aggregate", "array_aggregate", "list_aggr", "array_aggr", "aggregate");
    private static final Map<String, String> LIST_AGGREGATE_SHORTHANDS = Map.ofEntries(
            Map.entry("list_sum", "sum"), Map.entry("array_sum", "sum"), Map.entry("list_min", "min"), Map.entry("array_min", "min"),
            Map.entry("list_max", "max"), Map.entry("array_max", "max"), Map.entry("list_avg", "avg"), Map.entry("array_avg", "avg"),
            Map.entry("list_count", "count"), Map.entry("array_count", "count"), Map.entry("list_first", "first"),
            Map.entry("list_last", "last"), Map.entry("list_product", "product"), Map.entry("list_string_agg", "string_agg"),
            Map.entry("list_median", "median"), Map.entry("list_mode", "mode"), Map.entry("list_bool_and", "bool_and"),
            Map.entry("list_bool_or", "bool_or"), Map.entry("list_any_value", "any_value"), Map.entry("list_stddev_samp", "stddev_samp"),
            Map.entry("list_var_samp", "var_samp"), Map.entry("list_histogram", "histogram"), Map.entry("list_entropy", "entropy"),
            Map.entry("list_approx_count_distinct", "approx_count_distinct"), Map.entry("list_kurtosis", "kurtosis"),
            Map.entry("list_skewness", "skewness"), Map.entry("list_sem", "sem"), Map.entry("list_mad", "mad"),
            Map.entry("list_bit_and", "bit_and"), Map.entry("list_bit_or", "bit_or"), Map.entry("list_bit_xor", "bit_xor"));

    /**
     * list_aggregate(l, 'name' [, extra constant args]) / list_sum(l) ...: the named aggregate over
     * each list's elements; null when the first argument is not a list (then the name binds normally).
     */
    private BoundExpr listAggregate(String name, FunctionCall f, BindContext cx) {
        String shorthand = LIST_AGGREGATE_SHORTHANDS.get(name);
        int fixed = shorthand == null ? 2 : 1;
        if (shorthand != null && f.args().isEmpty()) {
            // DuckDB defines the shorthands as macros of one list argument
            throw new BinderException("Macro " + name + "() does not support the supplied arguments. You might need to add explicit type casts.\n"
                    + "Candidate macros:\n\t" + name + "(l)", f.pos());
        }
        if (f.args().size() < fixed) return null;
        BoundExpr list = bind(f.args().get(0), cx);
        LogicalType listType = list.type();
        if (listType.id() == TypeId.SQLNULL) listType = LogicalType.list(LogicalType.SQLNULL);
        if (listType.id() == TypeId.ARRAY) listType = LogicalType.list(listType.childType());
        if (listType.id() != TypeId.LIST) {
            if (shorthand == null) throw new BinderException(name + " requires a list as its first argument, got " + list.type(), f.pos());
            return null;
        }
        list = castTo(list, listType);
        String aggregate = shorthand;
        if (aggregate == null) {
            BoundExpr nameArg = bind(f.args().get(1), cx);
            if (!(nameArg instanceof BoundConstant c) || c.value().isNull() || !(c.value().object() instanceof String text)) {
                throw new BinderException("Aggregate function name must be a constant string", f.args().get(1).pos());
            }
            aggregate = text.toLowerCase(Locale.ROOT);
        }
        List<BoundExpr> extra = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        types.add(listType.childType());
        for (Expr a : f.args().subList(fixed, f.args().size())) {
            BoundExpr b = bind(a, cx);
            extra.add(b);
            types.add(b.type());
        }
        io.tealdb.function.AggregateFunction fn;
        try {
            fn = functions().bindAggregate(aggregate, types);
        } catch (TealException e) {
            if (e.position() >= 0) throw e;
            throw e instanceof CatalogException ? new CatalogException(e.getMessage(), f.pos()) : new BinderException(e.getMessage(), f.pos());
        }
        List<BoundExpr> args = new ArrayList<>();
        args.add(list);
        for (int i = 0; i < extra.size(); i++) args.add(castTo(extra.get(i), fn.argumentTypes().get(1 + i)));
        List<LogicalType> extraTypes = fn.argumentTypes().subList(1, fn.argumentTypes().size());
        LogicalType elementParam = fn.argumentTypes().get(0);
        if (!elementParam.equals(listType.childType())) {
            listType = LogicalType.list(elementParam);
            args.set(0, castTo(list, listType));
        }
        return new BoundFunction(io.tealdb.function.scalar.ListAggregateFunction.create(name, listType, fn, extraTypes), args);
    }

    /**
     * unnest(l, recursive := true) / unnest(l, max_depth := n): nested lists are flattened (all
     * levels, or n - 1 of them) before the one unnest.
     */
    private BoundExpr recursiveUnnest(FunctionCall f, BindContext cx) {
        Expr listArg = null;
        int depth = 1;
        for (Expr a : f.args()) {
            if (a instanceof NamedArgument n) {
                BoundExpr v = bind(n.value(), cx);
                if (!(v instanceof BoundConstant c) || c.value().isNull()) throw new BinderException("unnest: " + n.name().text() + " must be a constant", n.pos());
                switch (n.name().text().toLowerCase(Locale.ROOT)) {
                    case "recursive" -> depth = Boolean.TRUE.equals(io.tealdb.function.cast.Casts.castValue(c.value(), LogicalType.BOOLEAN, false).object())
                            ? Integer.MAX_VALUE : 1;
                    case "max_depth" -> depth = ((Number) io.tealdb.function.cast.Casts.castValue(c.value(), LogicalType.INTEGER, false).object()).intValue();
                    default -> throw new BinderException("Unsupported argument \"" + n.name().text() + "\" for unnest", n.pos());
                }
            } else {
                if (listArg != null) throw new BinderException("UNNEST requires a single list as input", a.pos());
                listArg = a;
            }
        }
        if (listArg == null) throw new BinderException("UNNEST requires a single list as input", f.pos());
        if (depth < 1) throw new BinderException("UNNEST cannot have a max depth below 1", f.pos());
        BoundExpr list = bind(listArg, cx);
        for (int level = 1; level < depth && list.type().id().isListLike() && list.type().id() != TypeId.MAP
                && list.type().childType().id().isListLike() && list.type().childType().id() != TypeId.MAP; level++) {
            list = call("flatten", List.of(list), new boolean[1], f.pos());
        }
        return call("unnest", List.of(list), new boolean[1], f.pos());
    }

    /**
     * {@code generate_subscripts(list, 1)}: the list's subscripts 1..len as rows, i.e.
     * {@code unnest(generate_series(1, len(list)))}, so that beside {@code unnest(list)} in one select
     * list it numbers the elements (PostgreSQL catalog queries pair the two).
     */
    private BoundExpr generateSubscripts(FunctionCall f, BindContext cx) {
        Expr dim = f.args().get(1);
        int pos = f.pos();
        Expr length = FunctionCall.of("len", List.of(f.args().get(0)), pos);
        if (!(dim instanceof IntegerLiteral d) || !d.text().equals("1")) {
            // the dimension may be a parameter (clients send $1::INTEGER), unknown when a statement is
            // prepared: checked when it runs
            Expr error = FunctionCall.of("error", List.of(new StringLiteral("generate_subscripts supports dimension 1 only", dim.pos())), dim.pos());
            length = new Case(null, List.of(new WhenClause(new BinaryOp(BinaryOperator.EQUAL, dim, new IntegerLiteral("1", pos), pos), length, pos)),
                    new Cast(error, TypeName.simple("BIGINT", pos), false, pos), pos);
        }
        Expr series = FunctionCall.of("generate_series", List.of(new IntegerLiteral("1", pos), length), pos);
        return bind(FunctionCall.of("unnest", List.of(series), pos), cx);
    }

    /** Qualifiers of a function name that name a schema, never a column. */
    private static final Set<String> FUNCTION_SCHEMAS = Set.of("main", "pg_catalog", "system", "temp", "information_schema", "memory");

    /**
     * {@code col.f(a)} where the qualifier is a column (DuckDB's method syntax on a column): the call
     * {@code f(col, a)}; null when the name is an ordinary (schema-qualified) function name. As in
     * DuckDB, a schema or a macro of that name takes precedence over the column.
     */
    private FunctionCall methodCall(FunctionCall f, BindContext cx) {
        List<Identifier> parts = f.name().parts();
        if (parts.size() < 2 || f.star() || f.over() != null) return null;
        String qualifier = parts.get(parts.size() - 2).text();
        if (FUNCTION_SCHEMAS.contains(qualifier.toLowerCase(Locale.ROOT))
                || binder.env.catalog().findMacro(qualifier, f.name().last().text(), false) != null) {
            return null;
        }
        ColumnRef receiver = new ColumnRef(parts.subList(0, parts.size() - 1), f.pos());
        try {
            bind(receiver, cx);
        } catch (BinderException | io.tealdb.error.CatalogException e) {
            return null; // not a column: keep the qualified name (and its error)
        }
        List<Expr> args = new ArrayList<>();
        args.add(receiver);
        args.addAll(f.args());
        return new FunctionCall(new QualifiedName(List.of(parts.get(parts.size() - 1)), f.name().pos()), args, f.distinct(), f.star(),
                f.orderBy(), f.filter(), f.ignoreNulls(), f.over(), f.pos());
    }

    private BoundExpr function(FunctionCall f, BindContext cx) {
        if (binder.columnsUnpacked != null && f.args().stream().anyMatch(a -> a instanceof ColumnsExpr c && c.unpacked())) {
            List<Expr> args = new ArrayList<>();
            for (Expr a : f.args()) {
                List<Expr> cols = a instanceof ColumnsExpr c && c.unpacked() ? binder.columnsUnpacked.get(c) : null;
                if (cols != null) args.addAll(cols);
                else args.add(a);
            }
            f = new FunctionCall(f.name(), args, f.distinct(), f.star(), f.orderBy(), f.filter(), f.ignoreNulls(), f.over(), f.pos());
        }
        FunctionCall method = methodCall(f, cx);
        if (method != null) f = method;
        String name = f.name().last().text().toLowerCase(Locale.ROOT);
        if (name.equals("json_group_array") || name.equals("json_group_object") || name.equals("json_group_structure")) {
            return bind(jsonGroup(name, f), cx);
        }
        if (name.equals("array") && f.over() == null && f.args().size() == 1 && f.args().get(0) instanceof ScalarSubquery sq) {
            return bind(ArraySubqueries.rewrite(sq.query(), functions()::isAggregate, f.pos()), cx);
        }
        if (name.equals("generate_subscripts") && f.over() == null && f.args().size() == 2) return generateSubscripts(f, cx);
        if (f.over() != null) return window(f, name, cx);
        if (f.args().stream().anyMatch(a -> a instanceof Lambda) && !LAMBDA_FUNCTIONS.containsKey(name)) {
            // DuckDB 2.0: outside the lambda functions "j -> 'a'" in an argument is JSON extraction
            List<Expr> args = new ArrayList<>(f.args().size());
            for (Expr a : f.args()) {
                if (a instanceof Lambda l && l.arrow() && l.params().size() == 1) {
                    args.add(new BinaryOp(BinaryOperator.JSON_EXTRACT, new ColumnRef(List.of(l.params().get(0)), l.pos()), l.body(), l.pos()));
                } else {
                    args.add(a);
                }
            }
            f = new FunctionCall(f.name(), args, f.distinct(), f.star(), f.orderBy(), f.filter(), f.ignoreNulls(), f.over(), f.pos());
        }
        if (f.args().stream().anyMatch(a -> a instanceof Lambda)) return lambdaCall(name, f, cx);
        if (LAMBDA_FUNCTIONS.containsKey(name) && f.args().size() >= 2 && f.args().get(1) instanceof NullLiteral) {
            throw new BinderException("Invalid lambda expression!", f.pos()); // DuckDB's word for a NULL where the lambda goes
        }
        if (name.equals("unnest") && f.args().stream().anyMatch(a -> a instanceof NamedArgument)) return recursiveUnnest(f, cx);
        if (LIST_AGGREGATES.contains(name) || LIST_AGGREGATE_SHORTHANDS.containsKey(name)) {
            BoundExpr listAggregate = listAggregate(name, f, cx);
            if (listAggregate != null) return listAggregate;
        }
        if (f.star() && !name.equals("count")) {
            throw new BinderException("STAR expression is only allowed in count(*)", f.pos());
        }
        requireConstantRegexOptions(name, f);
        if ((name.equals("date_part") || name.equals("datepart")) && f.args().size() == 2 && f.name().parts().size() == 1
                && f.args().get(0) instanceof StringLiteral part && part.value().equalsIgnoreCase("epoch")) {
            // a constant 'epoch' part means epoch(x): seconds with their fraction, as DOUBLE (DuckDB's binding)
            return function(FunctionCall.of("epoch", List.of(f.args().get(1)), f.pos()), cx);
        }
        if (name.equals("alias") && f.args().size() == 1 && f.name().parts().size() == 1) {
            // alias(x): the name x would have as a result column (DuckDB's alias function)
            return new BoundConstant(Value.ofVarchar(ExprNames.name(f.args().get(0))));
        }
        if ((name.equals("date_part") || name.equals("datepart")) && f.args().size() == 2 && f.name().parts().size() == 1
                && f.args().get(0) instanceof ListLiteral parts) {
            return bind(datePartStruct(parts, f.args().get(1), name), cx);
        }
        BoundExpr pg = PgFunctions.bind(this, f, name, cx);
        if (pg != null) return pg;
        switch (name) {
            case "coalesce", "ifnull" -> {
                if (f.args().isEmpty()) throw new BinderException("COALESCE requires at least one argument", f.pos());
                return coalesce(f.args(), cx, f.pos());
            }
            case "nullif" -> {
                checkArgs(f, 2);
                BoundExpr a = bind(f.args().get(0), cx);
                BoundExpr b = bind(f.args().get(1), cx);
                BoundExpr eq = comparison(ComparisonOp.EQ, a, isUntyped(f.args().get(0)), b, isUntyped(f.args().get(1)), f.pos());
                LogicalType t = a.type().id() == TypeId.SQLNULL ? b.type() : a.type();
                return new BoundCase(List.of(eq), List.of(new BoundConstant(Value.nullOf(t))), castTo(a, t), t);
            }
            case "if", "iff" -> {
                checkArgs(f, 3);
                Case c = new Case(null, List.of(new WhenClause(f.args().get(0), f.args().get(1), f.pos())), f.args().get(2), f.pos());
                return caseExpr(c, cx);
            }
            case "current_setting" -> {
                checkArgs(f, 1);
                if (!(f.args().get(0) instanceof StringLiteral setting)) {
                    // a parameter (clients send current_setting($1)): looked up when the statement runs
                    io.tealdb.settings.SessionSettings settings = binder.env.settings();
                    if (settings == null) throw new BinderException("current_setting requires a constant setting name", f.pos());
                    BoundExpr arg = castTo(bind(f.args().get(0), cx), LogicalType.VARCHAR);
                    return new BoundFunction(new io.tealdb.function.ScalarFunction("current_setting", List.of(LogicalType.VARCHAR),
                            LogicalType.VARCHAR, (a, n, res) -> {
                        for (int i = 0; i < n; i++) {
                            if (a[0].isNull(i)) {
                                res.setNull(i);
                                continue;
                            }
                            res.setString(i, settings.get(a[0].getString(i)));
                        }
                    }), List.of(arg));
                }
                io.tealdb.settings.Setting s = io.tealdb.settings.Settings.find(setting.value());
                if (s == null) {
                    throw new CatalogException("unrecognized configuration parameter \"" + setting.value() + "\"", f.pos());
                }
                return new BoundConstant(Value.ofVarchar(binder.env.setting(s)));
            }
            case "union_value" -> {
                // union_value(tag := value): one named argument, as DuckDB
                if (f.args().size() != 1) throw new BinderException("union_value takes exactly one argument", f.pos());
                if (!(f.args().get(0) instanceof NamedArgument n)) {
                    throw new BinderException("No function matches the given name and argument types 'union_value("
                            + bind(f.args().get(0), cx).type() + ")'. You might need to add explicit type casts.", f.pos());
                }
                BoundExpr value = bind(n.value(), cx);
                return new BoundFunction(io.tealdb.function.scalar.UnionFunctions.unionValue(n.name().text(), value.type()), List.of(value));
            }
            case "struct_pack", "row" -> {
                List<String> names = new ArrayList<>();
                List<BoundExpr> values = new ArrayList<>();
                for (Expr a : f.args()) {
                    if (name.equals("struct_pack")) {
                        if (!(a instanceof NamedArgument n)) {
                            if (a instanceof ColumnRef c) {
                                names.add(c.parts().get(c.parts().size() - 1).text());
                                values.add(bind(a, cx));
                                continue;
                            }
                            throw new BinderException("Need named argument for struct pack, e.g., STRUCT_PACK(a := b)", a.pos());
                        }
                        names.add(n.name().text());
                        values.add(bind(n.value(), cx));
                    } else {
                        names.add("");
                        values.add(bind(a, cx));
                    }
                }
                return structPack(name, names, values, f.pos());
            }
            case "list_value", "list_pack" -> {
                if (f.args().stream().noneMatch(a -> a instanceof NamedArgument) && f.name().parts().size() == 1) {
                    return listValue(f.args(), cx, f.pos());
                }
            }
            case "concat", "list_concat", "list_cat", "array_concat", "array_cat" -> {
                BoundExpr lists = listConcat(name, f, cx);
                if (lists != null) return lists;
            }
            case "regexp_split_to_table" -> {
                // DuckDB's macro: unnest(string_split_regex(s, pattern [, options]))
                if (f.args().size() >= 2 && f.args().size() <= 3 && f.over() == null) {
                    Expr split = FunctionCall.of("string_split_regex", f.args(), f.pos());
                    return function(FunctionCall.of("unnest", List.of(split), f.pos()), cx);
                }
            }
            case "try" -> {
                if (f.args().size() != 1 || f.args().get(0) instanceof NamedArgument || f.name().parts().size() != 1) {
                    throw new BinderException("TRY takes exactly one argument", f.pos());
                }
                BoundExpr child = bind(f.args().get(0), cx);
                return new BoundFunction(io.tealdb.function.TryFunction.of(child.type()), List.of(child));
            }
            case "struct_insert" -> {
                return structInsert(f, cx);
            }
            case "typeof" -> {
                checkArgs(f, 1);
                return new BoundConstant(Value.ofVarchar(bind(f.args().get(0), cx).type().toString()));
            }
            case "cast_to_type" -> {
                // cast_to_type(x, y): x cast to y's type (y's value is not used)
                checkArgs(f, 2);
                BoundExpr value = bind(f.args().get(0), cx);
                LogicalType to = typeArgument(f, 1, cx);
                if (to.id() == TypeId.SQLNULL) throw new InvalidInputException("cast_to_type cannot be used to cast to NULL", f.pos());
                return cast(value, to, false);
            }
            case "replace_type" -> {
                // replace_type(x, a, b): x cast to its own type with every occurrence of a's type (also
                // nested in lists, arrays, structs and maps) replaced by b's type
                checkArgs(f, 3);
                BoundExpr value = bind(f.args().get(0), cx);
                LogicalType from = typeArgument(f, 1, cx);
                LogicalType to = typeArgument(f, 2, cx);
                if (to.id() == TypeId.SQLNULL) throw new InvalidInputException("replace_type cannot be used to replace type with NULL", f.pos());
                return cast(value, replaceType(value.type(), from, to), false);
            }
            case "can_cast_implicitly" -> {
                checkArgs(f, 2);
                LogicalType from = typeArgument(f, 0, cx);
                LogicalType to = typeArgument(f, 1, cx);
                return new BoundConstant(Value.ofBoolean(from.equals(to) || functions().implicitCastCost(from, to) >= 0));
            }
            case "pg_typeof" -> {
                // DuckDB's pg_typeof macro: the type's name in lower case
                checkArgs(f, 1);
                return new BoundConstant(Value.ofVarchar(bind(f.args().get(0), cx).type().toString().toLowerCase(Locale.ROOT)));
            }
            case "date" -> {
                // DATE(x) is CAST(x AS DATE), as in DuckDB (no date() function of any other arity exists)
                if (f.args().size() == 1 && !(f.args().get(0) instanceof NamedArgument) && f.name().parts().size() == 1
                        && binder.env.catalog().findMacro(null, "date", false) == null) {
                    return cast(bind(f.args().get(0), cx), LogicalType.DATE, false);
                }
            }
            case "getvariable" -> {
                checkArgs(f, 1);
                if (!(f.args().get(0) instanceof StringLiteral s)) {
                    throw new BinderException("getvariable requires a constant string argument", f.pos());
                }
                Value v = binder.env.variables() == null ? null : binder.env.variables().get(s.value().toLowerCase(Locale.ROOT));
                return new BoundConstant(v == null ? Value.nullOf(LogicalType.SQLNULL) : v);
            }
            case "nextval", "currval" -> {
                return sequenceCall(f, name);
            }
            case "grouping", "grouping_id" -> {
                return grouping(f, cx);
            }
            case "current_schema" -> {
                return new BoundConstant(Value.ofVarchar(binder.env.catalog().defaultSchema()));
            }
            default -> {
            }
        }
        if (!f.star()) {
            String schema = f.name().parts().size() >= 2 ? f.name().parts().get(f.name().parts().size() - 2).text() : null;
            BinderCatalog.MacroDefinition macro = binder.env.catalog().findMacro(schema, f.name().last().text(), false);
            if (macro != null) {
                Map<String, Expr> arguments = macroArguments(macro, f.args(), f.pos());
                return withMacroArguments(arguments, () -> bind(macro.body(), cx));
            }
            if (!functions().isScalar(name) && !functions().isAggregate(name)
                    && binder.env.catalog().findMacro(schema, f.name().last().text(), true) != null) {
                throw new BinderException("Function \"" + f.name().last().text()
                        + "\" is a table function but it was used as a scalar function. This function has to be called in a FROM clause "
                        + "(similar to a table).", f.pos());
            }
        }
        boolean isAggregate = f.star() || functions().isAggregate(name);
        if (isAggregate) {
            // an aggregate in a lambda body is computed over the query's rows, outside the lambda:
            // the lambda's parameters are not in scope in it (and must not shadow a subquery's columns there)
            if (lambdaFrames.isEmpty()) return aggregate(f, name, cx);
            java.util.ArrayDeque<Map<String, BoundColumnRef>> hidden = new java.util.ArrayDeque<>(lambdaFrames);
            lambdaFrames.clear();
            try {
                return aggregate(f, name, cx);
            } finally {
                lambdaFrames.addAll(hidden);
            }
        }
        if (!functions().isScalar(name)) {
            if (WINDOW_FUNCTIONS.contains(name)) {
                throw new BinderException("window function " + name + " requires an OVER clause", f.pos());
            }
            throw new CatalogException("Scalar Function with name " + f.name().last().text() + " does not exist!", f.pos());
        }
        if (f.distinct() || f.filter() != null || !f.orderBy().isEmpty()) {
            throw new BinderException("DISTINCT, FILTER and ORDER BY are only allowed in aggregate functions", f.pos());
        }
        List<BoundExpr> args = new ArrayList<>();
        boolean[] untyped = new boolean[f.args().size()];
        for (int i = 0; i < f.args().size(); i++) {
            args.add(bind(f.args().get(i), cx));
            untyped[i] = isLiteral(f.args().get(i));
        }
        return call(name, args, untyped, f.pos());
    }

    private int macroDepth;

    /**
     * GROUPING(a, b, ...): a bit per argument, set when that group column is not part of the row's
     * grouping set. The aggregate emits a GROUPING_ID over all groups; this maps its values (one per
     * set, known at bind time) to the requested bits with a CASE.
     */
    private BoundExpr grouping(FunctionCall f, BindContext cx) {
        BindContext.Aggregates aggs = cx.aggregates();
        if (aggs == null) throw new BinderException("GROUPING function is not supported here", f.pos());
        if (aggs.groups.isEmpty()) throw new BinderException("GROUPING statement cannot be used without groups", f.pos());
        if (f.args().size() > 64) throw new BinderException("GROUPING statement cannot have more than 64 groups", f.pos());
        BindContext inner = cx.withoutAggregates("GROUPING function cannot contain aggregates");
        if (f.args().isEmpty()) {
            // GROUPING() stands for GROUPING(every grouping column)
            int[] all = new int[aggs.groups.size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return groupingValue(aggs, all);
        }
        int[] positions = new int[f.args().size()];
        for (int i = 0; i < positions.length; i++) {
            BoundExpr a = bind(f.args().get(i), inner);
            positions[i] = -1;
            for (int g = 0; g < aggs.groups.size(); g++) if (BoundExprs.same(aggs.groups.get(g), a)) positions[i] = g;
            if (positions[i] < 0) {
                throw new BinderException("GROUPING child \"" + ExprNames.render(f.args().get(i)) + "\" must be a grouping column", f.args().get(i).pos());
            }
        }
        return groupingValue(aggs, positions);
    }

    /** The GROUPING bit mask of the grouping columns at {@code positions}, per grouping set. */
    private static BoundExpr groupingValue(BindContext.Aggregates aggs, int[] positions) {
        if (aggs.groupingSets == null) return new BoundConstant(Value.ofBigint(0));
        int gc = aggs.groups.size();
        BoundColumnRef gid = new BoundColumnRef(new io.tealdb.planner.expression.ColumnBinding(aggs.groupingIndex, 0), LogicalType.BIGINT, "grouping_id");
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (List<Integer> set : aggs.groupingSets) {
            long id = 0;
            for (int gi = 0; gi < gc; gi++) if (!set.contains(gi)) id |= 1L << (gc - 1 - gi);
            if (!seen.add(id)) continue;
            long v = 0;
            for (int i = 0; i < positions.length; i++) if (!set.contains(positions[i])) v |= 1L << (positions.length - 1 - i);
            conditions.add(new BoundComparison(ComparisonOp.EQ, gid, new BoundConstant(Value.ofBigint(id))));
            results.add(new BoundConstant(Value.ofBigint(v)));
        }
        return new BoundCase(conditions, results, new BoundConstant(Value.ofBigint(0)), LogicalType.BIGINT);
    }

    /** nextval('seq') / currval('seq'): a non-deterministic function reading the sequence's counter. */
    private BoundExpr sequenceCall(FunctionCall f, String name) {
        checkArgs(f, 1);
        if (!(f.args().get(0) instanceof StringLiteral s)) {
            throw new BinderException(name + " requires a constant sequence name", f.pos());
        }
        String[] parts = s.value().split("\\.");
        String schema = parts.length > 1 ? parts[parts.length - 2] : null;
        String seq = parts[parts.length - 1];
        BinderCatalog.SequenceHandle handle = binder.env.catalog().findSequence(schema, seq);
        if (handle == null) throw new CatalogException("Sequence with name " + seq + " does not exist!", f.pos());
        boolean next = name.equals("nextval");
        io.tealdb.function.ScalarKernel kernel = (args, count, result) -> {
            for (int i = 0; i < count; i++) result.longs[i] = next ? handle.next() : handle.current();
        };
        ScalarFunction fn = new ScalarFunction(name, List.of(LogicalType.VARCHAR), LogicalType.BIGINT, kernel, false);
        return new BoundFunction(fn, List.of(new BoundConstant(Value.ofVarchar(s.value()))));
    }

    private static void checkArgs(FunctionCall f, int n) {
        if (f.args().size() != n) {
            throw new BinderException(f.name().last().text() + " expects " + n + " argument" + (n == 1 ? "" : "s")
                    + ", got " + f.args().size(), f.pos());
        }
    }

    private BoundExpr coalesce(List<Expr> asts, BindContext cx, int pos) {
        List<BoundExpr> args = new ArrayList<>();
        boolean[] untyped = new boolean[asts.size()];
        for (int i = 0; i < asts.size(); i++) {
            args.add(bind(asts.get(i), cx));
            untyped[i] = isUntyped(asts.get(i)); // a string literal adopts the others' type, as in DuckDB (COALESCE(1, '1') is 1)
        }
        LogicalType t = commonType(args, untyped, pos);
        List<BoundExpr> cast = new ArrayList<>();
        for (BoundExpr a : args) cast.add(castTo(a, t));
        return cast.size() == 1 ? cast.get(0) : new BoundCoalesce(cast, t);
    }

    /**
     * An aggregate over nothing but columns of a LATERAL join's left side would aggregate the FROM
     * clause of the outer query; DuckDB refuses it ("SELECT SUM(i)" in a lateral subquery).
     */
    private static void rejectAggregateOfLateralColumns(List<BoundExpr> args, BindContext cx, int pos) {
        int[] minDepth = {Integer.MAX_VALUE};
        for (BoundExpr a : args) {
            BoundExprs.visit(a, n -> {
                if (n instanceof BoundColumnRef c) minDepth[0] = Math.min(minDepth[0], c.depth());
            });
        }
        if (minDepth[0] == Integer.MAX_VALUE || minDepth[0] == 0) return;
        Scope s = cx.scope();
        for (int d = 0; d < minDepth[0] && s != null; d++) s = s.outer;
        if (s != null && s.lateralSource) throw new BinderException("LATERAL join cannot contain aggregates", pos);
    }

    /** The quantile aggregates and the name DuckDB's "must not be NULL" error gives each. */
    private static final Map<String, String> QUANTILES = Map.of("quantile", "quantile_disc", "quantile_disc", "quantile_disc",
            "quantile_cont", "quantile_cont");

    private BoundExpr aggregate(FunctionCall f, String name, BindContext cx) {
        if (cx.aggregates() == null) {
            throw new BinderException(cx.aggregateError() == null ? "aggregate function calls cannot be used here" : cx.aggregateError(), f.pos());
        }
        BindContext inner = cx.withoutAggregates("aggregate function calls cannot be nested");
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.args()) args.add(bind(a, inner));
        rejectAggregateOfLateralColumns(args, cx, f.pos());
        AggregateFunction fn;
        List<LogicalType> types = new ArrayList<>();
        for (BoundExpr a : args) types.add(a.type());
        String resolvedName = f.star() ? "count_star" : name;
        if (!f.star() && name.equals("count") && args.isEmpty()) resolvedName = "count_star";
        LogicalType quantileType = args.size() == 2 ? args.get(1).type() : null;
        if (quantileType != null && QUANTILES.containsKey(name) && (args.get(1) instanceof BoundConstant q && q.value().isNull()
                || quantileType.id() == TypeId.SQLNULL || (quantileType.id() == TypeId.LIST && quantileType.childType().id() == TypeId.SQLNULL))) {
            throw new BinderException("The \"quantile\" argument in function '\"" + QUANTILES.get(name) + "\"' must not be NULL", f.pos());
        }
        try {
            fn = functions().bindAggregate(resolvedName, types);
        } catch (TealException e) {
            if (e.position() < 0) throw new BinderException(e.getMessage(), f.pos());
            throw e;
        }
        requireConstantArguments(resolvedName, f, args);
        List<BoundExpr> castArgs = castArgs(args, fn.argumentTypes());
        BoundExpr filter = f.filter() == null ? null : castTo(bind(f.filter(), inner), LogicalType.BOOLEAN);
        List<BoundOrder> orders = new ArrayList<>();
        for (OrderItem o : f.orderBy()) orders.add(binder.order(bind(o.expr(), inner), o));
        if (f.distinct()) {
            for (BoundOrder o : orders) {
                boolean inArgs = false;
                for (BoundExpr a : args) inArgs |= BoundExprs.same(a, o.expr());
                if (!inArgs) throw new BinderException("In a DISTINCT aggregate, ORDER BY expressions must appear in the argument list", f.pos());
            }
        }
        // the result of these does not depend on the input order (DuckDB drops their ORDER BY too)
        if (ORDER_INSENSITIVE_AGGREGATES.contains(resolvedName)) orders = List.of();
        BoundAggregate agg = new BoundAggregate(fn, castArgs, f.distinct(), filter, orders);
        return cx.aggregates().add(agg, ExprNames.render(f));
    }

    /** Window functions that accept their own ORDER BY (DuckDB's "secondary ordering"). */
    private static final Set<String> ARGUMENT_ORDERED_WINDOW_FUNCTIONS = Set.of("row_number", "rank", "percent_rank",
            "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "fill");

    /** Aggregates whose trailing arguments are settings, fixed for the whole aggregation (DuckDB's rule). */
    /** Aggregates whose second argument DuckDB fixes per query, with the name its error gives that argument. */
    private static final Map<String, String> CONSTANT_SECOND_ARGUMENT = Map.of("string_agg", "arg", "group_concat", "arg",
            "listagg", "arg", "quantile_disc", "quantile", "quantile_cont", "quantile");

    /** Position of the "options" argument of the regex functions, which DuckDB fixes per query. */
    private static final Map<String, Integer> REGEX_OPTIONS_ARGUMENT = Map.of(
            "regexp_matches", 2, "regexp_full_match", 2, "regexp_replace", 3, "regexp_extract", 3);

    private static void requireConstantRegexOptions(String name, FunctionCall f) {
        Integer at = REGEX_OPTIONS_ARGUMENT.get(name);
        if (at == null || f.args().size() != at + 1) return;
        Expr options = f.args().get(at);
        boolean[] constant = {true};
        AstNodes.forEachNode(options, n -> {
            if (n instanceof ColumnRef || n instanceof ScalarSubquery || n instanceof io.tealdb.parser.ast.InSubquery) {
                constant[0] = false;
            }
            return constant[0];
        });
        if (options instanceof ScalarSubquery) constant[0] = false;
        if (!constant[0]) {
            throw new BinderException("The \"options\" argument in function \"" + name + "\" must be a constant expression",
                    options.pos());
        }
    }

    private static void requireConstantArguments(String aggregate, FunctionCall f, List<BoundExpr> args) {
        aggregate = QUANTILES.getOrDefault(aggregate, aggregate);
        String argument = CONSTANT_SECOND_ARGUMENT.get(aggregate);
        if (argument == null || args.size() < 2) return;
        boolean[] constant = {true};
        BoundExprs.visit(args.get(1), n -> {
            if (n instanceof BoundColumnRef || n instanceof BoundSubquery || n instanceof BoundAggregate || n instanceof BoundWindow) {
                constant[0] = false;
            }
        });
        if (!constant[0]) {
            // DuckDB names the function as written for string_agg's aliases, and quantile as quantile_disc
            String function = argument.equals("quantile") ? aggregate : f.name().last().text();
            throw new BinderException("The \"" + argument + "\" argument in function \"" + function
                    + "\" must be a constant expression", f.args().get(1).pos());
        }
    }

    private BoundExpr window(FunctionCall f, String name, BindContext cx) {
        if (cx.windows() == null) {
            if (windowDefinitionDepth > 0) throw new ParserException("window functions are not allowed in window definitions", f.pos());
            if (windowArgumentDepth > 0) throw new BinderException("window function calls cannot be nested", f.pos());
            String error = cx.aggregateError();
            throw new BinderException(cx.aggregates() == null && error != null && error.startsWith("aggregate function calls cannot be nested")
                    ? "aggregate function calls cannot contain window function calls"
                    : error != null && error.startsWith("GROUP BY clause") ? "GROUP BY clause cannot contain window functions"
                    : "WINDOW FUNCTIONS are not allowed here", f.pos());
        }
        // first/last(x IGNORE NULLS) are the value functions: the aggregates would keep NULLs
        if (f.ignoreNulls() && (name.equals("first") || name.equals("last")) && f.orderBy().isEmpty()) name = name + "_value";
        WindowSpec spec = binder.resolveWindowSpec(f.over());
        // Window arguments are evaluated after aggregation: aggregates are allowed inside, windows not.
        BindContext inner = new BindContext(cx.scope(), cx.ctes(), cx.aggregates(), cx.aggregateError(), null, cx.aliases());
        List<BoundExpr> args = new ArrayList<>();
        List<BoundExpr> partitions = new ArrayList<>();
        List<BoundOrder> orders = new ArrayList<>();
        BoundExpr filter;
        windowArgumentDepth++;
        try {
            for (Expr a : f.args()) args.add(bind(a, inner));
            filter = f.filter() == null ? null : castTo(bind(f.filter(), inner), LogicalType.BOOLEAN);
        } finally {
            windowArgumentDepth--;
        }
        windowDefinitionDepth++;
        try {
            for (Expr p : spec.partitionBy()) partitions.add(sortKey(bind(p, inner)));
            for (OrderItem o : spec.orderBy()) {
                if (o.expr() instanceof Star st && st.qualifier().isEmpty()) {
                    throw new BinderException("Cannot ORDER BY ALL in a window expression", o.expr().pos());
                }
                orders.add(binder.order(bind(o.expr(), inner), o));
            }
        } finally {
            windowDefinitionDepth--;
        }
        AggregateFunction aggregate = null;
        LogicalType type;
        String windowName = null;
        if (WINDOW_FUNCTIONS.contains(name)) {
            windowName = name;
            switch (name) {
                case "row_number", "rank", "dense_rank" -> {
                    type = LogicalType.BIGINT;
                    if (!args.isEmpty()) throw new BinderException(name + " does not take arguments", f.pos());
                }
                case "percent_rank", "cume_dist" -> type = LogicalType.DOUBLE;
                case "ntile" -> {
                    if (args.size() != 1) throw new BinderException("ntile requires one argument", f.pos());
                    args.set(0, castTo(args.get(0), LogicalType.BIGINT));
                    type = LogicalType.BIGINT;
                }
                case "lag", "lead" -> {
                    if (args.isEmpty() || args.size() > 3) {
                        StringBuilder sig = new StringBuilder();
                        for (BoundExpr a : args) sig.append(sig.isEmpty() ? "" : ", ").append(a.type());
                        throw new BinderException("No function matches the given name and argument types '" + name + "(" + sig
                                + ")'. You might need to add explicit type casts.", f.pos());
                    }
                    type = args.get(0).type();
                    if (args.size() > 1) args.set(1, castTo(args.get(1), LogicalType.BIGINT));
                    if (args.size() > 2) {
                        type = commonType(List.of(args.get(0), args.get(2)), new boolean[]{false, isUntyped(f.args().get(2))}, f.pos());
                        args.set(0, castTo(args.get(0), type));
                        args.set(2, castTo(args.get(2), type));
                    }
                }
                case "first_value", "last_value" -> {
                    if (args.size() != 1) throw new BinderException(name + " requires one argument", f.pos());
                    type = args.get(0).type();
                }
                case "nth_value" -> {
                    if (args.size() != 2) throw new BinderException("nth_value requires two arguments", f.pos());
                    args.set(1, castTo(args.get(1), LogicalType.BIGINT));
                    type = args.get(0).type();
                }
                case "fill" -> {
                    if (args.size() != 1) {
                        StringBuilder sig = new StringBuilder();
                        for (BoundExpr a : args) sig.append(sig.isEmpty() ? "" : ", ").append(a.type());
                        throw new BinderException("No function matches the given name and argument types 'fill(" + sig
                                + ")'. You might need to add explicit type casts.", f.pos());
                    }
                    if (f.distinct()) throw new BinderException("DISTINCT is not implemented for the window function \"fill\"", f.pos());
                    if (f.ignoreNulls() || f.respectNulls()) {
                        throw new BinderException("RESPECT/IGNORE NULLS is not supported for the window function \"fill\"", f.pos());
                    }
                    type = args.get(0).type();
                    if (!fillable(type)) throw new BinderException("FILL argument must support subtraction", f.pos());
                }
                default -> throw new IllegalStateException(name);
            }
        } else {
            // first/last(x IGNORE NULLS) became first_value/last_value above; RESPECT NULLS is what they do anyway
            if (f.ignoreNulls() || (f.respectNulls() && !name.equals("first") && !name.equals("last"))) {
                throw new BinderException("RESPECT/IGNORE NULLS is not supported for windowed aggregates", f.pos());
            }
            if (!functions().isAggregate(name) && !f.star()) {
                if (functions().isScalar(name)) throw new CatalogException(f.name().last().text() + " is not an aggregate function", f.pos());
                throw new CatalogException("Window Function with name " + f.name().last().text() + " does not exist!", f.pos());
            }
            List<LogicalType> types = new ArrayList<>();
            for (BoundExpr a : args) types.add(a.type());
            String resolved = f.star() || (name.equals("count") && args.isEmpty()) ? "count_star" : name;
            try {
                aggregate = functions().bindAggregate(resolved, types);
            } catch (TealException e) {
                if (e.position() < 0) throw new BinderException(e.getMessage(), f.pos());
                throw e;
            }
            requireConstantArguments(resolved, f, args);
            args = castArgs(args, aggregate.argumentTypes());
            type = aggregate.returnType();
        }
        io.tealdb.planner.expression.WindowFrame frame = frame(spec, !orders.isEmpty(), inner, f.pos());
        List<BoundOrder> argOrders = List.of();
        if (windowName != null) {
            if (filter != null) throw new BinderException("FILTER is not implemented for the window function \"" + name + "\"", f.pos());
            if (!f.orderBy().isEmpty()) {
                if (!ARGUMENT_ORDERED_WINDOW_FUNCTIONS.contains(name)) {
                    throw new BinderException("ORDER BY is not supported for the window function \"" + name + "\"", f.pos());
                }
                // ranks and shifts within a frame sorted otherwise have no meaning once rows are excluded
                if (frame.exclude() != io.tealdb.planner.expression.WindowFrame.Exclude.NO_OTHERS
                        && !name.equals("first_value") && !name.equals("last_value") && !name.equals("nth_value")) {
                    throw new BinderException("EXCLUDE is not supported for the window function \"" + name + "\"", f.pos());
                }
                List<BoundOrder> bound = new ArrayList<>();
                for (OrderItem o : f.orderBy()) bound.add(binder.order(bind(o.expr(), inner), o));
                argOrders = bound;
            }
        } else if (!f.orderBy().isEmpty() && !ORDER_INSENSITIVE_AGGREGATES.contains(aggregate.name())) {
            // an aggregate's own ORDER BY (string_agg(x, ',' ORDER BY y) OVER w): its input order in each frame
            List<BoundOrder> bound = new ArrayList<>();
            for (OrderItem o : f.orderBy()) bound.add(binder.order(bind(o.expr(), inner), o));
            argOrders = bound;
        }
        if ("fill".equals(windowName)) {
            // fill interpolates along one key: its own ORDER BY, else the window's
            List<BoundOrder> along = argOrders.isEmpty() ? orders : argOrders;
            if (argOrders.size() > 1 || along.size() != 1) {
                throw new BinderException("FILL functions must have only one ORDER BY expression", f.pos());
            }
            if (!fillable(along.get(0).expr().type())) throw new BinderException("FILL ordering must support subtraction", f.pos());
        }
        BoundWindow w = new BoundWindow(windowName, aggregate, args, partitions, orders, frame, f.ignoreNulls(), f.distinct(),
                filter, type, argOrders);
        return cx.windows().add(w, ExprNames.render(f));
    }

    /** fill's values and keys: types with a difference (numbers; dates and times, but not TIMETZ), as DuckDB's FILL. */
    private static boolean fillable(LogicalType t) {
        return t.id().isNumeric() || t.id().isTemporal();
    }

    private io.tealdb.planner.expression.WindowFrame frame(WindowSpec spec, boolean ordered, BindContext cx, int pos) {
        io.tealdb.parser.ast.WindowFrame f = spec.frame();
        if (f == null) {
            if (ordered) {
                return new io.tealdb.planner.expression.WindowFrame(io.tealdb.planner.expression.WindowFrame.Mode.RANGE, null, true,
                        zero(), false, io.tealdb.planner.expression.WindowFrame.Exclude.NO_OTHERS);
            }
            return new io.tealdb.planner.expression.WindowFrame(io.tealdb.planner.expression.WindowFrame.Mode.ROWS, null, true,
                    null, false, io.tealdb.planner.expression.WindowFrame.Exclude.NO_OTHERS);
        }
        var mode = switch (f.unit()) {
            case ROWS -> io.tealdb.planner.expression.WindowFrame.Mode.ROWS;
            case RANGE -> io.tealdb.planner.expression.WindowFrame.Mode.RANGE;
            case GROUPS -> io.tealdb.planner.expression.WindowFrame.Mode.GROUPS;
        };
        var exclude = switch (f.exclusion() == null ? FrameExclusion.NO_OTHERS : f.exclusion()) {
            case NO_OTHERS -> io.tealdb.planner.expression.WindowFrame.Exclude.NO_OTHERS;
            case CURRENT_ROW -> io.tealdb.planner.expression.WindowFrame.Exclude.CURRENT_ROW;
            case GROUP -> io.tealdb.planner.expression.WindowFrame.Exclude.GROUP;
            case TIES -> io.tealdb.planner.expression.WindowFrame.Exclude.TIES;
        };
        FrameBound start = f.start();
        FrameBound end = f.end() == null ? new FrameBound(FrameBoundKind.CURRENT_ROW, null, pos) : f.end();
        if (start.kind() == FrameBoundKind.UNBOUNDED_FOLLOWING) {
            throw new BinderException("frame start cannot be UNBOUNDED FOLLOWING", start.pos());
        }
        if (end.kind() == FrameBoundKind.UNBOUNDED_PRECEDING) {
            throw new BinderException("frame end cannot be UNBOUNDED PRECEDING", end.pos());
        }
        return new io.tealdb.planner.expression.WindowFrame(mode, offset(start, cx), preceding(start), offset(end, cx),
                preceding(end), exclude);
    }

    private static boolean preceding(FrameBound b) {
        return b.kind() == FrameBoundKind.UNBOUNDED_PRECEDING || b.kind() == FrameBoundKind.PRECEDING;
    }

    private BoundExpr offset(FrameBound b, BindContext cx) {
        return switch (b.kind()) {
            case UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING -> null;
            case CURRENT_ROW -> zero();
            case PRECEDING, FOLLOWING -> bind(b.offset(), cx);
        };
    }

    private static BoundExpr zero() {
        return new BoundConstant(Value.ofBigint(0));
    }

    /**
     * {@code date_part(['year', 'month'], x)}: a STRUCT with one field per part, each
     * {@code date_part(part, x)}, and NULL for a NULL x (DuckDB's struct form of date_part).
     */
    private static Expr datePartStruct(ListLiteral parts, Expr source, String name) {
        int pos = parts.pos();
        if (parts.elements().isEmpty()) {
            throw new BinderException("\"" + name + "\" requires non-empty lists of part names", pos);
        }
        List<StructField> fields = new ArrayList<>(parts.elements().size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Expr e : parts.elements()) {
            if (e instanceof NullLiteral) throw new BinderException("NULL struct entry name in \"" + name + "\"", e.pos());
            if (!(e instanceof StringLiteral part)) {
                throw new BinderException("\"" + name + "\" requires a constant list of part names", e.pos());
            }
            if (!seen.add(part.value().toLowerCase(java.util.Locale.ROOT))) {
                throw new BinderException("Duplicate struct entry name \"" + part.value() + "\" in \"" + name + "\"", e.pos());
            }
            fields.add(new StructField(new Identifier(part.value(), true, e.pos()),
                    FunctionCall.of("date_part", List.of(part, source), e.pos()), e.pos()));
        }
        return new Case(null, List.of(new WhenClause(new IsNull(source, false, pos), new NullLiteral(pos), pos)),
                new StructLiteral(fields, pos), pos);
    }

    private static Expr expandQuantifiedList(QuantifiedComparison q, ListLiteral list) {
        boolean any = q.quantifier() == Quantifier.ANY;
        if (list.elements().isEmpty()) return new BooleanLiteral(!any, q.pos());
        Expr result = null;
        for (Expr item : list.elements()) {
            Expr cmp = new BinaryOp(q.operator(), q.left(), item, q.pos());
            result = result == null ? cmp : new BinaryOp(any ? BinaryOperator.OR : BinaryOperator.AND, result, cmp, q.pos());
        }
        return result;
    }
}
