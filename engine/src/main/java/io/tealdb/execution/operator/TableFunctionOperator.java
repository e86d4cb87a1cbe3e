package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.KeyRangeSource;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Source;
import io.tealdb.function.JoinKeyFilter;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table function in FROM (range, read_csv, a registered Arrow stream, ...). Read by one thread,
 * unless the function is {@link TableFunction#parallel() parallel}: then every worker pulls morsels
 * from one shared {@link TableFunction.ParallelScan}, each chunk tagged with its morsel index.
 */
public final class TableFunctionOperator extends PhysicalOperator implements Source {
    private final TableFunction function;
    /** The function's columns to produce (projection pushdown), or null for all of them. */
    private final int[] columns;
    /** Key ranges of hash joins this scan feeds as probe input, added by the physical planner; read when the scan starts. */
    private final List<RuntimeRange> runtimeRanges = new ArrayList<>();

    /** Output column {@code column} (function column {@code functionColumn}) must lie in key {@code key}'s range of {@code source}. */
    private record RuntimeRange(int column, int functionColumn, KeyRangeSource source, int key, String label) {
    }

    public TableFunctionOperator(TableFunction function, List<LogicalType> types) {
        this(function, types, null);
    }

    public TableFunctionOperator(TableFunction function, List<LogicalType> types, int[] columns) {
        super(types, List.of(), function.estimatedRows());
        this.function = function;
        this.columns = columns;
    }

    /**
     * Filters output column {@code column} by key {@code key} of {@code source} (its range and value
     * set), known when this scan starts, when the function can use them: INTEGER and BIGINT only.
     */
    public void addRuntimeKeyRange(int column, KeyRangeSource source, int key, String label) {
        TypeId id = types().get(column).id();
        if (!function.supportsJoinKeyFilters() || id != TypeId.INTEGER && id != TypeId.BIGINT) return;
        int functionColumn = columns != null && function.supportsProjection() ? columns[column] : column;
        runtimeRanges.add(new RuntimeRange(column, functionColumn, source, key, label));
    }

    @Override
    public String name() {
        return "TABLE_FUNCTION";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        d.add(function.describe());
        if (columns != null) d.add("Projection: " + Arrays.toString(columns));
        for (RuntimeRange r : runtimeRanges) d.add("Join key range: " + r.label());
        return d;
    }

    private static final class Global implements GlobalSourceState, AutoCloseable {
        final TableFunction.Scan scan;
        final AtomicLong rows = new AtomicLong();

        Global(TableFunction.Scan scan) {
            this.scan = scan;
        }

        @Override
        public void close() {
            scan.close();
        }
    }

    private static final class Local implements LocalSourceState {
        long morsel;
        boolean started;
        Object scanState;

        @Override
        public long batchIndex() {
            return morsel;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        int[] projection = columns != null && function.supportsProjection() ? columns : null;
        if (!runtimeRanges.isEmpty()) {
            // the joins' build sides ran in earlier pipelines: their key ranges and sets are known now
            List<JoinKeyFilter> keys = new ArrayList<>();
            for (RuntimeRange r : runtimeRanges) {
                long[] range = r.source().keyRange(ctx, r.key());
                if (range == null) continue;
                long[] bits = range[0] > range[1] ? null : r.source().keyBits(ctx, r.key());
                keys.add(new JoinKeyFilter(r.functionColumn(), range[0], range[1], bits));
            }
            if (!keys.isEmpty()) return new Global(function.open(projection, keys));
        }
        return new Global(projection != null ? function.open(projection) : function.open());
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new Local();
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return ((Global) global).scan instanceof TableFunction.ParallelScan p ? Math.max(1, p.maxThreads()) : 1;
    }

    @Override
    public boolean supportsBatchIndex() {
        return function.parallel();
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        out.reset();
        boolean more;
        if (g.scan instanceof TableFunction.ParallelScan p) {
            Local l = (Local) local;
            if (!l.started) {
                l.started = true;
                l.scanState = p.newLocalState();
            }
            long morsel = p.nextMorsel(out, l.scanState);
            more = morsel >= 0;
            if (more) l.morsel = morsel;
        } else {
            more = g.scan.next(out);
        }
        if (more) g.rows.addAndGet(out.size());
        return more;
    }

    @Override
    public double progress(GlobalSourceState global) {
        long est = function.estimatedRows();
        return est <= 0 ? -1 : Math.min(1.0, (double) ((Global) global).rows.get() / est);
    }
}
