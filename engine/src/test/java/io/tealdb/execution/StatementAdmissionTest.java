package io.tealdb.execution;

import io.tealdb.Connection;
import io.tealdb.Result;
import io.tealdb.Teal;
import io.tealdb.error.InterruptException;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statements are admitted in order of arrival, at most max_concurrent_queries at once, and the gate
 * can neither lose a slot nor deadlock: a statement waiting for its client, a nested statement and a
 * cancelled waiter all let the others through. (Waits below are bounded only to turn a hang into a
 * failure; nothing is timed.)
 */
class StatementAdmissionTest {
    private static final long HANG = 60;

    @Test
    void waitingStatementsAreAdmittedInOrderOfArrival() throws Exception {
        StatementAdmission gate = new StatementAdmission(1);
        StatementAdmission.Ticket first = gate.await(ExecutionContext.simple());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<StatementAdmission.Ticket>> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                queued.add(pool.submit(() -> gate.await(ExecutionContext.simple())));
                awaitWaiting(gate, i + 1); // the next one arrives strictly after this one queued
            }
            StatementAdmission.Ticket previous = first;
            for (int i = 0; i < 3; i++) {
                for (int later = i; later < 3; later++) assertFalse(queued.get(later).isDone(), "admitted out of turn: " + later);
                previous.release();
                previous = queued.get(i).get(HANG, TimeUnit.SECONDS);
                assertEquals(2 - i, gate.waiting());
            }
            previous.release();
            previous.release(); // a ticket frees its slot once: a second release must not make room for two
            StatementAdmission.Ticket a = gate.await(ExecutionContext.simple());
            Future<StatementAdmission.Ticket> b = pool.submit(() -> gate.await(ExecutionContext.simple()));
            awaitWaiting(gate, 1);
            assertFalse(b.isDone());
            a.release();
            b.get(HANG, TimeUnit.SECONDS).release();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndTakesNoSlot() throws Exception {
        StatementAdmission gate = new StatementAdmission(1);
        StatementAdmission.Ticket held = gate.await(ExecutionContext.simple());
        ExecutionContext cancelled = ExecutionContext.simple();
        CompletableFuture<StatementAdmission.Ticket> waiter = CompletableFuture.supplyAsync(() -> gate.await(cancelled));
        awaitWaiting(gate, 1);
        cancelled.interrupt();
        Throwable e = assertThrows(Exception.class, () -> waiter.get(HANG, TimeUnit.SECONDS)).getCause();
        assertTrue(e instanceof InterruptException, String.valueOf(e));
        assertEquals(0, gate.waiting());
        held.release();
        // the slot came back: two statements in a row get it
        gate.await(ExecutionContext.simple()).release();
        gate.await(ExecutionContext.simple()).release();
    }

    @Test
    void raisingTheLimitAdmitsWaitersAndZeroLiftsIt() throws Exception {
        StatementAdmission gate = new StatementAdmission(1);
        StatementAdmission.Ticket held = gate.await(ExecutionContext.simple());
        CompletableFuture<StatementAdmission.Ticket> second = CompletableFuture.supplyAsync(() -> gate.await(ExecutionContext.simple()));
        awaitWaiting(gate, 1);
        gate.setLimit(2);
        StatementAdmission.Ticket secondTicket = second.get(HANG, TimeUnit.SECONDS);
        CompletableFuture<StatementAdmission.Ticket> third = CompletableFuture.supplyAsync(() -> gate.await(ExecutionContext.simple()));
        awaitWaiting(gate, 1);
        gate.setLimit(0);
        assertSame(StatementAdmission.Ticket.NONE, third.get(HANG, TimeUnit.SECONDS));
        held.release();
        secondTicket.release();
        // back to one slot, and both tickets given back: exactly one statement runs, the next waits
        gate.setLimit(1);
        StatementAdmission.Ticket one = gate.await(ExecutionContext.simple());
        CompletableFuture<StatementAdmission.Ticket> next = CompletableFuture.supplyAsync(() -> gate.await(ExecutionContext.simple()));
        awaitWaiting(gate, 1);
        one.release();
        next.get(HANG, TimeUnit.SECONDS).release();
    }

    @Test
    void aStatementWaitingForItsClientLetsTheNextStatementRun() throws Exception {
        try (Connection reader = Teal.connect(Map.of("threads", "2", "max_concurrent_queries", "1"));
             Connection other = reader.duplicate()) {
            // far more rows than the result queue holds: its producer waits for this reader, which reads one chunk only
            Result big = reader.execute("SELECT range AS i, range * 2 AS j FROM range(5000000)");
            assertEquals(0L, ((Number) big.nextChunk().column(0).getObject(0)).longValue());
            CompletableFuture<Object> meanwhile = CompletableFuture.supplyAsync(
                    () -> other.execute("SELECT sum(range) FROM range(100000)").fetchOne()[0]);
            assertEquals(4999950000L, ((Number) meanwhile.get(HANG, TimeUnit.SECONDS)).longValue());
            long rows = 2048;
            for (var c = big.nextChunk(); c != null; c = big.nextChunk()) rows += c.size();
            assertEquals(5_000_000L, rows);
        }
    }

    @Test
    void aQueryRunInsideARunningStatementNeedsNoSlotOfItsOwn() throws Exception {
        try (Connection outer = Teal.connect(Map.of("threads", "2", "max_concurrent_queries", "1"));
             Connection inner = outer.duplicate()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // a function that runs a query for each chunk, as a Python UDF calling back into the database may
            outer.createFunction("lookup", List.of(LogicalType.BIGINT), LogicalType.BIGINT, (args, count, result) -> {
                try {
                    long base = ((Number) inner.execute("SELECT 1000").fetchOne()[0]).longValue();
                    for (int r = 0; r < count; r++) result.longs[r] = args[0].longs[r] + base;
                } catch (RuntimeException e) {
                    failure.set(e);
                    throw e;
                }
            });
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(
                    () -> outer.execute("SELECT sum(lookup(range)) FROM range(10000)").fetchOne()[0]);
            assertEquals(49995000L + 10000L * 1000, ((Number) run.get(HANG, TimeUnit.SECONDS)).longValue(), String.valueOf(failure.get()));
        }
    }

    @Test
    void manyConnectionsThroughOneSlotAllGetTheirAnswers() throws Exception {
        try (Connection con = Teal.connect(Map.of("threads", "2", "max_concurrent_queries", "1"))) {
            con.execute("CREATE TABLE t AS SELECT range AS id, range % 50 AS grp FROM range(200000)");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Long>> answers = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    long lo = i * 3000L;
                    answers.add(pool.submit(() -> {
                        try (Connection c = con.duplicate()) {
                            List<Object[]> rows = c.execute("SELECT grp, count(*) FROM t WHERE id BETWEEN ? AND ? GROUP BY grp", lo, lo + 9999).fetchAll();
                            return rows.stream().mapToLong(r -> ((Number) r[1]).longValue()).sum();
                        }
                    }));
                }
                for (Future<Long> f : answers) assertEquals(10000L, f.get(HANG, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void awaitWaiting(StatementAdmission gate, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG);
        while (gate.waiting() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("never queued: " + gate.waiting() + " < " + n);
            Thread.sleep(1);
        }
    }
}
