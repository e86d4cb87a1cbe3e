package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.PhysicalPlanner;
import io.tealdb.execution.Source;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A literal table (VALUES ...). Rows are evaluated once per execution (they may contain parameters). */
public final class ValuesOperator extends PhysicalOperator implements Source {
    private final List<List<PhysicalExpr>> rows;

    public ValuesOperator(List<LogicalType> types, List<List<BoundExpr>> rows) {
        super(types, List.of(), rows.size());
        List<List<PhysicalExpr>> compiled = new ArrayList<>(rows.size());
        for (List<BoundExpr> r : rows) compiled.add(PhysicalPlanner.compile(r, List.of()));
        this.rows = compiled;
    }

    @Override
    public String name() {
        return "COLUMN_DATA_SCAN";
    }

    @Override
    public List<String> details() {
        return List.of(rows.size() + " row" + (rows.size() == 1 ? "" : "s"));
    }

    private static final class Global implements GlobalSourceState {
        final List<DataChunk> chunks;
        final AtomicInteger next = new AtomicInteger();

        Global(List<DataChunk> chunks) {
            this.chunks = chunks;
        }
    }

    private static final class Local implements LocalSourceState {
        long batch;

        @Override
        public long batchIndex() {
            return batch;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        List<DataChunk> chunks = new ArrayList<>();
        DataChunk one = new DataChunk(new Vector[0], 1);
        DataChunk cur = null;
        for (List<PhysicalExpr> row : rows) {
            if (cur == null || cur.size() == DataChunk.CAPACITY) {
                cur = new DataChunk(types());
                chunks.add(cur);
            }
            ExpressionExecutor ex = new ExpressionExecutor(ctx, row);
            int at = cur.size();
            for (int c = 0; c < row.size(); c++) cur.column(c).copyRow(ex.execute(c, one), 0, at);
            cur.setSize(at + 1);
        }
        return new Global(chunks);
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new Local();
    }

    @Override
    public boolean supportsBatchIndex() {
        return true;
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Math.max(1, ((Global) global).chunks.size());
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        int i = g.next.getAndIncrement();
        if (i >= g.chunks.size()) return false;
        ((Local) local).batch = i;
        DataChunk c = g.chunks.get(i);
        for (int col = 0; col < out.columnCount(); col++) out.setColumn(col, c.column(col));
        out.setSize(c.size());
        return true;
    }
}
