package io.tealdb.planner;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.ConversionException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealException;
import io.tealdb.parser.ast.*;
import io.tealdb.planner.expression.*;
import io.tealdb.planner.logical.*;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.*;

/**
 * Turns parsed statements into bound statements: queries become {@link LogicalOperator} trees whose
 * columns are named by {@link ColumnBinding}s handed out from a per-statement table-index counter.
 * One Binder binds one statement (it keeps the parameter types it inferred).
 *
 * <p>SELECT is assembled in DuckDB's order: FROM → WHERE → aggregate (GROUP BY, aggregates) →
 * HAVING → window → QUALIFY → projection (select list plus hidden ORDER BY columns) → DISTINCT →
 * ORDER BY → LIMIT → projection dropping the hidden columns.
 */
public final class Binder {
    final BinderEnvironment env;
    private final List<Value> parameterValues;
    private final TreeMap<Integer, LogicalType> parameterTypes = new TreeMap<>();
    private int maxParameter;
    private int nextTableIndex;
    /** Source positions of bound column references, for error carets in later checks. */
    final IdentityHashMap<BoundColumnRef, Integer> positions = new IdentityHashMap<>();
    private final ExpressionBinder expressions = new ExpressionBinder(this);
    private final Set<String> viewsInProgress = new HashSet<>();
    private Map<String, WindowSpec> namedWindows = Map.of();

    /**
     * @param parameterValues values for {@code ?}/{@code $n} (bound as constants), or null to bind
     *                        parameters as {@link BoundParameter}s and infer their types (PREPARE)
     */
    public Binder(BinderEnvironment env, List<Value> parameterValues) {
        this.env = env;
        this.parameterValues = parameterValues;
    }

    /** Starts table indexes above those used by an enclosing plan (when binding pieces into an existing plan). */
    public Binder startingAt(int tableIndex) {
        nextTableIndex = Math.max(nextTableIndex, tableIndex);
        return this;
    }

    public int nextTableIndex() {
        return nextTableIndex++;
    }

    // ---------------------------------------------------------------- parameters

    /** Number of parameters referenced ({@code $3} counts as three). */
    public int parameterCount() {
        return maxParameter;
    }

    /** Table function arguments that were parameters without a value (PREPARE), stood in for by NULL. */
    private int parameterPlaceholders;

    /** Number of positional parameters anywhere in {@code statement}, without binding it. */
    public static int parameterCount(io.tealdb.parser.ast.Statement statement) {
        return AstNodes.maxParameter(statement);
    }

    /** Inferred parameter types, 1-based index order; VARCHAR where the context did not tell. */
    public List<LogicalType> parameterTypes() {
        List<LogicalType> out = new ArrayList<>();
        for (int i = 1; i <= maxParameter; i++) {
            LogicalType t = parameterTypes.get(i);
            out.add(t == null || t.id() == TypeId.SQLNULL ? LogicalType.VARCHAR : t);
        }
        return out;
    }

    BoundExpr parameter(int index, int pos) {
        maxParameter = Math.max(maxParameter, index);
        if (parameterValues != null) {
            if (index > parameterValues.size()) {
                throw new io.tealdb.error.InvalidInputException("Values were not provided for the following prepared statement parameters: " + index, pos);
            }
            Value v = parameterValues.get(index - 1);
            return new BoundConstant(v == null ? Value.nullOf(LogicalType.SQLNULL) : v);
        }
        LogicalType known = parameterTypes.get(index);
        return new BoundParameter(index, known == null ? LogicalType.SQLNULL : known);
    }

    void resolveParameter(int index, LogicalType type) {
        LogicalType known = parameterTypes.get(index);
        if (known == null || known.id() == TypeId.SQLNULL) parameterTypes.put(index, type);
    }

    // ---------------------------------------------------------------- statements

    public BoundStatement bind(Statement statement) {
        return switch (statement) {
            case SelectStatement s -> bindQuery(s.query());
            case Insert i -> bindInsert(i);
            case Update u -> bindUpdate(u);
            case Delete d -> bindDelete(d);
            case Merge m -> bindMerge(m);
            default -> throw new BinderException("statement " + statement.getClass().getSimpleName() + " does not bind to a plan", statement.pos());
        };
    }

    public BoundQuery bindQuery(QueryNode query) {
        return bindQueryNode(query, null, null);
    }

    /** Binds an expression that may not reference columns (SET values, table function arguments, defaults). */
    public BoundExpr bindConstantExpression(Expr e) {
        BindContext cx = new BindContext(new Scope(null), null, null, "Aggregate functions are not supported here", null, null);
        return expressions.bind(e, cx);
    }

    /** Binds an expression over the columns of {@code table} (CHECK constraints, generated values). */
    public BoundExpr bindOverTable(Expr e, TableEntry table, LogicalGet get) {
        Scope scope = new Scope(null);
        scope.add(tableScope(table.name(), table.schema(), get), e.pos());
        return expressions.bind(e, new BindContext(scope, null, null, "Aggregate functions are not supported here", null, null));
    }

    // ---------------------------------------------------------------- generated columns

    static boolean hasGenerated(TableEntry table) {
        for (ColumnDefinition c : table.columns()) if (c.virtual()) return true;
        return false;
    }

    static boolean hasStored(TableEntry table) {
        for (ColumnDefinition c : table.columns()) if (c.storedGenerated()) return true;
        return false;
    }

    /**
     * The value of every column of {@code table} over the scan {@code get}: stored columns are plain
     * references, generated columns their expressions expanded down to stored columns.
     */
    public List<BoundExpr> columnValues(TableEntry table, LogicalGet get) {
        return columnValues(table, get, false);
    }

    /**
     * As {@link #columnValues(TableEntry, LogicalGet)}; with {@code expandStored} the stored generated
     * columns too are their expressions (what a row being written gets), not their stored values.
     */
    private List<BoundExpr> columnValues(TableEntry table, LogicalGet get, boolean expandStored) {
        int n = table.columns().size();
        BoundExpr[] done = new BoundExpr[n];
        boolean[] busy = new boolean[n];
        List<BoundExpr> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(columnValue(table, get, i, done, busy, expandStored));
        return out;
    }

