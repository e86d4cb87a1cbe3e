package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.PhysicalPlanner;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/** A literal table (VALUES ...). Rows are evaluated once per execution (they may contain parameters). */
public final class ValuesOperator extends ChunkListSource {
    private final List<List<PhysicalExpr>> rows;

    public ValuesOperator(List<LogicalType> types, List<List<BoundExpr>> rows) {
        super(types, List.of(), rows.size());
        List<List<PhysicalExpr>> compiled = new ArrayList<>(rows.size());
        for (List<BoundExpr> r : rows) compiled.add(PhysicalPlanner.compile(r, List.of()));
        this.rows = compiled;
    }

    @Override
    public long maxRows() {
        return rows.size();
    }

    @Override
    public String name() {
        return "COLUMN_DATA_SCAN";
    }

    @Override
    public List<String> details() {
        return List.of(rows.size() + " row" + (rows.size() == 1 ? "" : "s"));
    }

    /** The rows, evaluated for this execution (they may contain parameters). */
    @Override
    protected List<DataChunk> chunks(ExecutionContext ctx) {
        List<DataChunk> chunks = new ArrayList<>();
        DataChunk one = new DataChunk(new Vector[0], 1);
        DataChunk cur = null;
        int done = 0;
        for (List<PhysicalExpr> row : rows) {
            if (cur == null || cur.size() == DataChunk.CAPACITY) {
                // sized to the rows left: one row (INSERT ... VALUES (?, ?)) allocates one slot per column, not a full chunk
                cur = new DataChunk(types(), DataChunk.capacityFor(rows.size() - done));
                chunks.add(cur);
            }
            done++;
            ExpressionExecutor ex = new ExpressionExecutor(ctx, row);
            int at = cur.size();
            for (int c = 0; c < row.size(); c++) cur.column(c).copyRow(ex.execute(c, one), 0, at);
            cur.setSize(at + 1);
        }
        return chunks;
    }
}
