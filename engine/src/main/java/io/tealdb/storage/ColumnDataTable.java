package io.tealdb.storage;

import io.tealdb.error.NotImplementedException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** Implementation of {@link DataTable} (being written). */
final class ColumnDataTable implements DataTable {
    private final TableSchema schema;

    ColumnDataTable(TableSchema schema) {
        this.schema = schema;
    }

    @Override public long estimatedRowCount() { return 0; }
    @Override public TableSchema schema() { return schema; }
    @Override public TableScan scan(Transaction txn, int[] columnIds, List<TableFilter> f) { throw new NotImplementedException("scan"); }
    @Override public ColumnStatistics statistics(int column) { throw new NotImplementedException("stats"); }
    @Override public void append(Transaction txn, DataChunk chunk) { throw new NotImplementedException("append"); }
    @Override public long delete(Transaction txn, long[] rowIds, int count) { throw new NotImplementedException("delete"); }
    @Override public void update(Transaction txn, long[] rowIds, int count, int[] columnIds, DataChunk v) { throw new NotImplementedException("update"); }
    @Override public DataTable withSchema(Transaction txn, TableSchema renamed) { throw new NotImplementedException("alter"); }
    @Override public DataTable withAddedColumn(Transaction txn, String name, LogicalType type, Value d) { throw new NotImplementedException("alter"); }
    @Override public DataTable withDroppedColumn(Transaction txn, int column) { throw new NotImplementedException("alter"); }
    @Override public DataTable withChangedColumnType(Transaction txn, int column, LogicalType t, int[] in, ColumnConverter c) { throw new NotImplementedException("alter"); }
    @Override public DataTable withNotNull(Transaction txn, int column, boolean notNull) { throw new NotImplementedException("alter"); }
}
