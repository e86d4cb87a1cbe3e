package io.tealdb.execution.operator;

import io.tealdb.error.NotImplementedException;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.PhysicalPlanner;
import io.tealdb.execution.Source;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel scan of a stored table: threads claim morsels (row groups) in order from an atomic
 * counter; pushed-down filters are applied inside the scan (only surviving rows leave it). Batch
 * index = morsel number, so order-preserving sinks can restore insertion order.
 */
public final class TableScanOperator extends PhysicalOperator implements Source {
    private final String tableName;
    private final ScanProvider table;
    private final int[] columnIds;
    private final List<PhysicalExpr> filters;

    public TableScanOperator(String tableName, List<LogicalType> types, ScanProvider table, int[] columnIds,
                             List<PhysicalExpr> filters, long estimated) {
        super(types, List.of(), estimated);
        this.tableName = tableName;
        this.table = table;
        this.columnIds = columnIds;
        this.filters = List.copyOf(filters);
    }

    public static TableScanOperator create(LogicalGet g) {
        if (!(g.table().storage() instanceof ScanProvider provider)) {
            throw new NotImplementedException("Scanning table \"" + g.table().name() + "\" is not supported by its storage yet");
        }
        int[] ids = g.columnIds().stream().mapToInt(Integer::intValue).toArray();
        List<PhysicalExpr> filters = PhysicalPlanner.compile(g.filters() == null ? List.of() : g.filters(), g.bindings());
        return new TableScanOperator(g.table().name(), g.types(), provider, ids, filters,
                g.table().storage().estimatedRowCount());
    }

    /** This scan with more filters applied inside it (a Filter directly above the scan). */
    public TableScanOperator withExtraFilters(List<PhysicalExpr> extra) {
        List<PhysicalExpr> all = new ArrayList<>(filters);
        all.addAll(extra);
        return new TableScanOperator(tableName, types(), table, columnIds, all, estimatedCardinality());
    }

    @Override
    public String name() {
        return "TABLE_SCAN";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        d.add("Table: " + tableName);
        if (!filters.isEmpty()) {
            StringBuilder sb = new StringBuilder("Filters: ");
            for (int i = 0; i < filters.size(); i++) sb.append(i > 0 ? " AND " : "").append(filters.get(i));
            d.add(sb.toString());
        }
        return d;
    }

    private static final class Global implements GlobalSourceState {
        final AtomicInteger next = new AtomicInteger();
        final int morsels;

        Global(int morsels) {
            this.morsels = morsels;
        }
    }

    private static final class Local implements LocalSourceState {
        ScanProvider.MorselReader reader;
        long morsel;
        final DataChunk raw;
        final Vector[] own;
        final ExpressionExecutor filter;
        final int[] sel = new int[DataChunk.CAPACITY];

        Local(List<LogicalType> types, ExpressionExecutor filter) {
            raw = new DataChunk(types);
            own = new DataChunk(types).columns();
            this.filter = filter;
        }

        @Override
        public long batchIndex() {
            return morsel;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new Global(table.morselCount(ctx.transaction()));
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new Local(types(), filters.isEmpty() ? null : new ExpressionExecutor(ctx, filters));
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Math.max(1, ((Global) global).morsels);
    }

    @Override
    public boolean supportsBatchIndex() {
        return true;
    }

    @Override
    public double progress(GlobalSourceState global) {
        Global g = (Global) global;
        return g.morsels == 0 ? 1 : Math.min(1.0, (double) g.next.get() / g.morsels);
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        Local l = (Local) local;
        while (true) {
            if (l.reader == null) {
                int m = g.next.getAndIncrement();
                if (m >= g.morsels) return false;
                l.morsel = m;
                l.reader = table.openMorsel(ctx.transaction(), m, columnIds);
            }
            if (!l.reader.next(l.raw)) {
                l.reader = null;
                continue;
            }
            DataChunk raw = l.raw;
            int n = raw.size();
            if (l.filter != null && n > 0) {
                int k = l.filter.selectAll(raw, l.sel);
                if (k < n) {
                    for (int c = 0; c < l.own.length; c++) {
                        Vector v = l.own[c];
                        v.reset();
                        v.copyFrom(raw.column(c), l.sel, 0, k, 0);
                        out.setColumn(c, v);
                    }
                    out.setSize(k);
                    return true;
                }
            }
            for (int c = 0; c < out.columnCount(); c++) out.setColumn(c, raw.column(c));
            out.setSize(n);
            return true;
        }
    }
}
