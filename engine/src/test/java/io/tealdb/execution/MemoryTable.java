package io.tealdb.execution;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.execution.operator.ScanProvider;
import io.tealdb.storage.DataTable;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.List;

/** Test fake of a stored table: rows in memory, split into morsels of {@code morselRows} rows. */
final class MemoryTable implements ScanProvider {
    final List<LogicalType> types;
    final List<Object[]> rows = new ArrayList<>();
    final int morselRows;

    MemoryTable(List<LogicalType> types, int morselRows) {
        this.types = types;
        this.morselRows = morselRows;
    }

    MemoryTable add(Object... row) {
        rows.add(row);
        return this;
    }

    TableEntry entry(String name) {
        List<ColumnDefinition> cols = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) cols.add(new ColumnDefinition("c" + i, types.get(i), false, null));
        return new TableEntry("main", name, cols, List.of(), asDataTable());
    }

    /**
     * A DataTable view of this fake (a dynamic proxy, so the fake does not break when storage's
     * interface grows) that is also a ScanProvider, which the table scan prefers.
     */
    DataTable asDataTable() {
        return (DataTable) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataTable.class, ScanProvider.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == ScanProvider.class) return method.invoke(this, args);
                    return switch (method.getName()) {
                        case "estimatedRowCount" -> estimatedRowCount();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "MemoryTable";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    long estimatedRowCount() {
        return rows.size();
    }

    @Override
    public int morselCount(Object transaction) {
        return (rows.size() + morselRows - 1) / morselRows;
    }

    @Override
    public MorselReader openMorsel(Object transaction, int morsel, int[] columnIds) {
        int end = Math.min(rows.size(), (morsel + 1) * morselRows);
        return new MorselReader() {
            int at = morsel * morselRows;

            @Override
            public boolean next(DataChunk out) {
                if (at >= end) return false;
                int n = Math.min(DataChunk.CAPACITY, end - at);
                for (int c = 0; c < columnIds.length; c++) {
                    out.column(c).reset();
                    for (int i = 0; i < n; i++) out.column(c).setObject(i, rows.get(at + i)[columnIds[c]]);
                }
                out.setSize(n);
                at += n;
                return true;
            }
        };
    }
}
