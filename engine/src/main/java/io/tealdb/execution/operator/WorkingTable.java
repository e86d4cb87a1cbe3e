package io.tealdb.execution.operator;

import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * The rows one round of a recursive CTE reads: written by {@link RecursiveCteOperator} between
 * rounds, read by the {@link WorkingTableScanOperator}s of the recursive part. Run-time state shared
 * by operators of one physical plan; the physical plan is built fresh for every execution.
 */
public final class WorkingTable {
    private volatile List<DataChunk> chunks = List.of();

    public List<DataChunk> chunks() {
        return chunks;
    }

    void set(List<DataChunk> chunks) {
        this.chunks = List.copyOf(chunks);
    }
}
