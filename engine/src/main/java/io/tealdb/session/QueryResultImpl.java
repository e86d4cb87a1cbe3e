package io.tealdb.session;

import io.tealdb.execution.ResultStream;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A statement result: either a stream of chunks from a running query, a small materialized table
 * (SHOW, DESCRIBE, EXPLAIN), or just an update count. {@code onClose} ends what the result keeps
 * alive (the auto-commit transaction of a streaming query); it runs once, at end of data or close,
 * told whether the result ended without an error.
 */
final class QueryResultImpl implements QueryResult {
    private final List<String> names;
    private final List<LogicalType> types;
    private final long updateCount;
    private final boolean hasResultSet;
    private ResultStream stream;
    private final Deque<DataChunk> chunks;
    private java.util.function.Consumer<Boolean> onClose;
    private boolean closed;

    private QueryResultImpl(List<String> names, List<LogicalType> types, long updateCount, boolean hasResultSet,
                            ResultStream stream, Deque<DataChunk> chunks, java.util.function.Consumer<Boolean> onClose) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.updateCount = updateCount;
        this.hasResultSet = hasResultSet;
        this.stream = stream;
        this.chunks = chunks;
        this.onClose = onClose;
    }

    static QueryResultImpl streaming(List<String> names, List<LogicalType> types, ResultStream stream, java.util.function.Consumer<Boolean> onClose) {
        return new QueryResultImpl(names, types, -1, true, stream, null, onClose);
    }

    static QueryResultImpl updateCount(long count) {
        return new QueryResultImpl(List.of(), List.of(), count, false, null, new ArrayDeque<>(), null);
    }

    static QueryResultImpl empty() {
        return updateCount(-1);
    }

    static QueryResultImpl materialized(List<String> names, List<LogicalType> types, List<List<Value>> rows) {
        return new QueryResultImpl(names, types, -1, true, null, new ArrayDeque<>(toChunks(types, rows)), null);
    }

    static QueryResultImpl materializedChunks(List<String> names, List<LogicalType> types, List<DataChunk> chunks) {
        return new QueryResultImpl(names, types, -1, true, null, new ArrayDeque<>(chunks), null);
    }

    /** Builds chunks of at most {@link DataChunk#CAPACITY} rows from values (small, non-hot-path results). */
    static List<DataChunk> toChunks(List<LogicalType> types, List<List<Value>> rows) {
        java.util.ArrayList<DataChunk> out = new java.util.ArrayList<>();
        for (int start = 0; start < rows.size(); start += DataChunk.CAPACITY) {
            int n = Math.min(DataChunk.CAPACITY, rows.size() - start);
            DataChunk chunk = new DataChunk(types);
            for (int c = 0; c < types.size(); c++) {
                Vector v = chunk.column(c);
                for (int r = 0; r < n; r++) {
                    Value val = rows.get(start + r).get(c);
                    if (val == null || val.isNull()) v.setNull(r);
                    else v.setObject(r, val.object());
                }
            }
            chunk.setSize(n);
            out.add(chunk);
        }
        return out;
    }

    @Override
    public List<String> columnNames() {
        return names;
    }

    @Override
    public List<LogicalType> columnTypes() {
        return types;
    }

    /** The statement's text, named by errors that surface while the result streams (may be null). */
    private String statement;

    QueryResultImpl statement(String sql) {
        this.statement = sql;
        return this;
    }

    @Override
    public DataChunk nextChunk() {
        if (closed) return null;
        if (stream != null) {
            DataChunk c;
            try {
                c = ClientContextImpl.guard(stream::next, statement);
            } catch (RuntimeException e) {
                close(false);
                throw e;
            }
            if (c == null) close(true);
            return c;
        }
        return chunks.pollFirst();
    }

    @Override
    public void recycle(DataChunk chunk) {
        ResultStream s = stream;
        if (s != null && !closed) s.recycle(chunk);
    }

    @Override
    public long updateCount() {
        return updateCount;
    }

    @Override
    public boolean hasResultSet() {
        return hasResultSet;
    }

    @Override
    public void close() {
        close(true);
    }

    private void close(boolean success) {
        if (closed) return;
        closed = true;
        try {
            if (stream != null) stream.close();
        } finally {
            stream = null;
            java.util.function.Consumer<Boolean> r = onClose;
            onClose = null;
            if (r != null) r.accept(success);
        }
    }
}
