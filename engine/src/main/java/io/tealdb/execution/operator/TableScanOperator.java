package io.tealdb.execution.operator;

import io.tealdb.error.InternalException;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.KeyRangeSource;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.PhysicalPlanner;
import io.tealdb.execution.Source;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.FilterOrder;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.FilteredMorselScan;
import io.tealdb.storage.MorselScan;
import io.tealdb.storage.TableFilter;
import io.tealdb.storage.TableScan;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parallel scan of a stored table: threads claim morsels (row groups) in order from an atomic
 * counter; pushed-down filters are applied inside the scan (only surviving rows leave it). Batch
 * index = morsel number, so order-preserving sinks can restore insertion order.
 */
public final class TableScanOperator extends PhysicalOperator implements Source {
    private final String tableName;
    /** Test/adapter tables; null for storage tables. */
    private final ScanProvider table;
    private final DataTable storage;
    private final int[] columnIds;
    private final List<PhysicalExpr> filters;
    /**
     * Key ranges of hash joins this scan feeds as probe input ({@link KeyRangeSource}), added by the
     * physical planner once the joins above exist; read when the scan starts.
     */
    private final List<RuntimeRange> runtimeRanges = new ArrayList<>();

    /** Output column {@code column} must lie in key {@code key}'s range of {@code source}. */
    private record RuntimeRange(int column, KeyRangeSource source, int key, String label) {
    }

    public TableScanOperator(String tableName, List<LogicalType> types, ScanProvider table, DataTable storage,
                             int[] columnIds, List<PhysicalExpr> filters, long estimated) {
        super(types, List.of(), estimated);
        this.tableName = tableName;
        this.table = table;
        this.storage = storage;
        this.columnIds = columnIds;
        this.filters = List.copyOf(FilterOrder.cheapFirst(filters));
    }

    public static TableScanOperator create(LogicalGet g) {
        DataTable storage = g.table().storage();
        ScanProvider provider = storage instanceof ScanProvider p ? p : null;
        int[] ids = g.columnIds().stream().mapToInt(Integer::intValue).toArray();
        List<PhysicalExpr> filters = PhysicalPlanner.compile(g.filters() == null ? List.of() : g.filters(), g.bindings());
        return new TableScanOperator(g.table().name(), g.types(), provider, provider == null ? storage : null, ids, filters,
                storage.estimatedRowCount());
    }

    /** This scan with more filters applied inside it (a Filter directly above the scan). */
    public TableScanOperator withExtraFilters(List<PhysicalExpr> extra) {
        List<PhysicalExpr> all = new ArrayList<>(filters);
        all.addAll(extra);
        TableScanOperator scan = new TableScanOperator(tableName, types(), table, storage, columnIds, all,
                estimatedCardinality());
        scan.runtimeRanges.addAll(runtimeRanges);
        return scan;
    }

    /**
     * Filters output column {@code column} to the range of key {@code key} of {@code source}, known
     * when this scan starts (the source's build side runs in an earlier pipeline). Only INTEGER and
     * BIGINT columns; others are ignored.
     */
    public void addRuntimeKeyRange(int column, KeyRangeSource source, int key, String label) {
        TypeId id = types().get(column).id();
        if ((id == TypeId.INTEGER || id == TypeId.BIGINT) && columnIds[column] >= 0) {
            runtimeRanges.add(new RuntimeRange(column, source, key, label));
        }
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
        for (RuntimeRange r : runtimeRanges) {
            d.add("Join key range: " + r.label());
        }
        return d;
    }

