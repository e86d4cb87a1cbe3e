package io.tealdb.execution.hash;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalOperatorState;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.KeyRangeSource;
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
import io.tealdb.execution.expression.ColumnRefs;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Hash join (DuckDB's PhysicalHashJoin shape): child 1 is the build side — this operator is the
 * sink of its pipeline, collecting rows into a {@link JoinHashTable} per thread and linking the
 * index in {@link #finalize}; child 0 streams through this operator as the probe. RIGHT/FULL joins
 * add a pipeline (after the probe pipeline) in which this operator is the source of the build rows
 * that found no partner.
 *
 * <p>RIGHT_SEMI / RIGHT_ANTI ({@link #returnsBuildRows()}): a SEMI / ANTI join whose outer side is
 * much smaller than its subquery side is planned with the outer side as the build side (child 1)
 * and the subquery side as the probe (child 0). Probing only marks the build rows that have a
 * partner and outputs nothing; the pipeline after it emits the marked (semi) or unmarked (anti)
 * build rows. Output: exactly the build child's columns.
 *
 * <p>Output otherwise: probe columns, then build columns for join types that output them, then the
 * mark for MARK joins. Non-equality conditions and the residual predicate are one
 * {@link JoinResidual}, evaluated on candidate pairs.
 *
 * <p>Key ranges ({@link KeyRangeSource}): while building, each INTEGER/BIGINT key's smallest and
 * largest value is recorded, so that a scan feeding the probe can drop rows that cannot match
 * (only for joins that drop probe rows without a partner, and keys where NULL never matches).
 */
public final class PhysicalHashJoin extends PhysicalOperator implements Sink, StreamingOperator, Source, KeyRangeSource {
    private final JoinType joinType;
    private final boolean returnsBuildRows;
    private final List<PhysicalExpr> probeKeys;
    private final List<PhysicalExpr> buildKeys;
    private final boolean[] nullsEqual;
    private final JoinResidual residual;
    private final List<LogicalType> probeTypes;
    private final List<LogicalType> buildTypes;
    /** Build child column of each stored payload column. */
    private final int[] payloadColumns;
    private final List<LogicalType> payloadTypes;
    private final long expectedBuildRows;
    /** Most rows a thread's build buffer is presized for from an estimate (it grows beyond on demand). */
    static final int MAX_PRESIZE_ROWS = 1 << 17;
    private final List<String> details;
    /** Per key: INTEGER/BIGINT with NULLs never equal, so its build range is tracked. */
    private final boolean[] rangeKey;

    /**
     * A join whose residual reads all probe and build columns (it stores every build column when
     * there is a residual or the join outputs build columns).
     *
     * @param probeKeys key expressions over the left (probe) child's columns
     * @param buildKeys key expressions over the right (build) child's columns (same physical types)
     * @param residual  null, or a BOOLEAN expression over left columns followed by right columns
     */
    public PhysicalHashJoin(List<LogicalType> types, JoinType joinType, PhysicalOperator left, PhysicalOperator right,
                            List<PhysicalExpr> probeKeys, List<PhysicalExpr> buildKeys, boolean[] nullsEqual,
                            PhysicalExpr residual, long estimatedCardinality, List<String> details) {
        this(types, joinType, false, left, right, probeKeys, buildKeys, nullsEqual,
                storedColumns(joinType, residual, left.types().size(), right.types().size()),
                residual == null ? null : JoinResidual.compact(residual, left.types().size(), right.types().size(),
                        storedColumns(joinType, residual, left.types().size(), right.types().size())),
                estimatedCardinality, -1, details);
    }

    /**
     * Right columns to store for a residual over all left ++ right columns: all of them when the
     * join outputs them, else only those the residual reads (a SEMI/ANTI join's build side often
     * carries many columns nobody reads, e.g. the NULL placeholders of an EXISTS subquery's
     * {@code SELECT *}).
     */
    private static int[] storedColumns(JoinType joinType, PhysicalExpr residual, int leftCount, int rightCount) {
        if (joinType.outputsRight()) return JoinResidual.identity(rightCount);
        if (residual == null) return new int[0];
        return ColumnRefs.of(residual).get(leftCount, leftCount + rightCount).stream().toArray();
    }

    /**
     * @param returnsBuildRows  RIGHT_SEMI / RIGHT_ANTI (joinType SEMI / ANTI): output the build rows
     *                          with (semi) / without (anti) a partner instead of probe rows
     * @param probeKeys         key expressions over the probe child's columns
     * @param buildKeys         key expressions over the build child's columns (same physical types)
     * @param payloadColumns    build columns to store with the keys: all of them when the join
     *                          outputs build columns, else those the residual reads
     * @param residual          null, or the non-key predicate over probe and payload columns
     * @param expectedBuildRows build rows expected (sizes the build buffers), or -1: the build
     *                          child's estimate
     */
    public PhysicalHashJoin(List<LogicalType> types, JoinType joinType, boolean returnsBuildRows, PhysicalOperator probe,
                            PhysicalOperator build, List<PhysicalExpr> probeKeys, List<PhysicalExpr> buildKeys,
                            boolean[] nullsEqual, int[] payloadColumns, JoinResidual residual, long estimatedCardinality,
                            long expectedBuildRows, List<String> details) {
        super(types, List.of(probe, build), estimatedCardinality);
        if (returnsBuildRows && joinType != JoinType.SEMI && joinType != JoinType.ANTI) {
            throw new IllegalArgumentException("only SEMI / ANTI joins can return their build rows, not " + joinType);
        }
        this.joinType = joinType;
        this.returnsBuildRows = returnsBuildRows;
        this.probeKeys = List.copyOf(probeKeys);
        this.buildKeys = List.copyOf(buildKeys);
        this.nullsEqual = nullsEqual.clone();
        this.residual = residual;
        this.probeTypes = probe.types();
        this.buildTypes = build.types();
        this.payloadColumns = payloadColumns.clone();
        if ((returnsBuildRows || joinType.outputsRight()) && !Arrays.equals(payloadColumns, JoinResidual.identity(buildTypes.size()))) {
            throw new IllegalArgumentException("a join that outputs build rows must store every build column in order");
        }
        List<LogicalType> pt = new ArrayList<>();
        for (int c : payloadColumns) pt.add(buildTypes.get(c));
        this.payloadTypes = List.copyOf(pt);
        this.expectedBuildRows = expectedBuildRows;
        this.details = List.copyOf(details);
        this.rangeKey = new boolean[buildKeys.size()];
        for (int k = 0; k < rangeKey.length; k++) {
            TypeId b = this.buildKeys.get(k).type().id();
            TypeId p = this.probeKeys.get(k).type().id();
            rangeKey[k] = !nullsEqual[k] && b == p && (b == TypeId.INTEGER || b == TypeId.BIGINT);
        }
    }

    @Override
    public String name() {
        return "HASH_JOIN";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        d.add(returnsBuildRows ? "RIGHT_" + joinType.name() : joinType.name());
        d.addAll(details);
        if (unusedOutputs != null) {
            int n = 0;
            for (boolean u : unusedOutputs) n += u ? 1 : 0;
            d.add("Unread columns: " + n + " of " + unusedOutputs.length);
        }
        return d;
    }

    /**
     * Output columns nothing above reads (null: all are read). The probe output fills them with
     * NULLs instead of copying the probe rows' values and gathering the build rows' payload.
     */
    private boolean[] unusedOutputs;

    /**
     * Marks output columns that nothing above the join reads (see
     * {@code io.tealdb.execution.RequiredColumns}); set once by the planner, before execution.
     * Ignored for joins that return build rows, whose output comes from the build side's scan.
     */
    public PhysicalHashJoin withUnusedOutputs(boolean[] unused) {
        if (unused != null && unused.length != types().size()) {
            throw new IllegalArgumentException("unused outputs for " + unused.length + " of " + types().size() + " columns");
        }
        this.unusedOutputs = returnsBuildRows || unused == null ? null : unused.clone();
        return this;
    }

    private boolean unused(int column) {
        return unusedOutputs != null && unusedOutputs[column];
    }

    public JoinType joinType() {
        return joinType;
    }

    /** RIGHT_SEMI / RIGHT_ANTI: the result is the build rows with / without a partner. */
    public boolean returnsBuildRows() {
        return returnsBuildRows;
    }

    @Override
    public boolean requiresOrderedInput() {
        return false;
    }

    /** RIGHT/FULL/RIGHT_SEMI/RIGHT_ANTI: a pipeline after the probe emits build rows. */
    private boolean scansBuildRows() {
        return returnsBuildRows || joinType == JoinType.RIGHT || joinType == JoinType.FULL;
    }

    @Override
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        if (scansBuildRows()) {
            // copy made before this operator joins `current`: it starts at this operator as source
            Pipeline unmatched = builder.createUnionPipeline(current, true);
            builder.setSource(unmatched, this);
        }
        builder.addOperator(current, this);
        Pipeline build = builder.createChildPipeline(current, this);
        children().get(1).buildPipelines(build, builder);
        children().get(0).buildPipelines(current, builder);
    }

    // ------------------------------------------------------------------ build (sink)

    static final class BuildGlobal implements GlobalSinkState {
        final JoinHashTable table;
        /** Per key: smallest / largest value built (Long.MAX_VALUE / MIN_VALUE while none). */
        final AtomicLongArray min;
        final AtomicLongArray max;

        /** Per key: the built values as a bitmap over [min, max] (see {@link #keyBits}), set by finalize; null entries: none. */
        long[][] bits;

        BuildGlobal(JoinHashTable table, int keys) {
            this.table = table;
            this.min = new AtomicLongArray(keys);
            this.max = new AtomicLongArray(keys);
            for (int k = 0; k < keys; k++) {
                min.set(k, Long.MAX_VALUE);
                max.set(k, Long.MIN_VALUE);
            }
        }
    }

    private static final class BuildLocal implements LocalSinkState {
        final JoinHashTable.LocalBuild build;
        final ExpressionExecutor keys;
        final Vector[] keyVectors;
        final Vector[] payloadVectors;
        final long[] min;
        final long[] max;

        BuildLocal(JoinHashTable.LocalBuild build, ExpressionExecutor keys, int keyCount, int payloadCount) {
            this.build = build;
            this.keys = keys;
            this.keyVectors = new Vector[keyCount];
            this.payloadVectors = new Vector[payloadCount];
            this.min = new long[keyCount];
            this.max = new long[keyCount];
            Arrays.fill(min, Long.MAX_VALUE);
            Arrays.fill(max, Long.MIN_VALUE);
        }
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        List<LogicalType> keyTypes = buildKeys.stream().map(PhysicalExpr::type).toList();
        return new BuildGlobal(new JoinHashTable(joinType, returnsBuildRows, keyTypes, nullsEqual, payloadTypes),
                keyTypes.size());
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        BuildGlobal g = (BuildGlobal) global;
        // presize from the build side's estimate (split over the threads) so the store rarely
        // regrows, but never beyond MAX_PRESIZE_ROWS: an overestimate would reserve memory for rows
        // that never come (an 18-join chain presized for millions of rows at every level ran out of
        // memory on a few hundred); doubling from there costs a few copies.
        long est = expectedBuildRows >= 0 ? expectedBuildRows : children().get(1).estimatedCardinality();
        int expected = est <= 0 ? 1024 : (int) Math.min(MAX_PRESIZE_ROWS, est / Math.max(1, ctx.threads()) + 1024);
        return new BuildLocal(g.table.createLocalBuild(expected), new ExpressionExecutor(ctx, buildKeys), buildKeys.size(),
                payloadColumns.length);
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        BuildLocal l = (BuildLocal) local;
        for (int k = 0; k < l.keyVectors.length; k++) l.keyVectors[k] = l.keys.execute(k, chunk);
        for (int p = 0; p < payloadColumns.length; p++) l.payloadVectors[p] = chunk.column(payloadColumns[p]);
        int n = chunk.size();
        for (int k = 0; k < l.keyVectors.length; k++) {
            if (rangeKey[k]) trackRange(l, k, l.keyVectors[k], n);
        }
        l.build.append(l.keyVectors, l.payloadVectors, n);
        return SinkResult.NEED_MORE_INPUT;
    }

    private static void trackRange(BuildLocal l, int k, Vector v, int n) {
        long lo = l.min[k];
        long hi = l.max[k];
        if (v.ints != null) {
            int[] a = v.ints;
            for (int i = 0; i < n; i++) {
                if (v.isValid(i)) {
                    lo = Math.min(lo, a[i]);
                    hi = Math.max(hi, a[i]);
                }
            }
        } else {
            long[] a = v.longs;
            for (int i = 0; i < n; i++) {
                if (v.isValid(i)) {
                    lo = Math.min(lo, a[i]);
                    hi = Math.max(hi, a[i]);
                }
            }
        }
        l.min[k] = lo;
        l.max[k] = hi;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        BuildGlobal g = (BuildGlobal) global;
        BuildLocal l = (BuildLocal) local;
        g.table.addLocal(l.build);
        for (int k = 0; k < l.min.length; k++) {
            long lo = l.min[k];
            long hi = l.max[k];
            g.min.accumulateAndGet(k, lo, Math::min);
            g.max.accumulateAndGet(k, hi, Math::max);
        }
    }

    /**
     * True if a probe row without a partner leaves no trace in the output: INNER, RIGHT, SEMI and
     * the RIGHT_SEMI / RIGHT_ANTI forms (whose probe only marks build rows).
     */
    public boolean dropsProbeRowsWithoutPartner() {
        return joinType == JoinType.INNER || joinType == JoinType.RIGHT || joinType == JoinType.SEMI
                || (returnsBuildRows && joinType == JoinType.ANTI);
    }

    /** The probe key expressions (over the probe child's columns). */
    public List<PhysicalExpr> probeKeys() {
        return probeKeys;
    }

    /** Whether probe key {@code k} can have a key range: an INTEGER/BIGINT key where NULL never matches. */
    public boolean rangeKey(int k) {
        return rangeKey[k];
    }

    /** The number of probe columns (the first columns of this join's output, unless it returns build rows). */
    public int probeColumnCount() {
        return probeTypes.size();
    }

    @Override
    public long[] keyRange(ExecutionContext ctx, int key) {
        if (!dropsProbeRowsWithoutPartner() || !rangeKey[key]) return null;
        BuildGlobal g = (BuildGlobal) ctx.sinkState(this);
        long lo = g.min.get(key);
        long hi = g.max.get(key);
        // no non-NULL key built: no probe row can find a partner (NULL never matches here), so the
        // empty range [1, 0] lets the scan skip everything
        return lo > hi ? new long[] {1, 0} : new long[] {lo, hi};
    }

    @Override
    public void finalize(ExecutionContext ctx, GlobalSinkState global) {
        BuildGlobal g = (BuildGlobal) global;
        g.table.prepare();
        if (dropsProbeRowsWithoutPartner()) {
            long[][] bits = new long[rangeKey.length][];
            for (int k = 0; k < rangeKey.length; k++) {
                if (rangeKey[k]) bits[k] = buildKeyBits(g.table.rows().column(k), g.table.rows().size(), g.min.get(k), g.max.get(k),
                        probeRows(children().get(0)));
            }
            g.bits = bits;
        }
    }

    /**
     * The estimated rows of the probe side, from the first operator down its pipeline that has an
     * estimate: a FILTER has none (-1), and the scan beneath it, where the key bitmap is tested on
     * every row, is the count that matters. (Taking a filter's -1 as 0 rows left TPC-H Q04's
     * lineitem scan, under {@code l_commitdate < l_receiptdate}, without the orders' bitmap: all
     * 6,000,000 rows were decoded and probed instead of the 4% with a partner.)
     */
    static long probeRows(PhysicalOperator probe) {
        PhysicalOperator p = probe;
        while (p.estimatedCardinality() < 0 && p.children().size() == 1) p = p.children().get(0);
        return p.estimatedCardinality();
    }

    /** A bitmap of up to this many bits (128 KiB, within a core's cache) is made for any number of built rows. */
    static final long FREE_KEY_BITS = 1L << 20;

    /** Widest key span a bitmap is made for (bits; 16 MiB). */
    static final long MAX_KEY_BITS = 1L << 27;

    /**
     * The values of a built key column as a bitmap over [lo, hi], or null when the span is wider
     * than {@link #MAX_KEY_BITS}, or wider than both 64 bits per built row beyond {@link #FREE_KEY_BITS}
     * and 8 bits per estimated probe row (clearing and counting the bitmap would then cost more than
     * the probes it saves), or when nine in ten values of the span are present (it would filter next
     * to nothing beyond the key range). Dimension surrogate keys are dense, so a filtered dimension's
     * keys (TPC-DS: a month of dates; the 39 of 18,000 items of one manufacturer in Q03, spread over
     * the whole key range) make a small, selective bitmap. The probe-side allowance covers a few
     * selected rows of a large table on the build side against a larger one: TPC-H Q12 builds 31,000
     * lineitems whose order keys span all 6,000,000 orders (a 750 KB bitmap), and the bitmap drops
     * 98% of the 1,500,000 orders in the scan instead of in the hash probe. Rows with a NULL key may
     * set a spurious bit: the set may only grow, never lose a built value.
     */
    static long[] buildKeyBits(GrowableColumn column, int rows, long lo, long hi, long probeEstimate) {
        if (rows == 0 || lo > hi) return null;
        long span = hi - lo + 1;
        if (span <= 0 || span > MAX_KEY_BITS
                || (span > 64L * rows + FREE_KEY_BITS && span > 8L * Math.max(0, probeEstimate))) return null;
        long[] words = new long[(int) ((span + 63) >>> 6)];
        if (column.ints != null) {
            int[] a = column.ints;
            for (int i = 0; i < rows; i++) {
                long off = a[i] - lo;
                if (off >= 0 && off < span) words[(int) (off >>> 6)] |= 1L << off;
            }
        } else if (column.longs != null) {
            long[] a = column.longs;
            for (int i = 0; i < rows; i++) {
                long off = a[i] - lo;
                if (off >= 0 && off < span) words[(int) (off >>> 6)] |= 1L << off;
            }
        } else {
            return null;
        }
        long set = 0;
        for (long w : words) set += Long.bitCount(w);
        return set > 0.9 * span ? null : words;
    }

    @Override
    public long[] keyBits(ExecutionContext ctx, int key) {
        if (!dropsProbeRowsWithoutPartner() || !rangeKey[key]) return null;
        long[][] bits = ((BuildGlobal) ctx.sinkState(this)).bits;
        return bits == null ? null : bits[key];
    }

    // ------------------------------------------------------------------ probe (streaming operator)

    private final class ProbeState implements OperatorState {
        final JoinHashTable table;
        final ExpressionExecutor keys;
        final Vector[] keyVectors = new Vector[probeKeys.size()];
        final JoinProber prober;
        final Vector[] outVectors;
        final ExpressionExecutor residualExec;
        final DataChunk pairs;
        final int[] selOut = new int[DataChunk.CAPACITY];
        DataChunk input;
        boolean inProgress;

        ProbeState(ExecutionContext ctx, JoinHashTable table) {
            this.table = table;
            this.keys = new ExpressionExecutor(ctx, probeKeys);
            List<LogicalType> types = types();
            outVectors = new Vector[types.size()];
            for (int i = 0; i < outVectors.length; i++) {
                outVectors[i] = new Vector(types.get(i), DataChunk.CAPACITY);
                // an unread column's vector stays all NULL: it is emitted as is for every chunk
                if (unused(i)) Arrays.fill(outVectors[i].ensureValidity(), 0L);
            }
            if (residual != null) {
                residualExec = new ExpressionExecutor(ctx, residual.predicate());
                List<LogicalType> pairTypes = new ArrayList<>();
                for (int c : residual.probeColumns()) pairTypes.add(probeTypes.get(c));
                for (int p : residual.payloadColumns()) pairTypes.add(payloadTypes.get(p));
                pairs = new DataChunk(pairTypes);
                prober = table.newProber(this::filterPairs);
            } else {
                residualExec = null;
                pairs = null;
                prober = table.newProber(null);
            }
        }

        private int filterPairs(int[] probeRows, int[] buildRows, int count) {
            int[] probeColumns = residual.probeColumns();
            int[] payload = residual.payloadColumns();
            for (int c = 0; c < probeColumns.length; c++) {
                Vector v = pairs.column(c);
                v.reset();
                v.copyFrom(input.column(probeColumns[c]), probeRows, 0, count, 0);
            }
            int at = probeColumns.length;
            for (int c = 0; c < payload.length; c++) {
                Vector v = pairs.column(at + c);
                v.reset();
                table.payload(payload[c]).gather(buildRows, count, v, 0);
            }
            pairs.setSize(count);
            int n = residualExec.select(0, pairs, selOut);
            for (int i = 0; i < n; i++) {
                int s = selOut[i];
                probeRows[i] = probeRows[s];
                buildRows[i] = buildRows[s];
            }
            return n;
        }
    }

    @Override
    public OperatorState operatorState(ExecutionContext ctx, GlobalOperatorState global) {
        return new ProbeState(ctx, ((BuildGlobal) ctx.sinkState(this)).table);
    }

    @Override
    public OperatorResult execute(ExecutionContext ctx, DataChunk input, DataChunk output, GlobalOperatorState global,
                                  OperatorState state) {
        ProbeState st = (ProbeState) state;
        JoinProber prober = st.prober;
        if (!st.inProgress) {
            for (int k = 0; k < st.keyVectors.length; k++) st.keyVectors[k] = st.keys.execute(k, input);
            st.input = input;
            prober.probe(st.keyVectors, input.size());
            st.inProgress = true;
        }
        int n = 0;
        while (!prober.finished()) {
            n = prober.next();
            if (n > 0) break;
        }
        writeOutput(st, input, output, n);
        if (prober.finished()) {
            st.inProgress = false;
            st.input = null;
            return OperatorResult.NEED_MORE_INPUT;
        }
        return OperatorResult.HAVE_MORE_OUTPUT;
    }

    private void writeOutput(ProbeState st, DataChunk input, DataChunk output, int n) {
        if (returnsBuildRows) { // the probe only marked build rows; they are emitted by getData
            output.setSize(0);
            return;
        }
        int l = probeTypes.size();
        int[] probeRows = st.prober.probeRows();
        for (int c = 0; c < l; c++) {
            Vector v = st.outVectors[c];
            if (!unused(c)) {
                v.reset();
                v.copyFromSharing(input.column(c), probeRows, n);
            }
            output.setColumn(c, v);
        }
        int at = l;
        if (joinType.outputsRight()) { // the payload is every build column, in order
            for (int c = 0; c < buildTypes.size(); c++) {
                Vector v = st.outVectors[at + c];
                if (unused(at + c)) {
                    output.setColumn(at + c, v);
                    continue;
                }
                v.reset();
                st.table.payload(c).gatherSharing(st.prober.buildRows(), n, v);
                output.setColumn(at + c, v);
            }
            at += buildTypes.size();
        }
        if (joinType == JoinType.MARK) {
            Vector v = st.outVectors[at];
            v.reset();
            if (n > 0) st.prober.writeMark(v);
            output.setColumn(at, v);
        }
        output.setSize(n);
    }

    // ------------------------------------------------------------------ build rows after the probe (source)

    private static final class ScanGlobal implements GlobalSourceState {
        final AtomicInteger next = new AtomicInteger();
    }

    private static final class ScanLocal implements LocalSourceState {
        final int[] rows = new int[DataChunk.CAPACITY];
        Vector[] vectors;
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new ScanGlobal();
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new ScanLocal();
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        JoinHashTable table = ((BuildGlobal) ctx.sinkState(this)).table;
        ScanGlobal g = (ScanGlobal) global;
        ScanLocal l = (ScanLocal) local;
        if (l.vectors == null) {
            List<LogicalType> types = types();
            l.vectors = new Vector[types.size()];
            for (int i = 0; i < types.size(); i++) l.vectors[i] = new Vector(types.get(i), DataChunk.CAPACITY);
        }
        int total = table.rowCount();
        int n = 0;
        while (n == 0) {
            int from = g.next.getAndAdd(DataChunk.CAPACITY);
            if (from >= total) return false;
            int to = Math.min(total, from + DataChunk.CAPACITY);
            n = returnsBuildRows && joinType == JoinType.SEMI
                    ? table.matchedRows(from, to, l.rows)
                    : table.unmatchedRows(from, to, l.rows);
        }
        // RIGHT/FULL: NULL probe columns, then the build row; RIGHT_SEMI/RIGHT_ANTI: the build row only
        int left = returnsBuildRows ? 0 : probeTypes.size();
        for (int c = 0; c < left; c++) {
            Vector v = l.vectors[c];
            v.reset();
            Arrays.fill(v.ensureValidity(), 0L);
            out.setColumn(c, v);
        }
        for (int c = 0; c < buildTypes.size(); c++) {
            Vector v = l.vectors[left + c];
            v.reset();
            table.payload(c).gatherSharing(l.rows, n, v);
            out.setColumn(left + c, v);
        }
        out.setSize(n);
        return true;
    }
}
