package io.tealdb.execution.window;

import io.tealdb.error.NotImplementedException;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.Source;
import io.tealdb.execution.expression.ExpressionCompiler;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.planner.logical.LogicalWindow;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Window functions (LogicalWindow): a pipeline breaker. The sink side evaluates every expression
 * the windows need (partition/order keys, arguments, FILTER, frame offsets) next to the child's
 * columns and keeps the chunks per thread; finalize concatenates them into whole columns and runs
 * the {@link WindowEvaluator}. The source side emits the child's columns followed by one column per
 * window, in ranges of 2048 rows (parallel; batch index = range number). Row order is the order the
 * chunks were collected in (unspecified when the child ran on several threads, as in DuckDB).
 */
public final class PhysicalWindow extends PhysicalOperator implements Sink, Source {
    private final int childColumns;
    /** Expressions evaluated at sink time; buffer column childColumns + i. */
    private final List<PhysicalExpr> extras;
    private final List<LogicalType> bufferTypes;
    private final List<WindowSpec> specs;
    private final List<String> descriptions;

    private PhysicalWindow(List<LogicalType> types, PhysicalOperator child, List<PhysicalExpr> extras,
                           List<LogicalType> bufferTypes, List<WindowSpec> specs, List<String> descriptions) {
        super(types, List.of(child), child.estimatedCardinality());
        this.childColumns = child.types().size();
        this.extras = List.copyOf(extras);
        this.bufferTypes = List.copyOf(bufferTypes);
        this.specs = List.copyOf(specs);
        this.descriptions = List.copyOf(descriptions);
    }

    /** Plans {@code op} over its already planned child. */
    public static PhysicalWindow create(LogicalWindow op, PhysicalOperator child) {
        return new Compiler(op, child).build();
    }

    /** Maps every expression of the windows to a buffer column (child column or evaluated extra). */
    private static final class Compiler {
        private final LogicalWindow op;
        private final PhysicalOperator child;
        private final ExpressionCompiler compiler;
        private final Map<BoundExpr, Integer> columns = new LinkedHashMap<>();
        private final List<PhysicalExpr> extras = new ArrayList<>();
        private final List<LogicalType> bufferTypes;

        Compiler(LogicalWindow op, PhysicalOperator child) {
            this.op = op;
            this.child = child;
            this.compiler = new ExpressionCompiler(op.child().bindings());
            this.bufferTypes = new ArrayList<>(child.types());
        }

        int column(BoundExpr e) {
            Integer c = columns.get(e);
            if (c != null) return c;
            PhysicalExpr pe = compiler.compile(e);
            int col;
            if (pe instanceof PhysicalExpr.ColumnRef ref) {
                col = ref.index();
            } else {
                col = child.types().size() + extras.size();
                extras.add(pe);
                bufferTypes.add(pe.type());
            }
            columns.put(e, col);
            return col;
        }

        int[] columns(List<BoundExpr> es) {
            int[] out = new int[es.size()];
            for (int i = 0; i < out.length; i++) out[i] = column(es.get(i));
            return out;
        }

        WindowSpec.Bound bound(BoundExpr offset, boolean preceding) {
            if (offset == null) return preceding ? WindowSpec.Bound.UNBOUNDED_PRECEDING : WindowSpec.Bound.UNBOUNDED_FOLLOWING;
            if (isZero(offset)) return WindowSpec.Bound.CURRENT_ROW;
            return new WindowSpec.Bound(false, preceding, column(offset));
        }

        private static boolean isZero(BoundExpr e) {
            return e instanceof BoundConstant c && c.value().object() instanceof Number n
                    && !(n instanceof Double || n instanceof Float) && n.longValue() == 0
                    && (!(n instanceof java.math.BigDecimal b) || b.signum() == 0);
        }

        PhysicalWindow build() {
            List<WindowSpec> specs = new ArrayList<>();
            List<String> desc = new ArrayList<>();
            for (BoundWindow w : op.windows()) {
                WindowFunctionKind kind = WindowFunctionKind.of(w.aggregate() != null ? null : w.name());
                if (kind == WindowFunctionKind.AGGREGATE && w.aggregate() == null) {
                    throw new NotImplementedException("Window function " + w.name() + " is not implemented");
                }
                int[] args = columns(w.args());
                int[] parts = columns(w.partitions());
                int[] orders = new int[w.orders().size()];
                boolean[] asc = new boolean[orders.length];
                boolean[] nf = new boolean[orders.length];
                for (int i = 0; i < orders.length; i++) {
                    BoundOrder o = w.orders().get(i);
                    orders[i] = column(o.expr());
                    asc[i] = o.ascending();
                    nf[i] = o.nullsFirst();
                }
                WindowFrame f = w.frame();
                WindowFrame.Mode mode = f == null ? WindowFrame.Mode.ROWS : f.mode();
                WindowSpec.Bound start = f == null ? WindowSpec.Bound.UNBOUNDED_PRECEDING : bound(f.startOffset(), f.startPreceding());
                WindowSpec.Bound end = f == null ? WindowSpec.Bound.UNBOUNDED_FOLLOWING : bound(f.endOffset(), f.endPreceding());
                WindowFrame.Exclude exclude = f == null ? WindowFrame.Exclude.NO_OTHERS : f.exclude();
                int filter = w.filter() == null ? -1 : column(w.filter());
                int[] argOrders = new int[w.argOrders().size()];
                boolean[] argAsc = new boolean[argOrders.length];
                boolean[] argNf = new boolean[argOrders.length];
                for (int i = 0; i < argOrders.length; i++) {
                    BoundOrder o = w.argOrders().get(i);
                    argOrders[i] = column(o.expr());
                    argAsc[i] = o.ascending();
                    argNf[i] = o.nullsFirst();
                }
                specs.add(new WindowSpec(kind, w.aggregate(), args, parts, orders, asc, nf, mode, start, end, exclude,
                        w.ignoreNulls(), w.distinct(), filter, w.type(), argOrders, argAsc, argNf));
                desc.add((w.aggregate() != null ? w.aggregate().name() : w.name()) + "(" + w.args().size() + " args)"
                        + (w.partitions().isEmpty() ? "" : " PARTITION BY " + w.partitions().size())
                        + (w.orders().isEmpty() ? "" : " ORDER BY " + w.orders().size())
                        + (f == null ? "" : " " + f.mode()));
            }
            return new PhysicalWindow(op.types(), child, extras, bufferTypes, specs, desc);
        }
    }