    /**
     * The runtime key ranges known now as {@code column >= min} and {@code column <= max}; with
     * {@code bits}, only those of keys without a key set (a key set's check covers its range).
     */
    private List<PhysicalExpr> rangeFilters(ExecutionContext ctx, List<KeyBits> bits) {
        List<PhysicalExpr> out = new ArrayList<>();
        for (RuntimeRange r : runtimeRanges) {
            long[] range = r.source().keyRange(ctx, r.key());
            if (range == null) continue;
            if (bits != null) {
                boolean covered = false;
                for (KeyBits kb : bits) covered |= kb.range() == r;
                if (covered) continue;
            }
            LogicalType t = types().get(r.column());
            PhysicalExpr col = new PhysicalExpr.ColumnRef(r.column(), t, null);
            out.add(new PhysicalExpr.Comparison(ComparisonOp.GE, col, new PhysicalExpr.Constant(constant(t, range[0]))));
            out.add(new PhysicalExpr.Comparison(ComparisonOp.LE, col, new PhysicalExpr.Constant(constant(t, range[1]))));
        }
        return out;
    }

    /** Output column {@code column} must be a value v with bit {@code v - base} of {@code words} set. */
    private record KeyBits(RuntimeRange range, int column, long base, long[] words) {
    }

    /** The key sets of the runtime ranges known now. */
    private List<KeyBits> keyBits(ExecutionContext ctx) {
        List<KeyBits> out = new ArrayList<>();
        for (RuntimeRange r : runtimeRanges) {
            long[] range = r.source().keyRange(ctx, r.key());
            long[] words = range == null || range[0] > range[1] ? null : r.source().keyBits(ctx, r.key());
            if (words != null) out.add(new KeyBits(r, r.column(), range[0], words));
        }
        return out;
    }

    /**
     * Keeps the selected rows whose key is not NULL, lies within the bitmap's span and has its bit
     * set (the key's range filter is not evaluated separately: this one pass is both); sel stays
     * ascending. The span test and the bit are combined without a branch per row.
     */
    private static int filterKeyBits(DataChunk chunk, KeyBits kb, int[] sel, int n) {
        if (kb.words().length == 0) return 0;
        return io.tealdb.function.JoinKeyFilter.select(chunk.column(kb.column()), kb.base(), ((long) kb.words().length << 6) - 1,
                kb.words(), sel, n);
    }

    private static Value constant(LogicalType t, long v) {
        return t.id() == TypeId.INTEGER ? new Value(t, (int) v) : new Value(t, v);
    }

    private static final class Global implements GlobalSourceState {
        final AtomicInteger next = new AtomicInteger();
        final int morsels;
        final TableScan scan;
        int claimed;
        /** Not a monitor: worker threads are virtual, and on the JDK 25 we run a virtual thread blocked on a
         * contended monitor could stay blocked after it was released (JDK-8373120, fixed in 25.0.4). */
        final ReentrantLock claimLock = new ReentrantLock();
        /** The pushed filters and the join key ranges known when the scan started. */
        final List<PhysicalExpr> filters;
        /** The join key sets known when the scan started (each column also has its range among the filters). */
        final List<KeyBits> keyBits;

        Global(int morsels, TableScan scan, List<PhysicalExpr> filters, List<KeyBits> keyBits) {
            this.morsels = morsels;
            this.scan = scan;
            this.filters = filters;
            this.keyBits = keyBits;
        }

        /** Claims the next storage morsel together with its index (claims are in storage order). */
        MorselScan claim(Local l) {
            claimLock.lock();
            try {
                MorselScan m = scan.nextMorsel();
                if (m != null) l.morsel = claimed++;
                return m;
            } finally {
                claimLock.unlock();
            }
        }
    }

    private static final class Local implements LocalSourceState {
        ScanProvider.MorselReader reader;
        MorselScan morselScan;
        long morsel;
        final DataChunk raw;
        final Vector[] own;
        final ExpressionExecutor filter;
        final List<KeyBits> keyBits;
        final int[] sel = new int[DataChunk.CAPACITY];
        /** Output columns the filters read (read first, for all rows), or null: no filters, or they read every column. */
        final boolean[] filterColumns;

