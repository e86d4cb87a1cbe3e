package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Source;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table function in FROM (range, generate_series, read_csv, read_parquet, ...). Serial functions
 * are read by one thread; functions with morsels (Parquet row groups) are read by several threads,
 * each claiming the next morsel, with the morsel number as batch index so order is kept.
 */
public final class TableFunctionOperator extends PhysicalOperator implements Source {
    private final TableFunction function;

    public TableFunctionOperator(TableFunction function, List<LogicalType> types) {
        super(types, List.of(), function.estimatedRows());
        this.function = function;
    }

    @Override
    public String name() {
        return "TABLE_FUNCTION";
    }

    @Override
    public List<String> details() {
        return List.of(function.describe());
    }

    private static final class Global implements GlobalSourceState {
        final TableFunction.Scan scan;
        final int morsels;
        final AtomicInteger next = new AtomicInteger();
        final AtomicLong rows = new AtomicLong();

        Global(TableFunction.Scan scan, int morsels) {
            this.scan = scan;
            this.morsels = morsels;
        }
    }

    private static final class Local implements LocalSourceState {
        TableFunction.Scan scan;
        int morsel = -1;

        @Override
        public long batchIndex() {
            return Math.max(morsel, 0);
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        int morsels = function.morselCount();
        return new Global(morsels < 0 ? function.open() : null, morsels);
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new Local();
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Math.max(1, ((Global) global).morsels);
    }

    @Override
    public boolean supportsBatchIndex() {
        return function.morselCount() >= 0;
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        out.reset();
        if (g.scan != null) {
            boolean more = g.scan.next(out);
            if (more) g.rows.addAndGet(out.size());
            return more;
        }
        Local l = (Local) local;
        while (true) {
            if (l.scan == null) {
                int m = g.next.getAndIncrement();
                if (m >= g.morsels) return false;
                l.morsel = m;
                l.scan = function.openMorsel(m);
            }
            if (l.scan.next(out)) {
                g.rows.addAndGet(out.size());
                return true;
            }
            l.scan = null;
            out.reset();
        }
    }

    @Override
    public double progress(GlobalSourceState global) {
        long est = function.estimatedRows();
        return est <= 0 ? -1 : Math.min(1.0, (double) ((Global) global).rows.get() / est);
    }
}
