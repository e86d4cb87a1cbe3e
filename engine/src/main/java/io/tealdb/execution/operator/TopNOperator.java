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
import java.util.concurrent.locks.ReentrantLock;

/**
 * ORDER BY ... LIMIT n OFFSET m: every thread keeps only its best {@code n + m} rows (its buffer is
 * sorted and cut whenever it grows past a few times that size), finalize merges the thread-local
 * winners and keeps rows [m, m+n).
 */
public final class TopNOperator extends PhysicalOperator implements Sink, Source {
    private final List<SortKey> keys;
    private final long limit;
    private final long offset;
    private final SortBuffer.Layout layout;
    private final int keep;
    /** ORDER BY ... LIMIT p PERCENT: the share of the input to keep (0..100), known as a count only at the end; else -1. */
    private final double percent;

    public TopNOperator(PhysicalOperator child, List<SortKey> keys, long limit, long offset) {
        this(child, keys, limit, offset, -1);
    }

    private TopNOperator(PhysicalOperator child, List<SortKey> keys, long limit, long offset, double percent) {
        super(child.types(), List.of(child), limit);
        this.keys = List.copyOf(keys);
        this.limit = limit < 0 ? Long.MAX_VALUE : limit;
        this.offset = Math.max(0, offset);
        this.layout = new SortBuffer.Layout(child.types(), keys);
        // saturating: LIMIT and OFFSET near Long.MAX_VALUE must not wrap to a negative row count
        this.keep = (int) Math.min(Integer.MAX_VALUE - 16, this.limit > Long.MAX_VALUE - this.offset ? Long.MAX_VALUE : this.limit + this.offset);
        this.percent = percent;
    }

    /** The first {@code percent}% (rounded to whole rows) of the input in key order: every row is kept until the end. */
    public static TopNOperator percent(PhysicalOperator child, List<SortKey> keys, double percent) {
        return new TopNOperator(child, keys, -1, 0, percent);
    }

    @Override
    public long maxRows() {
        long child = childMaxRows();
        if (percent >= 0) return child;
        return child < 0 ? limit : Math.min(limit, Math.max(0, child - offset));
    }

    @Override
    public String name() {
        return "TOP_N";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        d.add(percent >= 0 ? "Top: " + percent + "%" : "Top: " + limit + (offset > 0 ? " Offset: " + offset : ""));
        for (SortKey k : keys) d.add(k.toString());
        return d;
    }

    static final class Global implements GlobalSinkState {
        final List<SortedRun> runs = new ArrayList<>();
        List<DataChunk> result = List.of();
        /** Not a monitor: worker threads are virtual, and on the JDK 25 we run a virtual thread blocked on a
         * contended monitor could stay blocked after it was released (JDK-8373120, fixed in 25.0.4). */
        final ReentrantLock lock = new ReentrantLock();
    }

    private static final class Local implements LocalSinkState {
        final SortBuffer buffer;

        Local(SortBuffer buffer) {
            this.buffer = buffer;
        }
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
        SortBuffer b = ((Local) local).buffer;
        // a small top-n compacts to its few rows; a huge LIMIT keeps everything, like ORDER BY
        if (keep > 65_536) ctx.reserveMemory(io.tealdb.execution.ChunkUtil.estimatedBytes(chunk), "ORDER BY ... LIMIT");
        b.append(chunk);
        long threshold = Math.max(4L * keep, 4L * DataChunk.CAPACITY);
        if (b.rows() >= threshold) {
            SortedRun run = b.toSortedRun();
            for (DataChunk c : run.firstRows(keep, layout.storedTypes)) b.appendStored(c);
        }
        return SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        SortBuffer b = ((Local) local).buffer;
        if (b.rows() == 0 || keep == 0) return;
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
        if (g.runs.isEmpty()) return;
        long take = keep;
        if (percent >= 0) {
            long total = 0;
            for (SortedRun r : g.runs) total += r.rows;
            take = Math.round(total * percent / 100);
        }
        long[] merged = SortedRun.merge(g.runs, take);
        List<DataChunk> out = new ArrayList<>();
        for (int at = (int) Math.min(offset, merged.length); at < merged.length; at += DataChunk.CAPACITY) {
            int cnt = Math.min(DataChunk.CAPACITY, merged.length - at);
            DataChunk c = new DataChunk(types());
            SortedRun.gather(g.runs, merged, at, cnt, c, types().size());
            out.add(c);
        }
        g.result = out;
        g.runs.clear();
    }

    private static final class SourceState implements GlobalSourceState, LocalSourceState {
        final List<DataChunk> chunks;
        int next;

        SourceState(List<DataChunk> chunks) {
            this.chunks = chunks;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new SourceState(ctx.sinkState(this, Global.class).result);
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return (SourceState) global; // single-threaded source
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        SourceState s = (SourceState) local;
        if (s.next >= s.chunks.size()) return false;
        DataChunk c = s.chunks.get(s.next++);
        for (int i = 0; i < out.columnCount(); i++) out.setColumn(i, c.column(i));
        out.setSize(c.size());
        return true;
    }
}
