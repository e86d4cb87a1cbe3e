package io.tealdb.execution;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sink of the last pipeline(s): copies result rows into compact chunks and hands them to the
 * {@link ResultStream} through a bounded queue, so results stream while the query runs and a slow
 * consumer applies back-pressure instead of the result being materialised.
 *
 * <p>When {@code ordered}, rows come out in source order although several threads produce them:
 * each thread buffers the chunks of its current batch (morsel); a batch is released once no
 * thread is still working on a smaller batch. The thread holding the smallest batch writes straight
 * to the queue, so a big ordered result still streams. A thread that has buffered too much waits
 * until its batch becomes the smallest.
 */
public final class ResultCollector extends PhysicalOperator implements Sink {
    static final int MAX_QUEUED_CHUNKS = 32;
    static final int MAX_BUFFERED_CHUNKS = 256;
    /**
     * Rows from which a chunk whose vectors the producer hands over ({@link DataChunk#handsOver(int)})
     * is taken as a result chunk instead of copied: smaller ones are gathered with others into full
     * chunks (a selective filter's few rows per chunk would otherwise fill the queue with slivers).
     */
    static final int TAKE_ROWS = DataChunk.CAPACITY / 2;

    private final boolean ordered;
    /** Rows per gathered chunk: fewer than a full chunk when the plan proves the whole result is smaller. */
    private final int chunkCapacity;

    /** {@code maxRows}: the bound on the result's rows that the plan proves ({@link PhysicalOperator#maxRows}), or -1. */
    public ResultCollector(List<LogicalType> types, boolean ordered, long maxRows) {
        super(types, List.of(), -1);
        this.ordered = ordered;
        this.chunkCapacity = DataChunk.capacityFor(maxRows);
    }

    @Override
    public String name() {
        return "RESULT_COLLECTOR";
    }

