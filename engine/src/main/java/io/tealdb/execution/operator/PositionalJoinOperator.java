package io.tealdb.execution.operator;

import io.tealdb.execution.ChunkUtil;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.Source;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * POSITIONAL JOIN (DuckDB): the right input is the sink, collected in source order (batch indexes
 * restore the order of a parallel scan); the left input streams through on one thread in source
 * order, each chunk of n rows taking the next n collected right rows (NULLs once they run out).
 * A pipeline after the probe emits the right rows the left side did not reach, with NULL left
 * columns, so the shorter side is padded either way.
 */
public final class PositionalJoinOperator extends PhysicalOperator implements Sink, StreamingOperator, Source {
    private final int leftColumns;

    public PositionalJoinOperator(List<LogicalType> types, PhysicalOperator left, PhysicalOperator right) {
        super(types, List.of(left, right), Math.max(left.estimatedCardinality(), right.estimatedCardinality()));
        this.leftColumns = left.types().size();
    }

    @Override
    public String name() {
        return "POSITIONAL_JOIN";
    }

    @Override
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        // copy made before this operator joins `current`: it starts at this operator as source
        Pipeline rest = builder.createUnionPipeline(current, true);
        builder.setSource(rest, this);
        builder.addOperator(current, this);
        Pipeline build = builder.createChildPipeline(current, this);
        children().get(1).buildPipelines(build, builder);
        children().get(0).buildPipelines(current, builder);
    }

    // ------------------------------------------------------------------ right side (sink)

    /** A collected right chunk with its place in source order. */
    private record Piece(long batch, long sequence, DataChunk chunk) {
    }

    private static final class Collected implements GlobalSinkState {
        /** A ReentrantLock, not a monitor: workers are virtual threads (see PhysicalSetOperationAll). */
        final ReentrantLock lock = new ReentrantLock();
        final List<Piece> pieces = new ArrayList<>();
        /** After finalize: the right rows in order, and the first row of each chunk. */
        DataChunk[] chunks;
        long[] starts;
        long total;
        /** Right rows the probe has paired so far (the probe runs on one thread; the rest pipeline reads it after). */
        final AtomicLong consumed = new AtomicLong();
    }

    private static final class Local implements LocalSinkState {
        final List<Piece> pieces = new ArrayList<>();
        long batch;
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new Collected();
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        return new Local();
    }

    @Override
    public boolean requiresOrderedInput() {
        return true;
    }

    @Override
    public void nextBatch(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local, long batchIndex) {
        ((Local) local).batch = batchIndex;
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        if (chunk.size() > 0) {
            Local l = (Local) local;
            l.pieces.add(new Piece(l.batch, l.pieces.size(), ChunkUtil.copy(chunk)));
        }
        return SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        Collected g = (Collected) global;
        g.lock.lock();
        try {
            g.pieces.addAll(((Local) local).pieces);
        } finally {
            g.lock.unlock();
        }
    }

    @Override
    public void finalize(ExecutionContext ctx, GlobalSinkState global) {
        Collected g = (Collected) global;
        // one thread sends a batch, in order; batches are numbered in source order
        g.pieces.sort(Comparator.comparingLong(Piece::batch).thenComparingLong(Piece::sequence));
        g.chunks = new DataChunk[g.pieces.size()];
        g.starts = new long[g.pieces.size()];
        long at = 0;
        for (int i = 0; i < g.chunks.length; i++) {
            g.chunks[i] = g.pieces.get(i).chunk();
            g.starts[i] = at;
            at += g.chunks[i].size();
        }
        g.total = at;
        g.pieces.clear();
    }

    /** Copies right rows {@code [from, from + count)} into {@code out[leftColumns..]} at row {@code dst}, NULL past the end. */
    private void copyRight(Collected g, long from, int count, Vector[] out, int dst) {
        int k = Arrays.binarySearch(g.starts, from);
        if (k < 0) k = -k - 2;
        long row = from;
        int written = 0;
        while (written < count && row < g.total && k >= 0 && k < g.chunks.length) {
            DataChunk c = g.chunks[k];
            int offset = (int) (row - g.starts[k]);
            int take = Math.min(count - written, c.size() - offset);
            for (int col = 0; col < out.length; col++) {
                out[col].copyFrom(c.column(col), null, offset, take, dst + written);
            }
            written += take;
            row += take;
            k++;
        }
        for (Vector v : out) {
            for (int i = written; i < count; i++) v.setNull(dst + i);
        }
    }

    // ------------------------------------------------------------------ left side (probe)

    private static final class Probe implements OperatorState {
        final Vector[] right;

        Probe(List<LogicalType> types, int leftColumns) {
            right = new Vector[types.size() - leftColumns];
            for (int i = 0; i < right.length; i++) right[i] = new Vector(types.get(leftColumns + i), DataChunk.CAPACITY);
        }
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new Probe(types(), leftColumns);
    }

    @Override
    public boolean parallel() {
        return false;
    }

    @Override
    public boolean requiresSourceOrder() {
        return true;
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        Collected g = (Collected) ctx.sinkState(this);
        Probe p = (Probe) state;
        int n = input.size();
        for (int c = 0; c < leftColumns; c++) output.setColumn(c, input.column(c));
        for (Vector v : p.right) v.reset();
        long from = g.consumed.get();
        copyRight(g, from, n, p.right, 0);
        g.consumed.set(from + n);
        for (int c = 0; c < p.right.length; c++) output.setColumn(leftColumns + c, p.right[c]);
        output.setSize(n);
        return OperatorResult.NEED_MORE_INPUT;
    }

    // ------------------------------------------------------------------ right rows past the left side (source)

    private static final class Rest implements GlobalSourceState {
        long next = -1;
    }

    private static final class RestLocal implements LocalSourceState {
        Vector[] vectors;
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new Rest();
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new RestLocal();
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Collected g = (Collected) ctx.sinkState(this);
        Rest r = (Rest) global;
        RestLocal l = (RestLocal) local;
        if (r.next < 0) r.next = g.consumed.get();
        if (r.next >= g.total) return false;
        if (l.vectors == null) {
            l.vectors = new Vector[types().size()];
            for (int i = 0; i < l.vectors.length; i++) l.vectors[i] = new Vector(types().get(i), DataChunk.CAPACITY);
        }
        int n = (int) Math.min(DataChunk.CAPACITY, g.total - r.next);
        for (int c = 0; c < l.vectors.length; c++) l.vectors[c].reset();
        for (int c = 0; c < leftColumns; c++) {
            Arrays.fill(l.vectors[c].ensureValidity(), 0L);
            out.setColumn(c, l.vectors[c]);
        }
        Vector[] right = Arrays.copyOfRange(l.vectors, leftColumns, l.vectors.length);
        copyRight(g, r.next, n, right, 0);
        for (int c = 0; c < right.length; c++) out.setColumn(leftColumns + c, right[c]);
        r.next += n;
        out.setSize(n);
        return true;
    }
}
