package io.tealdb.execution;

import io.tealdb.error.OutOfRangeException;
import io.tealdb.execution.expression.ExpressionCompiler;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.function.ScalarFunction;
import io.tealdb.planner.expression.BoundCase;
import io.tealdb.planner.expression.BoundCoalesce;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundFunction;
import io.tealdb.planner.expression.BoundInList;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.expression.BoundNot;
import io.tealdb.planner.expression.BoundParameter;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tealdb.execution.ExecTestUtil.cmp;
import static io.tealdb.execution.ExecTestUtil.col;
import static io.tealdb.execution.ExecTestUtil.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpressionExecutorTest {
    private static final List<ColumnBinding> LAYOUT = List.of(new ColumnBinding(0, 0), new ColumnBinding(0, 1));

    private static DataChunk chunk(LogicalType type, Object... values) {
        DataChunk c = new DataChunk(List.of(type, type));
        for (int i = 0; i < values.length; i++) c.column(0).setObject(i, values[i]);
        c.setSize(values.length);
        return c;
    }

    private static DataChunk chunk2(LogicalType type, Object[] a, Object[] b) {
        DataChunk c = new DataChunk(List.of(type, type));
        for (int i = 0; i < a.length; i++) {
            c.column(0).setObject(i, a[i]);
            c.column(1).setObject(i, b[i]);
        }
        c.setSize(a.length);
        return c;
    }

    private static List<Object> eval(BoundExpr e, DataChunk in) {
        ExpressionExecutor ex = new ExpressionExecutor(ExecutionContext.simple(), ExpressionCompiler.compile(e, LAYOUT));
        Vector v = ex.execute(0, in);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) out.add(v.getObject(i));
        return out;
    }

    private static int[] select(BoundExpr e, DataChunk in) {
        ExpressionExecutor ex = new ExpressionExecutor(ExecutionContext.simple(), ExpressionCompiler.compile(e, LAYOUT));
        int[] sel = new int[DataChunk.CAPACITY];
        int n = ex.select(0, in, sel);
        return Arrays.copyOf(sel, n);
    }

    @Test
    void comparisonWithNullsInFilterAndValue() {
        LogicalType t = LogicalType.INTEGER;
        DataChunk in = chunk(t, 1, null, 5, 3, null, 7);
        BoundExpr e = cmp(ComparisonOp.GT, col(0, 0, t), lit(2, t));
        assertArrayEquals(new int[]{2, 3, 5}, select(e, in));
        assertEquals(Arrays.asList(false, null, true, true, null, true), eval(e, in));
        // constant on the left is flipped: 2 < x
        assertArrayEquals(new int[]{2, 3, 5}, select(cmp(ComparisonOp.LT, lit(2, t), col(0, 0, t)), in));
    }

    @Test
    void comparisonsForEveryPhysicalType() {
        // (type, smaller, larger)
        Object[][] cases = {
                {LogicalType.BOOLEAN, false, true},
                {LogicalType.TINYINT, (byte) -5, (byte) 3},
                {LogicalType.SMALLINT, (short) -300, (short) 300},
                {LogicalType.INTEGER, Integer.MIN_VALUE, 7},
                {LogicalType.BIGINT, -1L, Long.MAX_VALUE},
                {LogicalType.HUGEINT, new BigInteger("-170141183460469231731687303715884105728"), BigInteger.ONE.shiftLeft(80)},
                {LogicalType.decimal(38, 2), new BigDecimal("-1.50"), new BigDecimal("1.25")},
                {LogicalType.FLOAT, -0.5f, Float.NaN},
                {LogicalType.DOUBLE, Double.NEGATIVE_INFINITY, Double.NaN},
                {LogicalType.VARCHAR, "abc", "abd"},
                {LogicalType.VARCHAR, "ab", "abc"},
                {LogicalType.VARCHAR, "z", "é"}, // unsigned byte order: 0xC3 > 'z'
                {LogicalType.BLOB, new byte[]{1, 2}, new byte[]{(byte) 0xFF}},
                {LogicalType.DATE, 10, 11},
                {LogicalType.TIMESTAMP, -100L, 100L},
                {LogicalType.INTERVAL, new Interval(0, 29, 0), new Interval(1, 0, 1)},
                {LogicalType.INTERVAL, new Interval(0, 0, 86_400_000_000L * 30 - 1), new Interval(1, 0, 0)},
        };
        for (Object[] c : cases) {
            LogicalType t = (LogicalType) c[0];
            DataChunk in = chunk2(t, new Object[]{c[1], c[2], c[1], null}, new Object[]{c[2], c[1], c[1], c[1]});
            String what = t + " " + c[1] + " vs " + c[2];
            assertEquals(Arrays.asList(true, false, false, null), eval(cmp(ComparisonOp.LT, col(0, 0, t), col(0, 1, t)), in), what);
            assertEquals(Arrays.asList(true, false, true, null), eval(cmp(ComparisonOp.LE, col(0, 0, t), col(0, 1, t)), in), what);
            assertEquals(Arrays.asList(false, true, false, null), eval(cmp(ComparisonOp.GT, col(0, 0, t), col(0, 1, t)), in), what);
            assertEquals(Arrays.asList(false, true, true, null), eval(cmp(ComparisonOp.GE, col(0, 0, t), col(0, 1, t)), in), what);
            assertEquals(Arrays.asList(false, false, true, null), eval(cmp(ComparisonOp.EQ, col(0, 0, t), col(0, 1, t)), in), what);
            assertEquals(Arrays.asList(true, true, false, null), eval(cmp(ComparisonOp.NE, col(0, 0, t), col(0, 1, t)), in), what);
            assertEquals(Arrays.asList(true, true, false, true), eval(cmp(ComparisonOp.DISTINCT_FROM, col(0, 0, t), col(0, 1, t)), in), what);
            assertArrayEquals(new int[]{2}, select(cmp(ComparisonOp.NOT_DISTINCT_FROM, col(0, 0, t), col(0, 1, t)), in), what);
            // against a constant
            assertArrayEquals(new int[]{1}, select(cmp(ComparisonOp.GT, col(0, 0, t), lit(c[1], t)), in), what);
        }
    }

    @Test
    void nanIsGreatestAndEqualToItself() {
        LogicalType t = LogicalType.DOUBLE;
        DataChunk in = chunk2(t, new Object[]{Double.NaN, Double.NaN, 1.0, -0.0}, new Object[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 0.0});
        assertEquals(Arrays.asList(true, false, false, true), eval(cmp(ComparisonOp.EQ, col(0, 0, t), col(0, 1, t)), in));
        assertEquals(Arrays.asList(false, true, false, false), eval(cmp(ComparisonOp.GT, col(0, 0, t), col(0, 1, t)), in));
    }

    @Test
    void threeValuedAndOrNot() {
        LogicalType b = LogicalType.BOOLEAN;
        Object[] l = {true, true, true, false, false, false, null, null, null};
        Object[] r = {true, false, null, true, false, null, true, false, null};
        DataChunk in = chunk2(b, l, r);
        BoundExpr and = new BoundConjunction(true, List.of(col(0, 0, b), col(0, 1, b)));
        BoundExpr or = new BoundConjunction(false, List.of(col(0, 0, b), col(0, 1, b)));
        assertEquals(Arrays.asList(true, false, null, false, false, false, null, false, null), eval(and, in));
        assertEquals(Arrays.asList(true, true, true, true, false, null, true, null, null), eval(or, in));
        assertArrayEquals(new int[]{0}, select(and, in));
        assertArrayEquals(new int[]{0, 1, 2, 3, 6}, select(or, in));
        assertArrayEquals(new int[]{3, 4, 5}, select(new BoundNot(col(0, 0, b)), in));
        // NOT(a OR b) is TRUE only for false OR false; NULL rows are not selected
        assertArrayEquals(new int[]{4}, select(new BoundNot(or), in));
        assertArrayEquals(new int[]{6, 7, 8}, select(new BoundIsNull(col(0, 0, b), false), in));
    }

    /**
     * Selections come out in input order even when a comparison meets NULLs or an AND sits under an
     * OR: the OR hands the rows its first child rejected to the next child, so a rejected list with
     * the NULL rows in front (or the AND's rejected rows child by child) would reorder the result.
     * The filter and scan operators pass that order on, and the scan compacts in place relying on it.
     */
    @Test
    void selectionsStayInInputOrderWithNullsUnderOr() {
        LogicalType i = LogicalType.INTEGER;
        Object[] a = {1, null, 2, null, 3, 5, null, -1};
        Object[] b = {7, 8, 9, 10, 11, 12, 13, null};
        DataChunk in = chunk2(i, a, b);
        // a = 99 selects nothing (so the OR does not sort), but rejects the NULL rows 1, 3, 6 as well
        BoundExpr noneOrNotNull = new BoundConjunction(false, List.of(cmp(ComparisonOp.EQ, col(0, 0, i), lit(99, i)),
                new BoundIsNull(col(0, 1, i), true)));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6}, select(noneOrNotNull, in));
        BoundExpr noneOrBig = new BoundConjunction(false, List.of(cmp(ComparisonOp.EQ, col(0, 0, i), lit(99, i)),
                cmp(ComparisonOp.GT, col(0, 1, i), lit(8, i))));
        assertArrayEquals(new int[]{2, 3, 4, 5, 6}, select(noneOrBig, in));

        Object[] x = {1, -1, 1, -1, 1, -1};
        Object[] y = {-1, 1, -1, 1, 1, -1};
        DataChunk in2 = chunk2(i, x, y);
        // (x > 0 AND y > 0) OR y IS NOT NULL: the AND rejects rows 1, 3, 5 (x) and then 0, 2 (y)
        BoundExpr and = new BoundConjunction(true, List.of(cmp(ComparisonOp.GT, col(0, 0, i), lit(0, i)),
                cmp(ComparisonOp.GT, col(0, 1, i), lit(0, i))));
        BoundExpr andOrAll = new BoundConjunction(false, List.of(and, new BoundIsNull(col(0, 1, i), true)));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, select(andOrAll, in2));
        // (x > 0 AND y > 0) OR x = 99
        BoundExpr andOrNone = new BoundConjunction(false, List.of(and, cmp(ComparisonOp.EQ, col(0, 0, i), lit(99, i))));
        assertArrayEquals(new int[]{4}, select(andOrNone, in2));
        BoundExpr rejected = new BoundConjunction(false, List.of(cmp(ComparisonOp.EQ, col(0, 0, i), lit(99, i)),
                new BoundNot(and)));
        assertArrayEquals(new int[]{0, 1, 2, 3, 5}, select(rejected, in2));
    }

    private static final ScalarFunction CHECKED_DIV = new ScalarFunction("checked_div",
            List.of(LogicalType.INTEGER, LogicalType.INTEGER), LogicalType.INTEGER, (args, count, result) -> {
        for (int i = 0; i < count; i++) {
            if (args[0].isNull(i) || args[1].isNull(i)) {
                result.setNull(i);
                continue;
            }
            if (args[1].ints[i] == 0) throw new OutOfRangeException("division by zero");
            result.ints[i] = args[0].ints[i] / args[1].ints[i];
        }
    });

    @Test
    void caseEvaluatesBranchesLazily() {
        LogicalType t = LogicalType.INTEGER;
        DataChunk in = chunk(t, 5, 0, null, -2, 0);
        BoundExpr div = new BoundFunction(CHECKED_DIV, List.of(lit(100, t), col(0, 0, t)));
        assertThrows(OutOfRangeException.class, () -> eval(div, in));
        BoundExpr caseExpr = new BoundCase(List.of(cmp(ComparisonOp.NE, col(0, 0, t), lit(0, t))), List.of(div),
                lit(-1, t), t);
        assertEquals(Arrays.asList(20, -1, -1, -50, -1), eval(caseExpr, in));
        // without ELSE: NULL
        BoundExpr noElse = new BoundCase(List.of(cmp(ComparisonOp.NE, col(0, 0, t), lit(0, t))), List.of(div), null, t);
        assertEquals(Arrays.asList(20, null, null, -50, null), eval(noElse, in));
        // AND short-circuits too
        BoundExpr guarded = new BoundConjunction(true, List.of(cmp(ComparisonOp.NE, col(0, 0, t), lit(0, t)),
                cmp(ComparisonOp.GT, div, lit(0, t))));
        assertArrayEquals(new int[]{0}, select(guarded, in));
        assertEquals(Arrays.asList(true, false, null, false, false), eval(guarded, in));
    }

    @Test
    void coalesceIsLazy() {
        LogicalType t = LogicalType.INTEGER;
        DataChunk in = chunk(t, 4, null, 0);
        BoundExpr div = new BoundFunction(CHECKED_DIV, List.of(lit(100, t), col(0, 0, t)));
        // COALESCE(x, 100/x): the division only runs where x is NULL (then it is NULL, no error)
        assertEquals(Arrays.asList(4, null, 0), eval(new BoundCoalesce(List.of(col(0, 0, t), div), t), in));
        assertEquals(Arrays.asList(4, 7, 0), eval(new BoundCoalesce(List.of(col(0, 0, t), lit(null, t), lit(7, t)), t), in));
    }

    @Test
    void inListWithNullSemantics() {
        LogicalType t = LogicalType.VARCHAR;
        DataChunk in = chunk(t, "a", "b", null, "zz");
        List<BoundExpr> small = List.of(lit("a", t), lit("zz", t));
        assertEquals(Arrays.asList(true, false, null, true), eval(new BoundInList(col(0, 0, t), small, false), in));
        List<BoundExpr> big = new ArrayList<>();
        for (String s : List.of("q", "w", "e", "r", "t", "zz")) big.add(lit(s, t));
        assertEquals(Arrays.asList(false, false, null, true), eval(new BoundInList(col(0, 0, t), big, false), in));
        big.add(lit(null, t));
        assertEquals(Arrays.asList(null, null, null, true), eval(new BoundInList(col(0, 0, t), big, false), in));
        assertEquals(Arrays.asList(null, null, null, false), eval(new BoundInList(col(0, 0, t), big, true), in));
        LogicalType i = LogicalType.BIGINT;
        DataChunk ints = chunk(i, 1L, 2L, 3L, 10L, 11L, 12L);
        List<BoundExpr> items = new ArrayList<>();
        for (long v : new long[]{2, 3, 5, 7, 11, 13}) items.add(lit(v, i));
        assertArrayEquals(new int[]{1, 2, 4}, select(new BoundInList(col(0, 0, i), items, false), ints));
        assertArrayEquals(new int[]{0, 3, 5}, select(new BoundInList(col(0, 0, i), items, true), ints));
    }

    @Test
    void parametersComeFromTheContext() {
        LogicalType t = LogicalType.BIGINT;
        DataChunk in = chunk(t, 1L, 5L, 9L);
        BoundExpr e = cmp(ComparisonOp.GE, col(0, 0, t), new BoundParameter(1, t));
        ExecutionContext ctx = new ExecutionContext(null, 1, null, List.of(Value.ofBigint(5)));
        ExpressionExecutor ex = new ExpressionExecutor(ctx, ExpressionCompiler.compile(e, LAYOUT));
        int[] sel = new int[8];
        assertEquals(2, ex.select(0, in, sel));
        assertEquals(1, sel[0]);
    }
}
