package io.tealdb.catalog;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A view: its defining query as SQL text (re-bound on use), the column aliases given in
 * {@code CREATE VIEW v(a, b) AS ...} (empty when none), and the column names and types the query
 * had when the view was created (the binder fills them; may be empty if unknown).
 */
public record ViewEntry(String schema, String name, String sql, List<String> aliases,
                        List<String> columnNames, List<LogicalType> columnTypes) implements CatalogEntry {
    public ViewEntry {
        aliases = List.copyOf(aliases);
        columnNames = List.copyOf(columnNames);
        columnTypes = List.copyOf(columnTypes);
    }

    @Override
    public EntryKind kind() {
        return EntryKind.VIEW;
    }
}
