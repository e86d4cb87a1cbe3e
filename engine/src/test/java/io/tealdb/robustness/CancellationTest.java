package io.tealdb.robustness;

import io.tealdb.Connection;
import io.tealdb.Result;
import io.tealdb.Teal;
import io.tealdb.error.InterruptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every statement that runs for a long time stops when it is interrupted, wherever the work happens:
 * in a subquery evaluated while binding (SET, LIMIT), in a grouping key, inside one long scalar call,
 * in joins, sorts and DML. Each statement below runs for minutes uninterrupted; the test interrupts it
 * once it is running and waits (a generous bound that only guards against a hang) for the
 * InterruptException, then checks the connection still answers.
 */
class CancellationTest {
    private static final String BIG = "(SELECT count(*) FROM range(1000000) a(x), range(1000000) b(y) WHERE a.x + b.y = -1)";

    @ParameterizedTest
    @ValueSource(strings = {
            "SET VARIABLE x = " + BIG,
            "SET threads = " + BIG,
            "SELECT " + BIG,
            "SELECT * FROM range(10) LIMIT " + BIG,
            "SELECT count(*) FROM range(10) t(j) GROUP BY j * " + BIG,
            "SELECT j FROM range(10) t(j) ORDER BY j * " + BIG,
            "SELECT sum(length(repeat('abc', 50000000))) FROM range(100000)",
            "SELECT count(*) FROM range(1000000) a(x), range(1000000) b(y) WHERE (a.x * 7 + b.y) % 1000003 = -1", // no join key: a nested loop
            "SELECT count(*) FROM range(1000000) a(x) JOIN range(1000000) b(y) ON a.x % 3 = b.y % 3",
            "SELECT max(p) FROM (SELECT a.x * b.y AS p FROM range(1000000) a(x), range(1000000) b(y) ORDER BY p)",
            "CREATE TABLE c AS SELECT a.x FROM range(1000000) a(x), range(1000000) b(y)",
            "EXPLAIN ANALYZE SELECT count(*) FROM range(1000000) a(x), range(1000000) b(y) WHERE a.x + b.y = -1",
            // one regular-expression match of a long pattern over a long string takes minutes inside one call:
            // per row, and folded while planning
            "SELECT regexp_matches(repeat('a', 300000) || x::VARCHAR, repeat('a', 100000) || 'b') FROM range(3) t(x)",
            "SELECT regexp_matches(repeat('a', 300000), repeat('a', 100000) || 'b')",
            "SELECT string_split_regex(repeat('a', 300000) || x::VARCHAR, repeat('a', 100000) || 'b') FROM range(3) t(x)",
            // edit distances of two 400,000-byte strings: 1.6 * 10^11 matrix cells inside one call
            "SELECT levenshtein(repeat('a', 400000) || x::VARCHAR, repeat('b', 400000)) FROM range(3) t(x)",
            // a list of billions of timestamps, folded while planning (the fold must not swallow the interrupt) and per row
            "SELECT len(range(TIMESTAMP '1970-01-01', TIMESTAMP '2200-01-01', INTERVAL 1 second))",
            "SELECT len(range(TIMESTAMP '1970-01-01' + to_days(x), TIMESTAMP '2200-01-01', INTERVAL 1 second)) FROM range(3) t(x)",
    })
    void aLongStatementStopsWhenInterrupted(String sql) throws Exception {
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> con.execute(sql).fetchAll());
            Thread.sleep(300); // let it get going (an interrupt before the start is covered too: the flag stays set)
            con.interrupt();
            try {
                run.get(60, TimeUnit.SECONDS);
                fail("the statement finished instead of stopping: " + sql);
            } catch (TimeoutException e) {
                fail("the statement ignored the interrupt for 60 s: " + sql);
            } catch (ExecutionException e) {
                assertInstanceOf(InterruptException.class, e.getCause(), () -> "unexpected " + e.getCause());
            }
            assertEquals(42, ((Number) con.execute("SELECT 42").fetchOne()[0]).intValue());
        }
    }

    @Test
    void jdbcCancelFromAnotherThreadAndQueryTimeoutStopTheRealEngine() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try (ResultSet rs = s.executeQuery("SELECT " + BIG)) {
                    rs.next();
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(300);
            s.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
            SQLException cancelled = assertInstanceOf(SQLException.class, e.getCause());
            assertEquals("57014", cancelled.getSQLState(), cancelled.getMessage()); // PostgreSQL's query_canceled

            s.setQueryTimeout(1);
            SQLTimeoutException timeout = assertThrows(SQLTimeoutException.class, () -> {
                try (ResultSet rs = s.executeQuery("SELECT " + BIG)) {
                    rs.next();
                }
            });
            assertTrue(timeout.getMessage().contains("timed out after 1 s"), timeout.getMessage());
            s.setQueryTimeout(0);
            try (ResultSet rs = s.executeQuery("SELECT 42")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void statementTimeoutCancelsALongStatementAndNotTheNextOne() {
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            con.execute("SET statement_timeout = '300ms'");
            long start = System.nanoTime();
            InterruptException e = assertThrows(InterruptException.class,
                    () -> con.execute("SELECT " + BIG).fetchAll());
            assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60));
            // a streaming result is cancelled while it is still being read
            Result r = con.execute("SELECT a.x FROM range(1000000) a(x), range(1000000) b(y)");
            assertThrows(InterruptException.class, () -> {
                while (r.nextChunk() != null) {
                    Thread.sleep(50);
                }
            });
            // short statements after it run normally, and the timeout can be switched off
            assertEquals(10L, ((Number) con.execute("SELECT count(*) FROM range(10)").fetchOne()[0]).longValue());
            con.execute("SET statement_timeout = 0");
            assertEquals(3L, ((Number) con.execute("SELECT count(*) FROM range(3)").fetchOne()[0]).longValue());
        }
    }
}
