package io.tealdb.optimizer;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundInList;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.TableSchema;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Filter selectivities come from the column statistics: 1/ndv for equality, the covered share of
 * [min, max] for ranges (BETWEEN as one interval), k/ndv for IN lists, the null fraction for IS NULL.
 */
class FilterSelectivityTest {
    private static final int ROWS = 20_000;
    /** t(k INTEGER: i % 100, d INTEGER: i, s VARCHAR: 4 values, n INTEGER: NULL for 1 row in 10). */
    private static final LogicalGet T = table();

    private static LogicalGet table() {
        List<String> names = List.of("k", "d", "s", "n");
        List<LogicalType> types = List.of(LogicalType.INTEGER, LogicalType.INTEGER, LogicalType.VARCHAR, LogicalType.INTEGER);
        DataTable storage = DataTable.create(TableSchema.of("t", names, types));
        TransactionManager tm = new TransactionManager();
        Transaction txn = tm.begin();
        for (int from = 0; from < ROWS; from += DataChunk.CAPACITY) {
            int to = Math.min(ROWS, from + DataChunk.CAPACITY);
            DataChunk c = new DataChunk(types);
            for (int i = from; i < to; i++) {
                c.column(0).ints[i - from] = i % 100;
                c.column(1).ints[i - from] = i;
                c.column(2).setString(i - from, "s" + (i % 4));
                if (i % 10 == 0) c.column(3).setNull(i - from);
                else c.column(3).ints[i - from] = i;
            }
            c.setSize(to - from);
            storage.append(txn, c);
        }
        tm.commit(txn);
        List<ColumnDefinition> columns = List.of(
                new ColumnDefinition("k", LogicalType.INTEGER, false, null),
                new ColumnDefinition("d", LogicalType.INTEGER, false, null),
                new ColumnDefinition("s", LogicalType.VARCHAR, false, null),
                new ColumnDefinition("n", LogicalType.INTEGER, false, null));
        return new LogicalGet(7, new TableEntry("main", "t", columns, List.of(), storage), List.of(0, 1, 2, 3), List.of());
    }

    private static BoundExpr col(int index) {
        return new BoundColumnRef(new ColumnBinding(7, index), T.types().get(index), "c" + index, 0);
    }

    private static BoundExpr cmp(int column, ComparisonOp op, Object value) {
        LogicalType type = T.types().get(column);
        return new BoundComparison(op, col(column), new BoundConstant(new Value(type, value)));
    }

    private static double of(BoundExpr... conjuncts) {
        return FilterSelectivity.of(List.of(conjuncts), T);
    }

    @Test
    void equalityKeepsOneOverDistinctValues() {
        assertEquals(0.01, of(cmp(0, ComparisonOp.EQ, 5)), 0.002);
        assertEquals(0.25, of(cmp(2, ComparisonOp.EQ, "s1")), 0.03);
        assertEquals(0.99, of(cmp(0, ComparisonOp.NE, 5)), 0.002);
    }

    @Test
    void constantOnTheLeftIsTurnedRound() {
        BoundExpr flipped = new BoundComparison(ComparisonOp.GT, new BoundConstant(Value.ofInteger(5000)), col(1));
        assertEquals(0.25, of(flipped), 0.01);
    }

    @Test
    void rangesCoverTheirShareOfMinToMax() {
        assertEquals(0.25, of(cmp(1, ComparisonOp.LT, 5000)), 0.01);
        assertEquals(0.75, of(cmp(1, ComparisonOp.GE, 5000)), 0.01);
        // BETWEEN is one interval of 10% — not 0.55 * 0.55 from two independent halves
        assertEquals(0.10, of(cmp(1, ComparisonOp.GE, 9000), cmp(1, ComparisonOp.LE, 11000)), 0.01);
        // outside [min, max]: almost nothing, never zero
        double none = of(cmp(1, ComparisonOp.GT, 1_000_000));
        assertEquals(1.0 / ROWS, none, 1.0 / ROWS);
    }

    @Test
    void inListsOrAndNullTests() {
        BoundExpr in = new BoundInList(col(0), List.of(new BoundConstant(Value.ofInteger(1)),
                new BoundConstant(Value.ofInteger(2)), new BoundConstant(Value.ofInteger(3))), false);
        assertEquals(0.03, of(in), 0.005);
        BoundExpr or = new BoundConjunction(false, List.of(cmp(0, ComparisonOp.EQ, 1), cmp(0, ComparisonOp.EQ, 2)));
        assertEquals(0.02, of(or), 0.004);
        assertEquals(0.1, of(new BoundIsNull(col(3), false)), 0.001);
        assertEquals(0.9, of(new BoundIsNull(col(3), true)), 0.001);
        // independent conjuncts on different columns multiply
        assertEquals(0.01 * 0.25, of(cmp(0, ComparisonOp.EQ, 5), cmp(1, ComparisonOp.LT, 5000)), 0.001);
    }

