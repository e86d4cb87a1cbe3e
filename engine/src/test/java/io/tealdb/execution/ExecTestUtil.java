package io.tealdb.execution;

import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

final class ExecTestUtil {
    private ExecTestUtil() {
    }

    static ExecutionContext ctx(int threads) {
        return new ExecutionContext(null, threads, null, List.of());
    }

    static List<List<Object>> run(LogicalOperator plan, int threads) {
        return rows(QueryExecutor.collect(plan, ctx(threads)));
    }

    static List<List<Object>> rows(List<DataChunk> chunks) {
        List<List<Object>> out = new ArrayList<>();
        for (DataChunk c : chunks) {
            for (int r = 0; r < c.size(); r++) {
                List<Object> row = new ArrayList<>();
                for (int col = 0; col < c.columnCount(); col++) row.add(c.getObject(col, r));
                out.add(row);
            }
        }
        return out;
    }

    static BoundColumnRef col(int table, int column, LogicalType type) {
        return new BoundColumnRef(new ColumnBinding(table, column), type, "c" + column);
    }

    static BoundConstant lit(Object v, LogicalType type) {
        return new BoundConstant(new Value(type, v));
    }

    static BoundComparison cmp(ComparisonOp op, BoundExpr l, BoundExpr r) {
        return new BoundComparison(op, l, r);
    }

    static LogicalGet scan(int tableIndex, MemoryTable t, int... columns) {
        List<Integer> ids = new ArrayList<>();
        for (int c : columns) ids.add(c);
        return new LogicalGet(tableIndex, t.entry("t" + tableIndex), ids, List.of());
    }

    static LogicalValues values(int tableIndex, List<LogicalType> types, Object[]... rows) {
        List<List<BoundExpr>> rs = new ArrayList<>();
        for (Object[] row : rows) {
            List<BoundExpr> r = new ArrayList<>();
            for (int i = 0; i < row.length; i++) r.add(lit(row[i], types.get(i)));
            rs.add(r);
        }
        return new LogicalValues(tableIndex, types, rs);
    }

    static List<Object> row(Object... v) {
        return Arrays.asList(v);
    }
}
