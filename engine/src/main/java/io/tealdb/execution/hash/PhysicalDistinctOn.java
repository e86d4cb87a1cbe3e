package io.tealdb.execution.hash;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSinkState;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSinkState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.vector.RowCompare;
import io.tealdb.execution.Sink;
import io.tealdb.execution.SinkResult;
import io.tealdb.execution.Source;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DISTINCT ON (keys) [ORDER BY ...]: one row per distinct key — the first in the given order (any
 * row without ORDER BY). Each thread keeps, per key group, its best row so far (only improving rows
 * are stored); finalize merges the threads' winners the same way; the source emits the winners.
 */
public final class PhysicalDistinctOn extends PhysicalOperator implements Sink, Source {
    private final List<PhysicalExpr> keys;
    private final List<PhysicalExpr> orders;
    private final boolean[] ascending;
    private final boolean[] nullsFirst;

    public PhysicalDistinctOn(PhysicalOperator child, List<PhysicalExpr> keys, List<PhysicalExpr> orders,
                              boolean[] ascending, boolean[] nullsFirst) {
        super(child.types(), List.of(child), child.estimatedCardinality());
        this.keys = List.copyOf(keys);
        this.orders = List.copyOf(orders);
        this.ascending = ascending.clone();
        this.nullsFirst = nullsFirst.clone();
    }

    @Override
    public String name() {
        return "DISTINCT_ON";
    }

    @Override
    public List<String> details() {
        List<String> d = new ArrayList<>();
        for (PhysicalExpr k : keys) d.add(k.toString());
        return d;
    }

    private final class Best implements LocalSinkState {
        final GroupHashMap map = new GroupHashMap(keys.stream().map(PhysicalExpr::type).toList(), 1024);
        final ColumnStore rows;
        final int childColumns = types().size();
        int[] best = new int[1024];

        {
            Arrays.fill(best, -1);
        }
        final ExpressionExecutor keyExec;
        final ExpressionExecutor orderExec;
        final int[] ids = new int[DataChunk.CAPACITY];
        final int[] winner = new int[DataChunk.CAPACITY];
        final int[] touched = new int[DataChunk.CAPACITY];
        int[] chunkWinner = new int[1024];
        final Vector[] keyVectors = new Vector[keys.size()];
        final Vector[] orderVectors = new Vector[orders.size()];
        final Vector[] all;

        Best(ExecutionContext ctx) {
            List<LogicalType> t = new ArrayList<>(types());
            for (PhysicalExpr o : orders) t.add(o.type());
            rows = new ColumnStore(t, 1024);
            keyExec = new ExpressionExecutor(ctx, keys);
            orderExec = new ExpressionExecutor(ctx, orders);
            Arrays.fill(chunkWinner, -1);
            all = new Vector[t.size()];
        }

        void add(DataChunk chunk, Vector[] orderValues) {
            int n = chunk.size();
            for (int k = 0; k < keyVectors.length; k++) keyVectors[k] = keyExec.execute(k, chunk);
            int groups = map.findOrCreate(keyVectors, n, ids);
            if (best.length < groups) {
                int old = best.length;
                best = Arrays.copyOf(best, Math.max(groups, old * 2));
                Arrays.fill(best, old, best.length, -1);
            }
            if (chunkWinner.length < groups) {
                int old = chunkWinner.length;
                chunkWinner = Arrays.copyOf(chunkWinner, Math.max(groups, old * 2));
                Arrays.fill(chunkWinner, old, chunkWinner.length, -1);
            }
            // best row of this chunk per group
            int t = 0;
            for (int i = 0; i < n; i++) {
                int g = ids[i];
                int w = chunkWinner[g];
                if (w < 0) {
                    chunkWinner[g] = i;
                    touched[t++] = g;
                } else if (!orders.isEmpty()
                        && RowCompare.compareRows(orderValues, i, orderValues, w, ascending, nullsFirst) < 0) {
                    chunkWinner[g] = i;
                }
            }
            int k = 0;
            for (int j = 0; j < t; j++) {
                int g = touched[j];
                int w = chunkWinner[g];
                chunkWinner[g] = -1;
                if (best[g] < 0 || (!orders.isEmpty() && compareStored(orderValues, w, best[g]) < 0)) {
                    winner[k] = w;
                    touched[k++] = g;
                }
            }
            if (k == 0) return;
            System.arraycopy(chunk.columns(), 0, all, 0, childColumns);
            System.arraycopy(orderValues, 0, all, childColumns, orderValues.length);
            int at = rows.append(all, winner, k);
            for (int j = 0; j < k; j++) best[touched[j]] = at + j;
        }