    @Override
    public boolean requiresOrderedInput() {
        return ordered;
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new Buffer(types(), ordered, ctx);
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        Buffer b = (Buffer) global;
        Local l = new Local();
        b.register(l);
        return l;
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        Buffer b = (Buffer) global;
        Local l = (Local) local;
        if (b.stopped()) return SinkResult.FINISHED;
        int n = chunk.size();
        if (n >= TAKE_ROWS && ChunkUtil.anyTakeable(chunk, types())) {
            // the producer refills (some of) its vectors from scratch: their memory leaves as the result
            // chunk's and the producer fills a spare's next (no copy; rows gathered before go first)
            flushPending(b, l);
            DataChunk spare = b.spare();
            b.emit(l, ChunkUtil.takeStorage(chunk, spare != null ? spare : new DataChunk(types(), DataChunk.CAPACITY)));
            return b.stopped() ? SinkResult.FINISHED : SinkResult.NEED_MORE_INPUT;
        }
        if (n == DataChunk.CAPACITY && l.pending == null) {
            // a full chunk leaves as it is (its strings shared with storage, not copied)
            DataChunk spare = b.spare();
            b.emit(l, spare != null ? ChunkUtil.copySharingStrings(chunk, spare) : ChunkUtil.copySharingStrings(chunk));
            return b.stopped() ? SinkResult.FINISHED : SinkResult.NEED_MORE_INPUT;
        }
        int at = 0;
        while (at < n) {
            if (l.pending == null) {
                DataChunk spare = b.spare();
                l.pending = spare != null ? spare : new DataChunk(types(), chunkCapacity);
            }
            int room = chunkCapacity - l.pending.size();
            int take = Math.min(room, n - at);
            ChunkUtil.append(l.pending, chunk, at, take);
            at += take;
            if (l.pending.size() == chunkCapacity) {
                b.emit(l, l.pending);
                l.pending = null;
            }
        }
        return b.stopped() ? SinkResult.FINISHED : SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void nextBatch(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local, long batchIndex) {
        Buffer b = (Buffer) global;
        Local l = (Local) local;
        flushPending(b, l);
        b.completeBatch(l, batchIndex, false);
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        Buffer b = (Buffer) global;
        Local l = (Local) local;
        flushPending(b, l);
        b.completeBatch(l, 0, true);
    }

    @Override
    public void abort(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        ((Buffer) global).abandon((Local) local);
    }

    private void flushPending(Buffer b, Local l) {
        if (l.pending != null && l.pending.size() > 0) {
            b.emit(l, l.pending);
            l.pending = null;
        }
    }

    static final class Local implements LocalSinkState {
        /** Rows gathered into a chunk of their own (allocated on first use: most workers of a small query send nothing). */
        DataChunk pending;
        long batch = Long.MIN_VALUE;
        ArrayList<DataChunk> batchChunks = new ArrayList<>();
    }

    /** Global state of the collector = the buffer the result stream reads. */
    static final class Buffer implements GlobalSinkState {
        final List<LogicalType> types;
        final boolean ordered;
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final ArrayDeque<DataChunk> queue = new ArrayDeque<>();
        final TreeMap<Long, List<DataChunk>> completed = new TreeMap<>();
        final List<Local> live = new ArrayList<>();
        int buffered;
        volatile boolean closed;
        /**
         * A worker stopped with an error: the query fails, so producers stop and waits end (the
         * worker's batch would otherwise stay the smallest forever, see {@link #abandon}).
         */
        volatile boolean failed;
        volatile boolean done;
        Throwable failure;
        /** The consumer reads only after the query ran to its end (a small result): no room to wait for. */
        boolean unbounded;
        /**
         * Chunks the consumer handed back ({@link #recycle}), reset, for producers to fill instead of
         * allocating: a result of ten million rows otherwise allocates and zeroes some hundred
         * megabytes of vectors that live only until the consumer converted them (about a third of
         * the CPU time of exporting a table scan to Arrow). Bounded by {@link #spareLimit}.
         */
        private final java.util.concurrent.ConcurrentLinkedQueue<DataChunk> spares = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger spareCount = new java.util.concurrent.atomic.AtomicInteger();
        /** How many spares are kept: about {@link #SPARE_BYTES} of them, measured on the first one handed back. */
        private volatile int spareLimit = -1;
        private static final long SPARE_BYTES = 64L << 20;

        /** The statement producing into this buffer: it gives up its run slot while it waits for the consumer. */
        private final ExecutionContext ctx;

        Buffer(List<LogicalType> types, boolean ordered, ExecutionContext ctx) {
            this.types = types;
            this.ordered = ordered;
            this.ctx = ctx;
        }

        void unbounded() {
            unbounded = true;
        }

        /**
         * Takes back a chunk the consumer is done with. Only chunks this collector made qualify
         * (every column of the result's type with room for a full chunk), so a consumer cannot hand
         * over memory that someone else still reads.
         */
        void recycle(DataChunk c) {
            if (closed || c.columnCount() != types.size()) return;
            for (int i = 0; i < c.columnCount(); i++) {
                io.tealdb.vector.Vector v = c.column(i);
                if (v.capacity < DataChunk.CAPACITY || !v.type.equals(types.get(i))) return;
            }
            c.reset(); // drops borrowed string heaps: what remains is the chunk's own memory
            int limit = spareLimit;
            if (limit < 0) {
                c.setSize(c.column(0).capacity);
                long bytes = ChunkUtil.estimatedBytes(c);
                c.setSize(0);
                limit = (int) Math.max(4, Math.min(1024, SPARE_BYTES / Math.max(1, bytes)));
                spareLimit = limit;
            }
            if (spareCount.incrementAndGet() > limit) {
                spareCount.decrementAndGet();
                return;
            }
            spares.add(c);
        }

        /** A recycled, reset chunk to fill, or null. */
        DataChunk spare() {
            DataChunk c = spares.poll();
            if (c != null) spareCount.decrementAndGet();
            return c;
        }

        void register(Local l) {
            lock.lock();
            try {
                live.add(l);
            } finally {
                lock.unlock();
            }
        }

        /** True once producers should stop: the consumer closed the stream or a worker failed. */
        boolean stopped() {
            return closed || failed;
        }

        private long minActive() {
            long min = Long.MAX_VALUE;
            for (Local l : live) min = Math.min(min, l.batch);
            return min;
        }

        void emit(Local l, DataChunk chunk) {
            lock.lock();
            try {
                if (stopped()) return;
                if (!ordered) {
                    awaitQueueRoom();
                    if (!stopped()) queue.add(chunk);
                    changed.signalAll();
                    return;
                }
                if (l.batch == minActive()) {
                    flushOwn(l);
                    awaitQueueRoom();
                    if (!stopped()) queue.add(chunk);
                } else {
                    l.batchChunks.add(chunk);
                    buffered++;
                    while (buffered > MAX_BUFFERED_CHUNKS && l.batch != minActive() && !stopped()) {
                        changed.awaitUninterruptibly();
                    }
                    if (l.batch == minActive() && !stopped()) flushOwn(l);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void flushOwn(Local l) {
            if (!l.batchChunks.isEmpty()) {
                queue.addAll(l.batchChunks);
                buffered -= l.batchChunks.size();
                l.batchChunks.clear();
                changed.signalAll();
            }
        }

        /**
         * Waits while the queue is full. Every change to the queue must be signalled before waiting:
         * a consumer may be waiting for the queue to become non-empty, and it was once filled (by
         * {@link #flushOwn}) without a signal right before this wait, so producer and consumer
         * both waited forever.
         */
        private void awaitQueueRoom() {
            if (unbounded || queue.size() < MAX_QUEUED_CHUNKS || stopped()) return;
            changed.signalAll(); // once: signalling inside the loop would make waiting producers wake each other
            ctx.yieldAdmission(); // from here on the client sets the pace: another statement may compute
            while (queue.size() >= MAX_QUEUED_CHUNKS && !stopped()) {
                changed.awaitUninterruptibly();
            }
        }

        void completeBatch(Local l, long nextBatch, boolean threadDone) {
            lock.lock();
            try {
                if (stopped()) {
                    // nothing more is released: a failed query must not stream rows past the gap
                    dropOwn(l);
                    if (threadDone) live.remove(l);
                    changed.signalAll();
                    return;
                }
                if (!l.batchChunks.isEmpty()) {
                    completed.put(l.batch, l.batchChunks);
                    l.batchChunks = new ArrayList<>();
                }
                if (threadDone) {
                    live.remove(l);
                } else {
                    l.batch = nextBatch;
                }
                long min = minActive();
                while (!completed.isEmpty() && completed.firstKey() < min) {
                    Map.Entry<Long, List<DataChunk>> e = completed.pollFirstEntry();
                    queue.addAll(e.getValue());
                    buffered -= e.getValue().size();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /**
         * The worker owning {@code l} stopped with an error and will neither send nor combine
         * again. Its batch must stop counting as active: other workers that buffered too much wait
         * until their batch is the smallest one (and do not check for interruption), so with the
         * dead worker's batch left in {@link #live} they waited forever and the query hung instead
         * of failing. The query fails, so every producer stops.
         */
        void abandon(Local l) {
            lock.lock();
            try {
                failed = true;
                dropOwn(l);
                live.remove(l);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void dropOwn(Local l) {
            buffered -= l.batchChunks.size();
            l.batchChunks.clear();
        }

        void finish(Throwable error) {
            lock.lock();
            try {
                done = true;
                if (error != null && failure == null) failure = error;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Next chunk for the consumer; null at the end. */
        DataChunk take() throws Throwable {
            lock.lock();
            try {
                while (queue.isEmpty() && !done && failure == null) {
                    changed.awaitUninterruptibly();
                }
                if (failure != null) throw failure;
                DataChunk c = queue.poll();
                changed.signalAll();
                return c;
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                queue.clear();
                spares.clear();
                completed.clear();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
