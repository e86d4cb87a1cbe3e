package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Source;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
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

    public TableFunctionOperator(TableFunction function, List<LogicalType> types) {
        this(function, types, null);
    }

    public TableFunctionOperator(TableFunction function, List<LogicalType> types, int[] columns) {
        super(types, List.of(), function.estimatedRows());
        this.function = function;
        this.columns = columns;
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
        return d;
    }

    private static final class Global implements GlobalSourceState {
        final TableFunction.Scan scan;
        final AtomicLong rows = new AtomicLong();

        Global(TableFunction.Scan scan) {
            this.scan = scan;
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
        return new Global(columns != null && function.supportsProjection() ? function.open(columns) : function.open());
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
