package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Source;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Reads the working table of a recursive CTE (the rows of the previous round). */
public final class WorkingTableScanOperator extends PhysicalOperator implements Source {
    private final WorkingTable table;

    public WorkingTableScanOperator(List<LogicalType> types, WorkingTable table) {
        super(types, List.of(), -1);
        this.table = table;
    }

    @Override
    public String name() {
        return "RECURSIVE_CTE_SCAN";
    }

    private record Global(List<DataChunk> chunks, AtomicInteger next) implements GlobalSourceState {
    }

    private static final class Local implements LocalSourceState {
        long batch;

        @Override
        public long batchIndex() {
            return batch;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new Global(table.chunks(), new AtomicInteger());
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new Local();
    }

    @Override
    public boolean supportsBatchIndex() {
        return true;
    }

    @Override
    public int maxThreads(GlobalSourceState global) {
        return Math.max(1, ((Global) global).chunks.size());
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        int i = g.next.getAndIncrement();
        if (i >= g.chunks.size()) return false;
        ((Local) local).batch = i;
        DataChunk c = g.chunks.get(i);
        for (int col = 0; col < out.columnCount(); col++) out.setColumn(col, c.column(col));
        out.setSize(c.size());
        return true;
    }
}
