package io.tealdb.catalog;

import io.tealdb.types.LogicalType;

/**
 * A user type alias (CREATE TYPE name AS type). Like DuckDB, the alias stands for the resolved
 * {@code type} wherever it is used: a column or cast of an alias type simply has that type, so
 * dropping or replacing the alias later does not change existing columns.
 */
public record TypeEntry(String schema, String name, LogicalType type) implements CatalogEntry {
    @Override
    public EntryKind kind() {
        return EntryKind.TYPE;
    }
}
