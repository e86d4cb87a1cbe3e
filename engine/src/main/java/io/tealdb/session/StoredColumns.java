package io.tealdb.session;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.expression.ExpressionCompiler;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.Binder;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.storage.Transaction;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * The stored generated columns of a table (ClickHouse's MATERIALIZED) computed over chunks that reach
 * storage without a statement plan: the appender and COPY … FROM write whole rows, and what they hold
 * in such a column is replaced by the column's expression over the row's other columns. INSERT and
 * UPDATE compute them in their plans ({@link Binder#storedValues}). Compiled once per appender or COPY.
 */
final class StoredColumns {
    private final int[] columns;
    private final ExpressionExecutor executor;

    private StoredColumns(int[] columns, ExpressionExecutor executor) {
        this.columns = columns;
        this.executor = executor;
    }

    /** Null when the table has no stored generated column. */
    static StoredColumns of(ClientContextImpl ctx, Transaction txn, TableEntry table) {
        return of(ctx, txn, table, java.util.Set.of());
    }

    /** As {@link #of(ClientContextImpl, Transaction, TableEntry)}, leaving the columns named in {@code given} (any case) as written. */
    static StoredColumns of(ClientContextImpl ctx, Transaction txn, TableEntry table, java.util.Set<String> given) {
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (String g : given) keep.add(g.toLowerCase(java.util.Locale.ROOT));
        boolean any = false;
        for (ColumnDefinition c : table.columns()) any |= c.storedGenerated() && !keep.contains(c.name().toLowerCase(java.util.Locale.ROOT));
        if (!any) return null;
        Binder binder = ctx.binder(txn, null);
        List<Integer> ids = new ArrayList<>();
        List<ColumnBinding> layout = new ArrayList<>();
        LogicalGet get = new LogicalGet(binder.nextTableIndex(), table, ids, List.of());
        for (int i = 0; i < table.columns().size(); i++) {
            ids.add(i);
            layout.add(new ColumnBinding(get.tableIndex(), i));
        }
        List<BoundExpr> values = binder.storedValues(table, get);
        List<Integer> cols = new ArrayList<>();
        List<PhysicalExpr> exprs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || keep.contains(table.columns().get(i).name().toLowerCase(java.util.Locale.ROOT))) continue;
            cols.add(i);
            exprs.add(ExpressionCompiler.compile(values.get(i), layout));
        }
        ExecutionContext ec = new ExecutionContext(txn, 1, ctx.db.scheduler, List.of());
        return new StoredColumns(cols.stream().mapToInt(Integer::intValue).toArray(), new ExpressionExecutor(ec, exprs));
    }

    /** {@code chunk} with its stored generated columns computed (a new chunk sharing the other columns). */
    DataChunk fill(DataChunk chunk) {
        int n = chunk.size();
        Vector[] out = chunk.columns().clone();
        for (int k = 0; k < columns.length; k++) {
            Vector v = executor.execute(k, chunk);
            // the executor reuses its vectors (and may return an input column): the chunk gets its own copy
            Vector copy = new Vector(chunk.column(columns[k]).type, Math.max(n, 1));
            copy.copyFrom(v, null, 0, n, 0);
            out[columns[k]] = copy;
        }
        return new DataChunk(out, n);
    }
}
