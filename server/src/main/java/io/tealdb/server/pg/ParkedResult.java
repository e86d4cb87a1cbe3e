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
