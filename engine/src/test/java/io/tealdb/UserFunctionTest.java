package io.tealdb;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.UserScalarFunction;
import io.tealdb.function.UserScalarFunction.NullHandling;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scalar functions registered at run time (DuckDB's create_function), over data crossing many chunks. */
class UserFunctionTest {
    /** x * 10 + 1 over BIGINT, counting the rows it was given. */
    private static ScalarKernel timesTenPlusOne(AtomicLong rowsSeen) {
        return (args, count, result) -> {
            rowsSeen.addAndGet(count);
            for (int r = 0; r < count; r++) {
                if (args[0].isNull(r)) result.setNull(r);
                else result.longs[r] = args[0].longs[r] * 10 + 1;
            }
        };
    }

    @Test
    void aRegisteredFunctionRunsOverEveryChunkAndSkipsNullRows() {
        AtomicLong seen = new AtomicLong();
        try (Connection c = Teal.connect()) {
            c.createFunction("f", List.of(LogicalType.BIGINT), LogicalType.BIGINT, timesTenPlusOne(seen));
            c.execute("CREATE TABLE t AS SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS i FROM range(20000) r(i)");
            Object[] row = c.execute("SELECT count(f(i)), sum(f(i)), sum(i * 10 + 1), count(*) FILTER (WHERE f(i) IS NULL) FROM t").fetchOne();
            assertEquals(row[1], row[2]);
            assertEquals(20000L - 2858, ((Number) row[0]).longValue());
            assertEquals(2858L, ((Number) row[3]).longValue());
            // the NULL rows never reached the function
            assertEquals(0, seen.get() % (20000 - 2858), "rows seen: " + seen.get());
            // calls are cast to the declared parameter types, as for built-ins
            assertEquals(421L, ((Number) c.execute("SELECT f(42::INTEGER)").fetchOne()[0]).longValue());
        }
    }

    @Test
    void specialNullHandlingPassesNullsThrough() {
        ScalarKernel nullToMinusOne = (args, count, result) -> {
            for (int r = 0; r < count; r++) result.longs[r] = args[0].isNull(r) ? -1 : args[0].longs[r];
        };
        try (Connection c = Teal.connect()) {
            c.createFunction(new UserScalarFunction("g", List.of(LogicalType.BIGINT), LogicalType.BIGINT, nullToMinusOne, NullHandling.SPECIAL, false));
            Object[] row = c.execute("SELECT sum(g(CASE WHEN i % 2 = 0 THEN NULL ELSE i END)) FROM range(5000) r(i)").fetchOne();
            assertEquals(2500L * 2500 - 2500, ((Number) row[0]).longValue());
        }
    }

    @Test
    void sideEffectsKeepAConstantCallPerRow() {
        AtomicLong counter = new AtomicLong();
        ScalarKernel next = (args, count, result) -> {
            for (int r = 0; r < count; r++) result.longs[r] = counter.incrementAndGet();
        };
        try (Connection c = Teal.connect()) {
            c.createFunction(new UserScalarFunction("nextval_py", List.of(), LogicalType.BIGINT, next, NullHandling.DEFAULT, true));
            assertEquals(5000L, ((Number) c.execute("SELECT count(DISTINCT nextval_py()) FROM range(5000)").fetchOne()[0]).longValue());
        }
    }

    @Test
    void registrationShadowsBuiltinsIsSharedWithCursorsAndCanBeRemoved() {
        try (Connection c = Teal.connect()) {
            c.createFunction("sin", List.of(LogicalType.BIGINT), LogicalType.BIGINT, timesTenPlusOne(new AtomicLong()));
            try (Connection cursor = c.cursor()) {
                assertEquals(11L, ((Number) cursor.execute("SELECT sin(1)").fetchOne()[0]).longValue());
            }
            NotImplementedException dup = assertThrows(NotImplementedException.class,
                    () -> c.createFunction("SIN", List.of(LogicalType.BIGINT), LogicalType.BIGINT, timesTenPlusOne(new AtomicLong())));
            assertTrue(dup.getMessage().contains("already created"), dup.getMessage());
            c.removeFunction("sin");
            assertEquals(0.8414709848078965, ((Number) c.execute("SELECT sin(1)").fetchOne()[0]).doubleValue(), 1e-15);
            InvalidInputException missing = assertThrows(InvalidInputException.class, () -> c.removeFunction("sin"));
            assertTrue(missing.getMessage().contains("No function by the name of 'sin'"), missing.getMessage());
        }
    }

    @Test
    void wrongArgumentsAndFailingBodiesAreUserErrors() {
        ScalarKernel failing = (args, count, result) -> {
            throw new InvalidInputException("the body failed on purpose");
        };
        try (Connection c = Teal.connect()) {
            c.createFunction("two", List.of(LogicalType.VARCHAR, LogicalType.INTEGER), LogicalType.VARCHAR, failing);
            BinderException b = assertThrows(BinderException.class, () -> c.execute("SELECT two(1, 2, 3)"));
            assertTrue(b.getMessage().contains("two(VARCHAR, INTEGER)"), b.getMessage());
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.execute("SELECT two(i::VARCHAR, 1) FROM range(3) r(i)").fetchAll());
            assertTrue(e.getMessage().contains("on purpose"), e.getMessage());
            // a failed statement leaves the connection usable
            assertEquals(1L, ((Number) c.execute("SELECT count(*) FROM range(1)").fetchOne()[0]).longValue());
        }
    }

    @Test
    void nestedResultsWork() {
        ScalarKernel pair = (args, count, result) -> {
            for (int r = 0; r < count; r++) {
                Vector child = result.child();
                int at = result.startList(r, 2);
                child.longs[at] = args[0].longs[r];
                child.longs[at + 1] = -args[0].longs[r];
            }
        };
        try (Connection c = Teal.connect()) {
            c.createFunction("pair", List.of(LogicalType.BIGINT), LogicalType.list(LogicalType.BIGINT), pair);
            Object[] row = c.execute("SELECT sum(list_sum(pair(i))), sum(len(pair(i))) FROM range(6000) r(i)").fetchOne();
            assertEquals(0L, ((Number) row[0]).longValue());
            assertEquals(12000L, ((Number) row[1]).longValue());
        }
    }
}
