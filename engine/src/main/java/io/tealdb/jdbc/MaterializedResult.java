package io.tealdb.jdbc;

import io.tealdb.session.QueryResult;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** A result built in memory (metadata result sets): rows of canonical values turned into chunks. */
final class MaterializedResult implements QueryResult {
    private final List<String> names;
    private final List<LogicalType> types;
    private final List<Object[]> rows;
    private int next;

    MaterializedResult(List<String> names, List<LogicalType> types, List<Object[]> rows) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.rows = rows;
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
        if (next >= rows.size()) {
            return null;
        }
        int n = Math.min(DataChunk.CAPACITY, rows.size() - next);
        DataChunk chunk = new DataChunk(types, Math.max(n, 1));
        for (int r = 0; r < n; r++) {
            Object[] row = rows.get(next + r);
            for (int c = 0; c < types.size(); c++) {
                chunk.column(c).setObject(r, row[c]);
            }
        }
        chunk.setSize(n);
        next += n;
        return chunk;
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
        next = rows.size();
    }
}
