package io.tealdb.function;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.cast.CastRules;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.tealdb.function.FnTestUtil.*;
import static io.tealdb.types.LogicalType.*;
import static org.junit.jupiter.api.Assertions.*;

class ArithmeticAndRegistryTest {
    static Connection duck;
    static final FunctionRegistry REG = FunctionRegistry.getDefault();

    @BeforeAll
    static void open() {
        duck = duck();
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static String duckType(String expr) {
        return row(duck, "SELECT typeof(" + expr + ")").get(0);
    }

    @Test
    void resultTypesMatchDuckDB() {
        Object[][] cases = {
                {"+", List.of(TINYINT, TINYINT), "1::TINYINT + 1::TINYINT"},
                {"+", List.of(INTEGER, BIGINT), "1::INTEGER + 1::BIGINT"},
                {"*", List.of(decimal(2, 1), decimal(3, 2)), "1.5 * 2.25"},
                {"*", List.of(decimal(15, 2), decimal(15, 2)), "1::DECIMAL(15,2) * 2::DECIMAL(15,2)"},
                {"*", List.of(decimal(20, 2), decimal(20, 2)), "1::DECIMAL(20,2) * 2::DECIMAL(20,2)"},
                {"+", List.of(decimal(15, 2), INTEGER), "1::DECIMAL(15,2) + 1::INTEGER"},
                {"-", List.of(decimal(15, 2), decimal(12, 4)), "1::DECIMAL(15,2) - 1::DECIMAL(12,4)"},
                {"-", List.of(decimal(38, 2), decimal(12, 4)), "1::DECIMAL(38,2) - 1::DECIMAL(12,4)"},
                {"/", List.of(INTEGER, INTEGER), "1::INTEGER / 2::INTEGER"},
                {"/", List.of(decimal(15, 2), decimal(15, 2)), "1::DECIMAL(15,2) / 2::DECIMAL(15,2)"},
                {"/", List.of(FLOAT, FLOAT), "1::FLOAT / 2::FLOAT"},
                {"//", List.of(INTEGER, INTEGER), "1::INTEGER // 2::INTEGER"},
                {"%", List.of(BIGINT, INTEGER), "5::BIGINT % 3::INTEGER"},
                {"+", List.of(DATE, INTEGER), "DATE '1992-01-01' + 1::INTEGER"},
                {"-", List.of(DATE, DATE), "DATE '1992-01-03' - DATE '1992-01-01'"},
                {"+", List.of(DATE, INTERVAL), "DATE '1992-01-01' + INTERVAL 1 DAY"},
                {"-", List.of(TIMESTAMP, TIMESTAMP), "TIMESTAMP '1992-01-01' - TIMESTAMP '1992-01-01'"},
                {"+", List.of(SMALLINT, DOUBLE), "1::SMALLINT + 1::DOUBLE"},
                {"+", List.of(decimal(4, 1), DOUBLE), "1.5 + 1::DOUBLE"},
                {"abs", List.of(TINYINT), "abs(-1::TINYINT)"},
                {"round", List.of(DOUBLE), "round(2.5::DOUBLE)"},
                {"ceil", List.of(decimal(3, 2)), "ceil(1.21)"},
                {"length", List.of(VARCHAR), "length('abc')"},
                {"year", List.of(DATE), "year(DATE '1992-01-01')"},
                {"date_trunc", List.of(VARCHAR, DATE), "date_trunc('month', DATE '1992-03-05')"},
                {"substring", List.of(VARCHAR, INTEGER, INTEGER), "substring('abc', 1::INTEGER, 2::INTEGER)"},
                {"sqrt", List.of(INTEGER), "sqrt(4::INTEGER)"},
                {"greatest", List.of(INTEGER, BIGINT, SMALLINT), "greatest(1::INTEGER, 2::BIGINT, 3::SMALLINT)"},
                {"||", List.of(VARCHAR, INTEGER), "'a' || 1::INTEGER"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            ScalarFunction f = REG.bindScalar((String) c[0], (List<LogicalType>) c[1]);
            assertEquals(duckType((String) c[2]), f.returnType().toString(), (String) c[2]);
        }
        // aggregates
        Object[][] aggs = {
                {"sum", INTEGER, "sum(1::INTEGER)"}, {"sum", TINYINT, "sum(1::TINYINT)"}, {"sum", BIGINT, "sum(1::BIGINT)"},
                {"sum", FLOAT, "sum(1::FLOAT)"}, {"sum", decimal(15, 2), "sum(1::DECIMAL(15,2))"}, {"avg", INTEGER, "avg(1::INTEGER)"},
                {"avg", decimal(15, 2), "avg(1::DECIMAL(15,2))"}, {"min", decimal(2, 1), "min(1.5)"}, {"count", VARCHAR, "count('a')"},
                {"stddev", INTEGER, "stddev(1::INTEGER)"}, {"median", INTEGER, "median(1::INTEGER)"}, {"median", decimal(2, 1), "median(1.5)"},
                {"product", INTEGER, "product(1::INTEGER)"}, {"bit_and", INTEGER, "bit_and(1::INTEGER)"}, {"mode", INTEGER, "mode(1::INTEGER)"},
                {"string_agg", VARCHAR, "string_agg('a')"}, {"approx_count_distinct", INTEGER, "approx_count_distinct(1::INTEGER)"},
                {"max", TIMESTAMP, "max(TIMESTAMP '1992-01-01')"}, {"first", INTERVAL, "first(INTERVAL 1 DAY)"},
        };
        for (Object[] c : aggs) {
            AggregateFunction f = REG.bindAggregate((String) c[0], List.of((LogicalType) c[1]));
            assertEquals(duckType((String) c[2]), f.returnType().toString(), (String) c[2]);
        }
    }

    @Test
    void integerLiteralsBindToTheNarrowType() {
        ScalarFunction f = REG.bindScalar("+", List.of(TINYINT, INTEGER), Arrays.asList(null, Value.ofInteger(1)));
        assertEquals(TINYINT, f.returnType());
        assertEquals(duckType("1::TINYINT + 1"), f.returnType().toString());
        ScalarFunction g = REG.bindScalar("-", List.of(INTEGER, decimal(15, 2)), Arrays.asList(Value.ofInteger(1), null));
        assertEquals(decimal(16, 2), g.returnType());
        ScalarFunction h = REG.bindScalar("*", List.of(decimal(15, 2), g.returnType()));
        assertEquals(decimal(18, 4), h.returnType());
        // sum over that product: TPC-H Q1's sum_disc_price type
        assertEquals(decimal(38, 4), REG.bindAggregate("sum", List.of(h.returnType())).returnType());
        ScalarFunction big = REG.bindScalar("+", List.of(TINYINT, INTEGER), Arrays.asList(null, Value.ofInteger(1000)));
        assertEquals(INTEGER, big.returnType());
    }

    @Test
    void errorsForUnknownFunctionsAndArguments() {
        CatalogException e = assertThrows(CatalogException.class, () -> REG.bindScalar("foo", List.of(INTEGER)));
        assertTrue(duckError(duck, "SELECT foo(1)").startsWith(e.getMessage()), e.getMessage());
        BinderException b = assertThrows(BinderException.class, () -> REG.bindScalar("substring", List.of(INTEGER, INTEGER, INTEGER, INTEGER)));
        assertTrue(b.getMessage().startsWith("No function matches the given name and argument types 'substring(INTEGER, INTEGER, INTEGER, INTEGER)'. You might need to add explicit type casts."));
        // literals are named as DuckDB names them (INTEGER_LITERAL, STRING_LITERAL)
        BinderException lit = assertThrows(BinderException.class, () -> REG.bindScalar("lower", List.of(INTEGER), List.of(Value.ofInteger(1933))));
        assertTrue(duckError(duck, "SELECT lower(1933)").startsWith(lit.getMessage().substring(0, lit.getMessage().indexOf('\n'))), lit.getMessage());
        BinderException str = assertThrows(BinderException.class, () -> REG.bindScalar("list_concat", List.of(LogicalType.list(INTEGER), VARCHAR),
                Arrays.asList(null, Value.ofVarchar("x"))));
        assertTrue(duckError(duck, "SELECT list_concat([1], 'x')").startsWith(str.getMessage().substring(0, str.getMessage().indexOf('\n'))), str.getMessage());
        assertThrows(BinderException.class, () -> REG.bindScalar("+", List.of(VARCHAR, DATE)));
        assertTrue(REG.isScalar("SUBSTR"));
        assertTrue(REG.isAggregate("Sum"));
        assertFalse(REG.isAggregate("substr"));
    }

    private static void assertDuckError(String duckSql, Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable ours) {
        String expected = duckError(duck, duckSql);
        Throwable t = assertThrows(type, ours, duckSql);
        assertEquals(expected, t.getMessage(), duckSql);
    }

    @Test
    void overflowAndDivisionByZeroLikeDuckDB() {
        assertDuckError("SELECT 2147483647::INTEGER + 1::INTEGER", OutOfRangeException.class, () -> call1("+", List.of(INTEGER, INTEGER), 2147483647, 1));
        assertDuckError("SELECT 127::TINYINT + 1::TINYINT", OutOfRangeException.class, () -> call1("+", List.of(TINYINT, TINYINT), (byte) 127, (byte) 1));
        assertDuckError("SELECT 9223372036854775807 * 2::BIGINT", OutOfRangeException.class, () -> call1("*", List.of(BIGINT, BIGINT), Long.MAX_VALUE, 2L));
        assertDuckError("SELECT (-9223372036854775807)::BIGINT - 2::BIGINT", OutOfRangeException.class, () -> call1("-", List.of(BIGINT, BIGINT), -Long.MAX_VALUE, 2L));
        assertDuckError("SELECT 5::INTEGER // 0::INTEGER", InvalidInputException.class, () -> call1("//", List.of(INTEGER, INTEGER), 5, 0));
        assertDuckError("SELECT 5::INTEGER % 0::INTEGER", InvalidInputException.class, () -> call1("%", List.of(INTEGER, INTEGER), 5, 0));
        assertEquals(row(duck, "SELECT (1/0)::VARCHAR").get(0), call1("/", List.of(INTEGER, INTEGER), 1, 0));
        assertEquals(row(duck, "SELECT (1::DOUBLE % 0)::VARCHAR").get(0), call1("%", List.of(DOUBLE, DOUBLE), 1.0, 0.0));
        // null slots never raise: garbage in a NULL row is ignored
        List<String> r = call("+", List.of(INTEGER, INTEGER), new Object[]{Integer.MAX_VALUE, 1}, new Object[]{null, 2});
        assertEquals(Arrays.asList(null, "3"), r);
    }

    @Test
    void randomIntegerAndDecimalArithmeticMatchesDuckDB() {
        Random rnd = new Random(11);
        StringBuilder sql = new StringBuilder("SELECT ");
        StringBuilder ours = new StringBuilder();
        String[] ops = {"+", "-", "*", "//", "%"};
        for (int i = 0; i < 60; i++) {
            String op = ops[i % ops.length];
            long a = rnd.nextInt(2_000_000) - 1_000_000;
            long b = rnd.nextInt(2000) - 1000;
            if (b == 0) b = 7;
            sql.append(i > 0 ? ", " : "").append("(").append(a).append("::BIGINT ").append(op).append(" ").append(b).append("::BIGINT)::VARCHAR");
            ours.append(i > 0 ? "," : "").append(call1(op, List.of(BIGINT, BIGINT), a, b));
        }
        for (int i = 0; i < 40; i++) {
            String op = ops[i % 3];
            BigDecimal a = new BigDecimal(BigInteger.valueOf(rnd.nextLong() % 1_000_000_000L), 2);
            BigDecimal b = new BigDecimal(BigInteger.valueOf(rnd.nextLong() % 1_000_000L), 4);
            sql.append(", (").append(a).append("::DECIMAL(15,2) ").append(op).append(" ").append(b).append("::DECIMAL(12,4))::VARCHAR");
            ours.append(",").append(call1(op, List.of(decimal(15, 2), decimal(12, 4)), a, b));
        }
        assertEquals(String.join(",", row(duck, sql.toString())), ours.toString());
    }

    @Test
    void hugeintArithmetic() {
        BigInteger big = BigInteger.TWO.pow(100);
        assertEquals(big.add(big).toString(), call1("+", List.of(HUGEINT, HUGEINT), big, big));
        assertEquals(big.negate().subtract(BigInteger.ONE).toString(), call1("-", List.of(HUGEINT, HUGEINT), big.negate(), BigInteger.ONE));
        assertEquals(big.multiply(BigInteger.valueOf(-3)).toString(), call1("*", List.of(HUGEINT, HUGEINT), big, BigInteger.valueOf(-3)));
        assertThrows(OutOfRangeException.class, () -> call1("*", List.of(HUGEINT, HUGEINT), big, big));
        assertEquals("-5", call1("-", List.of(HUGEINT), BigInteger.valueOf(5)));
    }

    @Test
    void castRulesAndMaxLogicalType() {
        assertEquals(BIGINT, CastRules.maxLogicalType(INTEGER, BIGINT));
        assertEquals(decimal(15, 2), CastRules.maxLogicalType(INTEGER, decimal(15, 2)));
        assertEquals(decimal(12, 2), CastRules.maxLogicalType(INTEGER, decimal(4, 2)));
        assertEquals(decimal(38, 2), CastRules.maxLogicalType(HUGEINT, decimal(10, 2)));
        assertEquals(DOUBLE, CastRules.maxLogicalType(decimal(4, 2), DOUBLE));
        assertEquals(TIMESTAMP, CastRules.maxLogicalType(DATE, TIMESTAMP));
        assertEquals(VARCHAR, CastRules.maxLogicalType(SQLNULL, VARCHAR));
        assertThrows(BinderException.class, () -> CastRules.maxLogicalType(VARCHAR, INTEGER));
        assertEquals(VARCHAR, CastRules.forceMaxLogicalType(VARCHAR, INTEGER));
        assertEquals(duckType("CASE WHEN random() < 2 THEN 1::DECIMAL(20,5) ELSE 1::DECIMAL(30,1) END"),
                CastRules.maxLogicalType(decimal(20, 5), decimal(30, 1)).toString());
        assertEquals(duckType("CASE WHEN random() < 2 THEN 1::TINYINT ELSE 1::FLOAT END"), CastRules.maxLogicalType(TINYINT, FLOAT).toString());
        assertEquals(duckType("CASE WHEN random() < 2 THEN 1::INTEGER ELSE 1::DECIMAL(4,2) END"), CastRules.maxLogicalType(INTEGER, decimal(4, 2)).toString());
        assertTrue(CastRules.implicitCastCost(INTEGER, BIGINT) > 0);
        assertEquals(-1, CastRules.implicitCastCost(BIGINT, INTEGER));
        assertEquals(-1, CastRules.implicitCastCost(DOUBLE, decimal(18, 3)));
        assertEquals(0, CastRules.implicitCastCost(DATE, DATE));
    }
}
