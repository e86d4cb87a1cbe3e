package io.tealdb.server.pg;

import io.tealdb.session.QueryResult;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * A small result the protocol layer answers itself (SHOW of a PostgreSQL setting, and statements
 * without rows such as SET or BEGIN), so that every statement flows through the same
 * {@link QueryResult} path as the engine's results.
 */
final class RowsResult implements QueryResult {
    private final List<String> names;
    private final List<LogicalType> types;
    private DataChunk chunk;

    private RowsResult(List<String> names, List<String[]> rows) {
        this.names = names;
        List<LogicalType> t = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) t.add(LogicalType.VARCHAR);
        this.types = t;
        if (!names.isEmpty() && !rows.isEmpty()) {
            Vector[] cols = new Vector[names.size()];
            for (int c = 0; c < cols.length; c++) {
                cols[c] = new Vector(LogicalType.VARCHAR, Math.max(rows.size(), 1));
                for (int r = 0; r < rows.size(); r++) {
                    String s = rows.get(r)[c];
                    if (s == null) cols[c].setNull(r);
                    else cols[c].setString(r, s);
                }
            }
            chunk = new DataChunk(cols, rows.size());
        }
    }

    static RowsResult rows(List<String> names, List<String[]> rows) {
        return new RowsResult(names, rows);
    }

    static RowsResult none() {
        return new RowsResult(List.of(), List.of());
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
        DataChunk c = chunk;
        chunk = null;
        return c;
    }

    @Override
    public long updateCount() {
        return -1;
    }

    @Override
    public boolean hasResultSet() {
        return !names.isEmpty();
    }

    @Override
    public void close() {
        chunk = null;
    }
}
