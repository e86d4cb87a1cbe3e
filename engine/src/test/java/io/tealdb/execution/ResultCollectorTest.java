package io.tealdb.execution;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The ordered result collector, driven step by step as two pipeline workers and a consumer would. */
class ResultCollectorTest {
    private static final List<LogicalType> TYPES = List.of(LogicalType.BIGINT);

    /** A full chunk (so each sink call emits exactly one chunk) whose rows are {@code first, first+1, ...}. */
    private static DataChunk chunk(long first) {
        DataChunk c = new DataChunk(TYPES);
        for (int i = 0; i < DataChunk.CAPACITY; i++) c.column(0).longs[i] = first + i;
        c.setSize(DataChunk.CAPACITY);
        return c;
    }

    private static DataChunk take(ResultCollector.Buffer b) throws Exception {
        try {
            return b.take();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Waits until some thread waits on the buffer's condition (the consumer in take()). */
    private static void awaitWaiter(ResultCollector.Buffer b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            b.lock.lock();
            try {
                if (b.lock.hasWaiters(b.changed)) return;
            } finally {
                b.lock.unlock();
            }
            Thread.sleep(1);
        }
        fail("the consumer never waited");
    }

    /**
     * Worker B buffers more than a queue's worth of chunks of batch 0 while worker A, registered but
     * not started yet, still counts as the smallest batch (a thread that is slow to be scheduled:
     * machine load). When A takes batch 1, B's next chunk flushes its buffer into the empty queue,
     * filling it, and B waits for room. That flush must wake the consumer waiting for the empty
     * queue; it did not, and the query hung (StorageScanTest, twice under load).
     */
    @Test
    void flushingBufferedChunksIntoTheQueueWakesTheConsumer() throws Exception {
        ResultCollector collector = new ResultCollector(TYPES, true, -1);
        ExecutionContext ctx = ExecutionContext.simple();
        ResultCollector.Buffer buffer = (ResultCollector.Buffer) collector.globalSinkState(ctx);
        LocalSinkState a = collector.localSinkState(ctx, buffer);
        LocalSinkState b = collector.localSinkState(ctx, buffer);
        int buffered = ResultCollector.MAX_QUEUED_CHUNKS + 8;
        collector.nextBatch(ctx, buffer, b, 0);
        long row = 0;
        for (int i = 0; i < buffered; i++, row += DataChunk.CAPACITY) collector.sink(ctx, chunk(row), buffer, b);
        assertEquals(0, buffer.queue.size(), "batch 0 waits for the not yet started worker A");

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> consumer = threads.submit(() -> {
                List<Long> firstRows = new ArrayList<>();
                for (DataChunk c = take(buffer); c != null; c = take(buffer)) firstRows.add(c.column(0).longs[0]);
                return firstRows;
            });
            awaitWaiter(buffer);
            collector.nextBatch(ctx, buffer, a, 1); // A starts on batch 1: B's batch 0 is now the smallest
            awaitWaiter(buffer); // the consumer woke up, found the queue still empty and waits again
            long last = row;
            Future<?> workerB = threads.submit(() -> {
                collector.sink(ctx, chunk(last), buffer, b); // flushes the buffered chunks, then the queue is full
                collector.combine(ctx, buffer, b);
            });
            try {
                workerB.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                buffer.close(); // release the stuck threads
                fail("worker B and the consumer both wait: the flush into the queue did not wake the consumer");
            }
            collector.combine(ctx, buffer, a);
            buffer.finish(null);
            List<Long> firstRows = consumer.get(10, TimeUnit.SECONDS);
            assertEquals(buffered + 1, firstRows.size());
            for (int i = 0; i < firstRows.size(); i++) assertEquals((long) i * DataChunk.CAPACITY, firstRows.get(i));
        } finally {
            threads.shutdownNow();
        }
    }
}
