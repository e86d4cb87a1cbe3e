package io.tealdb.execution;

import io.tealdb.error.InterruptException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pipeline run whose calling thread is interrupted still waits for its workers before it returns. */
class PipelineExecutorInterruptTest {
    private static final List<LogicalType> TYPES = List.of(LogicalType.BIGINT);

    /** Two workers that each take a while to notice an interruption (a long operation in progress). */
    static final class SlowSource extends PhysicalOperator implements Source {
        final AtomicInteger running = new AtomicInteger();
        final CountDownLatch bothStarted = new CountDownLatch(2);

        SlowSource() {
            super(TYPES, List.of(), -1);
        }

        @Override
        public String name() {
            return "SLOW";
        }

        @Override
        public GlobalSourceState globalSourceState(ExecutionContext ctx) {
            return new GlobalSourceState() {
            };
        }

        @Override
        public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
            return new LocalSourceState() {
            };
        }

        @Override
        public int maxThreads(GlobalSourceState global) {
            return 2;
        }

        @Override
        public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
            running.incrementAndGet();
            bothStarted.countDown();
            try {
                while (!ctx.isInterrupted()) Thread.sleep(1);
                Thread.sleep(300); // finishing the current piece of work
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                running.decrementAndGet();
            }
            return false;
        }
    }

    @Test
    void interruptedRunWaitsForItsWorkers() throws Exception {
        SlowSource source = new SlowSource();
        ResultCollector sink = new ResultCollector(TYPES, false, -1);
        Pipeline p = PipelineBuilder.build(source, sink).get(0);
        ExecutionContext ctx = new ExecutionContext(null, 2, null, List.of());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger runningAtReturn = new AtomicInteger(-1);
        Thread caller = new Thread(() -> {
            try {
                PipelineExecutor.run(p, ctx);
            } catch (Throwable t) {
                thrown.set(t);
            }
            runningAtReturn.set(source.running.get());
        });
        caller.start();
        assertTrue(source.bothStarted.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertEquals(0, runningAtReturn.get(), "workers still running when run() returned");
        assertInstanceOf(InterruptException.class, thrown.get());
        assertTrue(ctx.isInterrupted());
    }
}
