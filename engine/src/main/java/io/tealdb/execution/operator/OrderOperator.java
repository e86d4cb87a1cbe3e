package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SortKey;
import io.tealdb.execution.Source;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ORDER BY, parallel: each thread sorts its own rows on normalised keys when it finishes (combine),
 * finalize merges the thread runs into one order, and the source side gathers ranges of that order
 * in parallel (batch index = range number, so the result collector keeps the order).
 */
public final class OrderOperator extends PhysicalOperator implements Sink, Source {
    private final List<SortKey> keys;
    private final SortBuffer.Layout layout;

    public OrderOperator(PhysicalOperator child, List<SortKey> keys) {
        super(child.types(), List.of(child), child.estimatedCardinality());
        this.keys = List.copyOf(keys);
        this.layout = new SortBuffer.Layout(child.types(), keys);
    }

    @Override
    public long maxRows() {
        return childMaxRows();
    }

    @Override
    public String name() {
        return "ORDER_BY";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        for (SortKey k : keys) d.add(k.toString());
        return d;
    }

    static final class Global implements GlobalSinkState {
        final List<SortedRun> runs = new ArrayList<>();
        long[] merged;
        /** Not a monitor: worker threads are virtual, and on the JDK 25 we run a virtual thread blocked on a
         * contended monitor could stay blocked after it was released (JDK-8373120, fixed in 25.0.4). */
        final ReentrantLock lock = new ReentrantLock();
    }

    private record Local(SortBuffer buffer) implements LocalSinkState {
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new Global();
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        return new Local(new SortBuffer(layout, ctx));
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        ctx.reserveMemory(io.tealdb.execution.ChunkUtil.estimatedBytes(chunk), "ORDER BY");
        ((Local) local).buffer.append(chunk);
        return SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        SortBuffer b = ((Local) local).buffer;
        if (b.rows() == 0) return;
        SortedRun run = b.toSortedRun();
        Global g = (Global) global;
        g.lock.lock();
        try {
            g.runs.add(run);
        } finally {
            g.lock.unlock();
        }
    }

    @Override
    public void finalize(ExecutionContext ctx, GlobalSinkState global) {
        Global g = (Global) global;
        g.merged = SortedRun.merge(g.runs, Long.MAX_VALUE);
    }

    // ---------------------------------------------------------------- source: parallel gather of ranges

    private static final class SourceGlobal implements GlobalSourceState {
        final Global sorted;
        final AtomicInteger next = new AtomicInteger();
        final int ranges;

        SourceGlobal(Global sorted) {
            this.sorted = sorted;
            this.ranges = (sorted.merged.length + DataChunk.CAPACITY - 1) / DataChunk.CAPACITY;
        }
    }

    private static final class SourceLocal implements LocalSourceState {
        long batch;

        @Override
        public long batchIndex() {
            return batch;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new SourceGlobal(ctx.sinkState(this, Global.class));
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new SourceLocal();
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Math.max(1, ((SourceGlobal) global).ranges);
    }

    @Override
    public boolean supportsBatchIndex() {
        return true;
    }

    @Override
    public double progress(GlobalSourceState global) {
        SourceGlobal g = (SourceGlobal) global;
        return g.ranges == 0 ? 1 : Math.min(1.0, (double) g.next.get() / g.ranges);
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        SourceGlobal g = (SourceGlobal) global;
        int r = g.next.getAndIncrement();
        if (r >= g.ranges) return false;
        ((SourceLocal) local).batch = r;
        int from = r * DataChunk.CAPACITY;
        int count = Math.min(DataChunk.CAPACITY, g.sorted.merged.length - from);
        SortedRun.gather(g.sorted.runs, g.sorted.merged, from, count, out, out.columnCount());
        return true;
    }
}