        /** Order of chunk row i relative to stored row r: negative when i comes first. */
        private int compareStored(Vector[] orderValues, int i, int r) {
            for (int o = 0; o < orderValues.length; o++) {
                GrowableColumn col = rows.column(childColumns + o);
                boolean vn = orderValues[o].isNull(i);
                boolean sn = col.isNull(r);
                if (vn || sn) {
                    if (vn && sn) continue;
                    return vn == nullsFirst[o] ? -1 : 1;
                }
                int c = -col.compareTo(r, orderValues[o], i);
                if (c != 0) return ascending[o] ? c : -c;
            }
            return 0;
        }

        void addChunk(DataChunk chunk) {
            for (int o = 0; o < orderVectors.length; o++) orderVectors[o] = orderExec.execute(o, chunk);
            add(chunk, orderVectors);
        }
    }

    private static final class Global implements GlobalSinkState {
        /**
         * Guards combine. A ReentrantLock, not a monitor: Temurin 25.0.3 can leave a virtual thread
         * blocked on a contended monitor forever (JDK-8373120, fixed in 25.0.4), and workers are
         * virtual threads.
         */
        final java.util.concurrent.locks.ReentrantLock combineLock = new java.util.concurrent.locks.ReentrantLock();
        final List<Object> locals = new ArrayList<>();
        Object merged;
    }

    @Override
    public GlobalSinkState globalSinkState(ExecutionContext ctx) {
        return new Global();
    }

    @Override
    public LocalSinkState localSinkState(ExecutionContext ctx, GlobalSinkState global) {
        return new Best(ctx);
    }

    @Override
    public SinkResult sink(ExecutionContext ctx, DataChunk chunk, GlobalSinkState global, LocalSinkState local) {
        ((Best) local).addChunk(chunk);
        return SinkResult.NEED_MORE_INPUT;
    }

    @Override
    public void combine(ExecutionContext ctx, GlobalSinkState global, LocalSinkState local) {
        Global g = (Global) global;
        g.combineLock.lock();
        try {
            g.locals.add(local);
        } finally {
            g.combineLock.unlock();
        }
    }

    @Override
    public void finalize(ExecutionContext ctx, GlobalSinkState global) {
        Global g = (Global) global;
        Best merged;
        if (g.locals.isEmpty()) {
            merged = new Best(ctx);
        } else {
            merged = (Best) g.locals.get(0);
        }
        int childCols = types().size();
        for (int i = 1; i < g.locals.size(); i++) {
            Best other = (Best) g.locals.get(i);
            int groups = other.map.groupCount();
            Vector[] v = new Vector[other.rows.columnCount()];
            for (int from = 0; from < groups; from += DataChunk.CAPACITY) {
                int n = Math.min(DataChunk.CAPACITY, groups - from);
                int[] rowIds = Arrays.copyOfRange(other.best, from, from + n);
                for (int c = 0; c < v.length; c++) {
                    v[c] = new Vector(other.rows.column(c).type, DataChunk.CAPACITY);
                    other.rows.column(c).gather(rowIds, n, v[c], 0);
                }
                DataChunk childChunk = new DataChunk(Arrays.copyOf(v, childCols), n);
                merged.add(childChunk, Arrays.copyOfRange(v, childCols, v.length));
            }
        }
        g.locals.clear();
        g.merged = merged;
    }

    private static final class ScanGlobal implements GlobalSourceState {
        final AtomicInteger next = new AtomicInteger();
    }

    private static final class ScanLocal implements LocalSourceState {
        Vector[] vectors;
        final int[] rows = new int[DataChunk.CAPACITY];
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
        Best merged = (Best) ((Global) ctx.sinkState(this)).merged;
        ScanLocal l = (ScanLocal) local;
        int from = ((ScanGlobal) global).next.getAndAdd(DataChunk.CAPACITY);
        int groups = merged.map.groupCount();
        if (from >= groups) return false;
        int n = Math.min(DataChunk.CAPACITY, groups - from);
        if (l.vectors == null) {
            l.vectors = new Vector[types().size()];
            for (int c = 0; c < l.vectors.length; c++) l.vectors[c] = new Vector(types().get(c), DataChunk.CAPACITY);
        }
        System.arraycopy(merged.best, from, l.rows, 0, n);
        for (int c = 0; c < l.vectors.length; c++) {
            l.vectors[c].reset();
            merged.rows.column(c).gather(l.rows, n, l.vectors[c], 0);
            out.setColumn(c, l.vectors[c]);
        }
        out.setSize(n);
        return true;
    }
}
