package io.tealdb.session;

import io.tealdb.catalog.TableEntry;
import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** Appends chunks into a table's storage in the session's transaction (auto-committed per chunk otherwise). */
final class TableAppenderImpl implements TableAppender {
    private final ClientContextImpl ctx;
    private final String schema;
    private final String table;
    private final List<LogicalType> types;
    private boolean closed;

    TableAppenderImpl(ClientContextImpl ctx, String schema, String table) {
        this.ctx = ctx;
        this.schema = schema;
        this.table = table;
        this.types = ctx.inTransaction(txn -> ctx.table(txn, schema, table).types());
    }

    @Override
    public List<LogicalType> types() {
        return types;
    }

    @Override
    public void append(DataChunk chunk) {
        if (closed) throw new InvalidInputException("appender is closed");
        if (chunk.columnCount() != types.size()) {
            throw new InvalidInputException("appended chunk has " + chunk.columnCount() + " columns, table has " + types.size());
        }
        for (int i = 0; i < types.size(); i++) {
            if (!chunk.column(i).type.equals(types.get(i))) {
                throw new InvalidInputException("appended column " + i + " has type " + chunk.column(i).type + ", expected " + types.get(i));
            }
        }
        if (chunk.size() == 0) return;
        ClientContextImpl.guard(() -> ctx.inTransaction(txn -> {
            TableEntry t = ctx.table(txn, schema, table);
            t.storage().append(txn, chunk);
            return null;
        }));
    }

    @Override
    public void close() {
        closed = true;
    }
}
