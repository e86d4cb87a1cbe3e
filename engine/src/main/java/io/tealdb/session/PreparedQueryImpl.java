package io.tealdb.session;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.parser.ast.*;
import io.tealdb.planner.Binder;
import io.tealdb.planner.BoundExprs;
import io.tealdb.planner.BoundQuery;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement parsed and bound once for its metadata (parameter types, result shape). Each
 * execution binds it again with the parameter values as constants, so values take part in typing
 * like literals do; except the first execution of a query without parameters inside the
 * transaction it was prepared in, with nothing run or set in between (a PostgreSQL client's
 * Parse, Bind, Execute): it runs the plan the metadata binding made. {@link #executeBatch} appends
 * INSERT ... VALUES (?, ...) rows straight into chunks without planning per row.
 */
final class PreparedQueryImpl implements ClientContext.PreparedQuery {
    private final ClientContextImpl ctx;
    private final Statement statement;
    private final ClientContextImpl.SqlSource source;
    private final int parameterCount;
    private final List<LogicalType> parameterTypes;
    private final List<String> columnNames;
    private final List<LogicalType> columnTypes;
    /** The plan bound for the metadata, until the first execution takes it (see the class comment). */
    private BoundQuery bound;
    /** The session's binding stamp when {@link #bound} was made. */
    private ClientContextImpl.BindingStamp boundAt;

    PreparedQueryImpl(ClientContextImpl ctx, Statement statement, ClientContextImpl.SqlSource source) {
        this.ctx = ctx;
        this.statement = statement;
        this.source = source;
        Object[] meta;
        try {
            meta = bindForMetadata(ctx, statement);
        } catch (io.tealdb.error.ParameterValueNeededException e) {
            // a parameter decides a table function's columns (read_parquet(?)): the result's shape is
            // known only once EXECUTE binds with values; the parameters are counted from the syntax
            int n = io.tealdb.planner.Binder.parameterCount(statement);
            meta = new Object[]{n, java.util.Collections.nCopies(n, LogicalType.VARCHAR), List.of(), List.of()};
        }
        this.parameterCount = (Integer) meta[0];
        @SuppressWarnings("unchecked") List<LogicalType> pt = (List<LogicalType>) meta[1];
        @SuppressWarnings("unchecked") List<String> cn = (List<String>) meta[2];
        @SuppressWarnings("unchecked") List<LogicalType> ct = (List<LogicalType>) meta[3];
        this.parameterTypes = List.copyOf(pt);
        this.columnNames = List.copyOf(cn);
        this.columnTypes = List.copyOf(ct);
        if (meta.length > 4 && meta[4] != null && parameterCount == 0) {
            boundAt = ctx.bindingStamp();
            if (boundAt != null) bound = (BoundQuery) meta[4];
        }
    }

    private static Object[] bindForMetadata(ClientContextImpl ctx, Statement statement) {
        return ctx.inTransaction(txn -> {
            Binder binder = ctx.binder(txn, null);
            switch (statement) {
                case SelectStatement s -> {
                    ctx.binds++;
                    BoundQuery q = binder.bindQuery(s.query());
                    return new Object[]{binder.parameterCount(), binder.parameterTypes(), q.names(), q.types(), q};
                }
                // INSERT OR REPLACE / ON CONFLICT runs outside the binder's INSERT (Upsert): count its parameters
                case Insert i when Upsert.applies(i) -> {
                    int n = Binder.parameterCount(i);
                    return new Object[]{n, java.util.Collections.nCopies(n, LogicalType.VARCHAR), List.of(), List.of()};
                }
                case Insert i -> binder.bind(i);
                case Update u -> binder.bind(u);
                case Delete d -> binder.bind(d);
                default -> {
                }
            }
            return new Object[]{binder.parameterCount(), binder.parameterTypes(), List.of(), List.of()};
        });
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public List<LogicalType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public List<LogicalType> columnTypes() {
        return columnTypes;
    }

    @Override
    public QueryResult execute(List<Value> params) {
        checkCount(params);
        ctx.closeOpenResult();
        BoundQuery reuse = bound;
        bound = null;
        if (reuse != null && (params == null || params.isEmpty()) && boundAt.equals(ctx.bindingStamp())) {
            return ctx.run(statement, params == null ? List.of() : params, source, reuse);
        }
        return ctx.run(statement, params, source);
    }

    private void checkCount(List<Value> params) {
        int n = params == null ? 0 : params.size();
        if (n < parameterCount) {
            throw new InvalidInputException("Values were not provided for the following prepared statement parameters: "
                    + missing(n));
        }
    }

    private String missing(int provided) {
        StringBuilder sb = new StringBuilder();
        for (int i = provided + 1; i <= parameterCount; i++) sb.append(sb.isEmpty() ? "" : ", ").append(i);
        return sb.toString();
    }

    @Override
    public long[] executeBatch(List<List<Value>> rows) {
        ctx.closeOpenResult();
        if (rows.isEmpty()) return new long[0];
        for (List<Value> r : rows) checkCount(r);
        ctx.checkWritable(statement);
        ctx.armTimeout();
        try {
            return runBatch(rows);
        } finally {
            ctx.disarmTimeout();
        }
    }

    private long[] runBatch(List<List<Value>> rows) {
        if (statement instanceof Insert ins && fastInsertShape(ins)) {
            return ClientContextImpl.guard(() -> ctx.inTransaction(txn -> appendRows(ins, rows, txn)));
        }
        // Other statements: one execution per row, all in one transaction so the batch is atomic.
        return ClientContextImpl.guard(() -> ctx.inTransaction(txn -> {
            long[] counts = new long[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                try (QueryResult r = ctx.runInCurrent(statement, rows.get(i), source, txn)) {
                    counts[i] = r.updateCount();
                }
            }
            return counts;
        }));
    }

    private static boolean fastInsertShape(Insert ins) {
        if (ins.with() != null || ins.onConflict() != null || ins.orAction() != ConflictAction.NONE || ins.byName()
                || !ins.returning().isEmpty()) return false;
        if (!(ins.source() instanceof ValuesNode v) || v.rows().size() != 1 || !v.orderBy().isEmpty() || v.limit() != null
                || v.with() != null) return false;
        for (Expr e : v.rows().get(0)) {
            if (!(e instanceof Parameter p && p.name() == null && p.index() > 0) && !(e instanceof StringLiteral || e instanceof IntegerLiteral
                    || e instanceof DecimalLiteral || e instanceof NullLiteral || e instanceof BooleanLiteral)) return false;
        }
        return true;
    }

    /** Builds chunks of the table's column types directly from the parameter rows and appends them. */
    private long[] appendRows(Insert ins, List<List<Value>> rows, io.tealdb.storage.Transaction txn) {
        ctx.transactionDatabases.statementType = "INSERT";
        TableEntry table;
        if (ins.table().parts().size() >= 3) {
            CatalogSearch.Target target = ctx.search(txn).target(ins.table());
            table = target.catalog().getTable(txn, target.schema(), ins.table().last().text());
        } else {
            // as the binder finds it: a temporary table first, then along the search path
            table = ctx.table(txn, Statements.schemaOf(ins.table()), ins.table().last().text());
        }
        // storage enforces NOT NULL, PRIMARY KEY and UNIQUE; CHECK, FOREIGN KEY and generated columns
        // need the statement's own path
        for (TableConstraint c : table.constraints()) {
            if (c instanceof TableConstraint.Check || c instanceof TableConstraint.ForeignKey) return slowBatch(rows, txn);
        }
        List<ColumnDefinition> cols = table.columns();
        for (ColumnDefinition c : cols) {
            if (c.generated()) return slowBatch(rows, txn);
        }
        List<Expr> items = ((ValuesNode) ins.source()).rows().get(0);
        int[] source = new int[cols.size()];
        Arrays.fill(source, -1);
        if (ins.columns().isEmpty()) {
            if (items.size() != cols.size()) {
                throw new BinderException("table \"" + table.name() + "\" has " + cols.size() + " columns but " + items.size()
                        + " values were supplied", ins.pos());
            }
            for (int i = 0; i < cols.size(); i++) source[i] = i;
        } else {
            if (items.size() != ins.columns().size()) {
                throw new BinderException("Column name/value mismatch for insert on " + table.name() + ": expected "
                        + ins.columns().size() + " columns but " + items.size() + " values were supplied", ins.pos());
            }
            for (int k = 0; k < ins.columns().size(); k++) {
                int i = table.columnIndex(ins.columns().get(k).text());
                if (i < 0) throw new BinderException("Table \"" + table.name() + "\" does not have a column with name \""
                        + ins.columns().get(k).text() + "\"", ins.columns().get(k).pos());
                source[i] = k;
            }
        }
        Binder binder = ctx.binder(txn, null);
        // constant values per column (defaults and literals), evaluated once
        Value[] constants = new Value[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            ColumnDefinition c = cols.get(i);
            Expr item = source[i] < 0 ? null : items.get(source[i]);
            if (item instanceof Parameter) continue;
            BoundExpr e = item == null ? binder.defaultValue(c) : binder.bindConstantExpression(item);
            if (!BoundExprs.isConstant(e)) return slowBatch(rows, txn); // e.g. DEFAULT nextval('seq')
            constants[i] = ctx.db.functions.castValue(binder.constantValue(e, ins.pos()), c.type(), false);
        }
        List<LogicalType> types = table.types();
        // parameters of another type than their column's (psycopg sends small integers as int2) are cast per value
        io.tealdb.function.cast.Casts.ToType[] casters = new io.tealdb.function.cast.Casts.ToType[cols.size()];
        for (int start = 0; start < rows.size(); start += DataChunk.CAPACITY) {
            int n = Math.min(DataChunk.CAPACITY, rows.size() - start);
            DataChunk chunk = new DataChunk(types);
            for (int i = 0; i < cols.size(); i++) {
                io.tealdb.vector.Vector v = chunk.column(i);
                LogicalType t = types.get(i);
                if (constants[i] != null) {
                    for (int r = 0; r < n; r++) v.setObject(r, constants[i].object());
                    continue;
                }
                int param = ((Parameter) items.get(source[i])).index() - 1;
                if (casters[i] == null) casters[i] = new io.tealdb.function.cast.Casts.ToType(t);
                io.tealdb.function.cast.Casts.ToType caster = casters[i];
                for (int r = 0; r < n; r++) {
                    Value val = rows.get(start + r).get(param);
                    if (val == null || val.isNull()) {
                        v.setNull(r);
                    } else {
                        v.setObject(r, caster.cast(val));
                    }
                }
            }
            chunk.setSize(n);
            table.storage().append(txn, chunk);
        }
        long[] counts = new long[rows.size()];
        Arrays.fill(counts, 1);
        return counts;
    }

    private long[] slowBatch(List<List<Value>> rows, io.tealdb.storage.Transaction txn) {
        long[] counts = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            try (QueryResult r = ctx.runInCurrent(statement, rows.get(i), source, txn)) {
                counts[i] = r.updateCount();
            }
        }
        return counts;
    }

    static List<Value> copy(List<Value> l) {
        return new ArrayList<>(l);
    }
}
