package io.tealdb.session;

import io.tealdb.catalog.TableEntry;
import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * Appends chunks into a table's storage in the session's transaction, or, when none is open, in the
 * appender's own transaction that commits on {@link #flush()}, on close and every
 * {@value #CHUNKS_PER_COMMIT} chunks (DuckDB's appender flush size): bulk loading a persistent
 * database pays one log write and fsync per flush, not per chunk. A failed chunk rolls back the
 * rows since the last flush, as DuckDB invalidates its appender.
 */
final class TableAppenderImpl implements TableAppender {
    private final ClientContextImpl ctx;
    private final String schema;
    private final String table;
    private final List<LogicalType> types;
    /** The table's stored generated columns, computed over each appended chunk (null: none). */
    private final StoredColumns stored;
    private boolean closed;
    static final int CHUNKS_PER_COMMIT = 100;
    private io.tealdb.storage.MetaTransaction pending;
    private int pendingChunks;

    /** {@code given}: stored generated columns whose values the chunks hold (see {@link ClientContext#appender(String, String, java.util.Set)}). */
    TableAppenderImpl(ClientContextImpl ctx, String schema, String table, java.util.Set<String> given) {
        this.ctx = ctx;
        this.schema = schema;
        this.table = table;
        this.types = ctx.inTransaction(txn -> ctx.table(txn, schema, table).types());
        this.stored = ctx.inTransaction(txn -> StoredColumns.of(ctx, txn, ctx.table(txn, schema, table), given));
    }

    @Override
    public List<LogicalType> types() {
        return types;
    }

    @Override
    public void append(DataChunk rows) {
        if (closed) throw new InvalidInputException("appender is closed");
        if (rows.columnCount() != types.size()) {
            throw new InvalidInputException("appended chunk has " + rows.columnCount() + " columns, table has " + types.size());
        }
        for (int i = 0; i < types.size(); i++) {
            if (!rows.column(i).type.equals(types.get(i))) {
                throw new InvalidInputException("appended column " + i + " has type " + rows.column(i).type + ", expected " + types.get(i));
            }
        }
        if (rows.size() == 0) return;
        DataChunk chunk = stored == null ? rows : stored.fill(rows);
        if (ctx.inExplicitTransaction()) {
            ClientContextImpl.guard(() -> ctx.inTransaction(txn -> {
                TableEntry t = ctx.table(txn, schema, table);
                t.storage().append(txn, chunk);
                return null;
            }));
            return;
        }
        ClientContextImpl.guard(() -> {
            if (pending == null) {
                pending = ctx.beginTransaction();
                pendingChunks = 0;
            }
            try {
                TableEntry t = ctx.table(pending.root(), schema, table);
                t.storage().append(pending.root(), chunk);
            } catch (RuntimeException e) {
                io.tealdb.storage.MetaTransaction txn = pending;
                pending = null;
                ClientContextImpl.rollbackQuietly(txn, e);
                throw e;
            }
            return null;
        });
        if (++pendingChunks >= CHUNKS_PER_COMMIT) {
            flush();
        }
    }

    @Override
    public void flush() {
        if (pending == null) return;
        io.tealdb.storage.MetaTransaction txn = pending;
        pending = null;
        ClientContextImpl.guard(() -> {
            try {
                txn.commit();
            } catch (RuntimeException e) {
                ClientContextImpl.rollbackQuietly(txn, e);
                throw e;
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (closed) return;
        try {
            flush();
        } finally {
            closed = true;
            if (pending != null) {
                pending.rollback();
                pending = null;
            }
        }
    }
}