        /** Output columns the join key sets read, when there are also filters reading other columns; else null. */
        final boolean[] keyColumns;
        /** The filter columns of the rows the key sets keep (two-stage reads), or null. */
        final DataChunk compact;

        Local(List<LogicalType> types, ExpressionExecutor filter, List<KeyBits> keyBits, boolean[] filterColumns,
              boolean[] keyColumns) {
            raw = new DataChunk(types);
            own = new DataChunk(types).columns();
            this.filter = filter;
            this.keyBits = keyBits;
            this.filterColumns = filterColumns;
            this.keyColumns = keyColumns;
            this.compact = keyColumns == null ? null : new DataChunk(types);
        }

        /**
         * Rows among {@code sel[0..count)} passing the join key sets and the filters (see
         * {@link FilteredMorselScan.RowSelector}): the key sets first (one cheap pass over a column
         * each, usually the more selective test), the filters only on the rows they keep.
         */
        int select(DataChunk chunk, int[] sel, int count) {
            return selectFilters(chunk, sel, selectKeys(chunk, sel, count));
        }

        /** Rows among {@code sel[0..count)} passing the join key sets. */
        int selectKeys(DataChunk chunk, int[] sel, int count) {
            if (count == chunk.size()) for (int i = 0; i < count; i++) sel[i] = i;
            int k = count;
            for (int i = 0; i < keyBits.size() && k > 0; i++) k = filterKeyBits(chunk, keyBits.get(i), sel, k);
            return k;
        }

        /** Rows among {@code sel[0..count)} passing the filters. */
        int selectFilters(DataChunk chunk, int[] sel, int count) {
            if (filter == null || count == 0) {
                if (count == chunk.size()) for (int i = 0; i < count; i++) sel[i] = i;
                return count;
            }
            return filter.selectAll(chunk, count == chunk.size() ? null : sel, count, sel);
        }

        @Override
        public long batchIndex() {
            return morsel;
        }
    }

    /** Pushed filters of the form {@code column op constant}, for zone-map skipping in storage. */
    private List<TableFilter> zoneMapFilters(List<PhysicalExpr> filters) {
        List<TableFilter> out = new ArrayList<>();
        for (PhysicalExpr f : filters) {
            if (f instanceof PhysicalExpr.Comparison c && c.left() instanceof PhysicalExpr.ColumnRef col
                    && c.right() instanceof PhysicalExpr.Constant k && !k.value().isNull()
                    && k.value().type().equals(col.type())) {
                TableFilter.Op op = switch (c.op()) {
                    case EQ -> TableFilter.Op.EQ;
                    case NE -> TableFilter.Op.NE;
                    case LT -> TableFilter.Op.LT;
                    case LE -> TableFilter.Op.LE;
                    case GT -> TableFilter.Op.GT;
                    case GE -> TableFilter.Op.GE;
                    default -> null;
                };
                if (op != null && columnIds[col.index()] >= 0) out.add(new TableFilter(columnIds[col.index()], op, k.value()));
            } else if (f instanceof PhysicalExpr.IsNull n && n.child() instanceof PhysicalExpr.ColumnRef col
                    && columnIds[col.index()] >= 0) {
                out.add(new TableFilter(columnIds[col.index()], n.negated() ? TableFilter.Op.IS_NOT_NULL : TableFilter.Op.IS_NULL, null));
            }
        }
        return out;
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        List<KeyBits> bits = keyBits(ctx);
        List<PhysicalExpr> all = filters;
        if (!runtimeRanges.isEmpty()) {
            all = new ArrayList<>(filters);
            all.addAll(rangeFilters(ctx, bits));
            all = FilterOrder.cheapFirst(all);
        }
        if (table != null) return new Global(table.morselCount(ctx.transaction()), null, all, bits);
        if (!(ctx.transaction() instanceof Transaction txn)) {
            throw new InternalException("table scan needs a storage Transaction in the ExecutionContext");
        }
        // zone maps skip by every key range, also those whose rows the key sets check
        List<PhysicalExpr> zoned = new ArrayList<>(filters);
        zoned.addAll(rangeFilters(ctx, null));
        TableScan scan = storage.scan(txn, columnIds, zoneMapFilters(zoned));
        return new Global(scan.morselCount(), scan, all, bits);
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        List<PhysicalExpr> all = ((Global) global).filters;
        List<KeyBits> bits = ((Global) global).keyBits;
        if (all.isEmpty() && bits.isEmpty()) return new Local(types(), null, bits, null, null);
        java.util.BitSet read = new java.util.BitSet();
        for (PhysicalExpr f : all) read.or(io.tealdb.execution.expression.ColumnRefs.of(f));
        java.util.BitSet keys = new java.util.BitSet();
        for (KeyBits kb : bits) keys.set(kb.column());
        // two stages when the filters read a column the key sets do not
        java.util.BitSet filterOnly = (java.util.BitSet) read.clone();
        filterOnly.andNot(keys);
        read.or(keys);
        boolean[] filterColumns = null;
        boolean[] keyColumns = null;
        if (read.cardinality() < types().size()) {
            filterColumns = flags(read);
            if (!keys.isEmpty() && !filterOnly.isEmpty()) keyColumns = flags(keys);
        }
        return new Local(types(), all.isEmpty() ? null : new ExpressionExecutor(ctx, all), bits, filterColumns, keyColumns);
    }

