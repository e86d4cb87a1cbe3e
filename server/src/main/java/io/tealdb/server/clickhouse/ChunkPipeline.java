package io.tealdb.server.clickhouse;

import io.tealdb.error.InterruptException;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;

/**
 * Hands an insert's decoded chunks to the table on a second thread, so that decoding the request
 * (decompression, Native/RowBinary/text columns, casts) and appending into storage (copies, zone
 * maps, statistics, sorting by the table's key) run at the same time. An insert of one chunk is
 * appended on the caller's thread and starts no thread.
 *
 * <p>The appending thread is the only user of the sink (the table appender of the statement's
 * transaction) while it runs; the caller gets it back after {@link #finish} or {@link #close}, which
 * wait for that thread, so the transaction is committed or rolled back only once no append is in
 * flight. A bounded queue keeps a few chunks in flight and makes the decoder wait when storage is
 * slower. An error of the appending thread stops it (it then discards what is queued) and is thrown
 * to the decoder at its next chunk or at {@link #finish}.
 */
final class ChunkPipeline implements AutoCloseable {
    private static final DataChunk END = new DataChunk(new Vector[0], 0);
    private static final int IN_FLIGHT = 8;
    private final Consumer<DataChunk> sink;
    private final Runnable atEnd;
    private ArrayBlockingQueue<DataChunk> queue;
    private Thread worker;
    /** The first chunk, held until a second one shows that a thread pays off. */
    private DataChunk first;
    private volatile Throwable failure;
    private boolean done;

    /** {@code sink} takes every chunk in order; {@code atEnd} runs after the last one, on the same thread. */
    ChunkPipeline(Consumer<DataChunk> sink, Runnable atEnd) {
        this.sink = sink;
        this.atEnd = atEnd;
    }

    void add(DataChunk chunk) {
        if (worker == null) {
            if (first == null) {
                first = chunk;
                return;
            }
            queue = new ArrayBlockingQueue<>(IN_FLIGHT);
            worker = Thread.ofVirtual().name("teal-ch-append").start(this::run);
            put(first);
            first = null;
        }
        rethrowFailure();
        put(chunk);
    }

    /** Appends what is left and waits for the appending thread; throws its error, if any. */
    void finish() {
        done = true;
        if (worker == null) {
            if (first != null) sink.accept(first);
            first = null;
            atEnd.run();
            return;
        }
        put(END);
        join();
        rethrowFailure();
    }

    /** After a failed decode: stops the appending thread and waits for it (the caller then rolls back). */
    @Override
    public void close() {
        if (done) return;
        done = true;
        first = null;
        if (worker == null) return;
        failure = failure != null ? failure : new InterruptException("the insert stopped");
        queue.clear();
        queue.offer(END); // room after the clear: this thread is the only producer
        join();
    }

    private void run() {
        try {
            DataChunk c;
            while ((c = queue.take()) != END) {
                if (failure == null) sink.accept(c);
            }
            if (failure == null) atEnd.run();
        } catch (InterruptedException e) {
            failure = new InterruptException("the insert was cancelled", e);
        } catch (RuntimeException | Error e) {
            failure = e;
            // keep taking, so a decoder blocked on a full queue goes on to see the error
            try {
                while (queue.take() != END) {
                    // discard
                }
            } catch (InterruptedException ignored) {
                // the caller is gone as well
            }
        }
    }

    private void put(DataChunk c) {
        try {
            queue.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new InterruptException("the insert was cancelled", e);
        }
    }

    private void join() {
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                worker.interrupt();
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
    }
}
