package io.tealdb.execution.operator;

import io.tealdb.execution.ChunkUtil;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.execution.PipelineExecutor;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.Source;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WITH RECURSIVE: a source that, when its pipeline starts, runs the anchor plan once and then the
 * recursive plan round after round (each round as its own small query over a fresh execution state),
 * feeding each round's output to the next through the {@link WorkingTable}, until a round yields no
 * new rows. The union of all rounds is then handed out like a VALUES table.
 *
 * <p>UNION (not ALL) drops rows seen in any earlier round; that check boxes each row into a key,
 * which is acceptable here because recursive CTEs are iteration-bound rather than scan-bound.
 */
public final class RecursiveCteOperator extends PhysicalOperator implements Source {
    private final boolean all;
    private final PhysicalOperator anchor;
    private final PhysicalOperator recursive;
    private final WorkingTable workingTable;

    public RecursiveCteOperator(List<LogicalType> types, boolean all, PhysicalOperator anchor,
                                PhysicalOperator recursive, WorkingTable workingTable) {
        super(types, List.of(anchor, recursive), -1);
        this.all = all;
        this.anchor = anchor;
        this.recursive = recursive;
        this.workingTable = workingTable;
    }

    @Override
    public String name() {
        return "RECURSIVE_CTE";
    }

    @Override
    public List<String> details() {
        return List.of(all ? "UNION ALL" : "UNION");
    }

    /** The children run inside this source, not as pipelines of the enclosing query. */
    @Override
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        builder.setSource(current, this);
    }

    /**
     * Rounds are computed lazily, one when the previous one has been handed out, so a consumer that
     * stops early (LIMIT) also stops a recursion that would not end by itself.
     */
    private static final class Global implements GlobalSourceState {
        final Set<List<Object>> seen;
        List<DataChunk> round;
        int next;
        boolean started;
        boolean done;

        Global(Set<List<Object>> seen) {
            this.seen = seen;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new Global(all ? null : new HashSet<>());
    }

    /** Drops empty chunks and, for UNION, rows already seen; returns compact copies. */
    private List<DataChunk> keepNew(List<DataChunk> chunks, Set<List<Object>> seen) {
        List<DataChunk> out = new ArrayList<>();
        for (DataChunk c : chunks) {
            if (c.size() == 0) continue;
            if (seen == null) {
                out.add(c);
                continue;
            }
            int[] sel = new int[c.size()];
            int n = 0;
            for (int row = 0; row < c.size(); row++) {
                if (seen.add(rowKey(c, row))) sel[n++] = row;
            }
            if (n == 0) continue;
            DataChunk kept = new DataChunk(types(), Math.max(1, n));
            ChunkUtil.appendSelected(kept, c, sel, n);
            out.add(kept);
        }
        return out;
    }

    private static List<Object> rowKey(DataChunk c, int row) {
        Object[] key = new Object[c.columnCount()];
        for (int col = 0; col < key.length; col++) {
            Object v = c.column(col).getObject(row);
            key[col] = v instanceof byte[] b ? ByteBuffer.wrap(b) : v;
        }
        return Arrays.asList(key);
    }

    /** Runs {@code root} as a query of its own (fresh sink states) and collects its output. */
    private static List<DataChunk> runToCompletion(PhysicalOperator root, ExecutionContext parent) {
        ExecutionContext ctx = parent.child();
        Collector collector = new Collector(root.types());
        List<Pipeline> pipelines = PipelineBuilder.build(root, collector);
        PipelineExecutor.runAll(pipelines, ctx);
        return ((Collected) ctx.sinkState(collector)).chunks;
    }

    private record Collected(List<DataChunk> chunks) implements GlobalSinkState {
    }

    /** Copies every chunk it receives; single-threaded so rows keep their source order. */
    private static final class Collector extends PhysicalOperator implements Sink {
        Collector(List<LogicalType> types) {
            super(types, List.of(), -1);
        }

        @Override
        public String name() {
            return "RECURSIVE_CTE_COLLECTOR";
        }

        @Override
        public GlobalSinkState globalSinkState(ExecutionContext ctx) {
            return new Collected(new ArrayList<>());
        }

        @Override
        public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
            return new LocalSinkState() {
            };
        }

        @Override
        public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
            if (chunk.size() > 0) ((Collected) global).chunks.add(ChunkUtil.copy(chunk));
            return SinkResult.NEED_MORE_INPUT;
        }

        @Override
        public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        }

        @Override
        public boolean parallelSink() {
            return false;
        }
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new LocalSourceState() {
        };
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        while (!g.done && (g.round == null || g.next >= g.round.size())) {
            ctx.checkInterrupted();
            List<DataChunk> produced;
            if (!g.started) {
                g.started = true;
                produced = runToCompletion(anchor, ctx);
            } else {
                workingTable.set(g.round);
                produced = runToCompletion(recursive, ctx);
            }
            g.round = keepNew(produced, g.seen);
            g.next = 0;
            if (g.round.isEmpty()) {
                g.done = true;
                workingTable.set(List.of());
            }
        }
        if (g.done) return false;
        DataChunk c = g.round.get(g.next++);
        for (int col = 0; col < out.columnCount(); col++) out.setColumn(col, c.column(col));
        out.setSize(c.size());
        return true;
    }
}
