package io.tealdb.execution.window;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.tealdb.execution.window.WindowFunctionKind.*;
import static io.tealdb.execution.window.WindowSpec.Bound.*;
import static io.tealdb.planner.expression.WindowFrame.Mode.RANGE;
import static io.tealdb.planner.expression.WindowFrame.Mode.ROWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Small hand-checked cases whose expected values were taken from DuckDB. */
class WindowEdgeCasesTest {
    private static final LogicalType BIGINT = LogicalType.BIGINT;

    private static Vector ints(Integer... values) {
        Vector v = new Vector(LogicalType.INTEGER, values.length);
        for (int i = 0; i < values.length; i++) v.setObject(i, values[i]);
        return v;
    }

    private static Vector constant(LogicalType t, Object value, int n) {
        return Vector.constant(t, value, n);
    }

    private static List<Object> eval(Vector[] cols, int n, WindowTestSupport.W w) {
        Vector out = new WindowEvaluator(null, 1).evaluate(cols, n, List.of(w.build()))[0];
        return WindowTestSupport.values(out, n);
    }

    @Test
    void rangeOffsetsWithNullKeysUseThePeerGroupOfNulls() {
        // DuckDB: SELECT i, count(*) OVER (ORDER BY i RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM (VALUES (1),(NULL),(2),(NULL))
        Vector[] cols = {ints(1, null, 2, null), constant(BIGINT, 1L, 4)};
        assertEquals(Arrays.asList(2L, 2L, 2L, 2L), eval(cols, 4,
                WindowTestSupport.W.agg(WindowTestSupport.agg("count_star")).asc(0).frame(RANGE, preceding(1), following(1))));
        // sum(i) OVER (ORDER BY i RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) → 1, NULL, 3, NULL
        List<Object> sums = eval(cols, 4, WindowTestSupport.W.agg(WindowTestSupport.agg("sum", LogicalType.INTEGER), 0).asc(0)
                .frame(RANGE, preceding(1), CURRENT_ROW));
        assertEquals(Arrays.asList("1", null, "3", null), sums.stream().map(o -> o == null ? null : o.toString()).toList());
    }

    @Test
    void nullAndZeroParameters() {
        Vector[] cols = {ints(0, 1, 2), constant(BIGINT, null, 3), constant(BIGINT, 0L, 3)};
        List<Object> nulls = Arrays.asList(null, null, null);
        assertEquals(nulls, eval(cols, 3, WindowTestSupport.W.fn(NTILE, BIGINT, 1).asc(0)));
        assertEquals(nulls, eval(cols, 3, WindowTestSupport.W.fn(LAG, LogicalType.INTEGER, 0, 1).asc(0)));
        assertEquals(nulls, eval(cols, 3, WindowTestSupport.W.fn(NTH_VALUE, LogicalType.INTEGER, 0, 1).asc(0)));
        assertEquals(nulls, eval(cols, 3, WindowTestSupport.W.fn(NTH_VALUE, LogicalType.INTEGER, 0, 2).asc(0)));
        assertEquals(Arrays.asList(0, 1, 2), eval(cols, 3, WindowTestSupport.W.fn(LAG, LogicalType.INTEGER, 0, 2).asc(0)));
    }

    @Test
    void invalidArgumentsRaiseDuckDBErrors() {
        Vector[] cols = {ints(0, 1, 2), constant(BIGINT, 0L, 3), constant(BIGINT, -1L, 3), constant(BIGINT, null, 3)};
        var e1 = assertThrows(InvalidInputException.class, () -> eval(cols, 3, WindowTestSupport.W.fn(NTILE, BIGINT, 1).asc(0)));
        assertEquals("Argument for ntile must be greater than zero", e1.getMessage());
        var sum = WindowTestSupport.agg("sum", LogicalType.INTEGER);
        var e2 = assertThrows(InvalidInputException.class, () -> eval(cols, 3,
                WindowTestSupport.W.agg(sum, 0).asc(0).frame(ROWS, preceding(2), CURRENT_ROW)));
        assertEquals("Window ROWS PRECEDING expression cannot be negative", e2.getMessage());
        var e3 = assertThrows(InvalidInputException.class, () -> eval(cols, 3,
                WindowTestSupport.W.agg(sum, 0).asc(0).frame(ROWS, preceding(3), CURRENT_ROW)));
        assertEquals("Window ROWS PRECEDING expression cannot be NULL", e3.getMessage());
        var e4 = assertThrows(OutOfRangeException.class, () -> eval(cols, 3,
                WindowTestSupport.W.agg(sum, 0).asc(0).frame(RANGE, preceding(2), CURRENT_ROW)));
        assertEquals("Invalid RANGE PRECEDING value", e4.getMessage());
    }

    @Test
    void emptyFramesAndSingleRowPartitions() {
        // each row its own partition; frame 1 PRECEDING .. 1 PRECEDING is always empty
        Vector[] cols = {ints(5, 6, 7), constant(BIGINT, 1L, 3)};
        var count = WindowTestSupport.agg("count_star");
        assertEquals(Arrays.asList(0L, 0L, 0L), eval(cols, 3,
                WindowTestSupport.W.agg(count).partition(0).asc(0).frame(ROWS, preceding(1), preceding(1))));
        assertEquals(Arrays.asList(1L, 1L, 1L), eval(cols, 3, WindowTestSupport.W.fn(ROW_NUMBER, BIGINT).partition(0)));
        assertEquals(Arrays.asList(0.0, 0.0, 0.0), eval(cols, 3, WindowTestSupport.W.fn(PERCENT_RANK, LogicalType.DOUBLE).partition(0).asc(0)));
        assertEquals(Arrays.asList(null, null, null), eval(cols, 3,
                WindowTestSupport.W.fn(FIRST_VALUE, LogicalType.INTEGER, 0).partition(0).asc(0).frame(ROWS, following(1), UNBOUNDED_FOLLOWING)));
    }

    @Test
    void zeroRows() {
        Vector[] cols = {ints()};
        assertEquals(List.of(), eval(cols, 0, WindowTestSupport.W.fn(RANK, BIGINT).asc(0)));
        assertEquals(List.of(), eval(cols, 0, WindowTestSupport.W.agg(WindowTestSupport.agg("sum", LogicalType.INTEGER), 0).asc(0)));
    }
}
