package io.tealdb.session;

import io.tealdb.catalog.TableEntry;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.expression.ExpressionCompiler;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.parser.ast.Expr;
import io.tealdb.planner.Binder;
import io.tealdb.planner.BoundExprs;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * ALTER TABLE … ALTER COLUMN c TYPE t USING expr: the new values of {@code c} are {@code expr} over
 * each stored row (any of the row's columns), cast to {@code t}. Bound once; storage hands the
 * converter chunks of the columns the expression reads, in {@link #inputColumns()} order.
 */
final class AlterUsing {
    private final int[] inputColumns;
    private final ExpressionExecutor executor;

    private AlterUsing(int[] inputColumns, ExpressionExecutor executor) {
        this.inputColumns = inputColumns;
        this.executor = executor;
    }

    static AlterUsing of(ClientContextImpl ctx, Transaction txn, TableEntry table, Expr using, LogicalType type) {
        Binder binder = ctx.binder(txn, null);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) ids.add(i);
        LogicalGet get = new LogicalGet(binder.nextTableIndex(), table, ids, List.of());
        BoundExpr value = binder.alterUsing(using, table, get, type);
        TreeSet<Integer> read = new TreeSet<>();
        BoundExprs.visit(value, n -> {
            if (n instanceof BoundColumnRef c && c.binding().tableIndex() == get.tableIndex()) read.add(c.binding().columnIndex());
        });
        // storage reads at least one column per chunk (the row count): a constant USING reads the first
        if (read.isEmpty()) read.add(0);
        int[] columns = read.stream().mapToInt(Integer::intValue).toArray();
        List<ColumnBinding> layout = new ArrayList<>();
        for (int c : columns) layout.add(new ColumnBinding(get.tableIndex(), c));
        ExecutionContext ec = new ExecutionContext(txn, 1, ctx.db.scheduler, List.of());
        return new AlterUsing(columns, new ExpressionExecutor(ec, ExpressionCompiler.compile(value, layout)));
    }

    int[] inputColumns() {
        return inputColumns;
    }

    /** The new values of one chunk of stored rows (storage calls it for one chunk at a time). */
    void convert(DataChunk input, Vector output) {
        int n = input.size();
        output.copyFrom(executor.execute(0, input), null, 0, n, 0);
    }
}