    private boolean[] flags(java.util.BitSet columns) {
        boolean[] out = new boolean[types().size()];
        for (int c = columns.nextSetBit(0); c >= 0 && c < out.length; c = columns.nextSetBit(c + 1)) out[c] = true;
        return out;
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
        if (g.scan != null) return g.scan.progress();
        return g.morsels == 0 ? 1 : Math.min(1.0, (double) g.next.get() / g.morsels);
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        Local l = (Local) local;
        // a stored table's morsels refill this thread's vectors from scratch for every chunk (see
        // DataChunk.handsOver): the result collector takes their memory instead of copying the rows
        out.setHandsOver(g.scan != null);
        while (true) {
            if (g.scan != null) {
                if (l.morselScan == null) {
                    l.morselScan = g.claim(l);
                    if (l.morselScan == null) return false;
                }
                if (l.filterColumns != null && l.morselScan instanceof FilteredMorselScan f) {
                    // late materialization: the other columns are read for the rows the filters keep;
                    // with join key sets and other filters, those filters' columns only for the rows
                    // the key sets keep
                    boolean more = l.keyColumns == null
                            ? f.nextSelected(l.raw, l.filterColumns, l::select, l.sel, l.own, out)
                            : f.nextSelected(l.raw, l.keyColumns, l::selectKeys, l.filterColumns, l::selectFilters, l.compact,
                                    l.sel, l.own, out);
                    if (more) return true;
                    l.morselScan = null;
                    continue;
                }
                if (!l.morselScan.next(l.raw)) {
                    l.morselScan = null;
                    continue;
                }
            } else if (l.reader == null) {
                int m = g.next.getAndIncrement();
                if (m >= g.morsels) return false;
                l.morsel = m;
                l.reader = table.openMorsel(ctx.transaction(), m, columnIds);
                continue;
            }
            if (g.scan == null && !l.reader.next(l.raw)) {
                l.reader = null;
                continue;
            }
            DataChunk raw = l.raw;
            int n = raw.size();
            if ((l.filter != null || !l.keyBits.isEmpty()) && n > 0) {
                int k = l.select(raw, l.sel, n);
                if (k < n) {
                    // Gather the selected rows into this thread's own vectors. Compacting the raw
                    // chunk in place was tried: its wrong NULLs (differential query 288) came from
                    // selections out of input order (fixed in Evaluator; in-place needs sel[i] >= i),
                    // and once correct it was not measurably faster on TPC-H Q1/6/14/19.
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
