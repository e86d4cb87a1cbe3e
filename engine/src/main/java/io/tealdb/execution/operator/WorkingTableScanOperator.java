package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** Reads the working table of a recursive CTE (the rows of the previous round). */
public final class WorkingTableScanOperator extends ChunkListSource {
    private final WorkingTable table;

    public WorkingTableScanOperator(List<LogicalType> types, WorkingTable table) {
        super(types, List.of(), -1);
        this.table = table;
    }

    @Override
    public String name() {
        return "RECURSIVE_CTE_SCAN";
    }

    @Override
    protected List<DataChunk> chunks(ExecutionContext ctx) {
        return table.chunks();
    }
}
