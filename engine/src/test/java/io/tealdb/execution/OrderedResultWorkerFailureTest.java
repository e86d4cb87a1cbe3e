package io.tealdb.execution;

import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A parallel query with an ordered result whose worker fails must fail, not hang: the other worker,
 * which buffered more than {@link ResultCollector#MAX_BUFFERED_CHUNKS} chunks waiting for the failed
 * worker's (smaller) batch to finish, must be released.
 */
class OrderedResultWorkerFailureTest {
    private static final List<LogicalType> TYPES = List.of(LogicalType.BIGINT);
    /** Chunks worker B sends: the last one makes it wait for A's batch (more than the buffer allows). */
    private static final int B_CHUNKS = ResultCollector.MAX_BUFFERED_CHUNKS + 1;

    /**
     * Two workers. Worker A registers with the collector and then fails before its first chunk
     * (its batch is still "not started", the smallest possible) once worker B is about to wait for
     * it; worker B reads one big morsel, batch 0, of {@link #B_CHUNKS} full chunks.
     */
    static final class FailingPairSource extends PhysicalOperator implements Source {
        final AtomicInteger roles = new AtomicInteger();
        /** A is registered with the sink (its first getData comes after localSinkState). */
        final CountDownLatch aStarted = new CountDownLatch(1);
        /** B returned its last chunk: the sink call that follows waits for A's batch. */
        final CountDownLatch bWillWait = new CountDownLatch(1);

        FailingPairSource() {
            super(TYPES, List.of(), -1);
        }

        @Override
        public String name() {
            return "FAILING_PAIR";
        }

        @Override
        public GlobalSourceState globalSourceState(ExecutionContext ctx) {
            return new GlobalSourceState() {
            };
        }

        static final class Local implements LocalSourceState {
            final boolean failing;
            int sent;

            Local(boolean failing) {
                this.failing = failing;
            }

            @Override
            public long batchIndex() {
                return 0;
            }
        }

        @Override
        public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
            return new Local(roles.getAndIncrement() == 0);
        }

        @Override
        public int maxThreads(GlobalSourceState global) {
            return 2;
        }

        @Override
        public boolean supportsBatchIndex() {
            return true;
        }

        @Override
        public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
            Local l = (Local) local;
            if (l.failing) {
                aStarted.countDown();
                await(bWillWait);
                throw new InvalidInputException("worker A failed");
            }
            await(aStarted);
            if (l.sent == B_CHUNKS) return false;
            for (int i = 0; i < DataChunk.CAPACITY; i++) out.column(0).longs[i] = (long) l.sent * DataChunk.CAPACITY + i;
            out.setSize(DataChunk.CAPACITY);
            if (++l.sent == B_CHUNKS) bWillWait.countDown();
            return true;
        }

        private static void await(CountDownLatch latch) {
            try {
                assertTrue(latch.await(20, TimeUnit.SECONDS), "the other worker never got there");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void failingWorkerReleasesTheWorkerWaitingForItsBatch() throws Exception {
        FailingPairSource source = new FailingPairSource();
        ExecutionContext ctx = new ExecutionContext(null, 2, null, List.of());
        ResultStream stream = QueryExecutor.execute(source, ctx);
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> rows = consumer.submit(() -> {
                int n = 0;
                for (DataChunk c = stream.next(); c != null; c = stream.next()) n += c.size();
                return n;
            });
            try {
                rows.get(30, TimeUnit.SECONDS);
                fail("the query succeeded although worker A failed");
            } catch (TimeoutException e) {
                stream.close(); // releases the waiting worker, so the test ends
                fail("hang: worker B waits for the failed worker A's batch and the consumer for B");
            } catch (java.util.concurrent.ExecutionException e) {
                assertInstanceOf(InvalidInputException.class, e.getCause());
                assertEquals("worker A failed", e.getCause().getMessage());
            }
            assertEquals(2, source.roles.get(), "both workers ran");
        } finally {
            stream.close();
            consumer.shutdownNow();
        }
    }
}
