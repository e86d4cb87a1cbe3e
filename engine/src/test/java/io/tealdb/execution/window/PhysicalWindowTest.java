package io.tealdb.execution.window;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.QueryExecutor;
import io.tealdb.execution.PhysicalPlanner;
import io.tealdb.function.AggregateFunction;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.planner.logical.LogicalWindow;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** PhysicalWindow planned from a LogicalWindow and run by the pipeline executor, checked against DuckDB. */
class PhysicalWindowTest {
    static final LogicalType INT = LogicalType.INTEGER;
    static final LogicalType BIGINT = LogicalType.BIGINT;
    static final LogicalType VARCHAR = LogicalType.VARCHAR;

    static BoundColumnRef col(int c, LogicalType t) {
        return new BoundColumnRef(new ColumnBinding(1, c), t, "c" + c);
    }

    static BoundConstant lit(Object v, LogicalType t) {
        return new BoundConstant(new Value(t, v));
    }

    static BoundWindow window(String name, AggregateFunction agg, List<BoundExpr> args, List<BoundExpr> parts,
                              List<BoundOrder> orders, WindowFrame frame, BoundExpr filter, LogicalType type) {
        return new BoundWindow(name, agg, args, parts, orders, frame, false, false, filter, type);
    }

    static BoundOrder asc(BoundExpr e) {
        return new BoundOrder(e, true, false);
    }

    static final WindowFrame WHOLE = new WindowFrame(WindowFrame.Mode.ROWS, null, true, null, false, WindowFrame.Exclude.NO_OTHERS);

    @Test
    void windowOperatorMatchesDuckDB() throws Exception {
        int n = 5000;
        Random rnd = new Random(7);
        List<List<BoundExpr>> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = duck.createStatement()) {
                st.execute("CREATE TABLE t(id INTEGER, g INTEGER, o INTEGER, x INTEGER, s VARCHAR)");
            }
            try (PreparedStatement ps = duck.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    Integer g = rnd.nextInt(10) == 0 ? null : rnd.nextInt(7);
                    Integer o = rnd.nextInt(12) == 0 ? null : rnd.nextInt(100);
                    Integer x = rnd.nextInt(5) == 0 ? null : rnd.nextInt(201) - 100;
                    String s = rnd.nextInt(6) == 0 ? null : "v" + rnd.nextInt(50);
                    rows.add(List.of(lit(i, INT), lit(g, INT), lit(o, INT), lit(x, INT), lit(s, VARCHAR)));
                    ps.setInt(1, i);
                    if (g == null) ps.setNull(2, Types.INTEGER); else ps.setInt(2, g);
                    if (o == null) ps.setNull(3, Types.INTEGER); else ps.setInt(3, o);
                    if (x == null) ps.setNull(4, Types.INTEGER); else ps.setInt(4, x);
                    if (s == null) ps.setNull(5, Types.VARCHAR); else ps.setString(5, s);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            LogicalValues values = new LogicalValues(1, List.of(INT, INT, INT, INT, VARCHAR), rows);
            BoundExpr id = col(0, INT), g = col(1, INT), o = col(2, INT), x = col(3, INT), s = col(4, VARCHAR);
            AggregateFunction sum = WindowTestSupport.agg("sum", INT);
            AggregateFunction avg = WindowTestSupport.agg("avg", INT);
            AggregateFunction countStar = WindowTestSupport.agg("count_star");
            List<BoundWindow> windows = List.of(
                    window("row_number", null, List.of(), List.of(g), List.of(asc(o), asc(id)),
                            new WindowFrame(WindowFrame.Mode.RANGE, null, true, lit(0L, BIGINT), false, WindowFrame.Exclude.NO_OTHERS), null, BIGINT),
                    window(null, sum, List.of(x), List.of(g), List.of(asc(o), asc(id)),
                            new WindowFrame(WindowFrame.Mode.ROWS, lit(2, INT), true, lit(0L, BIGINT), false, WindowFrame.Exclude.NO_OTHERS), null, sum.returnType()),
                    window("lag", null, List.of(s, lit(2L, BIGINT), lit("z", VARCHAR)), List.of(), List.of(asc(id)),
                            new WindowFrame(WindowFrame.Mode.RANGE, null, true, lit(0L, BIGINT), false, WindowFrame.Exclude.NO_OTHERS), null, VARCHAR),
                    window(null, countStar, List.of(), List.of(g), List.of(), WHOLE,
                            new BoundComparison(ComparisonOp.GT, x, lit(0, INT)), BIGINT),
                    window(null, avg, List.of(x), List.of(), List.of(asc(o)),
                            new WindowFrame(WindowFrame.Mode.RANGE, lit(3, INT), true, lit(3, INT), false, WindowFrame.Exclude.NO_OTHERS), null, LogicalType.DOUBLE));
            String[] sql = {
                    "row_number() OVER (PARTITION BY g ORDER BY o, id)",
                    "sum(x) OVER (PARTITION BY g ORDER BY o, id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)",
                    "lag(s, 2, 'z') OVER (ORDER BY id)",
                    "count(*) FILTER (WHERE x > 0) OVER (PARTITION BY g)",
                    "avg(x) OVER (ORDER BY o RANGE BETWEEN 3 PRECEDING AND 3 FOLLOWING)"};
            LogicalWindow plan = new LogicalWindow(2, windows, values);
            assertTrue(new PhysicalPlanner().plan(plan) instanceof PhysicalWindow);
            for (int threads : new int[]{1, 3}) {
                List<DataChunk> chunks = QueryExecutor.collect(plan, new ExecutionContext(null, threads, null, List.of()));
                List<List<Object>> got = new ArrayList<>();
                for (DataChunk c : chunks) {
                    for (int r = 0; r < c.size(); r++) {
                        List<Object> row = new ArrayList<>();
                        for (int k = 0; k < c.columnCount(); k++) row.add(c.getObject(k, r));
                        got.add(row);
                    }
                }
                assertEquals(n, got.size());
                // output order is unspecified (as in DuckDB): index the rows by id
                got.sort(java.util.Comparator.comparingInt(row -> (Integer) row.get(0)));
                StringBuilder q = new StringBuilder("SELECT id");
                for (String w : sql) q.append(", ").append(w);
                q.append(" FROM t ORDER BY id");
                try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(q.toString())) {
                    int i = 0;
                    while (rs.next()) {
                        List<Object> row = got.get(i);
                        assertEquals(i, row.get(0), "every input row comes out once");
                        for (int w = 0; w < sql.length; w++) {
                            Object exp = rs.getObject(w + 2);
                            Object act = row.get(5 + w);
                            if (!WindowTestSupport.same(exp, act)) fail(sql[w] + " row " + i + ": expected " + exp + " got " + act);
                        }
                        i++;
                    }
                    assertEquals(n, i);
                }
            }
        }
    }

    @Test
    void emptyInputProducesNoRows() {
        LogicalValues values = new LogicalValues(1, List.of(INT), List.of());
        AggregateFunction sum = WindowTestSupport.agg("sum", INT);
        LogicalWindow plan = new LogicalWindow(2, List.of(window(null, sum, List.of(col(0, INT)), List.of(), List.of(), WHOLE, null,
                sum.returnType())), values);
        List<DataChunk> chunks = QueryExecutor.collect(plan, new ExecutionContext(null, 2, null, List.of()));
        assertEquals(0, chunks.stream().mapToInt(DataChunk::size).sum());
    }
}
