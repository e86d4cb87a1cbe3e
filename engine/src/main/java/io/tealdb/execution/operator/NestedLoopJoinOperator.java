package io.tealdb.execution.operator;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.execution.ChunkUtil;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.OperatorResult;
import io.tealdb.execution.OperatorState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.PhysicalPlanner;
import io.tealdb.execution.Pipeline;
import io.tealdb.execution.PipelineBuilder;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.StreamingOperator;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Nested-loop join for conditions without equalities (and the cross product, with no condition).
 * The right input is materialised by the sink side (build pipeline); each left chunk is then joined
 * by the streaming side: for each left row, the row is broadcast next to a right chunk and the
 * condition evaluated vectorised over that chunk. INNER, LEFT, SEMI, ANTI and SINGLE joins.
 */
public final class NestedLoopJoinOperator extends PhysicalOperator implements Sink, StreamingOperator {
    private final JoinType joinType;
    private final PhysicalExpr condition; // over left columns ++ right columns; null = cross product
    private final int leftColumns;
    private final List<LogicalType> rightTypes;
    private final List<String> conditionText;

    public NestedLoopJoinOperator(JoinType joinType, PhysicalOperator left, PhysicalOperator right, PhysicalExpr condition,
                                  List<LogicalType> outputTypes) {
        super(outputTypes, List.of(left, right), -1);
        this.joinType = joinType;
        this.condition = condition;
        this.leftColumns = left.types().size();
        this.rightTypes = right.types();
        this.conditionText = condition == null ? List.of() : List.of(condition.toString());
        switch (joinType) {
            case INNER, LEFT, SEMI, ANTI, SINGLE -> {
            }
            default -> throw new NotImplementedException(joinType + " join without equality conditions is not supported yet");
        }
    }

    /** Plans a logical join with no equality conditions. */
    public static NestedLoopJoinOperator create(LogicalJoin j, PhysicalOperator left, PhysicalOperator right) {
        List<ColumnBinding> layout = new ArrayList<>(j.left().bindings());
        layout.addAll(j.right().bindings());
        List<BoundExpr> conjuncts = new ArrayList<>();
        for (JoinCondition c : j.conditions()) conjuncts.add(new BoundComparison(c.op(), c.left(), c.right()));
        if (j.residual() != null) conjuncts.add(j.residual());
        PhysicalExpr cond = null;
        if (!conjuncts.isEmpty()) {
            List<PhysicalExpr> compiled = PhysicalPlanner.compile(conjuncts, layout);
            cond = compiled.size() == 1 ? compiled.get(0) : new PhysicalExpr.Conjunction(true, compiled);
        }
        return new NestedLoopJoinOperator(j.type(), left, right, cond, j.types());
    }

    @Override
    public String name() {
        return condition == null && joinType == JoinType.INNER ? "CROSS_PRODUCT" : "NESTED_LOOP_JOIN";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        if (condition != null || joinType != JoinType.INNER) d.add("Join Type: " + joinType);
        d.addAll(conditionText);
        return d;
    }