    @Test
    void castsOfLiteralsCountAsConstants() {
        // TPC-DS writes d_date BETWEEN cast('2000-02-01' AS date) AND ...: a cast of a literal
        BoundExpr low = new BoundComparison(ComparisonOp.GE, col(1),
                new io.tealdb.planner.expression.BoundCast(new BoundConstant(Value.ofVarchar("9000")), LogicalType.INTEGER, false));
        BoundExpr high = new BoundComparison(ComparisonOp.LE, col(1),
                new io.tealdb.planner.expression.BoundCast(new BoundConstant(Value.ofVarchar("11000")), LogicalType.INTEGER, false));
        assertEquals(0.10, of(low, high), 0.01);
        // a cast that cannot succeed is left to the executor: a fixed share, no error here
        BoundExpr bad = new BoundComparison(ComparisonOp.GE, col(1),
                new io.tealdb.planner.expression.BoundCast(new BoundConstant(Value.ofVarchar("x")), LogicalType.INTEGER, false));
        assertEquals(FilterSelectivity.UNKNOWN, of(bad), 1e-9);
    }

    /** TPC-DS Q74's {@code d_year IN (2001, 2002) AND d_year = 2002}: one value kept, not one of two values twice. */
    @Test
    void equalitiesOnOneColumnKeepTheMostSelective() {
        BoundExpr in = new BoundInList(col(0), List.of(new BoundConstant(Value.ofInteger(1)), new BoundConstant(Value.ofInteger(2))), false);
        assertEquals(0.01, of(in, cmp(0, ComparisonOp.EQ, 2)), 0.002);
        assertEquals(0.01, of(cmp(0, ComparisonOp.EQ, 2), in), 0.002);
        // on different columns they still multiply
        assertEquals(0.02 * 0.25, of(in, cmp(2, ComparisonOp.EQ, "s1")), 0.002);
    }

    /** TPC-DS Q04's {@code d_year = 2001 + 1}: a deterministic function of constants is a constant, as 2002 would be. */
    @Test
    void deterministicFunctionsOfConstantsCountAsConstants() {
        io.tealdb.function.ScalarKernel add = (args, count, result) -> {
            for (int i = 0; i < count; i++) result.ints[i] = args[0].ints[i] + args[1].ints[i];
        };
        List<LogicalType> ints = List.of(LogicalType.INTEGER, LogicalType.INTEGER);
        BoundExpr sum = new io.tealdb.planner.expression.BoundFunction(
                new io.tealdb.function.ScalarFunction("plus", ints, LogicalType.INTEGER, add, true),
                List.of(new BoundConstant(Value.ofInteger(2000)), new BoundConstant(Value.ofInteger(1000))));
        assertEquals(0.01, of(new BoundComparison(ComparisonOp.EQ, col(0), sum)), 0.002);
        assertEquals(0.15, of(new BoundComparison(ComparisonOp.GT, sum, col(1))), 0.01); // d < 3000
        // not deterministic (random(), now()): not a constant, a fixed share
        BoundExpr volatileSum = new io.tealdb.planner.expression.BoundFunction(
                new io.tealdb.function.ScalarFunction("plus", ints, LogicalType.INTEGER, add, false),
                List.of(new BoundConstant(Value.ofInteger(2000)), new BoundConstant(Value.ofInteger(1000))));
        assertEquals(FilterSelectivity.UNKNOWN_EQUALITY, of(new BoundComparison(ComparisonOp.EQ, col(0), volatileSum)), 1e-9);
    }

    /** LIKE patterns keep DuckDB's default share (0.2), NOT LIKE the rest, whatever the function's spelling. */
    @Test
    void patternMatchesKeepDuckDbsDefaultShare() {
        for (String name : List.of("~~", "like", "~~*", "ilike")) {
            assertEquals(0.2, of(like(name, "%green%")), 1e-9, name);
        }
        for (String name : List.of("!~~", "not_like", "!~~*")) {
            assertEquals(0.8, of(like(name, "%special%requests%")), 1e-9, name);
        }
    }

    private static BoundExpr like(String name, String pattern) {
        io.tealdb.function.ScalarFunction f = new io.tealdb.function.ScalarFunction(name,
                List.of(LogicalType.VARCHAR, LogicalType.VARCHAR), LogicalType.BOOLEAN, null);
        return new io.tealdb.planner.expression.BoundFunction(f, List.of(col(2), new BoundConstant(Value.ofVarchar(pattern))));
    }

    @Test
    void predicatesWithoutStatisticsKeepAFixedShare() {
        BoundExpr columnToColumn = new BoundComparison(ComparisonOp.LT, col(0), col(1));
        assertEquals(FilterSelectivity.UNKNOWN, of(columnToColumn), 1e-9);
        assertEquals(1.0, of(), 1e-9);
    }
}
