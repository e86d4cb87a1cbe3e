package io.tealdb.storage;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * What storage needs to know about a table: names (for error messages), column types, NOT NULL
 * flags and the unique keys it enforces with hash indexes. Built by the catalog from a TableEntry
 * (storage sits below the catalog and cannot see its records).
 */
public record TableSchema(String tableName, List<String> columnNames, List<LogicalType> types,
                          List<Boolean> notNull, List<UniqueKey> keys) {
    /** A PRIMARY KEY or UNIQUE constraint over column indexes. */
    public record UniqueKey(List<Integer> columns, boolean primary) {
        public UniqueKey {
            columns = List.copyOf(columns);
        }
    }

    public TableSchema {
        columnNames = List.copyOf(columnNames);
        types = List.copyOf(types);
        notNull = List.copyOf(notNull);
        keys = List.copyOf(keys);
        if (columnNames.size() != types.size() || types.size() != notNull.size()) {
            throw new IllegalArgumentException("column names, types and NOT NULL flags differ in length");
        }
    }

    /** A schema without constraints. */
    public static TableSchema of(String tableName, List<String> columnNames, List<LogicalType> types) {
        return new TableSchema(tableName, columnNames, types, java.util.Collections.nCopies(types.size(), false), List.of());
    }

    public int columnCount() {
        return types.size();
    }
}