    @Override
    public String name() {
        return "WINDOW";
    }

    @Override
    public List<String> details() {
        return descriptions;
    }

    // ---------------------------------------------------------------- sink

    static final class Global implements GlobalSinkState {
        /**
         * Guards combine. A ReentrantLock, not a monitor: Temurin 25.0.3 can leave a virtual thread
         * blocked on a contended monitor forever (JDK-8373120, fixed in 25.0.4), and workers are
         * virtual threads.
         */
        final java.util.concurrent.locks.ReentrantLock combineLock = new java.util.concurrent.locks.ReentrantLock();
        final List<DataChunk> chunks = new ArrayList<>();
        int rows;
        /** After finalize: the child's columns, then the window results, each of {@code rows} rows. */
        Vector[] output;
    }

    private static final class Local implements LocalSinkState {
        final ExpressionExecutor executor;
        final List<DataChunk> chunks = new ArrayList<>();

        Local(ExpressionExecutor executor) {
            this.executor = executor;
        }
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new Global();
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        return new Local(extras.isEmpty() ? null : new ExpressionExecutor(ctx, extras));
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        int n = chunk.size();
        if (n == 0) return SinkResult.NEED_MORE_INPUT;
        Local l = (Local) local;
        Vector[] cols = new Vector[bufferTypes.size()];
        for (int c = 0; c < childColumns; c++) cols[c] = copy(chunk.column(c), n);
        for (int e = 0; e < extras.size(); e++) cols[childColumns + e] = copy(l.executor.execute(e, chunk), n);
        DataChunk buffered = new DataChunk(cols, n);
        // counted after the copy: computed partition and order keys (a constant expanded to every
        // row) can hold far more bytes than the input chunk
        ctx.reserveMemory(io.tealdb.execution.ChunkUtil.estimatedBytes(buffered), "a window");
        l.chunks.add(buffered);
        return SinkResult.NEED_MORE_INPUT;
    }

    private static Vector copy(Vector src, int n) {
        Vector v = new Vector(src.type, n);
        v.copyFrom(src, null, 0, n, 0);
        return v;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        Global g = (Global) global;
        Local l = (Local) local;
        g.combineLock.lock();
        try {
            g.chunks.addAll(l.chunks);
            for (DataChunk c : l.chunks) g.rows += c.size();
        } finally {
            g.combineLock.unlock();
        }
    }

    @Override
    public void finalize(ExecutionContext ctx, GlobalSinkState global) {
        Global g = (Global) global;
        int n = g.rows;
        // the buffer is a second copy of the sunk chunks until they are dropped below, and the
        // results add a column per function: reserve both before making them
        long sunk = 0;
        for (DataChunk chunk : g.chunks) sunk += io.tealdb.execution.ChunkUtil.estimatedBytes(chunk);
        ctx.reserveMemory(sunk, "a window's buffer");
        Vector[] buffer = new Vector[bufferTypes.size()];
        for (int c = 0; c < buffer.length; c++) {
            Vector v = new Vector(bufferTypes.get(c), Math.max(1, n));
            int at = 0;
            for (DataChunk chunk : g.chunks) {
                v.copyFrom(chunk.column(c), null, 0, chunk.size(), at);
                at += chunk.size();
            }
            buffer[c] = v;
        }
        g.chunks.clear();
        ctx.releaseMemory(sunk);
        ctx.reserveMemory(16L * n * specs.size(), "a window's results");
        ctx.checkInterrupted();
        Vector[] results = n == 0 ? new Vector[specs.size()]
                : new WindowEvaluator(ctx.scheduler(), ctx.threads()).evaluate(buffer, n, specs);
        Vector[] out = new Vector[childColumns + specs.size()];
        System.arraycopy(buffer, 0, out, 0, childColumns);
        System.arraycopy(results, 0, out, childColumns, specs.size());
        g.output = out;
    }

    // ---------------------------------------------------------------- source

    private static final class SourceGlobal implements GlobalSourceState {
        final Global data;
        final AtomicInteger next = new AtomicInteger();
        final int ranges;

        SourceGlobal(Global data) {
            this.data = data;
            this.ranges = (data.rows + DataChunk.CAPACITY - 1) / DataChunk.CAPACITY;
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
        int count = Math.min(DataChunk.CAPACITY, g.data.rows - from);
        Vector[] cols = g.data.output;
        for (int c = 0; c < cols.length; c++) {
            Vector v = out.column(c);
            if (v.capacity < count || v.physical != cols[c].physical) {
                v = new Vector(cols[c].type, DataChunk.CAPACITY);
                out.setColumn(c, v);
            }
            v.reset();
            v.copyFrom(cols[c], null, from, count, 0);
        }
        out.setSize(count);
        return true;
    }
}