    @Override
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        builder.addOperator(current, this);
        Pipeline build = builder.createChildPipeline(current, this);
        children().get(1).buildPipelines(build, builder);
        children().get(0).buildPipelines(current, builder);
    }

    // ---------------------------------------------------------------- sink: materialise the right side

    static final class Global implements GlobalSinkState {
        final List<DataChunk> chunks = new ArrayList<>();
        /** Not a monitor: worker threads are virtual, and on the JDK 25 we run a virtual thread blocked on a
         * contended monitor could stay blocked after it was released (JDK-8373120, fixed in 25.0.4). */
        final ReentrantLock lock = new ReentrantLock();
    }

    private static final class Local implements LocalSinkState {
        final List<DataChunk> chunks = new ArrayList<>();
        DataChunk current;
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new Global();
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        return new Local();
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        Local l = (Local) local;
        ctx.reserveMemory(ChunkUtil.estimatedBytes(chunk), "a nested loop join");
        int at = 0;
        while (at < chunk.size()) {
            if (l.current == null || l.current.size() == DataChunk.CAPACITY) {
                l.current = new DataChunk(rightTypes);
                l.chunks.add(l.current);
            }
            int take = Math.min(DataChunk.CAPACITY - l.current.size(), chunk.size() - at);
            ChunkUtil.append(l.current, chunk, at, take);
            at += take;
        }
        return SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        Global g = (Global) global;
        g.lock.lock();
        try {
            g.chunks.addAll(((Local) local).chunks);
        } finally {
            g.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- streaming side: probe with left chunks

    private static final class State implements OperatorState {
        final List<DataChunk> right;
        final ExpressionExecutor executor;
        final DataChunk pair;
        final int[] sel = new int[DataChunk.CAPACITY];
        final Vector[] own;
        int leftRow;
        int rightChunk;
        boolean matched;
        int matches;

        State(List<DataChunk> right, ExpressionExecutor executor, DataChunk pair, Vector[] own) {
            this.right = right;
            this.executor = executor;
            this.pair = pair;
            this.own = own;
        }
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        Global g = ctx.sinkState(this, Global.class);
        List<LogicalType> pairTypes = new ArrayList<>(children().get(0).types());
        pairTypes.addAll(rightTypes);
        return new State(g.chunks, condition == null ? null : new ExpressionExecutor(ctx, condition),
                new DataChunk(pairTypes), new DataChunk(types()).columns());
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        State s = (State) state;
        for (int c = 0; c < s.own.length; c++) {
            s.own[c].reset();
            output.setColumn(c, s.own[c]);
        }
        int out = 0;
        boolean emitsRight = joinType == JoinType.INNER || joinType == JoinType.LEFT || joinType == JoinType.SINGLE;
        while (s.leftRow < input.size()) {
            int i = s.leftRow;
            // one left row meets every right chunk before this call may return: with few matches a single
            // call covers 2,048 × (right rows) pairs, and a costly condition (json_pretty per pair) makes
            // even one left row's pass long, so it looks for an interrupt itself before each right chunk
            ctx.checkInterrupted();
            if (s.rightChunk < s.right.size()) {
                DataChunk r = s.right.get(s.rightChunk);
                if (emitsRight && out + r.size() > DataChunk.CAPACITY) {
                    output.setSize(out);
                    return OperatorResult.HAVE_MORE_OUTPUT;
                }
                int k = matchRows(s, input, i, r);
                if (k > 0) {
                    s.matched = true;
                    s.matches += k;
                    if (joinType == JoinType.SINGLE && s.matches > 1) {
                        throw new InvalidInputException("More than one row returned by a subquery used as an expression - "
                                + "scalar subqueries can only return a single row.");
                    }
                    if (emitsRight) {
                        for (int c = 0; c < leftColumns; c++) broadcast(input.column(c), i, s.own[c], out, k);
                        for (int c = 0; c < rightTypes.size(); c++) {
                            s.own[leftColumns + c].copyFrom(r.column(c), s.sel, 0, k, out);
                        }
                        out += k;
                    }
                }
                s.rightChunk++;
                if (!(joinType == JoinType.SEMI || joinType == JoinType.ANTI) || !s.matched) continue;
                s.rightChunk = s.right.size(); // SEMI/ANTI: one match decides
            }
            // left row done
            if (out + 1 > DataChunk.CAPACITY) {
                output.setSize(out);
                return OperatorResult.HAVE_MORE_OUTPUT;
            }
            boolean emitLeftOnly = switch (joinType) {
                case SEMI -> s.matched;
                case ANTI -> !s.matched;
                case LEFT, SINGLE -> !s.matched;
                default -> false;
            };
            if (emitLeftOnly) {
                for (int c = 0; c < leftColumns; c++) s.own[c].copyRow(input.column(c), i, out);
                if (joinType == JoinType.LEFT || joinType == JoinType.SINGLE) {
                    for (int c = 0; c < rightTypes.size(); c++) s.own[leftColumns + c].setNull(out);
                }
                out++;
            }
            s.leftRow++;
            s.rightChunk = 0;
            s.matched = false;
            s.matches = 0;
        }
        s.leftRow = 0;
        output.setSize(out);
        return OperatorResult.NEED_MORE_INPUT;
    }

    /** Rows of right chunk {@code r} matching left row {@code i} → s.sel; returns their count. */
    private int matchRows(State s, DataChunk left, int i, DataChunk r) {
        int n = r.size();
        if (condition == null) {
            for (int k = 0; k < n; k++) s.sel[k] = k;
            return n;
        }
        DataChunk pair = s.pair;
        for (int c = 0; c < leftColumns; c++) {
            Vector v = pair.column(c);
            v.reset();
            broadcast(left.column(c), i, v, 0, n);
        }
        for (int c = 0; c < rightTypes.size(); c++) pair.setColumn(leftColumns + c, r.column(c));
        pair.setSize(n);
        return s.executor.select(0, pair, s.sel);
    }

    /** Writes row {@code row} of {@code src} into rows [at, at+n) of {@code dst}. */
    static void broadcast(Vector src, int row, Vector dst, int at, int n) {
        if (src.isNull(row)) {
            for (int k = 0; k < n; k++) dst.setNull(at + k);
            return;
        }
        switch (dst.physical) {
            case BOOL, INT8 -> Arrays.fill(dst.bytes, at, at + n, src.bytes[row]);
            case INT16 -> Arrays.fill(dst.shorts, at, at + n, src.shorts[row]);
            case INT32 -> Arrays.fill(dst.ints, at, at + n, src.ints[row]);
            case INT64 -> Arrays.fill(dst.longs, at, at + n, src.longs[row]);
            case FLOAT -> Arrays.fill(dst.floats, at, at + n, src.floats[row]);
            case DOUBLE -> Arrays.fill(dst.doubles, at, at + n, src.doubles[row]);
            case VARLEN -> {
                dst.setBytes(at, src.heap, src.offsets[row], src.lengths[row]);
                Arrays.fill(dst.offsets, at + 1, at + n, dst.offsets[at]);
                Arrays.fill(dst.lengths, at + 1, at + n, dst.lengths[at]);
            }
            default -> {
                for (int k = 0; k < n; k++) dst.copyRow(src, row, at + k);
            }
        }
        if (dst.validity != null) {
            for (int k = 0; k < n; k++) dst.setValid(at + k);
        }
    }
}