    /**
     * The values the stored generated columns of {@code table} take for a row being written, as
     * expressions over its ordinary columns in {@code get} (null for every other column).
     */
    public List<BoundExpr> storedValues(TableEntry table, LogicalGet get) {
        List<BoundExpr> all = columnValues(table, get, true);
        List<BoundExpr> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) out.add(table.columns().get(i).storedGenerated() ? all.get(i) : null);
        return out;
    }

    /**
     * An UPDATE that sets the stored generated column {@code column} of every row of {@code table}
     * to its expression (ALTER TABLE … ADD COLUMN … STORED over the rows already there).
     */
    public BoundUpdate fillStoredColumn(TableEntry table, int column) {
        Target t = dmlSource(table, null, null, null, 0, "WHERE clause", null);
        List<BoundExpr> exprs = new ArrayList<>();
        exprs.add(new BoundColumnRef(new ColumnBinding(t.get.tableIndex(), LogicalGet.ROW_ID), LogicalType.BIGINT, "rowid"));
        exprs.add(storedValues(table, t.get).get(column));
        return new BoundUpdate(table, List.of(column), new LogicalProjection(nextTableIndex(), exprs, t.plan), List.of(), List.of());
    }

    /**
     * The USING expression of ALTER TABLE … ALTER COLUMN … TYPE {@code type} over the columns of
     * {@code get} (generated ones expanded), cast to the new type. As in DuckDB: no aggregates,
     * window functions or subqueries.
     */
    public BoundExpr alterUsing(Expr e, TableEntry table, LogicalGet get, LogicalType type) {
        Scope scope = new Scope(null);
        scope.add(tableScope(table.name(), table.schema(), get), e.pos());
        BoundExpr b = expressions.bind(e, new BindContext(scope, null, null, "aggregate functions are not allowed in alter statement", null, null));
        BoundExprs.visit(b, node -> {
            if (node instanceof BoundSubquery) throw new BinderException("cannot use subquery in alter statement", e.pos());
        });
        return expressions.castTo(expandGenerated(b, table, get), type);
    }

    private BoundExpr columnValue(TableEntry table, LogicalGet get, int i, BoundExpr[] done, boolean[] busy, boolean expandStored) {
        if (done[i] != null) return done[i];
        ColumnDefinition c = table.columns().get(i);
        if (!c.virtual() && !(expandStored && c.generated())) {
            return done[i] = new BoundColumnRef(new ColumnBinding(get.tableIndex(), i), c.type(), c.name());
        }
        if (busy[i]) throw new BinderException("Circular dependency encountered when resolving generated column expressions", 0);
        busy[i] = true;
        Expr e = env.expressionParser().apply(c.generatedSql());
        BoundExpr b = bindOverTable(e, table, get);
        BoundExprs.visit(b, node -> {
            if (node instanceof BoundSubquery) throw new BinderException("Expression of generated column \"" + c.name() + "\" contains a subquery, which isn't allowed", e.pos());
        });
        b = BoundExprs.rewrite(b, node -> node instanceof BoundColumnRef r && r.depth() == 0 && r.binding().tableIndex() == get.tableIndex()
                && r.binding().columnIndex() >= 0 && r.binding().columnIndex() < table.columns().size()
                && (expandStored ? table.columns().get(r.binding().columnIndex()).generated()
                        : table.columns().get(r.binding().columnIndex()).virtual())
                ? columnValue(table, get, r.binding().columnIndex(), done, busy, expandStored) : null);
        if (c.type() != null) b = expressions.castTo(b, c.type());
        busy[i] = false;
        return done[i] = b;
    }

    /** Replaces references to generated columns of {@code get} in {@code e} by their expressions. */
    BoundExpr expandGenerated(BoundExpr e, TableEntry table, LogicalGet get) {
        if (!hasGenerated(table)) return e;
        List<BoundExpr> values = columnValues(table, get);
        return BoundExprs.rewrite(e, node -> node instanceof BoundColumnRef r && r.depth() == 0 && r.binding().tableIndex() == get.tableIndex()
                && r.binding().columnIndex() >= 0 && r.binding().columnIndex() < values.size()
                && table.columns().get(r.binding().columnIndex()).virtual() ? values.get(r.binding().columnIndex()) : null);
    }

    /**
     * CREATE TABLE: gives generated columns declared without a type the type of their expression
     * (resolved in dependency order) and checks that every generated expression binds.
     */
    public List<ColumnDefinition> resolveGeneratedColumns(String schema, String name, List<ColumnDefinition> columns) {
        List<ColumnDefinition> cols = new ArrayList<>(columns);
        int[] state = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) inferGeneratedType(schema, name, cols, i, state);
        TableEntry table = new TableEntry(schema, name, cols, List.of(), null);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) ids.add(i);
        columnValues(table, new LogicalGet(nextTableIndex(), table, ids, List.of()), true);
        return cols;
    }

    private void inferGeneratedType(String schema, String name, List<ColumnDefinition> cols, int i, int[] state) {
        ColumnDefinition c = cols.get(i);
        if (state[i] == 2 || !c.generated()) return;
        if (state[i] == 1) throw new BinderException("Circular dependency encountered when resolving generated column expressions", 0);
        state[i] = 1;
        Expr e = env.expressionParser().apply(c.generatedSql());
        for (String ref : AstNodes.columnNames(e)) {
            for (int k = 0; k < cols.size(); k++) {
                if (cols.get(k).name().equalsIgnoreCase(ref)) {
                    if (k == i) throw new BinderException("Generated column \"" + c.name() + "\" references itself", e.pos());
                    inferGeneratedType(schema, name, cols, k, state);
                }
            }
        }
        if (c.type() == null) {
            TableEntry table = new TableEntry(schema, name, cols, List.of(), null);
            List<Integer> ids = new ArrayList<>();
            for (int k = 0; k < cols.size(); k++) ids.add(k);
            BoundExpr b = columnValue(table, new LogicalGet(nextTableIndex(), table, ids, List.of()), i, new BoundExpr[cols.size()],
                    new boolean[cols.size()], true);
            LogicalType t = b.type().id() == TypeId.SQLNULL ? LogicalType.INTEGER : b.type();
            cols.set(i, c.withType(t));
        }
        state[i] = 2;
    }

    // ---------------------------------------------------------------- query nodes

    /** CTEs visible at some point: one WITH level, chained to the enclosing ones. */
    record Ctes(Map<String, CteDef> map, Ctes parent) {
        CteDef find(String name) {
            for (Ctes c = this; c != null; c = c.parent) {
                CteDef d = c.map.get(name.toLowerCase(Locale.ROOT));
                if (d != null) return d;
            }
            return null;
        }
    }

    /** A CTE with the CTEs visible inside its own body (the earlier ones of its WITH). */
    /** {@code scope}: the scope where the WITH is written; the CTE body sees that, not its reference sites. */
    record CteDef(CommonTableExpr cte, Ctes visible, boolean recursive, WorkingRef working, Scope scope, SharedCte shared) {
        CteDef(CommonTableExpr cte, Ctes visible, boolean recursive) {
            this(cte, visible, recursive, null, null, new SharedCte());
        }

        CteDef(CommonTableExpr cte, Ctes visible, boolean recursive, WorkingRef working, Scope scope) {
            this(cte, visible, recursive, working, scope, new SharedCte());
        }
    }

    /**
     * A non-recursive CTE's body, bound once at its first reference when it may be computed once
     * for all references (uncorrelated, and aggregating, windowing, joining or combining rows): each
     * reference is then a {@link LogicalCteRef} carrying that plan; the optimizer inlines a CTE that
     * ends up referenced once ({@code io.tealdb.optimizer.CteMaterialization}).
     */
    static final class SharedCte {
        int cteIndex = -1;
        BoundQuery query;
        /** Decided at the first reference: bind the body again at every reference. */
        boolean inline;
    }

    /** Names of the CTEs whose bodies are being bound (to report circular references). */
    private final Deque<String> ctesInProgress = new ArrayDeque<>();

    /** Inside the recursive part of a recursive CTE, its own name stands for the previous round's rows. */
    static final class WorkingRef {
        final int cteIndex;
        final List<String> names;
        final List<LogicalType> types;
        int references;

        WorkingRef(int cteIndex, List<String> names, List<LogicalType> types) {
            this.cteIndex = cteIndex;
            this.names = names;
            this.types = types;
        }
    }

    record SubqueryResult(BoundQuery query) {
    }

    SubqueryResult bindSubquery(QueryNode query, BindContext cx) {
        return new SubqueryResult(bindQueryNode(query, cx.scope(), cx.ctes()));
    }

    private Ctes withCtes(With with, Ctes ctes, Scope outer) {
        if (with == null || with.ctes().isEmpty()) return ctes;
        Ctes current = ctes;
        Set<String> seen = new HashSet<>();
        for (CommonTableExpr cte : with.ctes()) {
            if (!seen.add(cte.name().text().toLowerCase(Locale.ROOT))) {
                throw new io.tealdb.parser.ParserException("Duplicate CTE name \"" + cte.name().text() + "\"", cte.pos());
            }
            Map<String, CteDef> m = new HashMap<>();
            m.put(cte.name().text().toLowerCase(Locale.ROOT), new CteDef(cte, current, with.recursive(), null, outer));
            current = new Ctes(m, current);
        }
        return current;
    }

    BoundQuery bindQueryNode(QueryNode node, Scope outer, Ctes ctes) {
        Ctes inner = withCtes(node.with(), ctes, outer);
        return switch (node) {
            case SelectNode s -> bindSelect(s, outer, inner);
            case SetOperationNode s -> {
                List<List<String>> alternatives = new ArrayList<>();
                BoundQuery q = bindSetOperation(s, outer, inner, alternatives);
                yield modifiers(q, s.orderBy(), s.limit(), outer, inner, alternatives);
            }
            case ValuesNode v -> {
                BoundQuery q = bindValues(v, outer, inner);
                yield modifiers(q, v.orderBy(), v.limit(), outer, inner, List.of());
            }
        };
    }

    private BoundQuery bindValues(ValuesNode v, Scope outer, Ctes ctes) {
        if (v.rows().isEmpty()) throw new BinderException("VALUES list is empty", v.pos());
        int width = v.rows().get(0).size();
        BindContext cx = new BindContext(new Scope(outer), ctes, null, "aggregate functions are not allowed in VALUES", null, null);
        List<List<BoundExpr>> rows = new ArrayList<>();
        List<boolean[]> untyped = new ArrayList<>();
        for (List<Expr> row : v.rows()) {
            if (row.size() != width) {
                throw new BinderException("VALUES lists must all be the same length", row.isEmpty() ? v.pos() : row.get(0).pos());
            }
            List<BoundExpr> bound = new ArrayList<>();
            boolean[] u = new boolean[width];
            for (int i = 0; i < width; i++) {
                bound.add(expressions.bind(row.get(i), cx));
                u[i] = row.get(i) instanceof NullLiteral || row.get(i) instanceof Parameter;
            }
            rows.add(bound);
            untyped.add(u);
        }
        List<LogicalType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<BoundExpr> column = new ArrayList<>();
            boolean[] u = new boolean[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                column.add(rows.get(r).get(c));
                u[r] = untyped.get(r)[c];
            }
            types.add(expressions.commonType(column, u, v.pos()));
            names.add("col" + c);
        }
        List<List<BoundExpr>> cast = new ArrayList<>();
        for (List<BoundExpr> row : rows) {
            List<BoundExpr> r = new ArrayList<>();
            for (int c = 0; c < width; c++) r.add(expressions.castTo(row.get(c), types.get(c)));
            cast.add(r);
        }
        return new BoundQuery(new LogicalValues(nextTableIndex(), types, cast), names, types);
    }

    private BoundQuery bindSetOperation(SetOperationNode s, Scope outer, Ctes ctes, List<List<String>> alternativeNames) {
        BoundQuery left = bindQueryNode(s.left(), outer, ctes);
        BoundQuery right = bindQueryNode(s.right(), outer, ctes);
        if (s.byName()) {
            // BY NAME: line the inputs up by column name (case-insensitive): the left's columns, then
            // the right's new ones; an input lacking a column contributes NULLs
            List<String> names = new ArrayList<>();
            Map<String, Integer> leftAt = indexByName(left.names(), s.pos());
            Map<String, Integer> rightAt = indexByName(right.names(), s.pos());
            names.addAll(left.names());
            for (String n : right.names()) if (!leftAt.containsKey(n.toLowerCase(Locale.ROOT))) names.add(n);
            left = byName(left, names, leftAt);
            right = byName(right, names, rightAt);
        }
        alternativeNames.add(right.names());
        if (left.types().size() != right.types().size()) {
            throw new BinderException("Set operations can only apply to expressions with the same number of result columns", s.pos());
        }
        List<LogicalType> types = new ArrayList<>();
        for (int i = 0; i < left.types().size(); i++) {
            // NULL with NULL stays NULL-typed, as in DuckDB (a later input or a cast gives it a type)
            types.add(env.functions().unionType(left.types().get(i), right.types().get(i)));
        }
        LogicalOperator l = castProjection(left, types);
        LogicalOperator r = castProjection(right, types);
        io.tealdb.planner.logical.SetOperationKind kind = switch (s.kind()) {
            case UNION -> io.tealdb.planner.logical.SetOperationKind.UNION;
            case INTERSECT -> io.tealdb.planner.logical.SetOperationKind.INTERSECT;
            case EXCEPT -> io.tealdb.planner.logical.SetOperationKind.EXCEPT;
        };
        return new BoundQuery(new LogicalSetOperation(nextTableIndex(), kind, s.all(), l, r, types), left.names(), types);
    }

    private static Map<String, Integer> indexByName(List<String> names, int pos) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (out.put(names.get(i).toLowerCase(Locale.ROOT), i) != null) {
                throw new BinderException("UNION BY NAME operation doesn't support duplicate names in the SELECT - the name \""
                        + names.get(i) + "\" occurs multiple times", pos);
            }
        }
        return out;
    }

    /** {@code q}'s columns reordered to {@code names}, NULL for the names it lacks. */
    private BoundQuery byName(BoundQuery q, List<String> names, Map<String, Integer> at) {
        List<BoundExpr> exprs = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        List<ColumnBinding> b = q.plan().bindings();
        for (String n : names) {
            Integer i = at.get(n.toLowerCase(Locale.ROOT));
            if (i == null) {
                exprs.add(new BoundConstant(Value.nullOf(LogicalType.SQLNULL)));
                types.add(LogicalType.SQLNULL);
            } else {
                exprs.add(new BoundColumnRef(b.get(i), q.types().get(i), q.names().get(i)));
                types.add(q.types().get(i));
            }
        }
        return new BoundQuery(new LogicalProjection(nextTableIndex(), exprs, q.plan()), names, types);
    }

    private LogicalOperator castProjection(BoundQuery q, List<LogicalType> types) {
        if (q.types().equals(types)) return q.plan();
        List<BoundExpr> exprs = new ArrayList<>();
        List<ColumnBinding> b = q.plan().bindings();
        for (int i = 0; i < types.size(); i++) {
            exprs.add(expressions.castTo(new BoundColumnRef(b.get(i), q.types().get(i), q.names().get(i)), types.get(i)));
        }
        return new LogicalProjection(nextTableIndex(), exprs, q.plan());
    }

    /** ORDER BY / LIMIT over the output columns of a set operation or VALUES. */
    private BoundQuery modifiers(BoundQuery q, List<OrderItem> orderBy, LimitClause limit, Scope outer, Ctes ctes,
                                 List<List<String>> alternativeNames) {
        LogicalOperator plan = q.plan();
        if (orderBy != null && !orderBy.isEmpty()) {
            Scope scope = new Scope(outer);
            List<ColumnBinding> b = plan.bindings();
            scope.add(new Scope.Table(null, null, q.names(), q.types(), b, new boolean[b.size()]), 0);
            BindContext cx = new BindContext(scope, ctes, null, "aggregate functions are not allowed in ORDER BY here", null, null);
            List<BoundOrder> orders = new ArrayList<>();
            for (OrderItem item : orderBy) {
                if (item.expr() instanceof Star) {
                    for (int i = 0; i < b.size(); i++) orders.add(order(new BoundColumnRef(b.get(i), q.types().get(i), q.names().get(i)), item));
                    continue;
                }
                if (item.expr() instanceof IntegerLiteral lit) {
                    int k = position(lit, b.size(), "ORDER");
                    orders.add(order(new BoundColumnRef(b.get(k), q.types().get(k), q.names().get(k)), item));
                    continue;
                }
                if (isNonIntegerLiteral(item.expr()) && !"true".equals(env.setting(io.tealdb.settings.Settings.ORDER_BY_NON_INTEGER_LITERAL))) {
                    throw new BinderException("ORDER BY non-integer literal has no effect.\n* SET order_by_non_integer_literal=true to allow this behavior.", item.expr().pos());
                }
                BoundExpr e;
                try {
                    e = expressions.bind(item.expr(), cx);
                } catch (BinderException ex) {
                    // UNION: ORDER BY may also use the column names of the right side
                    int k = -1;
                    // a qualified name (t1.x) names the column of one of the inputs: match on its last part
                    String wanted = item.expr() instanceof ColumnRef c ? c.last().text() : ExprNames.render(item.expr());
                    for (int i = 0; i < q.names().size() && k < 0; i++) if (q.names().get(i).equalsIgnoreCase(wanted)) k = i;
                    for (List<String> names : alternativeNames) {
                        for (int i = 0; i < names.size() && k < 0; i++) if (names.get(i).equalsIgnoreCase(wanted)) k = i;
                    }
                    if (k < 0) throw ex;
                    e = new BoundColumnRef(b.get(k), q.types().get(k), q.names().get(k));
                }
                if (BoundExprs.isConstant(e)) continue;
                orders.add(order(e, item));
            }
            if (!orders.isEmpty()) plan = new LogicalOrder(orders, plan);
        }
        plan = limit(plan, limit);
        return new BoundQuery(plan, q.names(), q.types());
    }

    BoundOrder order(BoundExpr e, OrderItem item) {
        boolean nullsFirst = item.nullsFirst() != null ? item.nullsFirst()
                : (env.nullOrder() == null ? NullOrder.NULLS_LAST : env.nullOrder()).nullsFirst(item.ascending());
        return new BoundOrder(expressions.sortKey(e), item.ascending(), nullsFirst);
    }

    private static int position(IntegerLiteral lit, int size, String clause) {
        BigInteger v = lit.bigValue();
        if (v.signum() <= 0 || v.compareTo(BigInteger.valueOf(size)) > 0) {
            throw new BinderException(clause + " term out of range - should be between 1 and " + size, lit.pos());
        }
        return v.intValue() - 1;
    }

    private LogicalOperator limit(LogicalOperator plan, LimitClause limit) {
        if (limit == null) return plan;
        if (limit.percent()) return limitPercent(plan, limit);
        long l = limit.limit() == null ? -1 : constantLong(limit.limit(), "LIMIT");
        long o = limit.offset() == null ? 0 : constantLong(limit.offset(), "OFFSET");
        if (l < 0 && limit.limit() != null) throw negativeLimit(limit.limit(), l, "LIMIT");
        if (o < 0) throw negativeLimit(limit.offset(), o, "OFFSET");
        return new LogicalLimit(l, o, plan);
    }

    /**
     * A negative LIMIT or OFFSET, as DuckDB words it: written as a constant, a Binder Error; computed by a
     * subquery, the failed cast of its value to the UBIGINT count.
     */
    private io.tealdb.error.TealException negativeLimit(Expr e, long value, String clause) {
        boolean[] subquery = {false};
        AstNodes.forEachNode(e, n -> {
            if (n instanceof io.tealdb.parser.ast.ScalarSubquery) subquery[0] = true;
            return !subquery[0];
        });
        if (e instanceof io.tealdb.parser.ast.ScalarSubquery) subquery[0] = true;
        if (!subquery[0]) return new BinderException(clause + " cannot be negative", e.pos());
        LogicalType type = bindConstantExpression(e).type();
        return new io.tealdb.error.InvalidInputException("Type " + io.tealdb.function.cast.CastRules.internalName(type) + " with value " + value
                + " can't be cast because the value is out of range for the destination type UINT64", e.pos());
    }

    /**
     * {@code LIMIT p%} (or {@code p PERCENT}): the first floor(p/100 × n) rows after the OFFSET, n being
     * the number of rows the query has before OFFSET, as DuckDB counts. The percentage may be any
     * expression without columns (a subquery, random()); NULL means all rows. The count comes from
     * running the query's plan under count(*) while binding, as LIMIT (SELECT ...) runs its subquery.
     */
    private LogicalOperator limitPercent(LogicalOperator plan, LimitClause limit) {
        long o = limit.offset() == null ? 0 : constantLong(limit.offset(), "OFFSET");
        if (o < 0) throw negativeLimit(limit.offset(), o, "OFFSET");
        BoundExpr bound = limit.limit() == null ? null : bindConstantExpression(limit.limit());
        if (bound != null && parameterValues == null && BoundExprs.hasParameter(bound)) return plan; // PREPARE: EXECUTE binds again
        Double percent = bound == null ? null : constantPercent(bound, limit.limit().pos());
        if (percent == null) return o == 0 ? plan : new LogicalLimit(-1, o, plan);
        if (percent < 0 || percent > 100) {
            throw new io.tealdb.error.OutOfRangeException("Limit percent out of range, should be between 0% and 100%", limit.limit().pos());
        }
        if (env.queryRunner() == null || !LogicalPlans.correlatedColumns(plan).isEmpty()) {
            throw new NotImplementedException("LIMIT with a percentage is not supported in a correlated subquery", limit.pos());
        }
        BoundAggregate count = new BoundAggregate(env.functions().bindAggregate("count_star", List.of()), List.of(), false, null, List.of());
        LogicalOperator counting = new LogicalAggregate(nextTableIndex(), nextTableIndex(), List.of(), List.of(count), plan);
        long rows = 0;
        for (io.tealdb.vector.DataChunk chunk : env.queryRunner().apply(counting)) {
            if (chunk.size() > 0) rows = chunk.column(0).longs[0];
        }
        return new LogicalLimit((long) Math.floor(percent / 100.0 * rows), o, plan);
    }

    /** The percentage of LIMIT p%: an expression without columns, as a double (null for NULL). */
    private Double constantPercent(BoundExpr b, int pos) {
        if (!onlySubqueries(b)) throw new BinderException("LIMIT percentage must be a constant expression", pos);
        Value v = constantValue(b, pos);
        if (v == null || v.isNull()) return null;
        try {
            Value d = env.functions().castValue(v, LogicalType.DOUBLE, false);
            return ((Number) d.object()).doubleValue();
        } catch (ConversionException ex) {
            if (v.type().id() == io.tealdb.types.TypeId.VARCHAR) throw new io.tealdb.error.InvalidInputException(ex.getMessage(), pos);
            throw ex;
        }
    }

    /** Evaluates a constant integer expression (LIMIT, OFFSET, sequence options). */
    public long constantLong(Expr e, String clause) {
        BoundExpr b = bindConstantExpression(e);
        if (parameterValues == null && b instanceof BoundParameter) {
            resolveParameter(((BoundParameter) b).index(), LogicalType.BIGINT);
            return 0; // PREPARE: a placeholder; EXECUTE binds again with the value
        }
        if (parameterValues == null && BoundExprs.hasParameter(b)) {
            return 0; // PREPARE of LIMIT ?::VARCHAR: the value is known at EXECUTE, which binds again
        }
        if (!BoundExprs.isConstant(b) && !(env.constantEvaluator() != null && onlySubqueries(b))) {
            throw new BinderException(clause + " must be a constant expression", e.pos());
        }
        Value v = constantValue(b, e.pos());
        if (v == null || v.isNull()) {
            if (clause.equals("LIMIT")) return -1;
            throw new BinderException(clause + " cannot be NULL", e.pos());
        }
        Object o = v.object();
        try {
            return switch (o) {
                case Number n when o instanceof BigDecimal bd -> bd.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
                case BigInteger bi -> bi.longValueExact();
                case Double d -> Math.round(d);
                case Float f -> Math.round(f);
                case Number n -> n.longValue();
                case String s -> {
                    try {
                        yield Long.parseLong(s.trim());
                    } catch (NumberFormatException ex) {
                        throw new ConversionException("Could not convert string '" + s + "' to INT64", e.pos());
                    }
                }
                default -> throw new BinderException(clause + " must be an integer", e.pos());
            };
        } catch (ArithmeticException ex) {
            throw new ConversionException(clause + " value is out of range", e.pos());
        }
    }

    /** True if {@code e} references no columns except inside uncorrelated subqueries (LIMIT (SELECT ...)). */
    private static boolean onlySubqueries(BoundExpr e) {
        boolean[] ok = {true};
        BoundExprs.visit(e, n -> {
            switch (n) {
                case BoundColumnRef c -> ok[0] = false;
                case BoundParameter p -> ok[0] = false;
                case BoundAggregate a -> ok[0] = false;
                case BoundWindow w -> ok[0] = false;
                case BoundSubquery s -> {
                    if (!LogicalPlans.correlatedColumns(s.plan()).isEmpty()) ok[0] = false;
                }
                default -> {
                }
            }
        });
        return ok[0];
    }

    /** The value of a constant bound expression; constants and casts are folded here, others use the environment's evaluator. */
    public Value constantValue(BoundExpr b, int pos) {
        if (b instanceof BoundConstant c) return c.value();
        if (b instanceof BoundCast c) {
            Value inner = constantValue(c.child(), pos);
            try {
                return env.functions().castValue(inner, c.type(), c.tryCast());
            } catch (TealException e) {
                if (e.position() < 0 && e instanceof ConversionException) throw new ConversionException(e.getMessage(), pos);
                throw e;
            }
        }
        if (env.constantEvaluator() != null) return env.constantEvaluator().apply(b);
        throw new NotImplementedException("cannot evaluate this constant expression yet", pos);
    }

    // ---------------------------------------------------------------- SELECT

    /**
     * One select-list entry after star expansion. Star columns carry their bound reference
     * ({@code bound}), since a name may not identify them uniquely (duplicate aliases).
     */
    private record Entry(Expr expr, String name, boolean aliased, BoundExpr bound, Map<ColumnsExpr, Expr> columns) {
        Entry(Expr expr, String name, boolean aliased) {
            this(expr, name, aliased, null, null);
        }

        Entry(Expr expr, String name, boolean aliased, BoundExpr bound) {
            this(expr, name, aliased, bound, null);
        }
    }

    /** While binding an entry expanded from COLUMNS(..): what each COLUMNS expression stands for. */
    Map<ColumnsExpr, Expr> columnsSubstitution;
    /** While binding a select list: the columns each unpacked {@code *COLUMNS(..)} expands to. */
    Map<ColumnsExpr, List<Expr>> columnsUnpacked;

    private BoundExpr bindEntry(Entry e, BindContext cx) {
        if (e.bound != null) return e.bound;
        if (e.columns == null) return expressions.bind(e.expr, cx);
        Map<ColumnsExpr, Expr> saved = columnsSubstitution;
        columnsSubstitution = e.columns;
        try {
            return expressions.bind(e.expr, cx);
        } finally {
            columnsSubstitution = saved;
        }
    }

    /**
     * DuckDB's COLUMNS(selector) in a select-list entry: the entry is repeated once per matching
     * column, each COLUMNS expression standing for that column (several COLUMNS in one entry
     * advance together); unpacked {@code *COLUMNS(..)} instead expand into all matching columns as
     * function arguments. Expanded entries are named after the column unless aliased.
     */
    private List<Entry> expandColumns(SelectItem item, List<ColumnsExpr> found, Scope scope) {
        List<ColumnsExpr> packed = new ArrayList<>();
        for (ColumnsExpr c : found) {
            if (c.unpacked()) {
                if (columnsUnpacked == null) columnsUnpacked = new HashMap<>();
                columnsUnpacked.put(c, columnsMatches(c, scope, null));
            } else {
                packed.add(c);
            }
        }
        boolean aliased = item.alias() != null;
        if (packed.isEmpty()) {
            return List.of(new Entry(item.expr(), aliased ? item.alias().text() : ExprNames.name(item.expr()), aliased));
        }
        List<String> names = new ArrayList<>();
        List<List<Expr>> matches = new ArrayList<>();
        for (ColumnsExpr c : packed) {
            List<String> n = new ArrayList<>();
            matches.add(columnsMatches(c, scope, n));
            if (names.isEmpty()) names = n;
            if (!n.equals(names)) {
                throw new BinderException("Multiple different STAR/COLUMNS in the same expression are not supported", c.pos());
            }
        }
        if (matches.get(0).isEmpty()) {
            throw new io.tealdb.parser.ParserException("COLUMNS expansion resulted in empty set of columns", packed.get(0).pos());
        }
        List<Entry> out = new ArrayList<>();
        for (int k = 0; k < matches.get(0).size(); k++) {
            Map<ColumnsExpr, Expr> subst = new HashMap<>();
            for (int j = 0; j < packed.size(); j++) subst.put(packed.get(j), matches.get(j).get(k));
            // an alias may name each expanded column: "min_\0" -> min_i, min_j, ...
            String name = aliased ? aliasFor(item.alias().text(), packed.get(0).selector() instanceof StringLiteral, groups(packed.get(0), names.get(k)), item.pos()) : names.get(k);
            out.add(new Entry(item.expr(), name, aliased, null, subst));
        }
        return out;
    }

    /** Regex groups of a COLUMNS('regex') match of {@code column} (group 0 = the column for other selectors). */
    private static List<String> groups(ColumnsExpr c, String column) {
        List<String> out = new ArrayList<>();
        if (c.selector() instanceof StringLiteral regex) {
            com.google.re2j.Matcher m = io.tealdb.function.scalar.Re2Patterns.compile(regex.value()).matcher(column);
            if (m.find()) {
                for (int g = 0; g <= m.groupCount(); g++) out.add(m.group(g) == null ? "" : m.group(g));
                return out;
            }
        }
        out.add(column);
        return out;
    }

    /** Replaces {@code \0}..{@code \9} in a COLUMNS alias by the column's regex groups. */
    private static String aliasFor(String alias, boolean regex, List<String> groups, int pos) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < alias.length(); i++) {
            char ch = alias.charAt(i);
            if (ch == '\\' && i + 1 >= alias.length()) {
                throw new BinderException("Unterminated backslash in COLUMNS(*) \"" + alias
                        + "\" alias. Backslashes must either be escaped or followed by a number", pos);
            }
            if (ch == '\\' && alias.charAt(i + 1) == '\\') {
                sb.append('\\');
                i++;
            } else if (ch == '\\' && !Character.isDigit(alias.charAt(i + 1))) {
                throw new BinderException("Invalid backslash code in COLUMNS(*) \"" + alias
                        + "\" alias. Backslashes must either be escaped or followed by a number", pos);
            } else if (ch == '\\') {
                if (!regex && alias.charAt(i + 1) != '0') {
                    throw new BinderException("Only the backslash escape code \\0 can be used when no regex is supplied to COLUMNS(*)", pos);
                }
                int g = alias.charAt(++i) - '0';
                sb.append(g < groups.size() ? groups.get(g) : "");
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** WHERE; a condition with COLUMNS(..) must hold for every selected column (AND of the expansions). */
    private BoundExpr bindWhere(Expr where, BindContext cx, Scope scope) {
        if (where instanceof Star st) throw new BinderException("STAR expression is not allowed in the WHERE clause", st.pos());
        List<ColumnsExpr> found = AstNodes.columnsExpressions(where);
        if (found.isEmpty()) return expressions.castTo(expressions.bind(where, cx), LogicalType.BOOLEAN);
        if (where instanceof BinaryOp b && b.operator() == BinaryOperator.AND) {
            // each conjunct expands on its own: COLUMNS([a, b]) > 1 AND COLUMNS(*) IS NOT NULL
            return new BoundConjunction(true, List.of(bindWhere(b.left(), cx, scope), bindWhere(b.right(), cx, scope)));
        }
        List<Entry> entries = expandColumns(new SelectItem(where, null, where.pos()), found, scope);
        List<BoundExpr> parts = new ArrayList<>();
        for (Entry e : entries) parts.add(expressions.castTo(bindEntry(e, cx), LogicalType.BOOLEAN));
        return parts.size() == 1 ? parts.get(0) : new BoundConjunction(true, parts);
    }

    /** The columns COLUMNS(selector) selects, as column references (names into {@code names} if given). */
    private List<Expr> columnsMatches(ColumnsExpr c, Scope scope, List<String> names) {
        List<Expr> out = new ArrayList<>();
        List<String> n = names != null ? names : new ArrayList<>();
        if (c.selector() instanceof Star star) {
            for (Entry e : expandStar(star, scope)) {
                out.add(e.expr());
                n.add(e.name());
            }
            return out;
        }
        if (c.selector() instanceof ListLiteral list) {
            List<String> listed = new ArrayList<>();
            for (Expr el : list.elements()) {
                if (!(el instanceof StringLiteral name)) return columnsByExpression(c, scope, out, n);
                listed.add(name.value());
            }
            return namedColumns(listed, c, scope, out, n);
        }
        if (c.selector() instanceof StringLiteral regex) return regexColumns(regex.value(), c, scope, out, n);
        return columnsByExpression(c, scope, out, n);
    }

    /**
     * COLUMNS(expression): a constant expression whose value, a list of names or a regex, selects as
     * those do; a star inside it ({@code [x for x in (*) if x <> 'i']}) stands for the list of the FROM
     * clause's column names, and a lambda alone filters them ({@code COLUMNS(lambda x: x LIKE 'a%')}).
     */
    private List<Expr> columnsByExpression(ColumnsExpr c, Scope scope, List<Expr> out, List<String> n) {
        int pos = c.pos();
        java.util.IdentityHashMap<Object, Object> stars = new java.util.IdentityHashMap<>();
        AstNodes.forEachNode(c.selector(), node -> {
            if (node instanceof ColumnsExpr) throw new BinderException("COLUMNS expression is not allowed inside another COLUMNS expression", pos);
            if (node instanceof Star st) {
                if (!st.replace().isEmpty()) throw new BinderException("STAR expression with REPLACE list is only allowed as the root element of COLUMNS", pos);
                stars.put(st, columnNameList(st, scope, pos));
                return false;
            }
            return true;
        });
        Expr selector = AstNodes.replace(c.selector(), stars);
        if (selector instanceof Lambda) {
            selector = FunctionCall.of("list_filter", List.of(columnNameList(new Star(List.of(), List.of(), List.of(), List.of(), pos), scope, pos), selector), pos);
        }
        BoundExpr bound;
        try {
            bound = expressions.bind(selector, new BindContext(new Scope(null), null, null, "COLUMNS expression cannot contain aggregates", null, null));
        } catch (BinderException e) {
            if (e.getMessage().startsWith("Referenced column")) throw new BinderException("COLUMNS expression can only contain lambda parameters", pos);
            throw e;
        }
        Value v = constantValue(bound, pos);
        if (bound.type().id() == TypeId.VARCHAR) {
            if (v.isNull()) throw new BinderException("COLUMNS does not support NULL input parameters", pos);
            return regexColumns((String) v.object(), c, scope, out, n);
        }
        if (bound.type().id() != TypeId.LIST || (bound.type().childType().id() != TypeId.VARCHAR && !v.isNull())) {
            throw new BinderException("COLUMNS expects either a VARCHAR argument (regex) or a LIST of VARCHAR (list of columns)", pos);
        }
        List<String> listed = new ArrayList<>();
        if (!v.isNull()) {
            for (Object el : (List<?>) v.object()) {
                if (el == null) throw new BinderException("COLUMNS does not support NULL input parameters", pos);
                listed.add((String) el);
            }
        }
        if (listed.isEmpty()) throw new BinderException("Star expression \"COLUMNS(...)\" resulted in an empty set of columns", pos);
        return namedColumns(listed, c, scope, out, n);
    }

    /** The names {@code star} expands to over the FROM clause, as a list literal of strings. */
    private ListLiteral columnNameList(Star star, Scope scope, int pos) {
        List<Expr> names = new ArrayList<>();
        for (Entry e : expandStar(star, scope)) names.add(new StringLiteral(e.name(), pos));
        return new ListLiteral(names, pos);
    }

    /** COLUMNS of a list of names: the listed columns, in FROM-clause order (like DuckDB); each name must exist. */
    private static List<Expr> namedColumns(List<String> listed, ColumnsExpr c, Scope scope, List<Expr> out, List<String> n) {
        Set<String> wanted = new HashSet<>();
        for (String name : listed) wanted.add(name.toLowerCase(Locale.ROOT));
        Set<String> found = new HashSet<>();
        pickColumns(name -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!wanted.contains(key)) return false;
            found.add(key);
            return true;
        }, c, scope, out, n);
        for (String name : listed) {
            if (!found.contains(name.toLowerCase(Locale.ROOT))) {
                throw new BinderException("Column \"" + name + "\" was selected but was not found in the FROM clause", c.pos());
            }
        }
        return out;
    }

    /** COLUMNS of a regex: the columns whose names it matches (RE2, linear-time, as the regexp functions). */
    private static List<Expr> regexColumns(String regex, ColumnsExpr c, Scope scope, List<Expr> out, List<String> n) {
        com.google.re2j.Pattern p;
        try {
            p = io.tealdb.function.scalar.Re2Patterns.compile(regex);
        } catch (io.tealdb.error.InvalidInputException ex) {
            throw new BinderException("Failed to compile regex \"" + regex + "\": " + ex.getMessage(), c.pos());
        }
        pickColumns(name -> p.matcher(name).find(), c, scope, out, n);
        if (out.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (Scope.Table t : scope.tables) for (String name : t.names()) if (all.size() < 5) all.add("\"" + name + "\"");
            throw new BinderException("No matching columns found that match regex \"" + regex + "\""
                    + (all.isEmpty() ? "" : "\nDid you mean: " + String.join(", ", all)), c.pos());
        }
        return out;
    }

    /**
     * The FROM clause's columns (as * shows them, in its order) whose names {@code selected} accepts,
     * each referenced through its table's alias unless it is a USING column.
     */
    private static void pickColumns(java.util.function.Predicate<String> selected, ColumnsExpr c, Scope scope, List<Expr> out, List<String> n) {
        for (Scope.Table t : scope.tables) {
            for (int i = 0; i < t.names().size(); i++) {
                if (t.hiddenInStar()[i]) continue;
                String name = t.names().get(i);
                if (!selected.test(name)) continue;
                Scope.UsingColumn u = scope.using.get(name.toLowerCase(Locale.ROOT));
                boolean viaUsing = u != null && u.origin() != null && u.origin().equals(t.bindings().get(i));
                List<Identifier> parts = new ArrayList<>();
                if (!viaUsing && t.alias() != null) parts.add(new Identifier(t.alias(), true, c.pos()));
                parts.add(new Identifier(name, true, c.pos()));
                out.add(new ColumnRef(parts, c.pos()));
                n.add(name);
            }
        }
    }

    private BoundQuery bindSelect(SelectNode s, Scope outer, Ctes ctes) {
        Map<String, WindowSpec> savedWindows = namedWindows;
        try {
            namedWindows = new HashMap<>();
            for (NamedWindow w : s.windows()) namedWindows.put(w.name().text().toLowerCase(Locale.ROOT), w.spec());
            return bindSelectBody(s, outer, ctes);
        } finally {
            namedWindows = savedWindows;
        }
    }

    WindowSpec resolveWindowSpec(WindowSpec spec) {
        if (spec.baseWindow() == null) return spec;
        WindowSpec base = namedWindows.get(spec.baseWindow().text().toLowerCase(Locale.ROOT));
        if (base == null) throw new BinderException("window \"" + spec.baseWindow().text() + "\" does not exist", spec.pos());
        base = resolveWindowSpec(base);
        return new WindowSpec(null, spec.partitionBy().isEmpty() ? base.partitionBy() : spec.partitionBy(),
                spec.orderBy().isEmpty() ? base.orderBy() : spec.orderBy(), spec.frame() == null ? base.frame() : spec.frame(), spec.pos());
    }

    private static boolean isUnnest(BoundExpr e) {
        return e instanceof BoundFunction f && f.function().name().equals(io.tealdb.function.scalar.NestedFunctions.UNNEST);
    }

    private static boolean hasUnnest(BoundExpr e) {
        boolean[] found = {false};
        BoundExprs.visit(e, n -> found[0] |= isUnnest(n));
        return found[0];
    }

    private BoundQuery bindSelectBody(SelectNode s, Scope outer, Ctes ctes) {
        Scope scope;
        LogicalOperator root;
        if (s.from() == null) {
            scope = new Scope(outer);
            root = new LogicalValues(nextTableIndex(), List.of(), List.of(List.of()));
        } else {
            From from = bindFrom(s.from(), outer, ctes);
            scope = from.scope;
            root = from.plan;
            if (SampleByRewrite.isSampleBy(s)) {
                // QuestDB's SAMPLE BY: a GROUP BY on time_bucket of the timestamp column (known now that FROM is bound)
                Scope fromScope = scope;
                SelectNode sampled = SampleByRewrite.rewrite(s, (io.tealdb.parser.ast.SampleBy) s.groupBy().elements().get(0), scope,
                        e -> isAggregateItem(e, fromScope, ctes));
                // FILL (a wrapper around the sampled query) and ALIGN TO FIRST OBSERVATION (a new FROM) bind anew
                if (sampled.with() != s.with() || sampled.from() != s.from()) return bindQueryNode(sampled, outer, ctes);
                s = sampled;
            }
        }
        List<Entry> entries = expandStructUnnests(expandSelectList(s.items(), scope), scope, ctes);
        Map<String, Expr> aliases = new HashMap<>();
        for (Entry e : entries) if (e.aliased && e.bound == null) aliases.putIfAbsent(e.name.toLowerCase(Locale.ROOT), e.expr);
        scope.selectAliases = aliases;

        // WHERE
        if (s.where() != null) {
            BindContext cx = new BindContext(scope, ctes, null, "WHERE clause cannot contain aggregates!", null, aliases);
            BoundExpr where = bindWhere(s.where(), cx, scope);
            root = new LogicalFilter(conjuncts(where), root);
        }

        BindContext.Aggregates aggs = new BindContext.Aggregates(nextTableIndex(), nextTableIndex());
        BindContext.Windows windows = new BindContext.Windows(nextTableIndex());

        // GROUP BY
        boolean grouped = s.groupBy() != null;
        if (grouped) bindGroups(s.groupBy(), entries, scope, ctes, aliases, aggs);

        // select list (later entries may use the aliases of earlier ones)
        List<BoundExpr> selected = new ArrayList<>();
        LateralAliases lateral = new LateralAliases();
        for (Entry e : entries) if (e.aliased && e.bound == null) lateral.definedLater(e.name);
        for (Entry e : entries) {
            BindContext cx = new BindContext(scope, ctes, aggs, null, windows, lateral);
            selected.add(bindEntry(e, cx));
            if (e.aliased && e.bound == null) lateral.define(e.name, e.expr);
        }

        BoundExpr having = null;
        if (s.having() != null) {
            BindContext cx = new BindContext(scope, ctes, aggs, null, null, aliases, true);
            having = expressions.castTo(expressions.bind(s.having(), cx), LogicalType.BOOLEAN);
        }
        BoundExpr qualify = null;
        if (s.qualify() != null) {
            BindContext cx = new BindContext(scope, ctes, aggs, null, windows, aliases);
            try {
                qualify = expressions.castTo(expressions.bind(s.qualify(), cx), LogicalType.BOOLEAN);
            } catch (BinderException ex) {
                // DuckDB's QUALIFY binder words an unknown column differently (it also looked at aliases)
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Referenced column \"([^\"]*)\" not found in FROM clause!")
                        .matcher(ex.getMessage());
                if (!m.find()) throw ex;
                throw new BinderException("Referenced column " + m.group(1)
                        + " not found in FROM clause and can't find in alias map.", ex.position());
            }
        }

        // ORDER BY and DISTINCT ON keys: select-list columns or hidden extra columns
        List<BoundExpr> hidden = new ArrayList<>();
        BindContext orderCx = new BindContext(scope, ctes, aggs, null, windows, aliases);
        List<Object[]> orderKeys = new ArrayList<>(); // {Integer column, OrderItem}
        for (OrderItem item : s.orderBy()) {
            if (item.expr() instanceof Star) {
                for (int i = 0; i < entries.size(); i++) orderKeys.add(new Object[]{i, item});
                continue;
            }
            int col = resolveOrderColumn(item.expr(), entries, selected, hidden, orderCx, false);
            if (col >= 0) orderKeys.add(new Object[]{col, item});
        }
        List<Integer> distinctOn = new ArrayList<>();
        for (Expr key : s.distinctOn()) {
            if (key instanceof Parameter) {
                throw new io.tealdb.error.ParameterNotAllowedException("Parameter not supported in DISTINCT ON clause", key.pos());
            }
            if (isNonIntegerLiteral(key) && !"true".equals(env.setting(io.tealdb.settings.Settings.ORDER_BY_NON_INTEGER_LITERAL))) {
                throw new BinderException("DISTINCT ON non-integer literal has no effect.\n* SET order_by_non_integer_literal=true to allow this behavior.", key.pos());
            }
            int col = resolveOrderColumn(key, entries, selected, hidden, orderCx, false);
            if (col >= 0) distinctOn.add(col);
        }

        boolean aggregate = grouped || !aggs.list.isEmpty() || having != null;
        if (aggregate && aggs.groups.stream().anyMatch(Binder::hasUnnest)) {
            // GROUP BY unnest(list) (directly or inside an expression, also through a select-list alias): the
            // lists are unnested below the aggregate (DuckDB), and every use of the same unnest reads its column
            List<BoundExpr> lists = new ArrayList<>();
            int groupUnnestIndex = nextTableIndex();
            for (BoundExpr g : aggs.groups) {
                BoundExprs.visit(g, n -> {
                    if (isUnnest(n) && lists.stream().noneMatch(l -> BoundExprs.same(l, ((BoundFunction) n).args().get(0)))) {
                        lists.add(((BoundFunction) n).args().get(0));
                    }
                });
            }
            java.util.function.Function<BoundExpr, BoundExpr> unnested = e -> {
                if (!isUnnest(e)) return null;
                BoundExpr list = ((BoundFunction) e).args().get(0);
                for (int i = 0; i < lists.size(); i++) {
                    if (BoundExprs.same(lists.get(i), list)) return new BoundColumnRef(new ColumnBinding(groupUnnestIndex, i), e.type(), "unnest");
                }
                return null;
            };
            List<BoundExpr> groups = BoundExprs.rewriteAll(aggs.groups, unnested);
            aggs.groups.clear();
            aggs.groups.addAll(groups);
            selected = BoundExprs.rewriteAll(selected, unnested);
            hidden = BoundExprs.rewriteAll(hidden, unnested);
            if (having != null) having = BoundExprs.rewriteAll(List.of(having), unnested).get(0);
            if (qualify != null) qualify = BoundExprs.rewriteAll(List.of(qualify), unnested).get(0);
            root = new io.tealdb.planner.logical.LogicalUnnest(groupUnnestIndex, List.copyOf(lists), root);
        }
        if (aggregate) {
            root = aggs.groupingSets == null
                    ? new LogicalAggregate(aggs.groupIndex, aggs.aggregateIndex, aggs.groups, aggs.list, root)
                    : new LogicalAggregate(aggs.groupIndex, aggs.aggregateIndex, aggs.groups, aggs.list, aggs.groupingSets,
                    aggs.groupingIndex, root);
            selected = finishAll(selected, aggs, windows);
            hidden = finishAll(hidden, aggs, windows);
            if (having != null) having = finishAggregate(having, aggs, windows);
            if (qualify != null) qualify = finishAggregate(qualify, aggs, windows);
            List<BoundWindow> finished = new ArrayList<>();
            for (BoundWindow w : windows.list) finished.add((BoundWindow) finishAggregate(w, aggs, windows));
            windows.list.clear();
            windows.list.addAll(finished);
        }
        if (having != null) root = new LogicalFilter(conjuncts(having), root);
        if (!windows.list.isEmpty()) root = new LogicalWindow(windows.windowIndex, List.copyOf(windows.list), root);
        if (qualify != null) {
            if (windows.list.isEmpty()) throw new BinderException("at least one window function must appear in the SELECT column or QUALIFY clause", s.qualify().pos());
            root = new LogicalFilter(conjuncts(qualify), root);
        }

        // UNNEST(list) in the select list: a LogicalUnnest under the projection, the calls replaced by its columns
        List<BoundExpr> unnests = new ArrayList<>();
        int unnestIndex = nextTableIndex();
        java.util.function.Function<BoundExpr, BoundExpr> liftUnnest = e -> {
            if (isUnnest(e)) {
                unnests.add(((BoundFunction) e).args().get(0));
                return new BoundColumnRef(new ColumnBinding(unnestIndex, unnests.size() - 1), e.type(), "unnest");
            }
            return null;
        };
        selected = BoundExprs.rewriteAll(selected, liftUnnest);
        hidden = BoundExprs.rewriteAll(hidden, liftUnnest);
        if (!unnests.isEmpty()) root = new io.tealdb.planner.logical.LogicalUnnest(unnestIndex, List.copyOf(unnests), root);

        List<BoundExpr> projected = new ArrayList<>(selected);
        projected.addAll(hidden);
        int projectionIndex = nextTableIndex();
        root = new LogicalProjection(projectionIndex, projected, root);
        List<ColumnBinding> pb = root.bindings();
        List<LogicalType> pt = root.types();
        List<BoundOrder> orders = new ArrayList<>();
        for (Object[] k : orderKeys) {
            int col = (Integer) k[0];
            orders.add(order(new BoundColumnRef(pb.get(col), pt.get(col), col < entries.size() ? entries.get(col).name : "#" + col), (OrderItem) k[1]));
        }
        if (s.distinct()) {
            List<BoundExpr> keys = new ArrayList<>();
            for (int col : distinctOn) keys.add(new BoundColumnRef(pb.get(col), pt.get(col), "#" + col));
            if (keys.isEmpty() && !hidden.isEmpty()) {
                // SELECT DISTINCT ... ORDER BY a column not selected: one row per distinct select list,
                // the first in ORDER BY order (DuckDB's DISTINCT ON rewrite)
                for (int i = 0; i < entries.size(); i++) keys.add(new BoundColumnRef(pb.get(i), pt.get(i), entries.get(i).name));
            }
            root = new LogicalDistinct(keys, keys.isEmpty() ? List.of() : orders, root);
        }
        if (!orders.isEmpty()) root = new LogicalOrder(orders, root);
        root = limit(root, s.limit());
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            names.add(entries.get(i).name);
            types.add(pt.get(i));
        }
        if (!hidden.isEmpty()) {
            List<BoundExpr> visible = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) visible.add(new BoundColumnRef(pb.get(i), pt.get(i), names.get(i)));
            root = new LogicalProjection(nextTableIndex(), visible, root);
        }
        return new BoundQuery(root, names, types);
    }

    /** Whether a select-list expression aggregates (bound once, as GROUP BY ALL probes its entries). */
    private boolean isAggregateItem(Expr e, Scope scope, Ctes ctes) {
        if (e instanceof Star) return false;
        BindContext.Aggregates probe = new BindContext.Aggregates(-2, -3);
        BindContext.Windows probeWindows = new BindContext.Windows(-4);
        expressions.bind(e, new BindContext(scope, ctes, probe, null, probeWindows, null));
        return !probe.list.isEmpty();
    }

    private void bindGroups(GroupBy groupBy, List<Entry> entries, Scope scope, Ctes ctes, Map<String, Expr> aliases,
                            BindContext.Aggregates aggs) {
        BindContext groupCx = new BindContext(scope, ctes, null, "GROUP BY clause cannot contain aggregates!", null, aliases);
        if (groupBy.all()) {
            for (Entry e : entries) {
                BindContext.Aggregates probe = new BindContext.Aggregates(-2, -3);
                BindContext.Windows probeWindows = new BindContext.Windows(-4);
                BoundExpr b = bindEntry(e, new BindContext(scope, ctes, probe, null, probeWindows, null));
                if (probe.list.isEmpty() && probeWindows.list.isEmpty() && hasUnnest(b)) {
                    throw new BinderException("Cannot group on an UNNEST or UNLIST clause", e.expr.pos());
                }
                if (probe.list.isEmpty() && probeWindows.list.isEmpty() && !BoundExprs.isConstant(b)) addGroup(aggs, b);
            }
            // SAMPLE BY's bucket groups the rows even when the select list does not show it
            for (GroupingElement element : groupBy.elements()) {
                if (element instanceof GroupingExpr g) addGroup(aggs, expressions.bind(g.expr(), groupCx));
            }
            return;
        }
        // Each element contributes a list of sets; elements combine by cross product (SQL semantics).
        List<List<Integer>> combined = List.of(List.of());
        boolean plain = true;
        for (GroupingElement element : groupBy.elements()) {
            List<List<Integer>> sets = new ArrayList<>();
            switch (element) {
                case GroupingExpr g -> {
                    if (g.expr() instanceof FunctionCall f && f.over() == null && f.name().last().text().equalsIgnoreCase("row")) {
                        // GROUP BY (a, b): several groups in one element
                        List<Integer> idx = new ArrayList<>();
                        for (Expr e : f.args()) idx.add(groupIndex(aggs, e, entries, groupCx));
                        sets.add(idx);
                    } else {
                        sets.add(List.of(groupIndex(aggs, g.expr(), entries, groupCx)));
                    }
                }
                case io.tealdb.parser.ast.SampleBy sb -> throw new BinderException("SAMPLE BY cannot be combined with GROUP BY", sb.pos());
                case GroupingSet gs -> {
                    plain = false;
                    List<List<Integer>> items = new ArrayList<>();
                    for (List<Expr> group : gs.sets()) {
                        List<Integer> idx = new ArrayList<>();
                        for (Expr e : group) idx.add(groupIndex(aggs, e, entries, groupCx));
                        items.add(idx);
                    }
                    switch (gs.kind()) {
                        case SETS -> sets.addAll(items);
                        case ROLLUP -> {
                            for (int n = items.size(); n >= 0; n--) {
                                List<Integer> set = new ArrayList<>();
                                for (int i = 0; i < n; i++) set.addAll(items.get(i));
                                sets.add(set);
                            }
                        }
                        case CUBE -> {
                            if (items.size() > 12) throw new BinderException("CUBE can have at most 12 elements", gs.pos());
                            for (int mask = (1 << items.size()) - 1; mask >= 0; mask--) {
                                List<Integer> set = new ArrayList<>();
                                for (int i = 0; i < items.size(); i++) if ((mask & (1 << (items.size() - 1 - i))) != 0) set.addAll(items.get(i));
                                sets.add(set);
                            }
                        }
                    }
                }
            }
            if ((long) combined.size() * sets.size() > 65535) {
                throw new BinderException("Maximum number of grouping sets exceeded", groupBy.pos());
            }
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> a : combined) {
                for (List<Integer> b : sets) {
                    List<Integer> merged = new ArrayList<>(a);
                    for (int i : b) if (!merged.contains(i)) merged.add(i);
                    next.add(merged);
                }
            }
            combined = next;
        }
        if (!plain) {
            aggs.groupingSets = combined;
            aggs.groupingIndex = nextTableIndex();
        }
    }

    private int groupIndex(BindContext.Aggregates aggs, Expr e, List<Entry> entries, BindContext groupCx) {
        BoundExpr bound;
        if (e instanceof IntegerLiteral lit) {
            bound = bindEntry(entries.get(position(lit, entries.size(), "GROUP BY")), groupCx);
        } else {
            try {
                bound = expressions.bind(e, groupCx);
            } catch (BinderException ex) {
                // unnest(struct) expands into columns in a select list only
                if (ex.getMessage().contains("argument types 'unnest(STRUCT(")) {
                    throw new BinderException("UNNEST of struct cannot be used in GROUP BY clause", ex.position());
                }
                throw ex;
            }
        }
        addGroup(aggs, bound);
        for (int i = 0; i < aggs.groups.size(); i++) if (BoundExprs.same(aggs.groups.get(i), bound)) return i;
        throw new IllegalStateException();
    }

    private static void addGroup(BindContext.Aggregates aggs, BoundExpr e) {
        for (BoundExpr g : aggs.groups) if (BoundExprs.same(g, e)) return;
        aggs.groups.add(e);
    }

    /**
     * The select-list column an ORDER BY (or DISTINCT ON) key refers to: by position, by alias, or
     * by being the same expression; otherwise the key is added as a hidden column. Returns -1 for a
     * constant key (which does not order anything).
     */
    private int resolveOrderColumn(Expr key, List<Entry> entries, List<BoundExpr> selected, List<BoundExpr> hidden,
                                   BindContext cx, boolean distinct) {
        if (key instanceof IntegerLiteral lit) return position(lit, entries.size(), "ORDER");
        if (key instanceof ColumnRef c && c.parts().size() == 1) {
            String n = c.last().text();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).aliased && entries.get(i).name.equalsIgnoreCase(n)) return i;
            }
        }
        if (isNonIntegerLiteral(key) && !"true".equals(env.setting(io.tealdb.settings.Settings.ORDER_BY_NON_INTEGER_LITERAL))) {
            throw new BinderException("ORDER BY non-integer literal has no effect.\n* SET order_by_non_integer_literal=true to allow this behavior.", key.pos());
        }
        BoundExpr e;
        try {
            e = expressions.bind(key, cx);
        } catch (BinderException ex) {
            // An unaliased output name (e.g. ORDER BY a for SELECT t.a) that is not a FROM column.
            if (key instanceof ColumnRef c && c.parts().size() == 1) {
                for (int i = 0; i < entries.size(); i++) if (entries.get(i).name.equalsIgnoreCase(c.last().text())) return i;
            }
            throw ex;
        }
        if (BoundExprs.isConstant(e)) return -1;
        for (int i = 0; i < selected.size(); i++) if (BoundExprs.same(selected.get(i), e)) return i;
        for (int i = 0; i < hidden.size(); i++) if (BoundExprs.same(hidden.get(i), e)) return entries.size() + i;
        if (distinct) {
            throw new BinderException("For SELECT DISTINCT, ORDER BY expressions must appear in select list", key.pos());
        }
        hidden.add(e);
        return entries.size() + hidden.size() - 1;
    }

    private static boolean isNonIntegerLiteral(Expr e) {
        return e instanceof StringLiteral || e instanceof DecimalLiteral || e instanceof BooleanLiteral || e instanceof NullLiteral;
    }

    private List<BoundExpr> finishAll(List<BoundExpr> list, BindContext.Aggregates aggs, BindContext.Windows windows) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr e : list) out.add(finishAggregate(e, aggs, windows));
        return out;
    }

    /**
     * Rewrites an expression evaluated above the aggregate: subexpressions equal to a GROUP BY
     * expression become references to the group column; any other column of the FROM clause is an error.
     */
    private BoundExpr finishAggregate(BoundExpr e, BindContext.Aggregates aggs, BindContext.Windows windows) {
        return BoundExprs.rewrite(e, node -> {
            if (node instanceof BoundSubquery s) {
                BoundExpr left = s.left() == null ? null : finishAggregate(s.left(), aggs, windows);
                return new BoundSubquery(s.kind(), outerGroupRefs(s.plan(), 1, aggs), left, s.op(), s.type());
            }
            if (node instanceof BoundColumnRef c && (c.depth() > 0 || c.binding().tableIndex() == aggs.aggregateIndex
                    || c.binding().tableIndex() == aggs.groupIndex || c.binding().tableIndex() == windows.windowIndex
                    || (aggs.groupingIndex >= 0 && c.binding().tableIndex() == aggs.groupingIndex))) {
                return node;
            }
            for (int i = 0; i < aggs.groups.size(); i++) {
                BoundExpr g = aggs.groups.get(i);
                if (BoundExprs.same(g, node)) {
                    String name = node instanceof BoundColumnRef c ? c.name() : "group" + i;
                    return new BoundColumnRef(new ColumnBinding(aggs.groupIndex, i), g.type(), name);
                }
            }
            if (node instanceof BoundColumnRef c) {
                Integer pos = positions.get(c);
                throw new BinderException("column \"" + c.name() + "\" must appear in the GROUP BY clause or must be part of an aggregate function.\n"
                        + "Either add it to the GROUP BY list, or use ANY_VALUE(\"" + c.name() + "\") if the exact value of \"" + c.name()
                        + "\" is not important.", pos == null ? -1 : pos);
            }
            return null;
        });
    }

    /**
     * Inside a subquery of an aggregate query, outer references (depth == level) to grouped columns
     * must read the aggregate's group output instead of the FROM clause's column.
     */
    private LogicalOperator outerGroupRefs(LogicalOperator plan, int level, BindContext.Aggregates aggs) {
        return LogicalPlans.mapExpressions(plan, e -> BoundExprs.rewrite(e, node -> {
            if (node instanceof BoundSubquery s) {
                BoundExpr left = s.left() == null ? null : BoundExprs.rewrite(s.left(), n -> outerGroupRef(n, level, aggs));
                return new BoundSubquery(s.kind(), outerGroupRefs(s.plan(), level + 1, aggs), left, s.op(), s.type());
            }
            return outerGroupRef(node, level, aggs);
        }));
    }

    private BoundExpr outerGroupRef(BoundExpr node, int level, BindContext.Aggregates aggs) {
        if (!(node instanceof BoundColumnRef c) || c.depth() != level) return null;
        if (c.binding().tableIndex() == aggs.groupIndex || c.binding().tableIndex() == aggs.aggregateIndex) return null;
        for (int i = 0; i < aggs.groups.size(); i++) {
            if (aggs.groups.get(i) instanceof BoundColumnRef g && g.depth() == 0 && g.binding().equals(c.binding())) {
                return new BoundColumnRef(new ColumnBinding(aggs.groupIndex, i), c.type(), c.name(), level);
            }
        }
        Integer pos = positions.get(c);
        throw new BinderException("column \"" + c.name() + "\" must appear in the GROUP BY clause or must be part of an aggregate function.\n"
                + "Either add it to the GROUP BY list, or use ANY_VALUE(\"" + c.name() + "\") if the exact value of \"" + c.name()
                + "\" is not important.", pos == null ? -1 : pos);
    }

    static List<BoundExpr> conjuncts(BoundExpr e) {
        if (e instanceof BoundConjunction c && c.and()) {
            List<BoundExpr> out = new ArrayList<>();
            for (BoundExpr child : c.children()) out.addAll(conjuncts(child));
            return out;
        }
        return List.of(e);
    }

    /**
     * {@code unnest(struct)} in a select list becomes one column per field (DuckDB), found by binding
     * the argument; entries whose argument does not bind here (aggregates, aliases) stay as they are.
     */
    private List<Entry> expandStructUnnests(List<Entry> entries, Scope scope, Ctes ctes) {
        List<Entry> out = null;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            List<Entry> fields = null;
            if (!e.aliased && e.bound == null && e.expr instanceof FunctionCall f && f.over() == null && f.args().size() == 1
                    && f.name().parts().size() == 1 && f.name().last().text().equalsIgnoreCase("unnest")
                    && !(f.args().get(0) instanceof NamedArgument)) {
                LogicalType t;
                try {
                    t = expressions.bind(f.args().get(0), new BindContext(scope, ctes, null, "aggregate", null, null)).type();
                } catch (io.tealdb.error.TealException ex) {
                    t = null;
                }
                if (t != null && t.id() == io.tealdb.types.TypeId.STRUCT) {
                    fields = new ArrayList<>();
                    for (int k = 0; k < t.children().size(); k++) {
                        io.tealdb.types.TypeField field = t.children().get(k);
                        // an unnamed (ROW) struct's fields are taken by position and named element1, element2, ...
                        Expr extract = field.name().isEmpty()
                                ? FunctionCall.of("struct_extract_at", List.of(f.args().get(0), new IntegerLiteral(Integer.toString(k + 1), f.pos())), f.pos())
                                : FunctionCall.of("struct_extract", List.of(f.args().get(0), new StringLiteral(field.name(), f.pos())), f.pos());
                        fields.add(new Entry(extract, field.name().isEmpty() ? "element" + (k + 1) : field.name(), false));
                    }
                }
            }
            if (fields != null && out == null) out = new ArrayList<>(entries.subList(0, i));
            if (out != null) {
                if (fields != null) out.addAll(fields);
                else out.add(e);
            }
        }
        return out == null ? entries : out;
    }

    private List<Entry> expandSelectList(List<SelectItem> items, Scope scope) {
        List<Entry> out = new ArrayList<>();
        for (SelectItem item : items) {
            if (item.expr() instanceof Star star) {
                if (item.alias() != null) throw new BinderException("STAR expression cannot have an alias", item.pos());
                out.addAll(expandStar(star, scope));
            } else if (item.expr() instanceof Like like && like.value() instanceof Star star) {
                out.addAll(expandFilteredStar(item, like, star, scope));
            } else if (item.expr() instanceof BinaryOp op && (op.left() instanceof Star || op.right() instanceof Star)) {
                throw new BinderException("Function \"" + op.operator().symbol() + "\" cannot be applied to a star expression", op.pos());
            } else if (!AstNodes.columnsExpressions(item.expr()).isEmpty()) {
                out.addAll(expandColumns(item, AstNodes.columnsExpressions(item.expr()), scope));
            } else {
                boolean aliased = item.alias() != null;
                String name = aliased ? item.alias().text() : ExprNames.name(item.expr());
                if (!aliased && item.expr() instanceof PositionalRef p) name = positionalName(p, scope);
                out.add(new Entry(item.expr(), name, aliased));
            }
        }
        if (out.isEmpty() && !items.isEmpty()) {
            throw new BinderException("SELECT list is empty after resolving * expressions!", items.get(0).pos());
        }
        return out;
    }

    /**
     * DuckDB's {@code * [NOT] LIKE|ILIKE|GLOB|SIMILAR TO pattern [ESCAPE e] [AS alias]}: the columns
     * the star expands to (EXCLUDE and a qualifier apply) whose names match the constant pattern,
     * each name tested with the engine's own operator. An alias names every column, with {@code \0}
     * standing for the column's name and, after SIMILAR TO, {@code \1}.. for the regex's groups.
     */
    private List<Entry> expandFilteredStar(SelectItem item, Like like, Star star, Scope scope) {
        int pos = like.pos();
        if (!star.replace().isEmpty()) throw new BinderException("Replace list cannot be combined with a filtering operation", pos);
        if (!star.rename().isEmpty()) throw new BinderException("Rename list cannot be combined with a filtering operation", pos);
        boolean regex = like.kind() == LikeKind.SIMILAR;
        com.google.re2j.Pattern groupsOf = null;
        if (regex && item.alias() != null) {
            Value p = constantPattern(like.pattern(), pos);
            if (!p.isNull()) groupsOf = io.tealdb.function.scalar.Re2Patterns.compile(p.object().toString());
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : expandStar(star, scope)) {
            Value match = constantPattern(new Like(like.kind(), new StringLiteral(e.name(), pos), like.pattern(), like.escape(),
                    like.negated(), pos), pos);
            if (match.isNull() || !Boolean.TRUE.equals(match.object())) continue;
            String name = e.name();
            if (item.alias() != null) {
                List<String> groups = new ArrayList<>();
                com.google.re2j.Matcher m = groupsOf == null ? null : groupsOf.matcher(name);
                if (m != null && m.matches()) {
                    for (int g = 0; g <= m.groupCount(); g++) groups.add(m.group(g) == null ? "" : m.group(g));
                } else {
                    groups.add(name);
                }
                name = aliasFor(item.alias().text(), regex, groups, item.pos());
            }
            out.add(new Entry(e.expr(), name, item.alias() != null || e.aliased(), e.bound()));
        }
        if (out.isEmpty()) {
            throw new BinderException("Star expression \"" + ExprNames.name(like) + "\" resulted in an empty set of columns", pos);
        }
        return out;
    }

    /** The value of an expression that may reference no column (a star's pattern). */
    private Value constantPattern(Expr e, int pos) {
        BoundExpr bound;
        try {
            bound = expressions.bind(e, new BindContext(new Scope(null), null, null, "a star expression's pattern cannot contain aggregates", null, null));
        } catch (BinderException ex) {
            if (ex.getMessage().startsWith("Referenced column")) {
                throw new BinderException("Pattern applied to a star expression must be a constant", pos);
            }
            throw ex;
        }
        return constantValue(bound, pos);
    }

    /** DuckDB names a {@code #n} column after the column it refers to. */
    private static String positionalName(PositionalRef p, Scope scope) {
        int k = p.position();
        for (Scope.Table t : scope.tables) {
            if (k >= 1 && k <= t.names().size()) return t.names().get(k - 1);
            k -= t.names().size();
        }
        return "#" + p.position();
    }

    private List<Entry> expandStar(Star star, Scope scope) {
        List<Scope.Table> tables = new ArrayList<>();
        boolean qualified = !star.qualifier().isEmpty();
        if (qualified) {
            String alias = star.qualifier().get(star.qualifier().size() - 1).text();
            String schema = star.qualifier().size() > 1 ? star.qualifier().get(star.qualifier().size() - 2).text() : null;
            Scope.Table t = scope.findTable(schema, alias);
            if (t == null) throw new BinderException("Referenced table \"" + alias + "\" not found!", star.pos());
            tables.add(t);
        } else {
            tables.addAll(scope.tables);
        }
        if (tables.isEmpty()) throw new BinderException("SELECT * expression without FROM clause!", star.pos());
        boolean[] usedExcludes = new boolean[star.exclude().size()];
        Set<String> usedReplaces = new HashSet<>();
        Map<String, ReplaceItem> replace = new HashMap<>();
        for (ReplaceItem r : star.replace()) replace.put(r.column().text().toLowerCase(Locale.ROOT), r);
        Map<String, String> rename = new HashMap<>();
        for (RenameItem r : star.rename()) rename.put(r.column().text().toLowerCase(Locale.ROOT), r.newName().text());
        List<Entry> out = new ArrayList<>();
        for (Scope.Table t : tables) {
            for (int i = 0; i < t.names().size(); i++) {
                if (t.bindings().get(i).columnIndex() == LogicalGet.ROW_ID) continue;
                String name = t.names().get(i);
                String key = name.toLowerCase(Locale.ROOT);
                // a column merged away by USING may still be named (t2.a) in EXCLUDE
                if (markExcluded(star, t, key, usedExcludes)) continue;
                // a qualified star names a column a USING join merged away, not the other hidden ones (rowid,
                // hidden generated columns, table functions' virtual columns)
                if (t.hiddenInStar()[i] && (!qualified || !scope.using.containsKey(key))) continue;
                ReplaceItem r = replace.get(key);
                if (r != null) usedReplaces.add(key);
                String newName = rename.getOrDefault(key, name);
                if (r != null) {
                    out.add(new Entry(r.expr(), newName, true));
                    continue;
                }
                Scope.UsingColumn u = scope.using.get(key);
                boolean viaUsing = !qualified && u != null && u.origin() != null && u.origin().equals(t.bindings().get(i));
                BoundExpr bound = viaUsing ? u.expr() : t.ref(i, 0);
                if (bound instanceof BoundColumnRef ref) positions.put(ref, star.pos());
                out.add(new Entry(new ColumnRef(List.of(new Identifier(name, true, star.pos())), star.pos()), newName,
                        rename.containsKey(key), bound));
            }
        }
        String where = qualified ? star.qualifier().get(star.qualifier().size() - 1).text() : "FROM clause";
        for (int e = 0; e < star.exclude().size(); e++) {
            if (usedExcludes[e]) continue;
            Identifier id = star.exclude().get(e);
            StringBuilder name = new StringBuilder();
            for (Identifier q : star.excludeQualifiers().get(e)) name.append('"').append(q.text()).append("\".");
            name.append('"').append(id.text()).append('"');
            throw new BinderException("Column " + name + " in EXCLUDE list not found in " + where, id.pos());
        }
        for (ReplaceItem r : star.replace()) {
            if (!usedReplaces.contains(r.column().text().toLowerCase(Locale.ROOT))) {
                throw new BinderException("Column \"" + r.column().text() + "\" in REPLACE list not found in " + where, r.column().pos());
            }
        }
        return out;
    }

    /**
     * Whether column {@code key} of {@code t} is named by an EXCLUDE entry: an unqualified entry
     * excludes the column from every table, {@code tbl.col} only from the table aliased {@code tbl}.
     */
    private static boolean markExcluded(Star star, Scope.Table t, String key, boolean[] used) {
        boolean hit = false;
        for (int e = 0; e < star.exclude().size(); e++) {
            if (!star.exclude().get(e).text().equalsIgnoreCase(key)) continue;
            List<Identifier> q = star.excludeQualifiers().get(e);
            if (!q.isEmpty()) {
                String alias = q.get(q.size() - 1).text();
                String schema = q.size() > 1 ? q.get(q.size() - 2).text() : null;
                if (t.alias() == null || !t.alias().equalsIgnoreCase(alias)) continue;
                if (schema != null && (t.schema() == null || !t.schema().equalsIgnoreCase(schema))) continue;
            }
            used[e] = true;
            hit = true;
        }
        return hit;
    }

    // ---------------------------------------------------------------- FROM

    private record From(LogicalOperator plan, Scope scope) {
    }

    private Scope.Table tableScope(String alias, String schema, LogicalGet get) {
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        List<ColumnBinding> bindings = new ArrayList<>();
        boolean[] hidden = new boolean[get.table().columns().size()];
        for (int i = 0; i < get.table().columns().size(); i++) {
            ColumnDefinition c = get.table().columns().get(i);
            names.add(c.name());
            types.add(c.type());
            bindings.add(new ColumnBinding(get.tableIndex(), i));
            hidden[i] = c.hidden(); // ClickHouse's ALIAS/MATERIALIZED columns: read when named, not by *
        }
        return new Scope.Table(alias, schema, names, types, bindings, hidden);
    }

    /** Adds the hidden {@code rowid} pseudo column (binding (index, ROW_ID)) to a table's names. */
    private static Scope.Table withRowId(Scope.Table st, int index) {
        List<String> names = new ArrayList<>(st.names());
        List<LogicalType> types = new ArrayList<>(st.types());
        List<ColumnBinding> bindings = new ArrayList<>(st.bindings());
        names.add("rowid");
        types.add(LogicalType.BIGINT);
        bindings.add(new ColumnBinding(index, LogicalGet.ROW_ID));
        boolean[] hidden = java.util.Arrays.copyOf(st.hiddenInStar(), names.size());
        hidden[names.size() - 1] = true;
        return new Scope.Table(st.alias(), st.schema(), names, types, bindings, hidden);
    }

    /**
     * A table function whose rows are the elements of a list, bound as the lateral derived table
     * {@code SELECT unnest(list) AS name [, generate_subscripts(list, 1) AS ordinality]} (so it may
     * use columns of tables to its left and of outer queries). Qualified as {@code pg_catalog.f(...) s}
     * without column names, the column is named after the alias, as PostgreSQL names a scalar
     * function's one column.
     */
    private From bindListTable(TableFunctionRef f, Expr unnestCall, Expr list, String name, Scope outer, Ctes ctes) {
        int pos = f.pos();
        List<SelectItem> items = new ArrayList<>();
        items.add(new SelectItem(unnestCall, new Identifier(name, false, pos), pos));
        if (f.withOrdinality()) {
            if (list == null) throw new BinderException("WITH ORDINALITY needs unnest of a single list", f.pos());
            items.add(new SelectItem(FunctionCall.of("generate_subscripts", List.of(list, new IntegerLiteral("1", pos)), pos),
                    new Identifier("ordinality", false, pos), pos));
        }
        SelectNode select = new SelectNode(null, false, List.of(), items, null, null, null, null, List.of(), null, List.of(), null, pos);
        TableAlias alias = f.alias() != null ? f.alias() : new TableAlias(new Identifier(name, false, pos), List.of(), pos);
        boolean renamed = f.alias() != null && f.alias().columns().isEmpty();
        if (renamed) {
            // the alias names the column (PostgreSQL's SETOF rule, DuckDB's too); the function's name still reaches it as alias.name
            alias = new TableAlias(alias.name(), List.of(alias.name()), alias.pos());
        }
        From from = bindFrom(new SubqueryRef(select, true, alias, pos), outer, ctes);
        if (renamed) keepOriginalName(from, name);
        return from;
    }

    /**
     * After the alias of a one-column table function renamed its column, the function's own name
     * still reaches the column qualified ({@code i.generate_series}); a star does not show it.
     */
    private static void keepOriginalName(From from, String original) {
        int last = from.scope.tables.size() - 1;
        Scope.Table t = from.scope.tables.get(last);
        if (t.indexOf(original) >= 0) return;
        List<String> names = new ArrayList<>(t.names());
        List<LogicalType> types = new ArrayList<>(t.types());
        List<ColumnBinding> bindings = new ArrayList<>(t.bindings());
        names.add(original);
        types.add(t.types().get(0));
        bindings.add(t.bindings().get(0));
        boolean[] hidden = java.util.Arrays.copyOf(t.hiddenInStar(), names.size());
        hidden[names.size() - 1] = true;
        from.scope.tables.set(last, new Scope.Table(t.alias(), t.schema(), names, types, bindings, hidden));
    }

    /** {@code name(...)} or {@code pg_catalog.name(...)}. */
    private static boolean isBuiltin(FunctionCall call, String name) {
        List<Identifier> parts = call.name().parts();
        return call.name().last().text().equalsIgnoreCase(name)
                && (parts.size() == 1 || parts.size() == 2 && parts.get(0).text().equalsIgnoreCase("pg_catalog"));
    }

    private static boolean isSeriesOverColumns(TableFunctionRef f) {
        if (!isBuiltin(f.call(), "range") && !isBuiltin(f.call(), "generate_series")) return false;
        // WITH ORDINALITY numbers the list's elements (generate_subscripts), so it takes the list form too
        if (f.withOrdinality()) return f.call().args().stream().noneMatch(a -> a instanceof NamedArgument);
        for (Expr a : f.call().args()) {
            if (a instanceof NamedArgument || !AstNodes.columnNames(a).isEmpty()) return !(a instanceof NamedArgument);
        }
        return false;
    }

    private From bindFrom(TableRef ref, Scope outer, Ctes ctes) {
        return switch (ref) {
            case BaseTableRef t -> bindBaseTable(t, outer, ctes);
            case SubqueryRef s -> {
                BoundQuery q = bindQueryNode(s.query(), outer, ctes);
                String alias = s.alias() != null ? s.alias().name().text() : "unnamed_subquery";
                yield derived(q, alias, null, s.alias() == null ? List.of() : s.alias().columns(), outer, s.pos());
            }
            case TableFunctionRef f when isBuiltin(f.call(), "unnest") -> {
                // the table function's argument is typed (a list): an untyped NULL has no element type
                if (f.call().args().size() == 1 && f.call().args().get(0) instanceof io.tealdb.parser.ast.NullLiteral n) {
                    throw new BinderException("UNNEST requires a single list or array as input", n.pos());
                }
                yield bindListTable(f, f.call(), f.call().args().size() == 1 ? f.call().args().get(0) : null, "unnest", outer, ctes);
            }
            case TableFunctionRef f when isSeriesOverColumns(f) ->
                    // range / generate_series with arguments from a table to the left or an outer query
                    // (lateral, correlated): the list-valued scalar form, unnested; constant arguments
                    // keep the streaming table function
                    bindListTable(f, FunctionCall.of("unnest", List.of(f.call()), f.pos()), f.call(),
                            f.call().name().last().text().toLowerCase(java.util.Locale.ROOT), outer, ctes);
            case TableFunctionRef f when isBuiltin(f.call(), "pg_partition_ancestors") && f.call().args().size() == 1 -> {
                // no partitioned tables: a relation's only "ancestor" is itself
                int pos = f.pos();
                Expr list = new ListLiteral(List.of(new Cast(f.call().args().get(0), TypeName.simple("INTEGER", pos), false, pos)), pos);
                yield bindListTable(f, FunctionCall.of("unnest", List.of(list), pos), list, "relid", outer, ctes);
            }
            case TableFunctionRef f when f.withOrdinality() -> throw new NotImplementedException(
                    "WITH ORDINALITY is supported for unnest, range and generate_series only", f.pos());
            case TableFunctionRef f -> bindTableFunction(f, outer);
            case JoinRef j -> bindJoin(j, outer, ctes);
            case PivotRef p -> bindPivot(p, outer, ctes);
            case UnpivotRef u -> bindUnpivot(u, outer, ctes);
            case ShowRef r -> {
                BoundQuery q = bindShow(r.statement(), ctes);
                String alias = r.alias() != null ? r.alias().name().text() : "unnamed_subquery";
                yield derived(q, alias, r.alias() == null ? List.of() : r.alias().columns(), outer, r.pos());
            }
            case FileRef f -> bindFileRef(f, outer);
            case SampledRef r -> {
                // no source: the single row of a SELECT without FROM
                From source = r.source() != null ? bindFrom(r.source(), outer, ctes)
                        : new From(new LogicalValues(nextTableIndex(), List.of(), List.of(List.of())), new Scope(outer));
                SampleSpec s = r.sample();
                SampleSpec resolved = s.method() != null ? s
                        : new SampleSpec(s.size(), s.percentage(), s.percentage() ? SampleMethod.SYSTEM : SampleMethod.RESERVOIR, s.seed(), s.pos());
                yield new From(new LogicalSample(resolved, source.plan()), source.scope());
            }
        };
    }

    /** The reader a file name's extension picks ({@code .parquet}, {@code .json[.gz]}, {@code .csv}, ...); null for other names. */
    private static String fileReader(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet") || lower.endsWith(".parq")) return "read_parquet";
        String bare = lower.replaceFirst("\\.(gz|zst)$", "");
        if (bare.endsWith(".json") || bare.endsWith(".ndjson") || bare.endsWith(".jsonl")) return "read_json_auto";
        if (bare.endsWith(".csv") || bare.endsWith(".tsv") || bare.endsWith(".txt") || bare.endsWith(".tbl")) return "read_csv_auto";
        return null;
    }

    private static boolean fileExists(String name) {
        try {
            return java.nio.file.Files.exists(java.nio.file.Path.of(name));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** {@code FROM 'file.ext'}: the reader for the file's extension (DuckDB's replacement scan). */
    private From bindFileRef(FileRef f, Scope outer) {
        String reader = fileReader(f.path());
        if (reader == null) {
            throw new CatalogException("Table with name " + f.path() + " does not exist! No extension found that is capable of reading the file \""
                    + f.path() + "\" (only CSV, Parquet and JSON files are read by name; use read_parquet, read_csv or read_json)", f.pos());
        }
        FunctionCall call = FunctionCall.of(reader, List.of(new StringLiteral(f.path(), f.pos())), f.pos());
        TableAlias alias = f.alias() != null ? f.alias()
                : new TableAlias(new Identifier(java.nio.file.Path.of(f.path()).getFileName().toString().replaceFirst("\\.[^.]*$", ""), true, f.pos()), List.of(), f.pos());
        return bindTableFunction(new TableFunctionRef(call, false, alias, f.pos()), outer, f.alias() != null);
    }

    // ---------------------------------------------------------------- MERGE INTO

    /**
     * MERGE INTO as DuckDB binds it: source joined with the target (INNER, or LEFT / RIGHT / FULL
     * when rows without a match are acted upon), each joined row tagged with its first applicable
     * WHEN clause. Expressions of NOT MATCHED BY TARGET clauses may only see the source, those of
     * NOT MATCHED BY SOURCE only the target.
     */
    private BoundMerge bindMerge(Merge m) {
        int pos = m.pos();
        TableEntry table = targetTable(m.table(), "merge into");
        String targetName = m.alias() != null ? m.alias().text() : table.name();
        Ctes ctes = withCtes(m.with(), null, null);
        boolean byTarget = false, bySource = false;
        for (MergeAction a : m.actions()) {
            switch (a.match()) {
                case NOT_MATCHED_BY_TARGET -> {
                    byTarget = true;
                    if (a.kind() == MergeAction.MergeActionKind.UPDATE || a.kind() == MergeAction.MergeActionKind.DELETE) {
                        throw new io.tealdb.parser.ParserException("WHEN NOT MATCHED (BY TARGET) cannot be combined with UPDATE or "
                                + "DELETE actions - as there is no corresponding row in the target to update or delete", a.pos());
                    }
                }
                case NOT_MATCHED_BY_SOURCE -> {
                    bySource = true;
                    if (a.kind() == MergeAction.MergeActionKind.INSERT) {
                        throw new io.tealdb.parser.ParserException("WHEN NOT MATCHED BY SOURCE cannot be combined with INSERT "
                                + "actions - as there is no corresponding row in the source to insert", a.pos());
                    }
                }
                case MATCHED -> {
                }
            }
        }
        // the source's columns (INSERT * / UPDATE without SET use them) and the name it is visible under
        From source = bindFrom(m.source(), null, ctes);
        List<Expr> sourceColumns = new ArrayList<>();
        List<String> sourceNames = new ArrayList<>();
        String sourceAlias = null;
        for (Scope.Table t : source.scope.tables) {
            if (sourceAlias == null) sourceAlias = t.alias();
            for (int i = 0; i < t.names().size(); i++) {
                if (t.hiddenInStar()[i] || t.bindings().get(i).columnIndex() == LogicalGet.ROW_ID) continue;
                List<Identifier> parts = new ArrayList<>();
                if (t.alias() != null) parts.add(new Identifier(t.alias(), true, pos));
                parts.add(new Identifier(t.names().get(i), true, pos));
                sourceColumns.add(new ColumnRef(parts, pos));
                sourceNames.add(t.names().get(i));
            }
        }
        if (sourceAlias == null) sourceAlias = "unnamed_subquery";
        TableRef target = new BaseTableRef(m.table(), m.alias() == null ? null : new TableAlias(m.alias(), List.of(), pos), pos);
        TableRef sourceRef = m.source();
        String marker = "__merge_source_marker";
        if (bySource) {
            // a marker column tells joined rows without a source row apart
            List<SelectItem> items = List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), pos), null, pos),
                    new SelectItem(new BooleanLiteral(true, pos), new Identifier(marker, true, pos), pos));
            sourceRef = new SubqueryRef(new SelectNode(null, false, List.of(), items, m.source(), null, null, null, List.of(),
                    null, List.of(), null, pos), false, new TableAlias(new Identifier(sourceAlias, true, pos), List.of(), pos), pos);
        }
        JoinKind kind = bySource && byTarget ? JoinKind.FULL : bySource ? JoinKind.RIGHT : byTarget ? JoinKind.LEFT : JoinKind.INNER;
        TableRef join = new JoinRef(kind, false, false, sourceRef, target, m.on(), m.using(), false, pos);
        Expr targetRow = new IsNull(new ColumnRef(List.of(new Identifier(targetName, true, pos), new Identifier("rowid", false, pos)), pos), true, pos);
        Expr sourceRow = bySource ? new IsNull(new ColumnRef(List.of(new Identifier(sourceAlias, true, pos),
                new Identifier(marker, true, pos)), pos), true, pos) : new BooleanLiteral(true, pos);

        List<WhenClause> whens = new ArrayList<>();
        List<SelectItem> values = new ArrayList<>();
        List<BoundMerge.Action> actions = new ArrayList<>();
        int firstValue = 2;
        for (int k = 0; k < m.actions().size(); k++) {
            MergeAction a = m.actions().get(k);
            Expr applies = switch (a.match()) {
                case MATCHED -> new BinaryOp(BinaryOperator.AND, targetRow, sourceRow, pos);
                case NOT_MATCHED_BY_TARGET -> new UnaryOp(UnaryOperator.NOT, targetRow, pos);
                case NOT_MATCHED_BY_SOURCE -> new UnaryOp(UnaryOperator.NOT, sourceRow, pos);
            };
            if (a.condition() != null) applies = new BinaryOp(BinaryOperator.AND, applies, a.condition(), pos);
            whens.add(new WhenClause(applies, new IntegerLiteral(Integer.toString(k), pos), a.pos()));
            List<String> columns = new ArrayList<>();
            List<Expr> exprs = new ArrayList<>();
            switch (a.kind()) {
                case UPDATE -> {
                    if (!a.sets().isEmpty()) {
                        for (SetClause sc : expandAssignments(a.sets())) {
                            columns.add(sc.columns().get(0).text());
                            exprs.add(sc.value());
                        }
                    } else {
                        if (a.byName()) columns.addAll(sourceNames);
                        else for (ColumnDefinition c : table.columns()) columns.add(c.name());
                        if (sourceColumns.size() != columns.size()) {
                            throw new BinderException("Data provided for UPDATE did not match column count in table - expected "
                                    + columns.size() + " columns but got " + sourceColumns.size(), a.pos());
                        }
                        exprs.addAll(sourceColumns);
                    }
                }
                case INSERT -> {
                    if (a.byName()) {
                        columns.addAll(sourceNames);
                    } else {
                        for (Identifier c : a.columns()) columns.add(c.text());
                    }
                    if (!a.defaultValues()) exprs.addAll(a.values().isEmpty() ? sourceColumns : a.values());
                }
                case ERROR -> exprs.addAll(a.values());
                case DELETE, DO_NOTHING -> {
                }
            }
            // a clause without a target (source) row must not read target (source) columns
            if (a.match() != MergeAction.MergeMatch.MATCHED) {
                List<SelectItem> probe = new ArrayList<>();
                if (a.condition() != null) probe.add(new SelectItem(a.condition(), null, pos));
                for (Expr e : exprs) probe.add(new SelectItem(e, null, pos));
                if (!probe.isEmpty()) {
                    TableRef only = a.match() == MergeAction.MergeMatch.NOT_MATCHED_BY_TARGET ? m.source() : target;
                    bindQueryNode(new SelectNode(null, false, List.of(), probe, only, null, null, null, List.of(), null,
                            List.of(), null, pos), null, ctes);
                }
            }
            for (String c : columns) {
                if (table.columnIndex(c) >= 0) continue;
                if (a.kind() == MergeAction.MergeActionKind.UPDATE) {
                    throw new BinderException("Referenced update column " + c + " not found in table!", a.pos());
                }
                StringBuilder sb = new StringBuilder();
                for (ColumnDefinition d : table.columns()) sb.append(sb.isEmpty() ? "" : ", ").append('"').append(d.name()).append('"');
                throw new BinderException("Table \"" + table.name() + "\" does not have a column with name \"" + c
                        + "\"\n\nDid you mean: " + sb, a.pos());
            }
            for (Expr e : exprs) values.add(new SelectItem(e, null, pos));
            actions.add(new BoundMerge.Action(a.kind(), firstValue, columns, exprs.size(), a.defaultValues()));
            firstValue += exprs.size();
        }
        List<SelectItem> items = new ArrayList<>();
        items.add(new SelectItem(new Case(null, whens, new NullLiteral(pos), pos), new Identifier("__merge_action", true, pos), pos));
        items.add(new SelectItem(new ColumnRef(List.of(new Identifier(targetName, true, pos), new Identifier("rowid", false, pos)), pos),
                new Identifier("__merge_rowid", true, pos), pos));
        items.addAll(values);
        SelectNode node = new SelectNode(null, false, List.of(), items, join, null, null, null, List.of(), null, List.of(), null, pos);
        BoundQuery q = bindQueryNode(node, null, ctes);
        return new BoundMerge(table, m.alias(), q.plan(), actions);
    }

    // ---------------------------------------------------------------- DESCRIBE / SHOW

    /**
     * DESCRIBE (of a table, or of a query's result columns) and SHOW as a relation, with DuckDB's
     * columns: column_name, column_type, null, key, default, extra (all VARCHAR).
     */
    BoundQuery bindShow(Statement statement, Ctes ctes) {
        LogicalType v = LogicalType.VARCHAR;
        Value nul = Value.nullOf(v);
        List<List<Value>> rows = new ArrayList<>();
        List<String> names;
        switch (statement) {
            case Describe d -> {
                if (d.kind() == DescribeKind.SUMMARIZE) throw new NotImplementedException("SUMMARIZE is not supported yet", d.pos());
                names = List.of("column_name", "column_type", "null", "key", "default", "extra");
                TableEntry table = null;
                if (d.table() != null) {
                    List<Identifier> parts = d.table().parts();
                    String schema = parts.size() >= 2 ? parts.get(parts.size() - 2).text() : null;
                    String database = parts.size() >= 3 ? parts.get(parts.size() - 3).text() : null;
                    boolean cte = parts.size() == 1 && ctes != null && ctes.find(parts.get(0).text()) != null;
                    if (!cte) table = env.catalog().findTable(database, schema, d.table().last().text());
                }
                if (table != null) {
                    for (int i = 0; i < table.columns().size(); i++) {
                        ColumnDefinition c = table.columns().get(i);
                        boolean pk = false, unique = false;
                        for (io.tealdb.catalog.TableConstraint k : table.constraints()) {
                            if (k instanceof io.tealdb.catalog.TableConstraint.PrimaryKey p && p.columns().contains(i)) pk = true;
                            if (k instanceof io.tealdb.catalog.TableConstraint.Unique u && u.columns().contains(i)) unique = true;
                        }
                        rows.add(List.of(Value.ofVarchar(c.name()), Value.ofVarchar(c.type().toString()),
                                Value.ofVarchar(c.notNull() || pk ? "NO" : "YES"),
                                pk ? Value.ofVarchar("PRI") : unique ? Value.ofVarchar("UNI") : nul,
                                c.defaultSql() == null ? nul : Value.ofVarchar(c.defaultSql()), nul));
                    }
                } else {
                    QueryNode query = d.query() != null ? d.query() : new SelectNode(null, false, List.of(),
                            List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), d.pos()), null, d.pos())),
                            new BaseTableRef(d.table(), null, d.pos()), null, null, null, List.of(), null, List.of(), null, d.pos());
                    BoundQuery q = bindQueryNode(query, null, ctes);
                    for (int i = 0; i < q.names().size(); i++) {
                        rows.add(List.of(Value.ofVarchar(q.names().get(i)), Value.ofVarchar(q.types().get(i).toString()),
                                Value.ofVarchar("YES"), nul, nul, nul));
                    }
                }
            }
            case Show s -> {
                switch (s.kind()) {
                    case TABLES -> {
                        names = List.of("name");
                        String schema = s.name() == null ? env.catalog().defaultSchema() : s.name().last().text();
                        List<String> relations = new ArrayList<>(env.catalog().relationNames(schema));
                        relations.sort(null);
                        for (String n : relations) rows.add(List.of(Value.ofVarchar(n)));
                    }
                    case DATABASES -> {
                        names = List.of("database_name");
                        BinderCatalog.SystemTable dbs = env.catalog().systemTableFunction("duckdb_databases");
                        if (dbs == null) {
                            rows.add(List.of(Value.ofVarchar(env.catalog().catalogName())));
                        } else {
                            // the attached databases, without the internal ones (system, temp), by name
                            int internal = dbs.names().indexOf("internal");
                            for (List<Value> r : dbs.rows()) {
                                if (!Boolean.TRUE.equals(r.get(internal).object())) rows.add(List.of(r.get(0)));
                            }
                            rows.sort(java.util.Comparator.comparing(r -> String.valueOf(r.get(0).object())));
                        }
                    }
                    case VARIABLE -> {
                        String name = s.name().last().text().toLowerCase(Locale.ROOT);
                        names = List.of(name);
                        io.tealdb.settings.Setting setting = io.tealdb.settings.Settings.require(s.name().last().text());
                        rows.add(List.of(Value.ofVarchar(env.setting(setting))));
                    }
                    default -> throw new NotImplementedException("SHOW " + s.kind() + " is not supported in a subquery yet", s.pos());
                }
            }
            default -> throw new BinderException("only DESCRIBE, SHOW and SUMMARIZE can be used as a table", statement.pos());
        }
        List<LogicalType> types = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) types.add(v);
        List<List<BoundExpr>> valueRows = new ArrayList<>();
        for (List<Value> r : rows) {
            List<BoundExpr> row = new ArrayList<>();
            for (Value x : r) row.add(new BoundConstant(x));
            valueRows.add(row);
        }
        int index = nextTableIndex();
        LogicalOperator plan = rows.isEmpty() ? new LogicalEmptyResult(bindingsOf(index, types.size()), types)
                : new LogicalValues(index, types, valueRows);
        return new BoundQuery(plan, names, types);
    }

    // ---------------------------------------------------------------- PIVOT / UNPIVOT

    /** The names a {@code SELECT *} over {@code from} would produce, in order. */
    private List<String> starNames(From from, int pos) {
        List<String> names = new ArrayList<>();
        for (Entry e : expandStar(new Star(List.of(), List.of(), List.of(), List.of(), pos), from.scope)) names.add(e.name);
        return names;
    }

    /** PIVOT: resolves the pivot values (running queries for those taken from the data), then binds {@link Pivots#rewrite}. */
    private From bindPivot(PivotRef p, Scope outer, Ctes ctes) {
        From source = bindFrom(p.source(), outer, ctes);
        List<String> columns = starNames(source, p.pos());
        List<FunctionCall> calls = Pivots.aggregateCalls(p, name -> env.functions().isAggregate(name));
        Set<String> handled = Pivots.handledColumns(p, calls);
        List<List<Pivots.PivotValue>> perPivot = new ArrayList<>();
        long total = 1;
        for (PivotColumn c : p.pivots()) {
            List<Pivots.PivotValue> values = pivotValues(p, c, outer, ctes);
            Pivots.checkEntries(c, values, p.pos());
            perPivot.add(values);
            total *= values.size();
        }
        long limit = Long.parseLong(env.setting(io.tealdb.settings.Settings.PIVOT_LIMIT));
        if (total >= limit) {
            throw new BinderException("Pivot column limit of " + limit + " exceeded. Use SET pivot_limit=X to increase the limit.", p.pos());
        }
        SelectNode node = Pivots.rewrite(p, columns, calls, Pivots.combine(perPivot), handled);
        BoundQuery q = bindQueryNode(node, outer, ctes);
        if (!LogicalPlans.correlatedColumns(q.plan()).isEmpty()) {
            throw new BinderException("PIVOT is not supported in correlated subqueries yet", p.pos());
        }
        String alias = p.alias() != null ? p.alias().name().text() : "__unnamed_pivot";
        return derived(q, alias, p.alias() == null ? List.of() : p.alias().columns(), outer, p.pos());
    }

    /** The values of one pivot: its IN list, or the distinct values of a query / of the data (computed now). */
    private List<Pivots.PivotValue> pivotValues(PivotRef p, PivotColumn c, Scope outer, Ctes ctes) {
        List<Pivots.PivotValue> out = new ArrayList<>();
        if (c.enumName() != null) {
            // PIVOT ... IN mood: one column per label of the enum type, in enum order
            LogicalType t = TypeNames.resolve(TypeName.simple(c.enumName().text(), c.enumName().pos()), env.catalog()::findType);
            if (t.id() != TypeId.ENUM) {
                throw new BinderException("Pivot must reference an ENUM type: \"" + c.enumName().text() + "\" is of type \"" + t + "\"",
                        c.enumName().pos());
            }
            for (String label : t.dictionary().labels()) out.add(new Pivots.PivotValue(List.of(label), label));
            return out;
        }
        if (!c.entries().isEmpty()) {
            BindContext cx = new BindContext(new Scope(null), ctes, null, "PIVOT IN list cannot contain aggregates", null, Map.of());
            for (PivotEntry entry : c.entries()) {
                List<String> texts = new ArrayList<>();
                for (Expr v : entry.values()) {
                    if (v instanceof ColumnRef ref && ref.parts().size() == 1) {
                        texts.add(ref.last().text());
                        continue;
                    }
                    BoundExpr bound = expressions.bind(new Cast(v, TypeName.simple("VARCHAR", v.pos()), false, v.pos()), cx);
                    if (!BoundExprs.isConstant(bound)) {
                        throw new io.tealdb.parser.ParserException("PIVOT IN list must contain columns or lists of columns", v.pos());
                    }
                    Value value = constantValue(bound, v.pos());
                    texts.add(value.isNull() ? null : String.valueOf(value.object()));
                }
                String name = entry.alias() != null ? entry.alias().text()
                        : String.join("_", texts.stream().map(t -> t == null ? "NULL" : t).toList());
                out.add(new Pivots.PivotValue(texts, name));
            }
            return out;
        }
        QueryNode query = c.subquery() != null ? c.subquery()
                : Pivots.distinctValuesQuery(p.source(), c.expressions().get(0));
        BoundQuery q = bindQueryNode(query, outer, ctes);
        if (!LogicalPlans.correlatedColumns(q.plan()).isEmpty()) {
            throw new BinderException("PIVOT is not supported in correlated subqueries yet", p.pos());
        }
        if (env.queryRunner() == null) throw new NotImplementedException("PIVOT without an IN list is not supported here", c.pos());
        BoundExpr first = expressions.castTo(new BoundColumnRef(q.plan().bindings().get(0), q.types().get(0), q.names().get(0)),
                LogicalType.VARCHAR);
        LogicalOperator plan = new LogicalProjection(nextTableIndex(), List.of(first), q.plan());
        Set<String> seen = new HashSet<>();
        for (io.tealdb.vector.DataChunk chunk : env.queryRunner().apply(plan)) {
            io.tealdb.vector.Vector v = chunk.column(0);
            for (int r = 0; r < chunk.size(); r++) {
                if (v.isNull(r)) continue;
                String text = v.getString(r);
                if (seen.add(text)) out.add(new Pivots.PivotValue(List.of(text), text));
            }
        }
        return out;
    }

    /**
     * UNPIVOT: every source row becomes one row per entry (a {@link LogicalExpand}): the columns not
     * unpivoted, the entry's name, and its values (cast to their common type per position);
     * without INCLUDE NULLS, rows whose values are NULL are dropped.
     */
    private From bindUnpivot(UnpivotRef u, Scope outer, Ctes ctes) {
        From source = bindFrom(u.source(), outer, ctes);
        Scope scope = source.scope;
        record UnpivotEntry(String alias, List<Expr> expressions) {
        }
        List<UnpivotEntry> entries = new ArrayList<>();
        for (PivotEntry entry : u.entries()) {
            String alias = entry.alias() == null ? null : entry.alias().text();
            if (entry.values().size() == 1 && (entry.values().get(0) instanceof Star
                    || !AstNodes.columnsExpressions(entry.values().get(0)).isEmpty())) {
                List<Entry> expanded;
                try {
                    expanded = expandSelectList(List.of(new SelectItem(entry.values().get(0), null, entry.pos())), scope);
                } catch (io.tealdb.parser.ParserException ex) {
                    // COLUMNS(..) matching nothing: an entry of no columns (the error below names UNPIVOT)
                    if (!ex.getMessage().contains("empty set of columns")) throw ex;
                    expanded = List.of();
                }
                for (Entry e : expanded) {
                    Expr expr = e.bound instanceof BoundColumnRef || e.columns == null ? e.expr
                            : AstNodes.replace(e.expr, new java.util.IdentityHashMap<>(e.columns));
                    entries.add(new UnpivotEntry(alias, List.of(expr)));
                }
                continue;
            }
            List<Expr> exprs = new ArrayList<>();
            for (Expr v : entry.values()) {
                // a constant names a column: IN (0, 1) unpivots the columns "0" and "1"
                String constantName = switch (v) {
                    case IntegerLiteral i -> i.text();
                    case DecimalLiteral d -> d.text();
                    case StringLiteral sl -> sl.value();
                    default -> null;
                };
                if (constantName != null) {
                    if (constantName.isEmpty()) throw new BinderException("UNPIVOT - empty column name not supported", v.pos());
                    v = new ColumnRef(List.of(new Identifier(constantName, true, v.pos())), v.pos());
                }
                exprs.add(v);
            }
            entries.add(new UnpivotEntry(alias, exprs));
        }
        if (entries.isEmpty()) {
            throw new BinderException("UNPIVOT clause must unpivot on at least one column - zero were provided", u.pos());
        }
        // each expression must reference exactly one column; those columns are not kept
        Map<String, String> handled = new java.util.LinkedHashMap<>();
        List<List<String>> entryColumns = new ArrayList<>();
        for (UnpivotEntry e : entries) {
            List<String> names = new ArrayList<>();
            for (Expr x : e.expressions()) {
                for (Object node : AstNodes.nodes(x)) {
                    if (node instanceof ScalarSubquery || node instanceof Exists || node instanceof InSubquery) {
                        throw new BinderException("UNPIVOT list cannot contain subqueries", x.pos());
                    }
                }
                List<String> refs = AstNodes.columnNames(x);
                if (refs.isEmpty()) {
                    throw new BinderException("UNPIVOT clause must contain exactly one column - expression \""
                            + ExprNames.render(x) + "\" does not contain any", x.pos());
                }
                if (refs.size() > 1) {
                    throw new BinderException("UNPIVOT clause must contain exactly one column - expression \""
                            + ExprNames.render(x) + "\" contains multiple (" + String.join(", ", refs) + ")", x.pos());
                }
                handled.putIfAbsent(refs.get(0).toLowerCase(Locale.ROOT), refs.get(0));
                names.add(refs.get(0));
            }
            entryColumns.add(names);
        }
        List<Entry> all = expandStar(new Star(List.of(), List.of(), List.of(), List.of(), u.pos()), scope);
        Map<String, String> spelled = new HashMap<>();
        List<Entry> kept = new ArrayList<>();
        for (Entry e : all) {
            String key = e.name.toLowerCase(Locale.ROOT);
            if (handled.containsKey(key)) spelled.put(key, e.name);
            else kept.add(e);
        }
        for (Map.Entry<String, String> h : handled.entrySet()) {
            if (!spelled.containsKey(h.getKey())) {
                throw new BinderException("Column \"" + h.getValue() + "\" referenced in UNPIVOT but no matching entry was found in the table", u.pos());
            }
        }
        int width = entries.get(0).expressions().size();
        for (UnpivotEntry e : entries) {
            if (e.expressions().size() != width) {
                throw new BinderException("UNPIVOT value count mismatch - entry has " + e.expressions().size()
                        + " values, but expected all entries to have " + width + " values", u.pos());
            }
        }
        if (u.valueNames().size() != width) {
            throw new BinderException("UNPIVOT name count mismatch - got " + u.valueNames().size() + " names but "
                    + width + " expressions", u.pos());
        }
        BindContext cx = new BindContext(scope, ctes, null, "UNPIVOT cannot contain aggregates", null, Map.of());
        List<BoundExpr> keptRefs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (Entry e : kept) {
            BoundExpr b = bindEntry(e, cx);
            keptRefs.add(b);
            names.add(e.name);
            types.add(b.type());
        }
        names.add(u.nameColumn().text());
        types.add(LogicalType.VARCHAR);
        List<List<BoundExpr>> values = new ArrayList<>();
        List<LogicalType> valueTypes = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            List<BoundExpr> bound = new ArrayList<>();
            for (int v = 0; v < width; v++) {
                BoundExpr b = expressions.bind(entries.get(k).expressions().get(v), cx);
                bound.add(b);
                if (k == 0) valueTypes.add(b.type());
                else valueTypes.set(v, env.functions().maxLogicalType(valueTypes.get(v), b.type()));
            }
            values.add(bound);
        }
        for (int v = 0; v < width; v++) {
            LogicalType t = valueTypes.get(v).id() == TypeId.SQLNULL ? LogicalType.INTEGER : valueTypes.get(v);
            valueTypes.set(v, t);
            names.add(u.valueNames().get(v).text());
            types.add(t);
        }
        int index = nextTableIndex();
        List<List<BoundExpr>> rows = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            List<BoundExpr> row = new ArrayList<>(keptRefs);
            UnpivotEntry e = entries.get(k);
            String name = e.alias();
            if (name == null) {
                List<String> parts = new ArrayList<>();
                for (String c : entryColumns.get(k)) parts.add(spelled.get(c.toLowerCase(Locale.ROOT)));
                name = String.join("_", parts);
            }
            row.add(new BoundConstant(Value.ofVarchar(name)));
            for (int v = 0; v < width; v++) row.add(expressions.castTo(values.get(k).get(v), valueTypes.get(v)));
            rows.add(row);
        }
        LogicalOperator plan = new LogicalExpand(index, rows, types, source.plan);
        if (!u.includeNulls()) {
            List<BoundExpr> notNull = new ArrayList<>();
            for (int v = 0; v < width; v++) {
                int column = keptRefs.size() + 1 + v;
                notNull.add(new BoundIsNull(new BoundColumnRef(new ColumnBinding(index, column), types.get(column),
                        names.get(column)), true));
            }
            plan = new LogicalFilter(notNull, plan);
        }
        String alias = u.alias() != null ? u.alias().name().text() : "unpivot";
        return derived(new BoundQuery(plan, names, types), alias, u.alias() == null ? List.of() : u.alias().columns(),
                outer, u.pos());
    }

    private From derived(BoundQuery q, String alias, List<Identifier> columnAliases, Scope outer, int pos) {
        return derived(q, alias, null, columnAliases, outer, pos);
    }

    private From derived(BoundQuery q, String alias, String schema, List<Identifier> columnAliases, Scope outer, int pos) {
        if (columnAliases.size() > q.names().size()) {
            throw new BinderException("table \"" + alias + "\" has " + q.names().size() + " columns available but "
                    + columnAliases.size() + " columns specified", pos);
        }
        List<String> names = new ArrayList<>(q.names());
        for (int i = 0; i < columnAliases.size(); i++) names.set(i, columnAliases.get(i).text());
        names = deduplicated(names);
        Scope scope = new Scope(outer);
        List<ColumnBinding> b = q.plan().bindings();
        scope.add(new Scope.Table(alias, schema, names, q.types(), b, new boolean[b.size()]), pos);
        return new From(q.plan(), scope);
    }

    /**
     * Binds a CTE of a WITH RECURSIVE whose body is {@code anchor UNION [ALL] recursive} and whose
     * recursive part references the CTE itself; null when the CTE is not actually recursive.
     */
    private BoundQuery bindRecursiveCte(CteDef def, Scope outer) {
        if (!(def.cte().query() instanceof SetOperationNode s) || s.kind() != io.tealdb.parser.ast.SetOperationKind.UNION
                || s.byName()) {
            return null;
        }
        Ctes inner = withCtes(s.with(), def.visible(), outer);
        BoundQuery anchor = bindQueryNode(s.left(), outer, inner);
        List<String> names = new ArrayList<>(anchor.names());
        List<Identifier> aliases = def.cte().columns();
        if (aliases.size() > names.size()) {
            throw new BinderException("table \"" + def.cte().name().text() + "\" has " + names.size()
                    + " columns available but " + aliases.size() + " columns specified", def.cte().pos());
        }
        for (int i = 0; i < aliases.size(); i++) names.set(i, aliases.get(i).text());
        List<LogicalType> types = new ArrayList<>();
        for (LogicalType t : anchor.types()) types.add(t.id() == TypeId.SQLNULL ? LogicalType.INTEGER : t);
        WorkingRef working = new WorkingRef(nextTableIndex(), names, types);
        Map<String, CteDef> self = new HashMap<>();
        self.put(def.cte().name().text().toLowerCase(Locale.ROOT), new CteDef(def.cte(), def.visible(), false, working, def.scope()));
        BoundQuery right = bindQueryNode(s.right(), outer, new Ctes(self, inner));
        if (working.references == 0) return null;
        if (s.orderBy() != null && !s.orderBy().isEmpty()) {
            throw new io.tealdb.parser.ParserException("ORDER BY in a recursive query is not allowed", s.pos());
        }
        if (s.limit() != null) {
            throw new io.tealdb.parser.ParserException((s.limit().limit() != null ? "LIMIT" : "OFFSET")
                    + " in a recursive query is not allowed", s.pos());
        }
        if (right.types().size() != types.size()) {
            throw new BinderException("Set operations can only apply to expressions with the same number of result columns", s.pos());
        }
        LogicalOperator plan = new LogicalRecursiveCte(nextTableIndex(), working.cteIndex, s.all(),
                castProjection(anchor, types), castProjection(right, types), types);
        return new BoundQuery(plan, names, types);
    }

    /**
     * Like DuckDB, a derived table's repeated column names (case-insensitive) get suffixes so each
     * stays addressable: a, A, a_1, a -> a, A_1, a_1_1, a_2.
     */
    static List<String> deduplicated(List<String> names) {
        Set<String> used = new HashSet<>();
        Map<String, Integer> counters = new HashMap<>();
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String name = n;
            String key = n.toLowerCase(Locale.ROOT);
            if (used.contains(key)) {
                int k = counters.getOrDefault(key, 0);
                do {
                    name = n + "_" + (++k);
                } while (used.contains(name.toLowerCase(Locale.ROOT)));
                counters.put(key, k);
            }
            used.add(name.toLowerCase(Locale.ROOT));
            out.add(name);
        }
        return out;
    }

    /**
     * A CTE body is bound against the scope of its WITH; referenced from a subquery nested deeper
     * than that ({@code WITH c AS (SELECT outer_col) SELECT ... WHERE x IN (SELECT * FROM c)}), its
     * correlated references must count the levels in between, and the scopes crossed record them.
     */
    private static BoundQuery atReferenceSite(BoundQuery q, Scope withScope, Scope site) {
        if (withScope == null || site == withScope) return q;
        int levels = 0;
        for (Scope s = site; s != withScope; s = s.outer) {
            if (s == null) return q; // not nested in the WITH's scope: nothing to shift
            levels++;
        }
        List<BoundColumnRef> correlated = LogicalPlans.correlatedColumns(q.plan());
        if (correlated.isEmpty()) return q;
        int d = levels;
        for (Scope s = site; s != withScope; s = s.outer, d--) {
            for (BoundColumnRef c : correlated) s.correlated.add(new BoundColumnRef(c.binding(), c.type(), c.name(), d));
        }
        return new BoundQuery(LogicalPlans.addScopeLevels(q.plan(), levels), q.names(), q.types());
    }

    private From bindBaseTable(BaseTableRef t, Scope outer, Ctes ctes) {
        List<Identifier> parts = t.name().parts();
        String name = t.name().last().text();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2).text() : null;
        String database = parts.size() >= 3 ? parts.get(parts.size() - 3).text() : null;
        String alias = t.alias() != null ? t.alias().name().text() : name;
        List<Identifier> columnAliases = t.alias() == null ? List.of() : t.alias().columns();
        if (schema == null && ctes != null) {
            CteDef cte = ctes.find(name);
            if (cte != null) {
                if (cte.working() != null) {
                    WorkingRef w = cte.working();
                    w.references++;
                    LogicalCteRef ref = new LogicalCteRef(nextTableIndex(), w.cteIndex, w.types);
                    List<Identifier> cols = new ArrayList<>(columnAliases);
                    for (int i = cols.size(); i < w.names.size(); i++) cols.add(new Identifier(w.names.get(i), true, t.pos()));
                    return derived(new BoundQuery(ref, w.names, w.types), alias, cols, outer, t.pos());
                }
                // FROM cte t(a): aliases replace the leading names, the CTE's own column names the rest
                List<Identifier> cols = new ArrayList<>(columnAliases);
                List<Identifier> cteCols = cte.cte().columns();
                for (int i = cols.size(); i < cteCols.size(); i++) cols.add(cteCols.get(i));
                SharedCte shared = cte.shared();
                if (shared.query != null) {
                    BoundQuery d = shared.query;
                    LogicalCteRef ref = new LogicalCteRef(nextTableIndex(), shared.cteIndex, d.types(), d.plan());
                    return derived(new BoundQuery(ref, d.names(), d.types()), alias, cols, outer, t.pos());
                }
                BoundQuery q;
                ctesInProgress.push(name.toLowerCase(Locale.ROOT));
                try {
                    q = cte.recursive() ? bindRecursiveCte(cte, cte.scope()) : null;
                    if (q == null) q = bindQueryNode(cte.cte().query(), cte.scope(), cte.visible());
                } finally {
                    ctesInProgress.pop();
                }
                if (!cte.recursive() && !shared.inline) {
                    // AS MATERIALIZED / AS NOT MATERIALIZED decide; otherwise whether it does real work
                    Boolean hint = cte.cte().materialized();
                    if (!Boolean.FALSE.equals(hint) && LogicalPlans.materializable(q.plan(), Boolean.TRUE.equals(hint))) {
                        shared.query = q;
                        shared.cteIndex = nextTableIndex();
                        LogicalCteRef ref = new LogicalCteRef(nextTableIndex(), shared.cteIndex, q.types(), q.plan());
                        return derived(new BoundQuery(ref, q.names(), q.types()), alias, cols, outer, t.pos());
                    }
                    shared.inline = true;
                }
                q = atReferenceSite(q, cte.scope(), outer);
                return derived(q, alias, cols, outer, t.pos());
            }
        }
        if (schema == null) {
            FunctionResolver.BoundTableFunction registered = env.catalog().findRegisteredScan(name);
            if (registered != null) {
                LogicalTableFunction op = new LogicalTableFunction(nextTableIndex(), registered.function(), registered.names(), registered.types());
                return derived(new BoundQuery(op, registered.names(), registered.types()), alias, columnAliases, outer, t.pos());
            }
        }
        BinderCatalog.SystemTable system = env.catalog().findSystemTable(schema, name);
        if (system != null) {
            // the schema lets columns be qualified with it: pg_catalog.pg_class.relname (SQLAlchemy does)
            String systemSchema = t.alias() != null ? null : schema != null ? schema : name.regionMatches(true, 0, "pg_", 0, 3) ? "pg_catalog" : null;
            return derived(systemTableQuery(system), alias, systemSchema, columnAliases, outer, t.pos());
        }
        TableEntry table = env.catalog().findTable(database, schema, name);
        if (table != null) {
            int index = nextTableIndex();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) ids.add(i);
            // the rowid pseudo column: scanned only when referenced (the optimizer prunes unused columns)
            boolean rowId = table.columnIndex("rowid") < 0;
            if (rowId) ids.add(LogicalGet.ROW_ID);
            LogicalGet get = new LogicalGet(index, table, ids, List.of());
            Scope scope = new Scope(outer);
            Scope.Table st = tableScope(alias, t.alias() == null ? table.schema() : null, get);
            if (rowId) st = withRowId(st, index);
            if (!columnAliases.isEmpty()) {
                List<String> names = new ArrayList<>(st.names());
                for (int i = 0; i < columnAliases.size() && i < names.size(); i++) names.set(i, columnAliases.get(i).text());
                st = new Scope.Table(alias, st.schema(), names, st.types(), st.bindings(), st.hiddenInStar());
            }
            if (hasGenerated(table)) {
                // generated columns are computed from the stored ones by a projection over the scan
                List<BoundExpr> exprs = new ArrayList<>(columnValues(table, get));
                if (rowId) exprs.add(new BoundColumnRef(new ColumnBinding(index, LogicalGet.ROW_ID), LogicalType.BIGINT, "rowid"));
                int p = nextTableIndex();
                List<ColumnBinding> remapped = new ArrayList<>();
                for (ColumnBinding b : st.bindings()) {
                    remapped.add(new ColumnBinding(p, b.columnIndex() == LogicalGet.ROW_ID ? table.columns().size() : b.columnIndex()));
                }
                st = new Scope.Table(st.alias(), st.schema(), st.names(), st.types(), remapped, st.hiddenInStar());
                scope.add(st, t.pos());
                return new From(new LogicalProjection(p, exprs, get), scope);
            }
            scope.add(st, t.pos());
            return new From(get, scope);
        }
        ViewDefinition view = env.catalog().findView(database, schema, name);
        if (view != null) {
            String key = (view.schema() + "." + view.name()).toLowerCase(Locale.ROOT);
            if (!viewsInProgress.add(key)) {
                throw new BinderException("infinite recursion detected: view \"" + view.name() + "\" references itself", t.pos());
            }
            Runnable leave = env.catalog().enterView(view);
            try {
                QueryNode node = env.queryParser().apply(view.sql());
                BoundQuery q = bindQueryNode(node, null, null);
                List<Identifier> cols = new ArrayList<>();
                if (!columnAliases.isEmpty()) {
                    cols.addAll(columnAliases);
                } else {
                    for (String c : view.columnNames()) cols.add(new Identifier(c, true, t.pos()));
                }
                return derived(q, alias, t.alias() == null ? view.schema() : null, cols, outer, t.pos());
            } finally {
                leave.run();
                viewsInProgress.remove(key);
            }
        }
        if (schema == null && ctesInProgress.contains(name.toLowerCase(Locale.ROOT))) {
            throw new BinderException("Circular reference to CTE \"" + name + "\", There are two possible solutions. \n"
                    + "1. use WITH RECURSIVE to use recursive CTEs. \n2. If you want to use the TABLE name \"" + name
                    + "\" the same as CTE name, please explicitly add \"SCHEMA\" before table name. You can try \"main."
                    + name + "\" (main is the duckdb default schema)", t.pos());
        }
        if (schema == null) {
            FunctionResolver.BoundTableFunction replaced = env.catalog().replacementScan(name);
            if (replaced != null) {
                LogicalTableFunction op = new LogicalTableFunction(nextTableIndex(), replaced.function(), replaced.names(), replaced.types());
                return derived(new BoundQuery(op, replaced.names(), replaced.types()), alias, columnAliases, outer, t.pos());
            }
            // FROM "data.parquet": a name no table has that is a file of a readable kind reads the file
            if (fileReader(name) != null && parts.size() == 1
                    && (name.indexOf('*') >= 0 || fileExists(name))) {
                return bindFileRef(new FileRef(name, t.alias(), t.pos()), outer);
            }
        }
        throw tableNotFound(schema, name, t.pos());
    }

    private static List<ColumnBinding> bindingsOf(int tableIndex, int n) {
        List<ColumnBinding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }

    private CatalogException tableNotFound(String schema, String name, int pos) {
        List<String> all = env.catalog().relationNames(schema);
        StringBuilder sb = new StringBuilder("Table with name " + name + " does not exist!");
        if (!all.isEmpty()) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String n : all) {
                int d = ExpressionBinder.distance(name.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = n;
                }
            }
            if (best != null && bestDistance <= Math.max(2, name.length() / 2)) sb.append("\nDid you mean \"").append(best).append("\"?");
        }
        return new CatalogException(sb.toString(), pos);
    }

    /** A file-name argument (a name or a list of names) with relative names looked up in {@code file_search_path}. */
    private Value withFileSearchPath(Value arg) {
        String searchPath = env.setting(io.tealdb.settings.Settings.FILE_SEARCH_PATH);
        if (searchPath.isEmpty() || arg.isNull()) return arg;
        if (arg.object() instanceof String s) return Value.ofVarchar(io.tealdb.io.FileSearchPath.resolve(s, searchPath));
        if (arg.object() instanceof List<?> list) {
            List<Value> out = new ArrayList<>();
            for (Object o : list) {
                out.add(o instanceof Value v && v.object() instanceof String s ? Value.ofVarchar(io.tealdb.io.FileSearchPath.resolve(s, searchPath)) : (Value) o);
            }
            return new Value(arg.type(), out);
        }
        return arg;
    }

    private From bindTableFunction(TableFunctionRef f, Scope outer) {
        return bindTableFunction(f, outer, true);
    }

    /** A system table's rows as a VALUES plan. */
    private BoundQuery systemTableQuery(BinderCatalog.SystemTable system) {
        List<List<BoundExpr>> rows = new ArrayList<>();
        for (List<Value> row : system.rows()) {
            List<BoundExpr> r = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                Value v = row.get(i);
                r.add(new BoundConstant(v == null || v.isNull() ? Value.nullOf(system.types().get(i)) : v));
            }
            rows.add(r);
        }
        LogicalOperator plan = rows.isEmpty()
                ? new LogicalEmptyResult(bindingsOf(nextTableIndex(), system.types().size()), system.types())
                : new LogicalValues(nextTableIndex(), system.types(), rows);
        return new BoundQuery(plan, system.names(), system.types());
    }

    /** {@code aliasNamesColumn} false: the alias is implicit (a file's name in FROM 'x.csv') and leaves column names alone. */
    private From bindTableFunction(TableFunctionRef f, Scope outer, boolean aliasNamesColumn) {
        FunctionCall call = f.call();
        From macro = bindTableMacro(f, outer);
        if (macro != null) return macro;
        int placeholdersBefore = parameterPlaceholders;
        List<Value> args = new ArrayList<>();
        List<String> namedNames = new ArrayList<>();
        List<Value> named = new ArrayList<>();
        for (Expr a : call.args()) {
            if (a instanceof NamedArgument n) {
                namedNames.add(n.name().text().toLowerCase(Locale.ROOT));
                named.add(tableFunctionArgument(n.value()));
            } else {
                args.add(tableFunctionArgument(a));
            }
        }
        String name = call.name().last().text().toLowerCase(Locale.ROOT);
        BinderCatalog.SystemTable system = args.isEmpty() && named.isEmpty() ? env.catalog().systemTableFunction(name) : null;
        if (system != null) {
            String alias = f.alias() != null ? f.alias().name().text() : call.name().last().text();
            return derived(systemTableQuery(system), alias, f.alias() == null ? List.of() : f.alias().columns(), outer, f.pos());
        }
        if (!args.isEmpty() && (name.startsWith("read_") || name.startsWith("parquet_") || name.equals("sniff_csv") || name.equals("glob"))) {
            args.set(0, withFileSearchPath(args.get(0)));
        }
        FunctionResolver.BoundTableFunction bound;
        try {
            bound = env.functions().bindTableFunction(name, args, namedNames, named);
        } catch (TealException e) {
            if (parameterPlaceholders > placeholdersBefore) {
                throw new io.tealdb.error.ParameterValueNeededException(e.getMessage(), f.pos());
            }
            // binder errors get the call's position; others (a CSV file's Invalid Input Error) keep their kind
            if (e.position() < 0 && e instanceof BinderException) throw new BinderException(e.getMessage(), f.pos());
            throw e;
        }
        if (bound == null) {
            throw new CatalogException("Table Function with name " + call.name().last().text() + " does not exist!", f.pos());
        }
        LogicalTableFunction op = new LogicalTableFunction(nextTableIndex(), bound.function(), bound.names(), bound.types());
        BoundQuery q = new BoundQuery(op, bound.names(), bound.types());
        String alias = f.alias() != null ? f.alias().name().text() : call.name().last().text();
        List<Identifier> columns = f.alias() == null ? List.of() : f.alias().columns();
        boolean renamed = aliasNamesColumn && f.alias() != null && columns.isEmpty() && bound.names().size() - bound.function().virtualColumns() == 1;
        if (renamed) {
            // DuckDB: a single-column table function aliased without column names takes the alias as column name
            columns = List.of(f.alias().name());
        }
        From from = derived(q, alias, columns, outer, f.pos());
        if (renamed) keepOriginalName(from, bound.names().get(0));
        int virtual = bound.function().virtualColumns();
        if (virtual > 0) {
            boolean[] hidden = from.scope.tables.get(from.scope.tables.size() - 1).hiddenInStar();
            for (int i = hidden.length - virtual; i < hidden.length; i++) hidden[i] = true;
        }
        return from;
    }

    /**
     * A constant argument of a table function. As in DuckDB, a bare column name stands for its own
     * text ({@code read_csv("file.csv")}). Without nested types, list and struct literals (e.g.
     * read_csv's {@code columns={'a': 'INTEGER'}}, {@code names=['a','b']}) become a VARCHAR-typed
     * Value holding a {@code List<Value>} or a {@code LinkedHashMap<String, Value>}: only table
     * functions see these.
     */
    public Value tableFunctionArgument(Expr a) {
        return argumentValue(a, false);
    }

    /**
     * The value of a COPY option: like a table function argument, except that volatile functions
     * are allowed ({@code KV_METADATA {k: random()}} takes one value per statement, as in DuckDB).
     */
    public Value copyOptionValue(Expr a) {
        return argumentValue(a, true);
    }

    /** A struct given as an option value names each field once, case-insensitively (DuckDB binds it as struct_pack). */
    private static void requireNewName(Map<String, Value> fields, String name, int pos) {
        for (String k : fields.keySet()) {
            if (k.equalsIgnoreCase(name)) throw new BinderException("Duplicate named argument \"" + name + "\" in function call to \"struct_pack\"", pos);
        }
    }

    private Value argumentValue(Expr a, boolean volatileAllowed) {
        if (a instanceof ColumnRef ref && ref.parts().size() == 1) {
            return Value.ofVarchar(ref.last().text());
        }
        if (a instanceof ListLiteral list) {
            List<Value> elements = new ArrayList<>();
            for (Expr e : list.elements()) elements.add(argumentValue(e, volatileAllowed));
            return new Value(LogicalType.VARCHAR, List.copyOf(elements));
        }
        if (a instanceof StructLiteral struct) {
            java.util.LinkedHashMap<String, Value> fields = new java.util.LinkedHashMap<>();
            for (StructField f : struct.fields()) {
                requireNewName(fields, f.name().text(), f.name().pos());
                fields.put(f.name().text(), argumentValue(f.value(), volatileAllowed));
            }
            return new Value(LogicalType.VARCHAR, fields);
        }
        if (a instanceof FunctionCall fc && fc.name().last().text().equalsIgnoreCase("struct_pack")) {
            java.util.LinkedHashMap<String, Value> fields = new java.util.LinkedHashMap<>();
            for (Expr e : fc.args()) {
                if (!(e instanceof NamedArgument n)) throw new BinderException("struct_pack requires named arguments", e.pos());
                requireNewName(fields, n.name().text(), n.name().pos());
                fields.put(n.name().text(), argumentValue(n.value(), volatileAllowed));
            }
            return new Value(LogicalType.VARCHAR, fields);
        }
        BoundExpr b = bindConstantExpression(a);
        if (parameterValues == null && BoundExprs.hasParameter(b)) {
            // PREPARE of range($1) / read_parquet($1): a typed NULL stands in for the value (each
            // execution binds again with it); a function that cannot bind without the value defers
            // the statement's binding to EXECUTE (bindTableFunction)
            parameterPlaceholders++;
            return Value.nullOf(b.type());
        }
        if (!(volatileAllowed ? BoundExprs.isConstantOrVolatile(b) : BoundExprs.isConstant(b))) {
            throw new BinderException("Table function arguments must be constant", a.pos());
        }
        return constantValue(b, a.pos());
    }

    /** A table macro call in FROM: its query bound with the parameters standing for the arguments; null if no such macro. */
    private From bindTableMacro(TableFunctionRef f, Scope outer) {
        FunctionCall call = f.call();
        List<Identifier> parts = call.name().parts();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2).text() : null;
        BinderCatalog.MacroDefinition m = env.catalog().findMacro(schema, call.name().last().text(), true);
        if (m == null || m.tableBody() == null) return null;
        java.util.Map<String, Expr> arguments = ExpressionBinder.macroArguments(m, call.args(), f.pos());
        BoundQuery q = expressions.withMacroArguments(arguments, () -> bindQueryNode(m.tableBody(), outer, null));
        String alias = f.alias() != null ? f.alias().name().text() : call.name().last().text();
        return derived(q, alias, f.alias() == null ? List.of() : f.alias().columns(), outer, f.pos());
    }

    private From bindJoin(JoinRef j, Scope outer, Ctes ctes) {
        if (j.kind() == JoinKind.POSITIONAL) return bindPositionalJoin(j, outer, ctes);
        From left = bindFrom(j.left(), outer, ctes);
        From right;
        // Subqueries and table functions on the right may reference the left side (DuckDB binds
        // them as LATERAL automatically); without such references this is an ordinary join.
        boolean lateral = j.lateral() || j.right() instanceof SubqueryRef || j.right() instanceof TableFunctionRef;
        if (lateral) {
            Scope lat = new Scope(outer);
            lat.lateralSource = true;
            lat.addAll(left.scope);
            right = bindFrom(j.right(), lat, ctes);
        } else {
            right = bindFrom(j.right(), outer, ctes);
        }
        Scope scope = new Scope(outer);
        for (Scope.Table t : left.scope.tables) scope.add(t, j.pos());
        for (Scope.Table t : right.scope.tables) scope.add(t, j.pos());
        scope.using.putAll(left.scope.using);
        scope.using.putAll(right.scope.using);

        JoinType type = switch (j.kind()) {
            case INNER, CROSS -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case SEMI -> JoinType.SEMI;
            case ANTI -> JoinType.ANTI;
            case POSITIONAL -> throw new IllegalStateException("bound by bindPositionalJoin");
        };
        BindContext cx = new BindContext(scope, ctes, null, "JOIN clause cannot contain aggregates!", null, null);
        List<BoundExpr> conditions = new ArrayList<>();
        List<String> usingNames = new ArrayList<>();
        if (j.natural()) {
            for (Scope.Table lt : left.scope.tables) {
                for (int i = 0; i < lt.names().size(); i++) {
                    if (lt.hiddenInStar()[i]) continue;
                    String n = lt.names().get(i);
                    boolean inRight = false;
                    for (Scope.Table rt : right.scope.tables) if (rt.indexOf(n) >= 0) inRight = true;
                    if (inRight && !usingNames.stream().anyMatch(n::equalsIgnoreCase)) usingNames.add(n);
                }
            }
            if (usingNames.isEmpty()) {
                throw new BinderException("No columns found to join on in NATURAL JOIN.\n"
                        + "Use CROSS JOIN if you intended for this to be a cross-product.", j.pos());
            }
        } else {
            for (Identifier id : j.using()) usingNames.add(id.text());
        }
        for (String n : usingNames) {
            BoundExpr l = left.scope.lookupLocal(n, 0, j.pos());
            BoundExpr r = right.scope.lookupLocal(n, 0, j.pos());
            if (l == null || r == null) {
                throw new BinderException("Column \"" + n + "\" does not exist on " + (l == null ? "left" : "right") + " side of join!", j.pos());
            }
            conditions.add(expressions.comparison(ComparisonOp.EQ, l, false, r, false, j.pos()));
            BoundExpr merged = switch (type) {
                case RIGHT -> r;
                case FULL -> {
                    LogicalType t = expressions.maxType(l.type(), r.type(), j.pos());
                    yield new BoundCoalesce(List.of(expressions.castTo(l, t), expressions.castTo(r, t)), t);
                }
                default -> l;
            };
            ColumnBinding origin = l instanceof BoundColumnRef lc ? lc.binding() : originOf(left.scope, n);
            scope.using.put(n.toLowerCase(Locale.ROOT), new Scope.UsingColumn(n, merged, origin));
            if (r instanceof BoundColumnRef rc) hide(right.scope, rc.binding());
            else {
                Scope.UsingColumn ru = right.scope.using.get(n.toLowerCase(Locale.ROOT));
                if (ru != null) hide(right.scope, ru.origin());
            }
        }
        if (j.on() != null) {
            conditions.add(expressions.castTo(expressions.bind(j.on(), cx), LogicalType.BOOLEAN));
        }
        if ((type != JoinType.INNER || j.kind() != JoinKind.CROSS) && j.on() == null && usingNames.isEmpty() && !j.natural()
                && j.kind() != JoinKind.CROSS && j.kind() != JoinKind.INNER) {
            throw new BinderException("Join requires an ON or USING condition", j.pos());
        }
        List<BoundExpr> all = new ArrayList<>();
        for (BoundExpr c : conditions) all.addAll(conjuncts(c));
        Set<ColumnBinding> leftBindings = new HashSet<>(left.plan.bindings());
        Set<ColumnBinding> rightBindings = new HashSet<>(right.plan.bindings());
        List<JoinCondition> joinConditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr c : all) {
            JoinCondition jc = joinCondition(c, leftBindings, rightBindings);
            if (jc != null) joinConditions.add(jc);
            else residual.add(c);
        }
        BoundExpr residualExpr = residual.isEmpty() ? null : residual.size() == 1 ? residual.get(0) : new BoundConjunction(true, residual);
        LogicalOperator plan;
        List<BoundColumnRef> correlated = lateral ? LogicalPlans.correlatedColumns(right.plan) : List.of();
        if (j.asof()) {
            plan = AsofJoins.plan(type, left.plan, right.plan, all, j.on() == null && !usingNames.isEmpty(), j.pos());
        } else if (!correlated.isEmpty()) {
            // DuckDB's rule: the dependent join is unnested with its ON clause as is, so a subquery there
            // would reach execution
            for (BoundExpr c : all) {
                BoundExprs.visit(c, node -> {
                    if (node instanceof BoundSubquery) throw new BinderException("Subqueries are not supported in LATERAL join conditions", j.pos());
                });
            }
            plan = new LogicalDependentJoin(type, left.plan, right.plan, correlated, joinConditions, residualExpr, -1);
        } else {
            LogicalOperator rightPlan = lateral ? LogicalPlans.removeScopeLevel(right.plan) : right.plan;
            plan = new LogicalJoin(type, left.plan, rightPlan, joinConditions, residualExpr);
        }
        if (type == JoinType.SEMI || type == JoinType.ANTI) {
            return new From(plan, left.scope);
        }
        return new From(plan, scope);
    }

    /** {@code left POSITIONAL JOIN right}: both sides bound on their own (no ON, no lateral references). */
    private From bindPositionalJoin(JoinRef j, Scope outer, Ctes ctes) {
        From left = bindFrom(j.left(), outer, ctes);
        From right = bindFrom(j.right(), outer, ctes);
        Scope scope = new Scope(outer);
        for (Scope.Table t : left.scope.tables) scope.add(t, j.pos());
        for (Scope.Table t : right.scope.tables) scope.add(t, j.pos());
        scope.using.putAll(left.scope.using);
        scope.using.putAll(right.scope.using);
        return new From(new io.tealdb.planner.logical.LogicalPositionalJoin(left.plan, right.plan), scope);
    }

    private static ColumnBinding originOf(Scope scope, String name) {
        Scope.UsingColumn u = scope.using.get(name.toLowerCase(Locale.ROOT));
        return u == null ? null : u.origin();
    }

    private static void hide(Scope scope, ColumnBinding binding) {
        for (Scope.Table t : scope.tables) {
            int i = t.bindings().indexOf(binding);
            if (i >= 0) t.hiddenInStar()[i] = true;
        }
    }

    /** A comparison whose sides each reference only one join input, oriented left-input first; else null. */
    private static JoinCondition joinCondition(BoundExpr c, Set<ColumnBinding> left, Set<ColumnBinding> right) {
        if (!(c instanceof BoundComparison cmp)) return null;
        switch (cmp.op()) {
            case EQ, NE, LT, LE, GT, GE -> {
            }
            default -> {
                return null;
            }
        }
        int ls = side(cmp.left(), left, right), rs = side(cmp.right(), left, right);
        if (ls == 1 && rs == 2) return new JoinCondition(cmp.left(), cmp.op(), cmp.right());
        if (ls == 2 && rs == 1) return new JoinCondition(cmp.right(), cmp.op().flip(), cmp.left());
        return null;
    }

    /** 1: only left columns, 2: only right columns, 0: none, 3: both or something else (subquery, outer reference). */
    private static int side(BoundExpr e, Set<ColumnBinding> left, Set<ColumnBinding> right) {
        int[] side = {0};
        BoundExprs.visit(e, n -> {
            int s;
            if (n instanceof BoundColumnRef c) {
                if (c.depth() > 0) s = 3;
                else if (left.contains(c.binding())) s = 1;
                else if (right.contains(c.binding())) s = 2;
                else s = 3;
            } else if (n instanceof BoundSubquery) {
                s = 3;
            } else {
                return;
            }
            side[0] = side[0] == 0 ? s : (side[0] == s ? s : 3);
        });
        return side[0];
    }

    // ---------------------------------------------------------------- DML

    private TableEntry targetTable(QualifiedName name, String verb) {
        List<Identifier> parts = name.parts();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2).text() : null;
        String database = parts.size() >= 3 ? parts.get(parts.size() - 3).text() : null;
        TableEntry table = env.catalog().findTable(database, schema, name.last().text());
        if (table == null) {
            if (env.catalog().findView(database, schema, name.last().text()) != null) {
                throw new BinderException("Can only " + verb + " base table!", name.pos());
            }
            throw tableNotFound(schema, name.last().text(), name.pos());
        }
        return table;
    }

    /** The DEFAULT value of a column (NULL if none), cast to the column type. */
    public BoundExpr defaultValue(ColumnDefinition column) {
        if (column.defaultSql() == null) return new BoundConstant(Value.nullOf(column.type()));
        Expr e = env.expressionParser().apply(column.defaultSql());
        return expressions.castTo(bindConstantExpression(e), column.type());
    }

    private BoundInsert bindInsert(Insert ins) {
        if (ins.orAction() != ConflictAction.NONE || ins.onConflict() != null) {
            throw new NotImplementedException("INSERT OR REPLACE / ON CONFLICT is not supported yet", ins.pos());
        }
        TableEntry table = targetTable(ins.table(), "insert into");
        List<ColumnDefinition> cols = table.columns();
        List<Identifier> columns = ins.columns();
        BoundQuery byName = null;
        if (ins.byName()) {
            // BY NAME: the query's column names are the column list (matched ignoring case, the rest take their defaults)
            if (ins.source() == null) throw new BinderException("INSERT BY NAME cannot be combined with with DEFAULT VALUES", ins.pos());
            if (ins.source() instanceof ValuesNode) {
                throw new BinderException("INSERT BY NAME can only be used when inserting from a SELECT statement", ins.pos());
            }
            if (!columns.isEmpty()) throw new BinderException("INSERT BY NAME cannot be combined with a column list", ins.pos());
            byName = bindQueryNode(ins.source(), null, withCtes(ins.with(), null, null));
            columns = byName.names().stream().map(n -> new Identifier(n, true, ins.source().pos())).toList();
        }
        // target[i] = index into the source row for table column i, or -1 (default)
        int[] target = new int[cols.size()];
        int sourceWidth;
        if (columns.isEmpty()) {
            // generated columns take no values: the source supplies the stored columns in order
            int k = 0;
            for (int i = 0; i < cols.size(); i++) target[i] = cols.get(i).generated() ? -1 : k++;
            sourceWidth = k;
        } else {
            Arrays.fill(target, -1);
            for (int k = 0; k < columns.size(); k++) {
                Identifier id = columns.get(k);
                int i = table.columnIndex(id.text());
                if (i < 0) {
                    StringBuilder sb = new StringBuilder();
                    for (ColumnDefinition c : cols) sb.append(sb.isEmpty() ? "" : ", ").append('"').append(c.name()).append('"');
                    throw new BinderException("Table \"" + table.name() + "\" does not have a column with name \"" + id.text()
                            + "\"\n\nDid you mean: " + sb, id.pos());
                }
                if (target[i] >= 0) throw new BinderException("Duplicate column name \"" + id.text() + "\" in INSERT", id.pos());
                if (cols.get(i).generated()) throw new BinderException("Cannot insert into a generated column \"" + id.text() + "\"", id.pos());
                target[i] = k;
            }
            sourceWidth = columns.size();
        }
        if (ins.source() == null) {
            List<BoundExpr> row = new ArrayList<>();
            List<LogicalType> types = new ArrayList<>();
            for (ColumnDefinition c : cols) {
                row.add(defaultValue(c));
                types.add(c.type());
            }
            return finishInsert(table, new LogicalValues(nextTableIndex(), types, List.of(row)), ins);
        }
        if (ins.source() instanceof ValuesNode v && v.orderBy().isEmpty() && v.limit() == null && v.with() == null
                && (ins.with() == null || ins.with().ctes().isEmpty())) {
            BindContext cx = new BindContext(new Scope(null), null, null, "aggregate functions are not allowed in VALUES", null, null);
            List<List<BoundExpr>> rows = new ArrayList<>();
            List<LogicalType> types = new ArrayList<>();
            for (ColumnDefinition c : cols) types.add(c.type());
            for (List<Expr> row : v.rows()) {
                if (row.size() != sourceWidth) throw valueCountMismatch(table, ins, sourceWidth, row.size(), v.pos());
                List<BoundExpr> out = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    ColumnDefinition c = cols.get(i);
                    if (target[i] < 0 || row.get(target[i]) instanceof DefaultValue) {
                        out.add(defaultValue(c));
                    } else {
                        out.add(expressions.castTo(expressions.bind(row.get(target[i]), cx), c.type()));
                    }
                }
                rows.add(out);
            }
            return finishInsert(table, new LogicalValues(nextTableIndex(), types, rows), ins);
        }
        BoundQuery q = byName != null ? byName : bindQueryNode(ins.source(), null, withCtes(ins.with(), null, null));
        if (q.types().size() != sourceWidth) throw valueCountMismatch(table, ins, sourceWidth, q.types().size(), ins.source().pos());
        List<ColumnBinding> b = q.plan().bindings();
        List<BoundExpr> exprs = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            ColumnDefinition c = cols.get(i);
            if (target[i] < 0) {
                exprs.add(defaultValue(c));
            } else {
                int k = target[i];
                exprs.add(expressions.castTo(new BoundColumnRef(b.get(k), q.types().get(k), q.names().get(k)), c.type()));
            }
        }
        return finishInsert(table, new LogicalProjection(nextTableIndex(), exprs, q.plan()), ins);
    }

    /** Binds the CHECK constraints of {@code table} (validation at CREATE TABLE time). */
    public List<BoundExpr> checkExpressions(TableEntry table) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) ids.add(i);
        return checks(table, new LogicalGet(nextTableIndex(), table, ids, List.of()), new ArrayList<>());
    }

    /** Indexes of the columns {@code table}'s CHECK constraints read. */
    public java.util.Set<Integer> checkedColumns(TableEntry table) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (BoundExpr e : checkExpressions(table)) {
            BoundExprs.visit(e, n -> {
                if (n instanceof io.tealdb.planner.expression.BoundColumnRef c) out.add(c.binding().columnIndex());
            });
        }
        return out;
    }

    private List<BoundExpr> checks(TableEntry table, LogicalGet get, List<String> sqlOut) {
        List<BoundExpr> out = new ArrayList<>();
        for (io.tealdb.catalog.TableConstraint c : table.constraints()) {
            if (c instanceof io.tealdb.catalog.TableConstraint.Check check) {
                Expr e = env.expressionParser().apply(check.sql());
                BoundExpr bound = expandGenerated(bindOverTable(e, table, get), table, get);
                BoundExprs.visit(bound, n -> {
                    if (n instanceof BoundSubquery) throw new BinderException("subqueries prohibited in CHECK constraints", e.pos());
                });
                out.add(expressions.castTo(bound, LogicalType.BOOLEAN));
                sqlOut.add(check.sql());
            }
        }
        return out;
    }

    /** Appends the CHECK results and RETURNING values of the inserted rows to {@code source}'s columns. */
    private BoundInsert finishInsert(TableEntry table, LogicalOperator source, Insert ins) {
        List<String> sql = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) ids.add(i);
        LogicalGet shape = new LogicalGet(nextTableIndex(), table, ids, List.of());
        List<BoundExpr> checks = checks(table, shape, sql);
        List<String> returningNames = new ArrayList<>();
        Scope scope = new Scope(null);
        scope.add(tableScope(ins.alias() != null ? ins.alias().text() : table.name(), table.schema(), shape), ins.pos());
        List<BoundExpr> returning = new ArrayList<>();
        for (BoundExpr r : returning(ins.returning(), scope, returningNames)) returning.add(expandGenerated(r, table, shape));
        boolean stored = hasStored(table);
        if (checks.isEmpty() && returning.isEmpty() && !stored) return new BoundInsert(table, source, List.of(), List.of());
        List<ColumnBinding> b = source.bindings();
        List<LogicalType> types = source.types();
        List<BoundExpr> exprs = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) exprs.add(new BoundColumnRef(b.get(i), types.get(i), table.columns().get(i).name()));
        if (stored) {
            // stored generated columns take their expressions over the row written, whatever the source held there
            List<BoundExpr> values = storedValues(table, shape);
            List<BoundExpr> plain = new ArrayList<>(exprs);
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) continue;
                exprs.set(i, BoundExprs.rewrite(values.get(i), n -> n instanceof BoundColumnRef c && c.binding().tableIndex() == shape.tableIndex()
                        ? plain.get(c.binding().columnIndex()) : null));
            }
        }
        List<BoundExpr> extra = new ArrayList<>(checks);
        extra.addAll(returning);
        for (BoundExpr e : extra) {
            exprs.add(BoundExprs.rewrite(e, n -> n instanceof BoundColumnRef c && c.binding().tableIndex() == shape.tableIndex()
                    ? exprs.get(c.binding().columnIndex()) : null));
        }
        return new BoundInsert(table, new LogicalProjection(nextTableIndex(), exprs, source), sql, returningNames);
    }

    /** Binds a RETURNING list over {@code scope} (the DML target and its FROM/USING tables). */
    private List<BoundExpr> returning(List<SelectItem> items, Scope scope, List<String> namesOut) {
        List<BoundExpr> out = new ArrayList<>();
        if (items.isEmpty()) return out;
        for (SelectItem item : items) rejectSubqueryInReturning(item.expr());
        BindContext cx = new BindContext(scope, null, null, "Aggregate functions are not supported in RETURNING statements", null, null);
        for (Entry e : expandSelectList(items, scope)) {
            out.add(bindEntry(e, cx));
            namesOut.add(e.name);
        }
        return out;
    }

    /** RETURNING is evaluated against the modified rows alone; DuckDB refuses any subquery there. */
    private static void rejectSubqueryInReturning(Expr e) {
        AstNodes.forEachNode(e, n -> {
            int pos = switch (n) {
                case ScalarSubquery s -> s.pos();
                case InSubquery s -> s.pos();
                case Exists s -> s.pos();
                default -> -2;
            };
            if (pos != -2) throw new BinderException("SUBQUERY is not supported in returning statements", pos);
            return true;
        });
    }

    private static BinderException valueCountMismatch(TableEntry table, Insert ins, int expected, int got, int pos) {
        if (ins.columns().isEmpty()) {
            return new BinderException("table \"" + table.name() + "\" has " + expected + " columns but " + got + " values were supplied", pos);
        }
        return new BinderException("Column name/value mismatch for insert on " + table.name() + ": expected " + expected
                + " columns but " + got + " values were supplied", pos);
    }

    private record Target(LogicalOperator plan, Scope scope, LogicalGet get) {
    }

    /** Scan of the DML target with its row id, joined with USING/FROM tables and filtered by WHERE. */
    private Target dmlSource(TableEntry table, Identifier alias, TableRef extra, Expr where, int pos, String what, Ctes ctes) {
        int index = nextTableIndex();
        List<Integer> ids = new ArrayList<>();
        ids.add(LogicalGet.ROW_ID);
        for (int i = 0; i < table.columns().size(); i++) ids.add(i);
        LogicalGet get = new LogicalGet(index, table, ids, List.of());
        Scope scope = new Scope(null);
        Scope.Table target = tableScope(alias != null ? alias.text() : table.name(), table.schema(), get);
        scope.add(table.columnIndex("rowid") < 0 ? withRowId(target, index) : target, pos);
        LogicalOperator plan = get;
        if (extra != null) {
            From from = bindFrom(extra, null, ctes);
            for (Scope.Table t : from.scope.tables) scope.add(t, pos);
            scope.using.putAll(from.scope.using);
            plan = new LogicalJoin(JoinType.INNER, plan, from.plan, List.of(), null);
        }
        if (where != null) {
            BindContext cx = new BindContext(scope, ctes, null, what + " cannot contain aggregates!", null, null);
            BoundExpr w = expressions.castTo(expandGenerated(expressions.bind(where, cx), table, get), LogicalType.BOOLEAN);
            plan = new LogicalFilter(conjuncts(w), plan);
        }
        return new Target(plan, scope, get);
    }

    private BoundUpdate bindUpdate(Update u) {
        Ctes ctes = withCtes(u.with(), null, null);
        TableEntry table = targetTable(u.table(), "update");
        Target t = dmlSource(table, u.alias(), u.from(), u.where(), u.pos(), "WHERE clause", ctes);
        BindContext cx = new BindContext(t.scope, ctes, null, "aggregate functions are not allowed in UPDATE", null, null);
        return updateOf(table, t.get, t.plan, u.sets(), e -> expandGenerated(expressions.bind(e, cx), table, t.get), u.returning(), t.scope);
    }

    /**
     * INSERT ... ON CONFLICT DO UPDATE: updates the rows of {@code table} whose {@code keyColumns}
     * equal those of a row of {@code excluded} (the proposed rows that conflicted, same columns as
     * the table). SET values and {@code where} see the existing row by plain or table-qualified names
     * and the proposed row as {@code excluded.col}.
     */
    public BoundUpdate bindConflictUpdate(TableEntry table, Identifier alias, TableEntry excluded, List<Integer> keyColumns,
                                          List<SetClause> sets, Expr where, int pos) {
        Target t = dmlSource(table, alias, null, null, pos, "WHERE clause", null);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < excluded.columns().size(); i++) ids.add(i);
        LogicalGet ex = new LogicalGet(nextTableIndex(), excluded, ids, List.of());
        // "excluded" lives in an enclosing scope so that unqualified names resolve to the target table;
        // both sides are joined at one level, so references found there are pulled back to depth 0
        Scope outer = new Scope(null);
        outer.add(tableScope("excluded", null, ex), pos);
        Scope scope = new Scope(outer);
        scope.addAll(t.scope);
        BindContext cx = new BindContext(scope, null, null, "aggregate functions are not allowed in UPDATE", null, null);
        java.util.function.Function<Expr, BoundExpr> bind = e -> {
            BoundExpr b = expressions.bind(e, cx);
            BoundExprs.visit(b, n -> {
                if (n instanceof BoundSubquery) throw new BinderException("DO UPDATE SET clause cannot contain a subquery", e.pos());
            });
            b = expandGenerated(b, table, t.get);
            return BoundExprs.rewrite(b, n -> n instanceof BoundColumnRef c && c.depth() == 1 && c.binding().tableIndex() == ex.tableIndex()
                    ? new BoundColumnRef(c.binding(), c.type(), c.name(), 0) : null);
        };
        List<JoinCondition> on = new ArrayList<>();
        for (int k : keyColumns) {
            LogicalType type = table.columns().get(k).type();
            on.add(new JoinCondition(new BoundColumnRef(new ColumnBinding(t.get.tableIndex(), k), type, table.columns().get(k).name()),
                    ComparisonOp.EQ, new BoundColumnRef(new ColumnBinding(ex.tableIndex(), k), type, table.columns().get(k).name())));
        }
        LogicalOperator plan = new LogicalJoin(JoinType.INNER, t.plan, ex, on, null);
        if (where != null) plan = new LogicalFilter(conjuncts(expressions.castTo(bind.apply(where), LogicalType.BOOLEAN)), plan);
        return updateOf(table, t.get, plan, sets, bind, List.of(), t.scope);
    }

    /** {@code SET (a, b) = (x, y)} → {@code a = x, b = y}; {@code SET (a, b) = e} assigns e to each column. */
    private static List<SetClause> expandAssignments(List<SetClause> sets) {
        List<SetClause> out = new ArrayList<>();
        for (SetClause set : sets) {
            if (set.columns().size() == 1) {
                out.add(set);
                continue;
            }
            List<Expr> values;
            if (set.value() instanceof FunctionCall f && f.name().parts().size() == 1 && f.name().last().text().equalsIgnoreCase("row")
                    && !f.star() && f.over() == null) {
                values = f.args();
                if (values.size() != set.columns().size()) {
                    throw new io.tealdb.parser.ParserException("Could not perform assignment, expected " + set.columns().size() + " values, got "
                            + values.size(), set.pos());
                }
            } else {
                values = java.util.Collections.nCopies(set.columns().size(), set.value());
            }
            for (int i = 0; i < values.size(); i++) out.add(new SetClause(List.of(set.columns().get(i)), values.get(i), set.pos()));
        }
        return out;
    }

    private BoundUpdate updateOf(TableEntry table, LogicalGet get, LogicalOperator plan, List<SetClause> sets,
                                 java.util.function.Function<Expr, BoundExpr> bind, List<SelectItem> returning, Scope scope) {
        List<Integer> columns = new ArrayList<>();
        List<BoundExpr> exprs = new ArrayList<>();
        exprs.add(new BoundColumnRef(new ColumnBinding(get.tableIndex(), LogicalGet.ROW_ID), LogicalType.BIGINT, "rowid"));
        for (SetClause set : expandAssignments(sets)) {
            Identifier id = set.columns().get(0);
            int i = table.columnIndex(id.text());
            if (i < 0) {
                List<String> names = new ArrayList<>();
                for (ColumnDefinition c : table.columns()) names.add(c.name());
                List<String> best = ExpressionBinder.closest(id.text(), names);
                throw new BinderException("Referenced update column " + id.text() + " not found in table!"
                        + (best.isEmpty() ? "" : "\nCandidate bindings: \"" + best.get(0) + "\""), id.pos());
            }
            if (table.columns().get(i).generated()) {
                throw new BinderException("Cant update column \"" + table.columns().get(i).name() + "\" because it is a generated column!", id.pos());
            }
            if (columns.contains(i)) throw new BinderException("Multiple assignments to same column \"" + id.text() + "\"", id.pos());
            columns.add(i);
            ColumnDefinition c = table.columns().get(i);
            BoundExpr value = set.value() instanceof DefaultValue ? defaultValue(c)
                    : expressions.castTo(bind.apply(set.value()), c.type());
            exprs.add(value);
        }
        if (hasStored(table)) {
            // a stored generated column reading an updated column is computed again from the new row
            List<BoundExpr> values = storedValues(table, get);
            int assigned = columns.size();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) continue;
                boolean[] reads = new boolean[1];
                BoundExprs.visit(values.get(i), n -> {
                    if (n instanceof BoundColumnRef c && c.depth() == 0 && c.binding().tableIndex() == get.tableIndex()
                            && columns.subList(0, assigned).contains(c.binding().columnIndex())) reads[0] = true;
                });
                if (!reads[0]) continue;
                columns.add(i);
                exprs.add(BoundExprs.rewrite(values.get(i), n -> {
                    if (n instanceof BoundColumnRef c && c.depth() == 0 && c.binding().tableIndex() == get.tableIndex()) {
                        int k = columns.subList(0, assigned).indexOf(c.binding().columnIndex());
                        return k >= 0 ? exprs.get(1 + k) : null;
                    }
                    return null;
                }));
            }
        }
        List<String> checkSql = new ArrayList<>();
        List<BoundExpr> checks = checks(table, get, checkSql);
        List<String> returningNames = new ArrayList<>();
        for (BoundExpr r : returning(returning, scope, returningNames)) checks.add(expandGenerated(r, table, get));
        for (BoundExpr check : checks) {
            // CHECK and RETURNING see the new row: updated columns take their new values
            exprs.add(BoundExprs.rewrite(check, n -> {
                if (n instanceof BoundColumnRef c && c.depth() == 0 && c.binding().tableIndex() == get.tableIndex()) {
                    int k = columns.indexOf(c.binding().columnIndex());
                    return k >= 0 ? exprs.get(1 + k) : null;
                }
                return null;
            }));
        }
        return new BoundUpdate(table, columns, new LogicalProjection(nextTableIndex(), exprs, plan), checkSql, returningNames);
    }

    private BoundDelete bindDelete(Delete d) {
        Ctes ctes = withCtes(d.with(), null, null);
        TableEntry table = targetTable(d.table(), "delete from");
        Target t = dmlSource(table, d.alias(), d.using(), d.where(), d.pos(), "WHERE clause", ctes);
        List<BoundExpr> exprs = new ArrayList<>();
        exprs.add(new BoundColumnRef(new ColumnBinding(t.get.tableIndex(), LogicalGet.ROW_ID), LogicalType.BIGINT, "rowid"));
        List<String> returningNames = new ArrayList<>();
        for (BoundExpr r : returning(d.returning(), t.scope, returningNames)) exprs.add(expandGenerated(r, table, t.get));
        return new BoundDelete(table, new LogicalProjection(nextTableIndex(), exprs, t.plan), returningNames);
    }
}
