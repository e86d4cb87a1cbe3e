package io.tealdb.catalog;

import io.tealdb.storage.DataTable;

import java.util.List;

/**
 * A table in the catalog: its definition plus its storage. Immutable: ALTER TABLE produces a new
 * entry (possibly sharing storage).
 */
public record TableEntry(String schema, String name, List<ColumnDefinition> columns,
                         List<TableConstraint> constraints, DataTable storage) implements CatalogEntry {
    @Override
    public EntryKind kind() {
        return EntryKind.TABLE;
    }

    public List<io.tealdb.types.LogicalType> types() {
        return columns.stream().map(ColumnDefinition::type).toList();
    }

    /** Index of the column named {@code column} (case-insensitive), or -1. */
    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) return i;
        }
        return -1;
    }
}
