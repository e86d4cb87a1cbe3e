package io.tealdb.server.pg;

import io.tealdb.session.QueryResult;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.ArrayDeque;
import java.util.List;

/** The remaining chunks of a suspended portal, held in memory while the session runs other statements. */
final class ParkedResult implements QueryResult {
    private final List<String> names;
    private final List<LogicalType> types;
    private final ArrayDeque<DataChunk> chunks;

    /** What is left of {@code result}: the unread rows of {@code current} from {@code row} on, then every chunk not yet read. */
    static List<DataChunk> remaining(QueryResult result, DataChunk current, int row) {
        List<DataChunk> rest = new java.util.ArrayList<>();
        if (current != null && row < current.size()) {
            int n = current.size() - row;
            int[] sel = new int[n];
            for (int i = 0; i < n; i++) sel[i] = row + i;
            rest.add(current.gather(sel, n));
        }
        for (DataChunk c = result.nextChunk(); c != null; c = result.nextChunk()) rest.add(c);
        return rest;
    }

    ParkedResult(QueryResult from, List<DataChunk> rest) {
        this.names = from.columnNames();
        this.types = from.columnTypes();
        this.chunks = new ArrayDeque<>(rest);
    }

    @Override
    public List<String> columnNames() {
        return names;
    }

    @Override
    public List<LogicalType> columnTypes() {
        return types;
    }

    @Override
    public DataChunk nextChunk() {
        return chunks.poll();
    }

    @Override
    public long updateCount() {
        return -1;
    }

    @Override
    public boolean hasResultSet() {
        return true;
    }

    @Override
    public void close() {
        chunks.clear();
    }
}
